"""What part of the country a user may see.

The one place that turns role assignments into query filters. Selectors in every app
call :func:`region_filter` with the lookup path to a region code, so a new app gets
the same scoping rules for free.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from netra.regions.models import Region, within_q

from .models import Role, RoleAssignment, User

# Roles that see data by region (everything inside the assigned region).
REGIONAL_ROLES = (Role.INSPEKTORAT, Role.CAMAT, Role.LURAH, Role.BAWASLU, Role.BKN)


@dataclass(frozen=True)
class Scope:
    """The regions a user may see; ``everywhere`` for admins and national BKN."""

    everywhere: bool
    regions: tuple[Region, ...]

    @property
    def nothing(self) -> bool:
        return not self.everywhere and not self.regions


def scope_of(user: User | object) -> Scope:
    if not getattr(user, "is_authenticated", False):
        return Scope(False, ())
    assert isinstance(user, User)
    if user.is_superuser:
        return Scope(True, ())
    regions: list[Region] = []
    for assignment in assignments_of(user):
        if assignment.role == Role.ADMIN:
            return Scope(True, ())
        if assignment.role == Role.BKN and assignment.region is None:
            return Scope(True, ())
        if assignment.role in REGIONAL_ROLES and assignment.region is not None:
            regions.append(assignment.region)
    return Scope(False, tuple(regions))


def assignments_of(user: User) -> list[RoleAssignment]:
    # Cached on the user object for the request: every selector asks.
    cached: list[RoleAssignment] | None = getattr(user, "_netra_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("region", "election"))
        user._netra_assignments = cached  # type: ignore[attr-defined]
    return cached


def roles_of(user: User | object) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    assert isinstance(user, User)
    roles = {a.role for a in assignments_of(user)}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def region_filter(user: User | object, code_field: str) -> Q:
    """A Q that keeps rows whose region (reached by ``code_field``) the user may see.

    ``code_field`` is a lookup path ending at a region code, e.g.
    ``"unit__region__code"``. Users with no regional role match nothing.
    """
    scope = scope_of(user)
    if scope.everywhere:
        return Q()
    return within_q(scope.regions, code_field)
