"""Who may do what in prevention, from role assignments (never ad-hoc flags)."""

from __future__ import annotations

from netra.accounts.models import Role
from netra.accounts.scoping import assignments_of, roles_of
from netra.regions.models import Region
from netra.registry.models import Asn, Unit

# Officers who organise prevention work over their own area.
ORGANISERS = (Role.INSPEKTORAT, Role.CAMAT, Role.LURAH)


def _is_admin(user: object) -> bool:
    return Role.ADMIN in roles_of(user)


def covers(user: object, region: Region, roles: tuple[str, ...]) -> bool:
    """Whether ``user`` holds one of ``roles`` over a region containing ``region``."""
    if not getattr(user, "is_authenticated", False):
        return False
    if _is_admin(user):
        return True
    return any(
        a.role in roles and a.region is not None and a.region.contains(region)
        for a in assignments_of(user)  # type: ignore[arg-type]
    )


def is_organiser(user: object) -> bool:
    return bool(roles_of(user) & {Role.ADMIN, *ORGANISERS})


def can_open_pact(user: object, region: Region) -> bool:
    """Administrators, and the Inspektorat/BKPSDM over the region."""
    return covers(user, region, (Role.INSPEKTORAT,))


def can_remind(user: object, region: Region) -> bool:
    """Organisers over the unit's or kecamatan's region may send reminders."""
    return covers(user, region, ORGANISERS)


def can_organise_briefing(user: object, region: Region) -> bool:
    return covers(user, region, ORGANISERS)


def can_view_city_close_out(user: object, region: Region) -> bool:
    return covers(user, region, (Role.INSPEKTORAT, Role.BAWASLU, Role.BKN))


def asn_of(user: object) -> Asn | None:
    """The ASN record linked to this login, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.asn  # type: ignore[attr-defined]
    except Asn.DoesNotExist:
        return None


def head_of(user: object, unit: Unit) -> Asn | None:
    """The user's ASN record if they are the active head of ``unit``, else None."""
    asn = asn_of(user)
    if asn is None or not asn.is_active or not asn.is_head_of_unit or asn.unit_id != unit.pk:
        return None
    return asn
