"""Who sees which cases, and who sees a confidential reporter's identity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from netra.accounts.models import Role, User
from netra.cases.models import Case, IdentityMode, State
from netra.cases.selectors import case_view, cases_visible_to, reporter_identity_visible_to
from netra.cases.services import record_finding, transition_case
from netra.elections.models import Election
from netra.registry.models import Asn
from netra.rules.models import ViolationForm
from netra.testing.factories import AsnFactory, UnitFactory, region, user_with_role

from .conftest import BLIMBING_KEL, KLOJEN, POLOWIJEN_KEL, People, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(election: Election, other_election: Election, people: People) -> dict[str, Case]:
    """One case per place/election, named by what distinguishes it."""
    return {
        "blimbing_kel": file_report(election, where=BLIMBING_KEL).case,
        "polowijen_kel": file_report(election, where=POLOWIJEN_KEL).case,
        "klojen": file_report(election, where=KLOJEN + ".1001").case,
        "pemilu_blimbing": file_report(other_election, where=BLIMBING_KEL).case,
        "anonymous": file_report(
            election, identity_mode=IdentityMode.ANONIM, reporter_name="Tetap Tersimpan?"
        ).case,
    }


def _seen(user: object) -> set[int]:
    return set(cases_visible_to(user).values_list("pk", flat=True))


def _ids(cases: dict[str, Case], *names: str) -> set[int]:
    return {cases[name].pk for name in names}


ALL = ("blimbing_kel", "polowijen_kel", "klojen", "pemilu_blimbing", "anonymous")


def test_admin_and_inspektorat_see_every_case_in_the_city(
    cases: dict[str, Case], people: People
) -> None:
    assert _seen(people.admin) == _ids(cases, *ALL)
    assert _seen(people.inspektorat) == _ids(cases, *ALL)


def test_camat_sees_only_their_kecamatan(cases: dict[str, Case], people: People) -> None:
    assert _seen(people.camat) == _ids(
        cases, "blimbing_kel", "polowijen_kel", "pemilu_blimbing", "anonymous"
    )
    assert _seen(people.camat_other) == _ids(cases, "klojen")


def test_lurah_cannot_see_other_kelurahan_cases(cases: dict[str, Case], people: People) -> None:
    assert _seen(people.lurah) == _ids(cases, "blimbing_kel", "pemilu_blimbing", "anonymous")
    assert _seen(people.lurah_other) == _ids(cases, "polowijen_kel")


def test_bawaslu_sees_only_its_election(cases: dict[str, Case], people: People) -> None:
    assert _seen(people.bawaslu) == _ids(
        cases, "blimbing_kel", "polowijen_kel", "klojen", "anonymous"
    )
    assert _seen(people.bawaslu_other) == _ids(cases, "pemilu_blimbing")


def test_bkn_sees_a_case_only_once_it_reaches_a_recommendation(
    cases: dict[str, Case], people: People
) -> None:
    assert _seen(people.bkn) == set()
    case = cases["klojen"]
    insp = people.inspektorat
    steps: list[tuple[str, dict[str, Any]]] = [
        (State.VERIFIKASI_FORMAL, {}),
        (State.VERIFIKASI_MATERIIL, {}),
        (State.TEREGISTRASI, {"violation_form": ViolationForm.objects.get(code="D2")}),
        (State.KLARIFIKASI, {"hearing_at": timezone.now() + dt.timedelta(days=2)}),
        (State.KAJIAN, {"hearing_record": "Hadir."}),
        (State.PUTUSAN, {"decision": "terbukti", "decision_reason": "Unggahan terbukti."}),
    ]
    for state, fields in steps:
        case = transition_case(actor=insp, case=case, to_state=state, **fields)
        assert _seen(people.bkn) == set()
    transition_case(
        actor=insp,
        case=case,
        to_state=State.REKOMENDASI,
        recommendation_target="bkn",
        recommendation="Mohon BKN merekomendasikan sanksi kepada PPK.",
    )
    assert _seen(people.bkn) == _ids(cases, "klojen")


def test_asn_sees_only_the_findings_they_filed(
    cases: dict[str, Case], election: Election, people: People
) -> None:
    unit = UnitFactory.create(region=region(BLIMBING_KEL))
    Asn.objects.filter(pk=AsnFactory.create(unit=unit).pk).update(user=people.asn)
    own = record_finding(
        actor=people.asn,
        election=election,
        region=region(BLIMBING_KEL),
        summary="Rekan memakai atribut paslon saat apel.",
        known_on=timezone.localdate(),
    )
    other_asn = user_with_role(Role.ASN, username="asn-lain")
    assert _seen(people.asn) == {own.pk}
    assert _seen(other_asn) == set()


def test_anonymous_visitor_sees_no_case(cases: dict[str, Case]) -> None:
    assert _seen(AnonymousUser()) == set()


IDENTITY_MATRIX = [
    ("admin", True),
    ("inspektorat", True),
    ("bawaslu", True),
    ("bawaslu_other", False),
    ("camat", False),
    ("lurah", False),
    ("bkn", False),
    ("asn", False),
]


@pytest.mark.parametrize(("who", "allowed"), IDENTITY_MATRIX)
def test_confidential_reporter_identity_by_role(
    cases: dict[str, Case], people: People, who: str, allowed: bool
) -> None:
    user: User = getattr(people, who)
    case = cases["blimbing_kel"]
    assert reporter_identity_visible_to(user, case) is allowed
    view = case_view(user, case)
    if allowed:
        assert view.reporter is not None
        assert view.reporter.name == "Siti Pelapor"
        assert view.reporter.phone == "081234567890"
    else:
        assert view.reporter is None
        assert "Siti Pelapor" not in repr(view)


def test_lurah_never_sees_a_confidential_reporter_name(
    cases: dict[str, Case], people: People
) -> None:
    case = cases["blimbing_kel"]
    assert case.pk in _seen(people.lurah)
    assert case_view(people.lurah, case).reporter is None


def test_anonymous_report_keeps_no_identity_even_if_typed(
    cases: dict[str, Case], people: People
) -> None:
    case = cases["anonymous"]
    assert case.report.reporter_name == ""
    assert case_view(people.admin, case).reporter is None
    assert case_view(people.admin, case).identity_mode == IdentityMode.ANONIM


def test_reporter_identity_is_encrypted_at_rest(cases: dict[str, Case]) -> None:
    report = cases["blimbing_kel"].report
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone, reporter_email, reporter_address "
            "FROM cases_report WHERE id = %s",
            [report.pk],
        )
        raw = cursor.fetchone()
    stored = " ".join(raw)
    for secret in ("Siti", "081234567890", "siti@example.id", "Mawar"):
        assert secret not in stored
    assert raw[0].startswith("gAAAA")  # a Fernet token
    assert type(report).objects.get(pk=report.pk).reporter_name == "Siti Pelapor"


def test_pin_is_stored_hashed(election: Election, people: People) -> None:
    filed = file_report(election)
    assert filed.pin not in filed.case.report.pin_hash
    assert len(filed.tracking_code) == 10
