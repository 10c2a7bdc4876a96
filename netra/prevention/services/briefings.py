"""Writes for briefings (sosialisasi): sessions, attendance, quiz answers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.audit import record_audit
from netra.elections.models import Election
from netra.regions.models import Region
from netra.registry.importing.tabular import LostDigits, TableError, normalize_header, read_table
from netra.registry.models import Asn, Unit
from netra.registry.nip import clean_nip

from .. import quiz
from ..codes import new_checkin_code
from ..models import Attendance, AttendanceMethod, Briefing, QuizAttempt, QuizQuestion
from ..permissions import asn_of, can_organise_briefing
from .common import insert_once

# Attendees may check in from an hour before the start to an hour after the end.
CHECKIN_MARGIN = dt.timedelta(hours=1)
MAX_QUIZ_SIZE = 20


def create_briefing(
    *,
    actor: Any,
    election: Election,
    region: Region,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    speaker: str,
    units: Iterable[Unit],
    material: str = "",
    quiz_size: int = 0,
    rng: random.Random | None = None,
) -> Briefing:
    """Schedule a briefing for ``units`` (all inside ``region``), with its quiz drawn now."""
    if not can_organise_briefing(actor, region):
        raise PermissionDenied(_("Anda tidak berwenang menyelenggarakan sosialisasi di sini."))
    units = list(units)
    errors: dict[str, list[str]] = {}
    if not units:
        errors.setdefault("units", []).append(_("Pilih setidaknya satu unit peserta."))
    for unit in units:
        if not region.contains(unit.region):
            errors.setdefault("units", []).append(
                _("Unit %(unit)s berada di luar %(region)s.")
                % {"unit": unit.name, "region": region.display_name}
            )
    if ends_at < starts_at:
        errors.setdefault("ends_at", []).append(_("Waktu selesai harus setelah waktu mulai."))
    if not 0 <= quiz_size <= MAX_QUIZ_SIZE:
        errors.setdefault("quiz_size", []).append(
            _("Jumlah soal kuis 0 sampai %(max)s.") % {"max": MAX_QUIZ_SIZE}
        )
    if errors:
        raise ValidationError(errors)
    rng = rng or random.Random()  # noqa: S311 - choosing quiz questions, not a secret
    with transaction.atomic():
        code = new_checkin_code()
        while Briefing.objects.filter(checkin_code=code).exists():
            code = new_checkin_code()
        briefing = Briefing.objects.create(
            election=election,
            region=region,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            speaker=speaker,
            material=material,
            checkin_code=code,
            quiz_size=quiz_size,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        briefing.units.set(units)
        QuizQuestion.objects.bulk_create(
            QuizQuestion(
                briefing=briefing,
                number=number,
                kind=draft.kind,
                source_code=draft.source_code,
                prompt_id=draft.prompt_id,
                prompt_en=draft.prompt_en,
                choices=draft.choices,
                answer=draft.answer,
            )
            for number, draft in enumerate(quiz.draw_questions(quiz_size, rng), start=1)
        )
        record_audit(
            actor=actor,
            action="briefing.created",
            obj=briefing,
            after={
                "election": election.slug,
                "region": region.code,
                "starts_at": starts_at,
                "units": sorted(u.code for u in units),
                "quiz_size": quiz_size,
            },
        )
    return briefing


def checkin_open(briefing: Briefing, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return briefing.starts_at - CHECKIN_MARGIN <= now <= briefing.ends_at + CHECKIN_MARGIN


def check_in(*, actor: Any, briefing: Briefing, asn: Asn, method: str) -> tuple[Attendance, bool]:
    """Record that ``asn`` attended; a second check-in returns the first (created=False)."""
    if not asn.is_active:
        raise ValidationError(_("ASN ini tidak aktif."))
    if method != AttendanceMethod.UPLOAD and not checkin_open(briefing):
        raise ValidationError(_("Presensi sesi ini belum dibuka atau sudah ditutup."))
    with transaction.atomic():
        attendance = insert_once(Attendance, briefing=briefing, asn=asn, method=method)
        if attendance is None:
            return Attendance.objects.get(briefing=briefing, asn=asn), False
        record_audit(
            actor=actor,
            action="briefing.attended",
            obj=attendance,
            after={"briefing": briefing.pk, "nip": asn.nip, "method": method},
        )
    return attendance, True


def check_in_self(*, actor: Any, briefing: Briefing) -> tuple[Attendance, bool]:
    """The logged-in ASN checks in after scanning the session QR."""
    asn = asn_of(actor)
    if asn is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data ASN."))
    return check_in(actor=actor, briefing=briefing, asn=asn, method=AttendanceMethod.QR)


def check_in_by_nip(*, actor: Any, code: str, nip: str) -> tuple[Attendance, bool]:
    """Public check-in: the session code shown by the speaker plus the attendee's NIP."""
    briefing = Briefing.objects.filter(checkin_code=code.strip().upper()).first()
    if briefing is None:
        raise ValidationError({"code": _("Kode sesi tidak dikenal.")})
    asn = Asn.objects.filter(nip=clean_nip(nip), is_active=True).first()
    if asn is None:
        raise ValidationError(
            {"nip": _("NIP %(nip)s tidak terdaftar sebagai ASN aktif.") % {"nip": nip}}
        )
    return check_in(actor=actor, briefing=briefing, asn=asn, method=AttendanceMethod.FORM)


@dataclass
class AttendanceImport:
    """What a bulk upload did, or why it was refused (``errors``: row number, message)."""

    added: int = 0
    already: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class AttendanceImportRejected(ValidationError):
    def __init__(self, result: AttendanceImport) -> None:
        self.result = result
        super().__init__([f"{_('baris')} {row}: {message}" for row, message in result.errors])


def import_attendance(
    *, actor: Any, briefing: Briefing, data: bytes, source_name: str
) -> AttendanceImport:
    """Add the NIPs of a CSV/XLSX list (column ``nip``); all rows or none.

    Raises :class:`AttendanceImportRejected` with every bad row when any row is bad.
    """
    if not can_organise_briefing(actor, briefing.region):
        raise PermissionDenied(_("Anda tidak berwenang mengelola sesi ini."))
    result = AttendanceImport()
    try:
        table = read_table(data, source_name)
    except TableError as exc:
        result.errors.append((0, str(exc)))
        raise AttendanceImportRejected(result) from exc
    headers = [normalize_header(h) for h in table.headers]
    if "nip" not in headers:
        result.errors.append((table.header_row, _("Kolom 'nip' tidak ditemukan di baris judul.")))
        raise AttendanceImportRejected(result)
    column = headers.index("nip")
    wanted: dict[str, int] = {}
    for row, cells in table.rows:
        cell = cells[column] if column < len(cells) else ""
        if isinstance(cell, LostDigits):
            result.errors.append(
                (
                    row,
                    _("NIP %(shown)s terpotong oleh Excel; format kolom NIP sebagai teks.")
                    % {"shown": cell.shown},
                )
            )
            continue
        nip = clean_nip(cell)
        if not (nip.isdigit() and len(nip) == 18):
            result.errors.append((row, _("NIP harus 18 angka, bukan '%(raw)s'.") % {"raw": cell}))
        elif nip in wanted:
            result.errors.append(
                (
                    row,
                    _("NIP %(nip)s ganda (sudah ada di baris %(first)s).")
                    % {"nip": nip, "first": wanted[nip]},
                )
            )
        else:
            wanted[nip] = row
    found = dict(Asn.objects.filter(nip__in=wanted, is_active=True).values_list("nip", "pk"))
    for nip, row in wanted.items():
        if nip not in found:
            result.errors.append(
                (row, _("NIP %(nip)s tidak terdaftar sebagai ASN aktif.") % {"nip": nip})
            )
    if not wanted and not result.errors:
        result.errors.append((table.header_row, _("Berkas tidak berisi satu NIP pun.")))
    if result.errors:
        result.errors.sort()
        raise AttendanceImportRejected(result)
    with transaction.atomic():
        present = set(
            Attendance.objects.filter(briefing=briefing, asn_id__in=found.values()).values_list(
                "asn_id", flat=True
            )
        )
        new = [pk for pk in found.values() if pk not in present]
        Attendance.objects.bulk_create(
            [
                Attendance(briefing=briefing, asn_id=pk, method=AttendanceMethod.UPLOAD)
                for pk in new
            ],
            ignore_conflicts=True,
        )
        result.added = len(new)
        result.already = len(present)
        record_audit(
            actor=actor,
            action="briefing.attendance_imported",
            obj=briefing,
            after={"source": source_name, "added": result.added, "already": result.already},
        )
    return result


def submit_quiz(*, actor: Any, briefing: Briefing, answers: dict[str, str]) -> QuizAttempt:
    """Score the logged-in attendee's answers; one attempt per attendee."""
    asn = asn_of(actor)
    if asn is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data ASN."))
    if not Attendance.objects.filter(briefing=briefing, asn=asn).exists():
        raise PermissionDenied(_("Kuis hanya untuk peserta yang tercatat hadir."))
    questions = list(briefing.questions.all())
    if not questions:
        raise ValidationError(_("Sesi ini tidak memiliki kuis."))
    missing = [q.number for q in questions if not answers.get(str(q.number))]
    if missing:
        raise ValidationError(
            _("Soal nomor %(numbers)s belum dijawab.")
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    kept = {str(q.number): answers[str(q.number)] for q in questions}
    correct = quiz.score(questions, kept)
    with transaction.atomic():
        if QuizAttempt.objects.filter(briefing=briefing, asn=asn).exists():
            raise ValidationError(_("Anda sudah mengerjakan kuis sesi ini."))
        attempt = insert_once(
            QuizAttempt,
            briefing=briefing,
            asn=asn,
            answers=kept,
            score=correct,
            total=len(questions),
        )
        if attempt is None:
            raise ValidationError(_("Anda sudah mengerjakan kuis sesi ini."))
        record_audit(
            actor=actor,
            action="briefing.quiz_submitted",
            obj=attempt,
            after={
                "briefing": briefing.pk,
                "nip": asn.nip,
                "score": correct,
                "total": len(questions),
            },
        )
    return attempt
