"""Reads of units and ASN, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from netra.accounts.models import Role
from netra.accounts.scoping import region_filter, roles_of
from netra.regions.models import Level, within_q
from netra.regions.selectors import regions_visible_to

from .models import Asn, SocialAccount, Unit


def units_visible_to(user: object) -> QuerySet[Unit]:
    """Units located inside the user's regions (an ASN sees their own unit)."""
    q = region_filter(user, "region__code")
    if Role.ASN in roles_of(user):
        q |= Q(staff__user=user)
    return Unit.objects.filter(q).distinct().select_related("region", "parent")


def asn_visible_to(user: object) -> QuerySet[Asn]:
    """ASN working in units inside the user's regions; an ASN sees only themself."""
    q = region_filter(user, "unit__region__code")
    if Role.ASN in roles_of(user):
        q |= Q(user=user)
    return Asn.objects.filter(q).select_related("unit", "unit__region")


def own_asn(user: object) -> Asn | None:
    """The ASN record a self-service user is linked to, if they hold the ASN role."""
    if Role.ASN not in roles_of(user):
        return None
    return Asn.objects.filter(user=user).select_related("unit").first()  # type: ignore[misc]


def own_social_accounts(user: object) -> QuerySet[SocialAccount]:
    """The accounts the user declared as an ASN (none for other users)."""
    asn = own_asn(user)
    if asn is None:
        return SocialAccount.objects.none()
    return asn.social_accounts.all()


def kecamatan_choices(user: object) -> list[tuple[str, str]]:
    """(code, label) of every kecamatan inside the user's scope, for list filters."""
    return [
        (r.code, f"{r.name} — {r.parent.name}" if r.parent else r.name)
        for r in regions_visible_to(user).filter(level=Level.KECAMATAN)
    ]


def filter_units(
    units: QuerySet[Unit], *, q: str = "", kecamatan: str = "", kind: str = ""
) -> QuerySet[Unit]:
    """Narrow an already scoped unit queryset by search text, kecamatan and kind."""
    if q:
        units = units.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if kecamatan:
        units = units.filter(within_q([_Code(kecamatan)], "region__code"))
    if kind:
        units = units.filter(kind=kind)
    return units


def filter_asn(
    staff: QuerySet[Asn], *, q: str = "", kecamatan: str = "", kind: str = ""
) -> QuerySet[Asn]:
    """Narrow an already scoped ASN queryset by name/NIP, kecamatan and unit kind."""
    if q:
        staff = staff.filter(Q(name__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    if kecamatan:
        staff = staff.filter(within_q([_Code(kecamatan)], "unit__region__code"))
    if kind:
        staff = staff.filter(unit__kind=kind)
    return staff


class _Code:
    """A region reference by code alone, as ``within_q`` takes region objects."""

    def __init__(self, code: str) -> None:
        self.code = code
