"""The transition table: every legal path, illegal moves, roles and required fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from netra.cases.models import Case, CaseStateChange, Decision, Level, State
from netra.cases.services import IllegalTransition, transition_case
from netra.cases.workflow import MAIN_PATH, TRANSITIONS, allowed_next
from netra.rules.models import SanctionLevel, ViolationForm

from .conftest import People, file_report

pytestmark = pytest.mark.django_db


def _to_decision(case: Case, people: People, decision: str) -> Case:
    camat, insp = people.camat, people.inspektorat
    case = transition_case(actor=camat, case=case, to_state=State.VERIFIKASI_FORMAL)
    case = transition_case(actor=camat, case=case, to_state=State.VERIFIKASI_MATERIIL)
    case = transition_case(
        actor=insp,
        case=case,
        to_state=State.TEREGISTRASI,
        violation_form=ViolationForm.objects.get(code="D1"),
    )
    case = transition_case(
        actor=insp,
        case=case,
        to_state=State.KLARIFIKASI,
        hearing_at=timezone.now() + dt.timedelta(days=1),
        hearing_place="Kantor Inspektorat",
    )
    case = transition_case(
        actor=insp, case=case, to_state=State.KAJIAN, hearing_record="Terlapor mengakui."
    )
    return transition_case(
        actor=insp,
        case=case,
        to_state=State.PUTUSAN,
        decision=decision,
        decision_reason="Foto dan pengakuan terlapor.",
    )


def test_camat_and_inspektorat_take_a_report_through_every_main_state(
    reported: Case, people: People
) -> None:
    case = _to_decision(reported, people, Decision.TERBUKTI)
    case = transition_case(
        actor=people.inspektorat,
        case=case,
        to_state=State.REKOMENDASI,
        recommendation_target="ppk",
        recommendation="Jatuhkan hukuman disiplin berat.",
    )
    assert case.level == Level.PPK
    case = transition_case(actor=people.inspektorat, case=case, to_state=State.TINDAK_LANJUT)
    case = transition_case(
        actor=people.inspektorat,
        case=case,
        to_state=State.SELESAI,
        sanction_level=SanctionLevel.BERAT,
        sanction_detail="Penurunan jabatan setingkat lebih rendah selama 12 bulan.",
        decree_number="800/123/35.73/2024",
        decree_date=dt.date(2024, 12, 20),
    )
    visited = list(CaseStateChange.objects.filter(case=case).values_list("to_state", flat=True))
    assert visited == list(MAIN_PATH)
    assert case.closed_at is not None
    assert not case.deadlines.filter(stopped_at__isnull=True).exists()


def test_not_proven_case_closes_from_putusan_with_the_reason(
    reported: Case, people: People
) -> None:
    case = _to_decision(reported, people, Decision.TIDAK_TERBUKTI)
    with pytest.raises(IllegalTransition) as err:
        transition_case(
            actor=people.inspektorat,
            case=case,
            to_state=State.REKOMENDASI,
            recommendation_target="ppk",
            recommendation="-",
        )
    assert err.value.code == "precondition"
    case = transition_case(actor=people.inspektorat, case=case, to_state=State.SELESAI)
    assert case.state == State.SELESAI
    assert case.closed_reason == "Foto dan pengakuan terlapor."


def test_illegal_move_names_both_states_and_the_allowed_ones(
    reported: Case, people: People
) -> None:
    with pytest.raises(IllegalTransition) as err:
        transition_case(actor=people.inspektorat, case=reported, to_state=State.PUTUSAN)
    message = str(err.value)
    assert err.value.code == "illegal_transition"
    assert "“Diterima”" in message
    assert "“Putusan”" in message
    assert "Verifikasi formal" in message
    assert "Ditolak" in message
    assert err.value.allowed == allowed_next(State.DITERIMA)
    reported.refresh_from_db()
    assert reported.state == State.DITERIMA


def test_lurah_cannot_verify_and_camat_cannot_register(reported: Case, people: People) -> None:
    with pytest.raises(IllegalTransition) as err:
        transition_case(actor=people.lurah, case=reported, to_state=State.VERIFIKASI_FORMAL)
    assert err.value.code == "forbidden"
    case = transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    case = transition_case(actor=people.camat, case=case, to_state=State.VERIFIKASI_MATERIIL)
    with pytest.raises(IllegalTransition) as err:
        transition_case(
            actor=people.camat,
            case=case,
            to_state=State.TEREGISTRASI,
            violation_form=ViolationForm.objects.get(code="D1"),
        )
    assert err.value.code == "forbidden"
    assert "Inspektorat" in str(err.value)


def test_camat_of_another_kecamatan_and_bawaslu_of_another_election_cannot_act(
    reported: Case, people: People
) -> None:
    for outsider in (people.camat_other, people.bawaslu_other, people.bkn, people.asn):
        with pytest.raises(IllegalTransition) as err:
            transition_case(actor=outsider, case=reported, to_state=State.VERIFIKASI_FORMAL)
        assert err.value.code == "forbidden", outsider
    case = transition_case(actor=people.bawaslu, case=reported, to_state=State.VERIFIKASI_FORMAL)
    assert case.state == State.VERIFIKASI_FORMAL


def test_registration_requires_a_violation_form(reported: Case, people: People) -> None:
    case = transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    case = transition_case(actor=people.camat, case=case, to_state=State.VERIFIKASI_MATERIIL)
    with pytest.raises(IllegalTransition) as err:
        transition_case(actor=people.inspektorat, case=case, to_state=State.TEREGISTRASI)
    assert err.value.code == "missing_field"
    assert err.value.fields == ("violation_form",)
    assert "bentuk pelanggaran" in str(err.value)


def test_a_field_the_move_does_not_use_is_refused(reported: Case, people: People) -> None:
    with pytest.raises(IllegalTransition) as err:
        transition_case(
            actor=people.camat,
            case=reported,
            to_state=State.VERIFIKASI_FORMAL,
            decision=Decision.TERBUKTI,
        )
    assert err.value.code == "unexpected_field"


def test_invalid_choice_is_refused_with_the_field_name(reported: Case, people: People) -> None:
    case = _to_decision(reported, people, Decision.TERBUKTI)
    with pytest.raises(IllegalTransition) as err:
        transition_case(
            actor=people.inspektorat,
            case=case,
            to_state=State.REKOMENDASI,
            recommendation_target="kpu",
            recommendation="x",
        )
    assert err.value.code == "invalid_field"
    assert "rekomendasi kepada" in str(err.value)


def test_rejection_needs_a_reason_and_stops_deadlines(reported: Case, people: People) -> None:
    assert reported.deadlines.filter(stopped_at__isnull=True).exists()
    with pytest.raises(IllegalTransition) as err:
        transition_case(actor=people.camat, case=reported, to_state=State.DITOLAK)
    assert err.value.code == "missing_field"
    case = transition_case(
        actor=people.camat,
        case=reported,
        to_state=State.DITOLAK,
        closed_reason="Bukan ASN: pelaku adalah anggota tim kampanye swasta.",
    )
    assert case.state == State.DITOLAK
    assert not case.deadlines.filter(stopped_at__isnull=True).exists()
    with pytest.raises(IllegalTransition):
        transition_case(actor=people.inspektorat, case=case, to_state=State.VERIFIKASI_FORMAL)


def test_duplicate_is_merged_into_another_case_of_the_same_election(
    reported: Case, people: People
) -> None:
    duplicate = file_report(reported.election).case
    with pytest.raises(IllegalTransition) as err:
        transition_case(
            actor=people.inspektorat, case=duplicate, to_state=State.DIGABUNG, merged_into=duplicate
        )
    assert err.value.code == "precondition"
    merged = transition_case(
        actor=people.inspektorat, case=duplicate, to_state=State.DIGABUNG, merged_into=reported
    )
    assert merged.state == State.DIGABUNG
    assert merged.merged_into == reported


def test_every_move_in_the_table_is_reachable_from_diterima() -> None:
    reachable = {State.DITERIMA.value}
    changed = True
    while changed:
        changed = False
        for frm, to in TRANSITIONS:
            if frm in reachable and to not in reachable:
                reachable.add(to)
                changed = True
    assert reachable == set(State.values)
