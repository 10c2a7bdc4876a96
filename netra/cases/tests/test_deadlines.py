"""Deadlines in Indonesian working days, reminders, breaches and escalation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import holidays
import pytest
from django.utils import timezone

from netra.cases.deadlines import check_deadlines
from netra.cases.models import Case, CaseDeadline, Level, NoteKind, State
from netra.cases.selectors import deadlines_at_risk
from netra.cases.services import record_finding, transition_case
from netra.core.calendar import add_working_days, due_date, is_working_day, non_working_reason
from netra.core.models import DayKind, NonWorkingDay
from netra.elections.models import Election
from netra.notifications.models import Kind, Notification
from netra.rules.models import DeadlineRule, ViolationForm
from netra.testing.factories import region

from .conftest import BLIMBING_KEL, People, file_report

pytestmark = pytest.mark.django_db

D = dt.date

# DOMAIN.md section 7, from the SKB of each year.
SKB_HOLIDAYS = {
    2024: "01-01 02-08 02-10 03-11 03-29 03-31 04-10 04-11 05-01 05-09 05-23 06-01 06-17 "
    "07-07 08-17 09-16 12-25 02-14 11-27",
    2025: "01-01 01-27 01-29 03-29 03-31 04-01 04-18 04-20 05-01 05-12 05-29 06-01 06-06 "
    "06-27 08-17 09-05 12-25",
}
SKB_CUTI_BERSAMA = {
    2024: "02-09 03-12 04-08 04-09 04-12 04-15 05-10 05-24 06-18 12-26",
    2025: "01-28 03-28 04-02 04-03 04-04 04-07 05-13 05-30 06-09 08-18 12-26",
}


def _dates(year: int, spec: str) -> set[dt.date]:
    return {D(year, int(md[:2]), int(md[3:])) for md in spec.split()}


@pytest.mark.parametrize("year", [2024, 2025])
def test_holidays_package_agrees_with_the_skb(year: int) -> None:
    package = set(holidays.country_holidays("ID", years=year))
    assert package == _dates(year, SKB_HOLIDAYS[year])


@pytest.mark.parametrize("year", [2024, 2025])
def test_cuti_bersama_of_the_skb_are_seeded_and_not_working_days(year: int) -> None:
    seeded = set(
        NonWorkingDay.objects.filter(kind=DayKind.CUTI_BERSAMA, date__year=year).values_list(
            "date", flat=True
        )
    )
    assert seeded == _dates(year, SKB_CUTI_BERSAMA[year])
    for day in seeded | _dates(year, SKB_HOLIDAYS[year]):
        assert not is_working_day(day), day


def test_working_days_across_idul_fitri_2025() -> None:
    # Thu 27 Mar; then cuti 28 Mar, Nyepi Sat 29, Sun 30, Idul Fitri 31 Mar–1 Apr,
    # cuti 2–4 Apr, weekend, cuti 7 Apr: the first working day is Tue 8 Apr.
    assert add_working_days(D(2025, 3, 27), 1) == D(2025, 4, 8)
    assert add_working_days(D(2025, 3, 27), 7) == D(2025, 4, 16)
    assert non_working_reason(D(2025, 3, 28)) == "Cuti bersama Hari Suci Nyepi"
    assert non_working_reason(D(2025, 4, 5)) == "Sabtu"
    assert non_working_reason(D(2025, 4, 8)) == ""


def test_cuti_bersama_is_editable_data() -> None:
    NonWorkingDay.objects.filter(kind=DayKind.CUTI_BERSAMA, date__year=2025).delete()
    assert add_working_days(D(2025, 3, 27), 1) == D(2025, 3, 28)
    assert add_working_days(D(2025, 3, 27), 7) == D(2025, 4, 9)


def test_a_masuk_row_turns_a_package_holiday_back_into_a_working_day() -> None:
    assert not is_working_day(D(2025, 4, 18))  # Good Friday
    NonWorkingDay.objects.create(date=D(2025, 4, 18), kind=DayKind.MASUK, name="Uji")
    assert is_working_day(D(2025, 4, 18))


def test_working_days_skip_the_2024_voting_days_and_the_year_end() -> None:
    # Tue 26 Nov 2024 + 1 working day skips the Pilkada holiday on Wed 27 Nov.
    assert add_working_days(D(2024, 11, 26), 1) == D(2024, 11, 28)
    assert add_working_days(D(2024, 2, 13), 1) == D(2024, 2, 15)
    # 24 Dec 2024 + 3: 25 Christmas, 26 cuti bersama, 27 Fri, 30 Mon, 31 Tue.
    assert add_working_days(D(2024, 12, 24), 3) == D(2024, 12, 31)


def test_pilkada_counts_calendar_days_and_pemilu_working_days() -> None:
    pilkada = DeadlineRule.lookup("tindak-lanjut", "pilkada")
    pemilu_info = DeadlineRule.lookup("keterangan-tambahan", "pemilu")
    assert due_date(pilkada, D(2025, 3, 27)) == D(2025, 3, 30)  # through the holidays
    # 14 working days from Thu 27 Mar 2025: 8–11, 14–17, 21–25, 28 Apr.
    assert due_date(pemilu_info, D(2025, 3, 27)) == D(2025, 4, 28)


def test_report_starts_the_pilkada_follow_up_deadline_on_receipt(
    election: Election, people: People
) -> None:
    received = timezone.make_aware(dt.datetime(2025, 3, 27, 10, 0))
    case = file_report(election, known_on=D(2025, 3, 26), received_at=received).case
    running = {d.code: d.due_on for d in case.deadlines.filter(stopped_at__isnull=True)}
    assert running == {"tindak-lanjut": D(2025, 3, 30)}


def test_pemilu_report_starts_initial_review_then_follow_up_on_registration(
    other_election: Election, people: People
) -> None:
    case = file_report(other_election).case
    assert set(case.deadlines.values_list("code", flat=True)) == {"kajian-awal"}
    insp = people.inspektorat
    case = transition_case(actor=insp, case=case, to_state=State.VERIFIKASI_FORMAL)
    case = transition_case(actor=insp, case=case, to_state=State.VERIFIKASI_MATERIIL)
    case = transition_case(
        actor=insp,
        case=case,
        to_state=State.TEREGISTRASI,
        violation_form=ViolationForm.objects.get(code="D6"),
    )
    running = set(case.deadlines.filter(stopped_at__isnull=True).values_list("code", flat=True))
    assert running == {"tindak-lanjut"}


def test_late_report_is_flagged(election: Election, people: People) -> None:
    late = file_report(election, known_on=timezone.localdate() - dt.timedelta(days=8)).case
    on_time = file_report(election, known_on=timezone.localdate() - dt.timedelta(days=7)).case
    assert late.reported_late
    assert not on_time.reported_late


@pytest.fixture
def finding(election: Election, people: People) -> Case:
    received = timezone.make_aware(dt.datetime(2024, 10, 7, 9, 0))
    return record_finding(
        actor=people.lurah,
        election=election,
        region=region(BLIMBING_KEL),
        summary="Staf kelurahan membagikan kalender paslon.",
        known_on=D(2024, 10, 7),
        received_at=received,
    )


def test_deadline_at_risk_reminds_once_a_day(
    finding: Case, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    assert finding.level == Level.KELURAHAN
    (deadline,) = finding.deadlines.all()
    assert deadline.due_on == D(2024, 10, 10)
    assert check_deadlines(today=D(2024, 10, 8)).reminded == []
    with django_capture_on_commit_callbacks(execute=True):
        first = check_deadlines(today=D(2024, 10, 9))
        again = check_deadlines(today=D(2024, 10, 9))
    assert first.reminded == [deadline.pk]
    assert again.reminded == []
    reminders = Notification.objects.filter(kind=Kind.DEADLINE_AT_RISK)
    assert [n.recipient for n in reminders] == [people.lurah]
    assert "sisa 1 hari" in reminders[0].title
    assert [d.deadline.pk for d in deadlines_at_risk(people.lurah, D(2024, 10, 9))] == [deadline.pk]
    assert deadlines_at_risk(people.lurah_other, D(2024, 10, 9)) == []


def test_breached_deadline_escalates_one_desk_once(
    finding: Case, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = check_deadlines(today=D(2024, 10, 11))
    finding.refresh_from_db()
    assert result.escalated == [finding.pk]
    assert finding.level == Level.KECAMATAN
    assert finding.notes.filter(kind=NoteKind.ESKALASI).count() == 1
    deadline = CaseDeadline.objects.get(case=finding)
    assert deadline.breached_at is not None
    assert deadline.escalated_at is not None
    breach_notices = Notification.objects.filter(kind=Kind.DEADLINE_BREACHED)
    assert people.camat in {n.recipient for n in breach_notices}
    assert people.inspektorat in {n.recipient for n in breach_notices}

    again = check_deadlines(today=D(2024, 10, 12))
    finding.refresh_from_db()
    assert again.breached == []
    assert again.escalated == []
    assert finding.level == Level.KECAMATAN
    assert finding.notes.filter(kind=NoteKind.ESKALASI).count() == 1


def test_closed_case_deadlines_are_not_checked(finding: Case, people: People) -> None:
    transition_case(
        actor=people.lurah, case=finding, to_state=State.DITOLAK, closed_reason="Bukan ASN."
    )
    assert check_deadlines(today=D(2024, 10, 20)).breached == []


def test_check_deadlines_command_is_safe_to_repeat(finding: Case) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("check_deadlines", "--date", "2024-10-11", stdout=out)
    call_command("check_deadlines", "--date", "2024-10-11", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("0 pengingat, 1 tenggat terlewati, 1 perkara dieskalasi")
    assert lines[1].startswith("0 pengingat, 0 tenggat terlewati, 0 perkara dieskalasi")


def test_check_deadlines_task_runs(finding: Case) -> None:
    from netra.cases.tasks import check_deadlines_task

    result = check_deadlines_task.enqueue(today="2024-10-11")
    assert result.return_value == {
        "reminded": [],
        "breached": [CaseDeadline.objects.get(case=finding).pk],
        "escalated": [finding.pk],
    }


def test_ppk_inaction_past_the_sla_is_reported_to_bkn(
    election: Election, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    insp = people.inspektorat
    case = file_report(election).case
    steps: list[tuple[str, dict[str, Any]]] = [
        (State.VERIFIKASI_FORMAL, {}),
        (State.VERIFIKASI_MATERIIL, {}),
        (State.TEREGISTRASI, {"violation_form": ViolationForm.objects.get(code="D1")}),
        (State.KLARIFIKASI, {"hearing_at": timezone.now()}),
        (State.KAJIAN, {"hearing_record": "Hadir."}),
        (State.PUTUSAN, {"decision": "terbukti", "decision_reason": "Terbukti."}),
        (State.REKOMENDASI, {"recommendation_target": "ppk", "recommendation": "Sanksi berat."}),
    ]
    for state, fields in steps:
        case = transition_case(actor=insp, case=case, to_state=state, **fields)
    (ppk,) = case.deadlines.filter(stopped_at__isnull=True)
    assert ppk.code == "tindak-lanjut-ppk"
    assert ppk.due_on == add_working_days(timezone.localdate(), 14)
    with django_capture_on_commit_callbacks(execute=True):
        check_deadlines(today=ppk.due_on + dt.timedelta(days=1))
    told = {n.recipient for n in Notification.objects.filter(kind=Kind.DEADLINE_BREACHED)}
    assert people.bkn in told
    assert people.camat not in told


def test_working_day_limit_due_friday_is_overdue_on_saturday() -> None:
    from netra.core.calendar import days_left

    friday = D(2025, 4, 11)
    assert days_left("kerja", D(2025, 4, 10), friday) == 1
    assert days_left("kerja", friday, friday) == 0
    assert days_left("kerja", D(2025, 4, 12), friday) == -1  # Saturday
    assert days_left("kerja", D(2025, 4, 15), friday) == -2  # Mon 14 and Tue 15 went by
    # Before Idul Fitri 2025: Thu 27 Mar to Tue 8 Apr is one working day.
    assert days_left("kerja", D(2025, 3, 27), D(2025, 4, 8)) == 1


def test_pemilu_information_limit_counts_working_days_from_registration(
    other_election: Election, people: People
) -> None:
    from netra.cases.models import CaseStateChange
    from netra.cases.services import request_information

    insp = people.inspektorat
    case = file_report(other_election).case
    case = transition_case(actor=insp, case=case, to_state=State.VERIFIKASI_FORMAL)
    case = transition_case(actor=insp, case=case, to_state=State.VERIFIKASI_MATERIIL)
    case = transition_case(
        actor=insp,
        case=case,
        to_state=State.TEREGISTRASI,
        violation_form=ViolationForm.objects.get(code="D6"),
    )
    registered_on = timezone.make_aware(dt.datetime(2025, 3, 27, 10, 0))
    CaseStateChange.objects.filter(case=case, to_state=State.TEREGISTRASI).update(
        changed_at=registered_on
    )
    request_information(actor=insp, case=case, note="Sertakan tautan unggahan.")
    info = case.deadlines.get(code="keterangan-tambahan")
    assert info.starts_on == D(2025, 3, 27)
    assert info.due_on == D(2025, 4, 28)  # 14 working days across Idul Fitri 2025
