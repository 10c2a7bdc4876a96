"""Case services at the desk: the findings ladder, assignment, notes, reporter contact,
evidence and the people concerned.

Same rules as :mod:`netra.cases.services` (and re-exported from it, the one door for
callers): ``actor`` first, one transaction, an audit event on the case, notifications
after commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.registry.models import Asn

from . import deadlines, notify
from .models import Case, CaseNote, CaseStateChange, Evidence, NoteKind, Source, State
from .selectors import acting_roles, case_filter
from .services import (
    CaseError,
    _audit_case,
    _ladder_rank,
    _lowest_desk,
    _refresh_flags,
    transition_case,
)
from .workflow import DESK_ROLES
from .workflow import next_level as ladder_up
from .workflow import previous_level as ladder_down


def _require_desk_actor(actor: Any, case: Case, action: str) -> set[str]:
    roles = acting_roles(actor, case) - {Role.BKN, Role.ASN}
    if not roles:
        raise CaseError(
            _("Anda tidak berwenang %(action)s perkara %(ref)s yang kini di meja %(level)s.")
            % {"action": action, "ref": case.reference, "level": case.get_level_display()},
            code="forbidden",
        )
    if not case.is_open:
        raise CaseError(
            _("Perkara %(ref)s sudah %(state)s.")
            % {"ref": case.reference, "state": case.get_state_display()},
            code="closed",
        )
    return roles


def _move_desk(*, actor: Any, case: Case, to_level: str, kind: str, note: str, action: str) -> Case:
    from_level = case.level
    case.level = to_level
    case.assignee = None
    case.save(update_fields=["level", "assignee", "updated_at"])
    CaseNote.objects.create(
        case=case, kind=kind, body=note, author=actor, from_level=from_level, to_level=to_level
    )
    _audit_case(
        actor,
        action,
        case,
        before={"level": from_level},
        after={"level": to_level, "note": note},
    )
    case_id = case.pk
    transaction.on_commit(lambda: notify.case_moved(case_id, from_level, to_level, kind))
    return case


def forward_finding(*, actor: Any, case: Case, note: str = "") -> Case:
    """Send a case one desk up the ladder (kelurahan → kecamatan → Inspektorat)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("region").get(pk=case.pk)
        _require_desk_actor(actor, case, _("meneruskan"))
        target = ladder_up(case.level)
        if target is None:
            raise CaseError(
                _("Perkara %(ref)s sudah di meja tertinggi (%(level)s).")
                % {"ref": case.reference, "level": case.get_level_display()},
                code="top_of_ladder",
            )
        return _move_desk(
            actor=actor,
            case=case,
            to_level=target,
            kind=NoteKind.TERUSKAN,
            note=note.strip(),
            action="case.forwarded",
        )


def return_finding(*, actor: Any, case: Case, note: str) -> Case:
    """Send a case one desk down asking for more information (a note is required)."""
    if not note.strip():
        raise CaseError(
            _("Tulis apa yang perlu dilengkapi sebelum mengembalikan."), code="note_missing"
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("region").get(pk=case.pk)
        _require_desk_actor(actor, case, _("mengembalikan"))
        target = ladder_down(case.level)
        lowest = _lowest_desk(case.region)
        if target is None or _ladder_rank(target) < _ladder_rank(lowest):
            target = case.level  # back to the filer at the same desk
        return _move_desk(
            actor=actor,
            case=case,
            to_level=target,
            kind=NoteKind.KEMBALIKAN,
            note=note.strip(),
            action="case.returned",
        )


def close_finding(*, actor: Any, case: Case, reason: str) -> Case:
    """Close a finding at the current desk with a reason (the ``ditolak`` move)."""
    return transition_case(actor=actor, case=case, to_state=State.DITOLAK, closed_reason=reason)


def escalate_case(*, actor: Any, case: Case, reason: str) -> Case | None:
    """Move a case one desk up because a deadline passed; None when already at the top."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("region").get(pk=case.pk)
        target = ladder_up(case.level)
        if target is None or not case.is_open:
            return None
        return _move_desk(
            actor=actor,
            case=case,
            to_level=target,
            kind=NoteKind.ESKALASI,
            note=reason,
            action="case.escalated",
        )


def assign_case(*, actor: Any, case: Case, assignee: User) -> Case:
    """Give ``case`` to one officer who may act on it; they are notified."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("region").get(pk=case.pk)
        _require_desk_actor(actor, case, _("menugaskan"))
        if not acting_roles(assignee, case) & {DESK_ROLES.get(case.level, ""), Role.ADMIN}:
            raise CaseError(
                _("%(user)s tidak dapat menangani perkara %(ref)s di meja %(level)s.")
                % {"user": assignee, "ref": case.reference, "level": case.get_level_display()},
                code="assignee_not_allowed",
            )
        before = case.assignee_id
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        CaseNote.objects.create(
            case=case, kind=NoteKind.PENUGASAN, author=actor, body=str(assignee)
        )
        _audit_case(
            actor,
            "case.assigned",
            case,
            before={"assignee": before},
            after={"assignee": assignee.pk},
        )
        case_id, user_id = case.pk, assignee.pk
        transaction.on_commit(lambda: notify.case_assigned(case_id, user_id))
    return case


def add_note(*, actor: Any, case: Case, body: str) -> CaseNote:
    """An internal note on a case, by anyone who may see it (an ASN on their own finding)."""
    if not body.strip():
        raise CaseError(_("Catatan kosong."), code="note_missing")
    with transaction.atomic():
        if not Case.objects.filter(case_filter(actor), pk=case.pk).exists():
            raise CaseError(_("Anda tidak berwenang menulis di perkara ini."), code="forbidden")
        note = CaseNote.objects.create(case=case, author=actor, body=body.strip())
        _audit_case(actor, "case.noted", case, after={"note": note.pk, "body": note.body})
    return note


def _information_clock_start(case: Case) -> dt.date:
    """When the "more information" limit counts from: receipt for a Pilkada (UU 1/2015
    Pasal 134(6)), registration for a Pemilu (UU 7/2017 Pasal 454(8)); today if the
    report is not registered yet."""
    if case.election.kind == "pilkada":
        return timezone.localdate(case.received_at)
    registered = (
        CaseStateChange.objects.filter(case=case, to_state=State.TEREGISTRASI)
        .values_list("changed_at", flat=True)
        .first()
    )
    return timezone.localdate(registered) if registered else timezone.localdate()


def request_information(*, actor: Any, case: Case, note: str) -> CaseNote:
    """Ask the reporter for more information; starts the ``keterangan-tambahan`` limit."""
    if not note.strip():
        raise CaseError(_("Tulis keterangan apa yang diminta."), code="note_missing")
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("election").get(pk=case.pk)
        _require_desk_actor(actor, case, _("meminta keterangan pada"))
        if case.source != Source.LAPORAN:
            raise CaseError(
                _("Hanya laporan masyarakat yang memiliki pelapor."), code="no_reporter"
            )
        item = CaseNote.objects.create(
            case=case, kind=NoteKind.MINTA_INFO, author=actor, body=note.strip()
        )
        deadlines.start(
            case=case, codes=("keterangan-tambahan",), start_on=_information_clock_start(case)
        )
        _audit_case(actor, "case.information_requested", case, after={"note": item.pk})
        case_id = case.pk
        transaction.on_commit(lambda: notify.reporter_asked(case_id, note.strip()))
    return item


def add_reporter_information(*, case: Case, text: str) -> CaseNote:
    """The reporter (code + PIN already checked) adds information to their report."""
    if not text.strip():
        raise CaseError(_("Keterangan tambahan kosong."), code="note_missing")
    with transaction.atomic():
        if not case.is_open:
            raise CaseError(
                _("Laporan ini sudah ditutup; keterangan tidak dapat ditambahkan."),
                code="closed",
            )
        item = CaseNote.objects.create(case=case, kind=NoteKind.INFO_PELAPOR, body=text.strip())
        deadlines.stop(case=case, codes=("keterangan-tambahan",), at=timezone.now())
        _audit_case(None, "case.reporter_added_information", case, after={"note": item.pk})
        case_id = case.pk
        transaction.on_commit(lambda: notify.reporter_added(case_id))
    return item


def attach_evidence(
    *,
    actor: Any,
    case: Case,
    sha256: str,
    content_type: str,
    size: int,
    original_name: str = "",
    original_sha256: str = "",
    metadata_removed: bool = False,
    caption: str = "",
    from_reporter: bool = False,
) -> Evidence:
    """Link a stored file (see ``evidence.store_upload``) to a case; once per file."""
    with transaction.atomic():
        evidence, created = Evidence.objects.get_or_create(
            case=case,
            sha256=sha256,
            defaults={
                "content_type": content_type,
                "size": size,
                "original_name": original_name[:255],
                "original_sha256": original_sha256,
                "metadata_removed": metadata_removed,
                "caption": caption[:300],
                "from_reporter": from_reporter,
                "added_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        if created:
            _audit_case(
                actor,
                "case.evidence_added",
                case,
                after={"evidence": evidence.pk, "sha256": sha256, "size": size},
            )
    return evidence


def set_subjects(
    *, actor: Any, case: Case, subjects: Iterable[Asn], candidate_pair: Any = None
) -> Case:
    """Name the ASN concerned and the pair favoured; recomputes the conflict flags."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not acting_roles(actor, case):
            raise CaseError(_("Anda tidak berwenang mengubah perkara ini."), code="forbidden")
        subjects = list(subjects)
        before = {
            "subjects": sorted(case.subjects.values_list("pk", flat=True)),
            "candidate_pair": case.candidate_pair_id,
            "ppk_conflict": case.ppk_conflict,
            "touches_incumbent": case.touches_incumbent,
        }
        case.subjects.set(subjects)
        case.candidate_pair = candidate_pair
        _refresh_flags(case)
        case.save(
            update_fields=["candidate_pair", "ppk_conflict", "touches_incumbent", "updated_at"]
        )
        _audit_case(
            actor,
            "case.subjects_set",
            case,
            before=before,
            after={
                "subjects": sorted(s.pk for s in subjects),
                "candidate_pair": case.candidate_pair_id,
                "ppk_conflict": case.ppk_conflict,
                "touches_incumbent": case.touches_incumbent,
            },
        )
    return case
