"""Reads of units and ASN, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from netra.accounts.models import Role
from netra.accounts.scoping import region_filter, roles_of, scope_of

from .models import Asn, Unit


def units_visible_to(user: object) -> QuerySet[Unit]:
    """Units located inside the user's regions (an ASN sees their own unit)."""
    q = region_filter(user, "region__code") if not scope_of(user).nothing else Q(pk__in=[])
    if Role.ASN in roles_of(user):
        q |= Q(staff__user=user)
    return Unit.objects.filter(q).distinct().select_related("region", "parent")


def asn_visible_to(user: object) -> QuerySet[Asn]:
    """ASN working in units inside the user's regions; an ASN sees only themself."""
    q = region_filter(user, "unit__region__code") if not scope_of(user).nothing else Q(pk__in=[])
    if Role.ASN in roles_of(user):
        q |= Q(user=user)
    return Asn.objects.filter(q).select_related("unit", "unit__region")
