"""One demo login per role, each scoped the way a real deployment would scope it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netra.accounts.models import Role, RoleAssignment, User
from netra.accounts.services import assign_role, create_user
from netra.elections.models import Election
from netra.regions.models import Region
from netra.registry.models import Asn
from netra.registry.services import link_asn_user

# Printed on the terminal by `netra demo`; for the local demo only, never a deployment.
DEMO_PASSWORD = "netra-demo-2024"  # noqa: S105 - a published demo password


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    scope: str
    created: bool


@dataclass(frozen=True)
class RoleUser:
    role: str
    username: str
    region: str | None
    scope: str
    head_of: str = ""  # the user is named after the head of this unit


SPECS = (
    RoleUser(Role.ADMIN, "admin", None, "semua data, admin Django"),
    RoleUser(Role.INSPEKTORAT, "inspektorat", "35.73", "Kota Malang", "mlg-inspektorat"),
    RoleUser(Role.CAMAT, "camat", "35.73.05", "Kecamatan Lowokwaru", "mlg-kec-lowokwaru"),
    RoleUser(Role.LURAH, "lurah", "35.73.05.1004", "Kelurahan Dinoyo", "mlg-kel-dinoyo"),
    RoleUser(Role.BAWASLU, "bawaslu", "35.73", "Pilkada Kota Malang 2024 saja"),
    RoleUser(Role.BKN, "bkn", None, "nasional"),
    RoleUser(Role.ASN, "asn", None, "data dirinya sendiri"),
)
ASN_UNIT = "mlg-sdn-dinoyo-1"


def _full_name(spec: RoleUser) -> str:
    if spec.head_of:
        head = Asn.objects.filter(unit__code=spec.head_of, is_head_of_unit=True).first()
        if head is not None:
            return head.name
    names: dict[str, str] = {
        Role.ADMIN: "Administrator Netra",
        Role.BAWASLU: "Bawaslu Kota Malang",
        Role.BKN: "BKN (pengawasan netralitas ASN)",
    }
    return names.get(spec.role, "")


def _demo_asn() -> Asn | None:
    """A teacher at SD Negeri Dinoyo 1 (inside the lurah's kelurahan), fixed by NIP order."""
    return (
        Asn.objects.filter(unit__code=ASN_UNIT, is_head_of_unit=False, is_active=True)
        .order_by("nip")
        .first()
    )


def seed_users(*, actor: Any, election: Election) -> list[DemoLogin]:
    """Create the missing demo users and roles; existing users keep their password."""
    logins: list[DemoLogin] = []
    for spec in SPECS:
        user = User.objects.filter(username=spec.username).first()
        created = user is None
        asn = _demo_asn() if spec.role == Role.ASN else None
        if user is None:
            user = create_user(
                actor=actor,
                username=spec.username,
                password=DEMO_PASSWORD,
                full_name=asn.name if asn is not None else _full_name(spec),
                is_superuser=spec.role == Role.ADMIN,
            )
        region = Region.objects.get(code=spec.region) if spec.region else None
        if not RoleAssignment.objects.filter(user=user, role=spec.role, region=region).exists():
            assign_role(
                actor=actor,
                user=user,
                role=spec.role,
                region=region,
                election=election if spec.role == Role.BAWASLU else None,
            )
        if asn is not None and asn.user_id is None and not Asn.objects.filter(user=user).exists():
            link_asn_user(actor=actor, asn=asn, user=user)
        logins.append(DemoLogin(str(spec.role), spec.username, spec.scope, created))
    return logins
