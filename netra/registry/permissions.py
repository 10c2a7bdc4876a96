"""Who may do what in the registry, beyond seeing it (seeing is the selectors' job)."""

from __future__ import annotations

from netra.accounts.models import Role
from netra.accounts.scoping import roles_of

IMPORT_ROLES = frozenset({Role.ADMIN, Role.INSPEKTORAT})


def can_import(user: object) -> bool:
    """Bulk imports change many people's records: Inspektorat/BKPSDM and admins only."""
    return bool(roles_of(user) & IMPORT_ROLES)
