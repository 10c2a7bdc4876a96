"""Elections over both cities, and the users who look at them."""

from __future__ import annotations

import datetime as dt

import pytest

from netra.accounts.models import Role, RoleAssignment, User
from netra.elections.models import Election, ElectionKind, Office
from netra.elections.services import apply_schedule, create_election
from netra.testing.factories import region, user_with_role


@pytest.fixture
def malang(regions: None) -> Election:
    """The Pilkada Kota Malang 2024 with its PKPU 2/2024 schedule."""
    election = create_election(
        actor=None,
        slug="pilkada-kota-malang-2024",
        name="Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024",
        kind=ElectionKind.PILKADA,
        office=Office.WALIKOTA,
        region=region("35.73"),
        voting_date=dt.date(2024, 11, 27),
    )
    apply_schedule(actor=None, election=election, schedule="pkpu-2-2024")
    return election


@pytest.fixture
def kediri(regions: None) -> Election:
    return create_election(
        actor=None,
        slug="pilkada-kota-kediri-2024",
        name="Pemilihan Wali Kota dan Wakil Wali Kota Kediri 2024",
        kind=ElectionKind.PILKADA,
        office=Office.WALIKOTA,
        region=region("35.71"),
        voting_date=dt.date(2024, 11, 27),
    )


@pytest.fixture
def pemilu(regions: None) -> Election:
    """The national Pemilu 2024 (no region) with its PKPU 3/2022 schedule."""
    election = create_election(
        actor=None,
        slug="pemilu-2024",
        name="Pemilihan Umum 2024",
        kind=ElectionKind.PEMILU,
        office=Office.PRESIDEN,
        region=None,
        voting_date=dt.date(2024, 2, 14),
    )
    apply_schedule(actor=None, election=election, schedule="pkpu-3-2022")
    return election


@pytest.fixture
def elections(malang: Election, kediri: Election, pemilu: Election) -> dict[str, Election]:
    return {"malang": malang, "kediri": kediri, "pemilu": pemilu}


@pytest.fixture
def bawaslu(malang: Election) -> User:
    """A Bawaslu Kota Malang user tied to the Pilkada Kota Malang."""
    user = user_with_role(Role.BAWASLU, "35.73")
    RoleAssignment.objects.filter(user=user).update(election=malang)
    return user
