from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from .selectors import asn_visible_to, units_visible_to

router = Router(tags=["registry"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    region_code: str

    @staticmethod
    def resolve_region_code(obj: object) -> str:
        return obj.region.code  # type: ignore[attr-defined]


class AsnOut(Schema):
    nip: str
    name: str
    asn_type: str
    position: str
    grade: str
    unit_code: str
    is_head_of_unit: bool

    @staticmethod
    def resolve_unit_code(obj: object) -> str:
        return obj.unit.code  # type: ignore[attr-defined]


@router.get("/units", response=list[UnitOut])
@paginate
def list_units(request: HttpRequest) -> object:
    """Units inside the caller's regions."""
    return units_visible_to(request.user)


@router.get("/asn", response=list[AsnOut])
@paginate
def list_asn(request: HttpRequest, q: str | None = None) -> object:
    """ASN inside the caller's regions; ``q`` searches name or NIP prefix."""
    qs = asn_visible_to(request.user)
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(name__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    return qs
