"""Fixtures for prevention tests: two kecamatan of Kota Malang, units, ASN with logins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from netra.accounts.models import Role, RoleAssignment, User
from netra.elections.models import Election
from netra.prevention.loading import load_pact_templates
from netra.prevention.models import PactTemplate
from netra.registry.models import Asn, Unit, UnitKind
from netra.testing.factories import (
    AsnFactory,
    ElectionFactory,
    UnitFactory,
    UserFactory,
    region,
    user_with_role,
)

LOWOKWARU = "35.73.05"
KLOJEN = "35.73.02"


def asn_with_login(unit: Unit, *, head: bool = False, email: str = "", **kwargs: Any) -> Asn:
    """An ASN of ``unit`` who can log in (role ASN, linked account)."""
    user = UserFactory.create(email=email)
    RoleAssignment.objects.create(user=user, role=Role.ASN)
    asn = AsnFactory.create(unit=unit, user=user, is_head_of_unit=head, **kwargs)
    user.full_name = asn.name
    user.save(update_fields=["full_name"])
    return asn


def user_of(asn: Asn) -> User:
    """The login of an ASN made by :func:`asn_with_login`."""
    assert asn.user is not None
    return asn.user


@dataclass
class City:
    election: Election
    inspektorat: User
    camat_lowokwaru: User
    camat_klojen: User
    kel_tunggulwulung: Unit
    kel_merjosari: Unit
    kel_klojen: Unit
    dinas: Unit


@pytest.fixture
def city(regions: None) -> City:
    """Kota Malang: two kelurahan offices in Lowokwaru, one in Klojen, one city OPD."""
    # Migrations load the templates; a transactional test's flush removes them again.
    load_pact_templates(PactTemplate)
    return City(
        election=ElectionFactory.create(),
        inspektorat=user_with_role(Role.INSPEKTORAT, "35.73", username="inspektur"),
        camat_lowokwaru=user_with_role(Role.CAMAT, LOWOKWARU, username="camat-lowokwaru"),
        camat_klojen=user_with_role(Role.CAMAT, KLOJEN, username="camat-klojen"),
        kel_tunggulwulung=UnitFactory.create(
            code="kel-tunggulwulung",
            name="Kantor Kelurahan Tunggulwulung",
            kind=UnitKind.KELURAHAN,
            region=region("35.73.05.1001"),
        ),
        kel_merjosari=UnitFactory.create(
            code="kel-merjosari",
            name="Kantor Kelurahan Merjosari",
            kind=UnitKind.KELURAHAN,
            region=region("35.73.05.1002"),
        ),
        kel_klojen=UnitFactory.create(
            code="kel-klojen",
            name="Kantor Kelurahan Klojen",
            kind=UnitKind.KELURAHAN,
            region=region("35.73.02.1001"),
        ),
        dinas=UnitFactory.create(code="disdikbud", name="Disdikbud", region=region("35.73")),
    )
