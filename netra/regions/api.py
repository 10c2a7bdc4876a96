from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from .models import Region
from .selectors import regions_visible_to

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    level: str
    name: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj: Region) -> str | None:
        return obj.parent.code if obj.parent_id else None  # type: ignore[union-attr]


@router.get("/", response=list[RegionOut])
@paginate
def list_regions(request: HttpRequest, level: str | None = None) -> object:
    """Regions inside the caller's scope, optionally of one level."""
    qs = regions_visible_to(request.user)
    if level:
        qs = qs.filter(level=level)
    return qs
