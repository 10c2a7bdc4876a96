"""Internal findings up the ladder, notifications, conflict flags and the audit trail."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from netra.cases.models import Case, Level, NoteKind, State
from netra.cases.selectors import cases_visible_to, timeline_entries, timeline_of
from netra.cases.services import (
    CaseError,
    add_note,
    assign_case,
    close_finding,
    forward_finding,
    record_finding,
    request_information,
    return_finding,
    set_subjects,
    transition_case,
)
from netra.core.models import AuditEvent
from netra.elections.models import Election
from netra.notifications.models import Kind, Notification
from netra.testing.factories import AsnFactory, CandidatePairFactory, region

from .conftest import BLIMBING, BLIMBING_KEL, KLOJEN, People, file_report

pytestmark = pytest.mark.django_db


def _finding(election: Election, people: People, where: str = BLIMBING_KEL) -> Case:
    return record_finding(
        actor=people.lurah,
        election=election,
        region=region(where),
        summary="Staf kelurahan ikut deklarasi paslon memakai seragam.",
        known_on=timezone.localdate(),
    )


def test_finding_climbs_lurah_camat_inspektorat(election: Election, people: People) -> None:
    case = _finding(election, people)
    assert case.level == Level.KELURAHAN
    case = forward_finding(actor=people.lurah, case=case, note="Mohon ditindaklanjuti.")
    assert case.level == Level.KECAMATAN
    with pytest.raises(CaseError) as err:
        forward_finding(actor=people.lurah, case=case)
    assert err.value.code == "forbidden"
    case = forward_finding(actor=people.camat, case=case)
    assert case.level == Level.KOTA
    with pytest.raises(CaseError) as err:
        forward_finding(actor=people.inspektorat, case=case)
    assert err.value.code == "top_of_ladder"
    kinds = list(case.notes.values_list("kind", "from_level", "to_level"))
    assert kinds == [
        (NoteKind.TERUSKAN, Level.KELURAHAN, Level.KECAMATAN),
        (NoteKind.TERUSKAN, Level.KECAMATAN, Level.KOTA),
    ]


def test_finding_is_returned_for_more_information(election: Election, people: People) -> None:
    case = forward_finding(actor=people.lurah, case=_finding(election, people))
    with pytest.raises(CaseError) as err:
        return_finding(actor=people.camat, case=case, note=" ")
    assert err.value.code == "note_missing"
    case = return_finding(actor=people.camat, case=case, note="Lampirkan foto kegiatan.")
    assert case.level == Level.KELURAHAN
    assert case.notes.last().body == "Lampirkan foto kegiatan."  # type: ignore[union-attr]


def test_each_level_can_close_a_finding_with_a_reason(election: Election, people: People) -> None:
    case = close_finding(actor=people.lurah, case=_finding(election, people), reason="Bukan ASN.")
    assert case.state == State.DITOLAK
    assert case.closed_reason == "Bukan ASN."


def test_nobody_records_a_finding_outside_their_area(election: Election, people: People) -> None:
    with pytest.raises(CaseError) as err:
        _finding(election, people, where=KLOJEN + ".1001")
    assert err.value.code == "finding_out_of_area"
    camat_finding = record_finding(
        actor=people.camat,
        election=election,
        region=region(BLIMBING_KEL),
        summary="Camat menemukan baliho di kantor kelurahan.",
        known_on=timezone.localdate(),
    )
    assert camat_finding.level == Level.KECAMATAN


def test_transition_notifies_officers_in_app_and_by_email(
    reported: Case, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition_case(actor=people.inspektorat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    (note,) = Notification.objects.filter(kind=Kind.TRANSITION)
    assert note.recipient == people.camat  # the desk holding it; the actor is not told
    assert note.title == f"Perkara {reported.reference}: Diterima → Verifikasi formal"
    assert note.emailed_at is not None
    (staff_mail,) = [m for m in mail.outbox if m.to == ["c@example.id"]]
    assert staff_mail.subject == note.title


def test_assignment_notifies_the_assignee(
    reported: Case, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assign_case(actor=people.camat, case=reported, assignee=people.camat)
    (note,) = Notification.objects.filter(kind=Kind.ASSIGNMENT)
    assert note.recipient == people.camat
    assert reported.reference in note.title
    assert any(reported.reference in m.subject and m.to == ["c@example.id"] for m in mail.outbox)
    with pytest.raises(CaseError) as err:
        assign_case(actor=people.camat, case=reported, assignee=people.lurah_other)
    assert err.value.code == "assignee_not_allowed"


def test_reporter_is_told_the_status_by_tracking_code_only(
    election: Election, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    filed = file_report(election)
    assign_case(actor=people.camat, case=filed.case, assignee=people.camat)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition_case(
            actor=people.camat, case=filed.case, to_state=State.VERIFIKASI_FORMAL, note="Cek."
        )
    (to_reporter,) = [m for m in mail.outbox if m.to == ["siti@example.id"]]
    text = str(to_reporter.subject) + str(to_reporter.body)
    assert f"{filed.tracking_code[:5]}-{filed.tracking_code[5:]}" in text
    assert "Verifikasi formal" in text
    for secret in (
        people.camat.username,
        people.camat.full_name,
        filed.case.reference,
        "Camat",
        "Blimbing",
        "Cek.",
    ):
        assert secret not in text, secret


def test_request_for_information_reaches_the_reporter_without_the_handler(
    reported: Case, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_information(actor=people.camat, case=reported, note="Kapan foto diambil?")
    (to_reporter,) = mail.outbox
    assert "Kapan foto diambil?" in to_reporter.body
    assert people.camat.full_name not in to_reporter.body
    (info,) = reported.deadlines.filter(code="keterangan-tambahan", stopped_at__isnull=True)
    # Pilkada: 2 calendar days from receipt of the report (UU 1/2015 Pasal 134(6)).
    assert info.starts_on == timezone.localdate(reported.received_at)
    assert (info.due_on - info.starts_on).days == 2


def test_incumbent_running_sets_the_ppk_conflict_flag(election: Election, people: People) -> None:
    calm = file_report(election).case
    assert not calm.ppk_conflict
    head = AsnFactory.create()
    pair = CandidatePairFactory.create(election=election, is_incumbent=True, head_asn=head)
    case = file_report(election).case
    assert case.ppk_conflict
    assert not case.touches_incumbent
    case = set_subjects(actor=people.inspektorat, case=case, subjects=[head])
    assert case.touches_incumbent
    other = set_subjects(actor=people.inspektorat, case=calm, subjects=[], candidate_pair=pair)
    assert other.touches_incumbent


def test_no_ppk_conflict_once_the_incumbent_pj_resigned_to_run(
    election: Election, people: People
) -> None:
    former_pj = AsnFactory.create(is_active=False)
    CandidatePairFactory.create(election=election, is_incumbent=True, head_asn=former_pj)
    case = file_report(election).case
    assert not case.ppk_conflict
    case = set_subjects(actor=people.inspektorat, case=case, subjects=[former_pj])
    assert case.touches_incumbent


def test_every_case_service_is_on_the_timeline(reported: Case, people: People) -> None:
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    forward_finding(actor=people.camat, case=reported)
    actions = list(timeline_of(reported).values_list("action", flat=True))
    assert actions == ["case.reported", "case.transitioned", "case.forwarded"]
    assert all("Siti" not in str(e.after) for e in timeline_of(reported))
    entries = timeline_entries(reported)
    assert [(e.label, e.detail) for e in entries] == [
        ("Laporan masyarakat diterima", ""),
        ("Status diubah", "Diterima → Verifikasi formal"),
        ("Diteruskan ke meja berikutnya", "Kecamatan (camat) → Inspektorat / BKPSDM"),
    ]
    assert entries[1].actor == people.camat.username


def test_verify_audit_names_a_tampered_case_row(reported: Case, people: People) -> None:
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    call_command("verify_audit", stdout=StringIO())
    event = timeline_of(reported).get(action="case.transitioned")
    AuditEvent.objects.filter(pk=event.pk).update(
        after={**event.after, "to_state": State.SELESAI}  # type: ignore[dict-item]
    )
    with pytest.raises(CommandError) as err:
        call_command("verify_audit", stdout=StringIO())
    assert f"#{event.seq} (id {event.pk})" in str(err.value)


def test_camat_sees_finding_in_their_kecamatan_after_it_is_forwarded(
    election: Election, people: People
) -> None:
    case = _finding(election, people)
    assert cases_visible_to(people.camat).filter(pk=case.pk).exists()
    assert region(BLIMBING).code in case.region.code


def test_asn_adds_what_was_asked_to_their_own_returned_finding(
    election: Election, people: People
) -> None:
    from netra.registry.models import Asn
    from netra.testing.factories import UnitFactory

    unit = UnitFactory.create(region=region(BLIMBING_KEL))
    Asn.objects.filter(pk=AsnFactory.create(unit=unit).pk).update(user=people.asn)
    case = record_finding(
        actor=people.asn,
        election=election,
        region=region(BLIMBING_KEL),
        summary="Kepala seksi membagikan stiker paslon.",
        known_on=timezone.localdate(),
    )
    assert case.level == Level.KELURAHAN
    case = return_finding(actor=people.lurah, case=case, note="Kapan dan di mana?")
    assert case.level == Level.KELURAHAN  # nowhere lower: back to the filer
    note = add_note(actor=people.asn, case=case, body="Senin, di ruang rapat kelurahan.")
    assert note.author == people.asn
    with pytest.raises(CaseError) as err:
        add_note(actor=people.lurah_other, case=case, body="Bukan wilayah saya.")
    assert err.value.code == "forbidden"
