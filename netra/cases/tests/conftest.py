"""Fixtures for case tests: the Kota Malang Pilkada, officers of every role, a filer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from netra.accounts.models import Role, RoleAssignment, User
from netra.cases.models import Case, IdentityMode
from netra.cases.services import FiledReport, submit_report
from netra.elections.models import Election, ElectionKind, Office
from netra.testing.factories import ElectionFactory, UserFactory, region, user_with_role

BLIMBING = "35.73.01"
BLIMBING_KEL = "35.73.01.1005"
POLOWIJEN_KEL = "35.73.01.1003"
KLOJEN = "35.73.02"


@dataclass
class People:
    admin: User
    inspektorat: User
    camat: User
    camat_other: User
    lurah: User
    lurah_other: User
    bawaslu: User
    bawaslu_other: User
    bkn: User
    asn: User


@pytest.fixture
def election(regions: None) -> Election:
    return ElectionFactory.create()


@pytest.fixture
def other_election(regions: None) -> Election:
    return ElectionFactory.create(
        slug="pemilu-2024",
        name="Pemilu 2024",
        kind=ElectionKind.PEMILU,
        office=Office.LEGISLATIF,
        region=None,
        voting_date=dt.date(2024, 2, 14),
    )


@pytest.fixture
def people(election: Election, other_election: Election) -> People:
    bawaslu = UserFactory.create(username="bawaslu-malang", email="bawaslu@example.id")
    RoleAssignment.objects.create(
        user=bawaslu, role=Role.BAWASLU, region=region("35.73"), election=election
    )
    bawaslu_other = UserFactory.create(username="bawaslu-pemilu")
    RoleAssignment.objects.create(
        user=bawaslu_other, role=Role.BAWASLU, region=region("35.73"), election=other_election
    )
    return People(
        admin=user_with_role(Role.ADMIN, username="admin"),
        inspektorat=user_with_role(
            Role.INSPEKTORAT, "35.73", username="inspektorat", email="insp@example.id"
        ),
        camat=user_with_role(Role.CAMAT, BLIMBING, username="camat-blimbing", email="c@example.id"),
        camat_other=user_with_role(Role.CAMAT, KLOJEN, username="camat-klojen"),
        lurah=user_with_role(Role.LURAH, BLIMBING_KEL, username="lurah-blimbing"),
        lurah_other=user_with_role(Role.LURAH, POLOWIJEN_KEL, username="lurah-polowijen"),
        bawaslu=bawaslu,
        bawaslu_other=bawaslu_other,
        bkn=user_with_role(Role.BKN, username="bkn"),
        asn=user_with_role(Role.ASN, username="asn"),
    )


def file_report(election: Election, *, where: str = BLIMBING_KEL, **kwargs: Any) -> FiledReport:
    values: dict[str, Any] = {
        "election": election,
        "region": region(where),
        "summary": "Lurah memasang baliho paslon di kantor kelurahan.",
        "known_on": timezone.localdate() - dt.timedelta(days=1),
        "identity_mode": IdentityMode.RAHASIA,
        "reporter_name": "Siti Pelapor",
        "reporter_phone": "081234567890",
        "reporter_email": "siti@example.id",
        "reporter_address": "Jl. Mawar 1, Malang",
    }
    values.update(kwargs)
    return submit_report(**values)


@pytest.fixture
def reported(election: Election, people: People) -> Case:
    return file_report(election).case
