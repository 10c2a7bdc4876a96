"""Reads of elections, scoped to the user."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from netra.accounts.models import Role
from netra.accounts.scoping import assignments_of, roles_of, scope_of
from netra.regions.models import Region
from netra.regions.selectors import ancestor_codes

from .models import Election


def elections_visible_to(user: object) -> QuerySet[Election]:
    """Elections held over the user's regions or over a region containing them.

    A camat in Kota Malang sees the Pilkada Kota Malang and national elections; a
    Bawaslu user tied to one election sees only that one.
    """
    if not getattr(user, "is_authenticated", False):
        return Election.objects.none()
    scope = scope_of(user)
    if scope.everywhere:
        return Election.objects.all()
    assignments = assignments_of(user)  # type: ignore[arg-type]
    pinned = [a.election_id for a in assignments if a.role == Role.BAWASLU and a.election_id]
    codes: set[str] = set()
    for region in scope.regions:
        codes.add(region.code)
        codes.update(ancestor_codes(region.code))
    if Role.ASN in roles_of(user):
        asn = getattr(user, "asn", None)
        if asn is not None:
            own = asn.unit.region.code
            codes.add(own)
            codes.update(ancestor_codes(own))
    q = Q(region__isnull=True) | Q(region__code__in=codes)
    for region in scope.regions:
        q |= Q(region__code__startswith=f"{region.code}.")
    qs = Election.objects.filter(q)
    if pinned and all(a.role == Role.BAWASLU for a in assignments):
        qs = qs.filter(pk__in=pinned)
    return qs.select_related("region")


def can_manage_election(
    user: object, *, election: Election | None = None, region: Region | None = None
) -> bool:
    """Whether ``user`` may edit the election's pairs and schedule.

    Administrators may edit every election; the Inspektorat may edit elections held
    over a region inside its own (a Pilkada of its kota). National elections are for
    administrators only. ``region`` is the election's region (for a new election).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    roles = roles_of(user)
    if Role.ADMIN in roles:
        return True
    if Role.INSPEKTORAT not in roles:
        return False
    target = election.region if election is not None else region
    if target is None:
        return False
    return any(
        a.role == Role.INSPEKTORAT and a.region is not None and a.region.contains(target)
        for a in assignments_of(user)  # type: ignore[arg-type]
    )
