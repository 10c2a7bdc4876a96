"""Writes the public makes without logging in: filing a report, adding to it.

These compose the case services (:func:`~netra.cases.services.submit_report`,
:func:`~netra.cases.services.attach_evidence`, ...) so a report and its files are
filed in one transaction: either everything is kept or nothing is. Files are checked
and cleaned before the transaction opens; a refused file refuses the whole report,
naming the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from netra.regions.models import Region
from netra.rules.models import ViolationForm

from . import evidence
from .models import Case, CaseNote, Evidence
from .receipts import Receipt, ReceiptFile
from .services import (
    CaseError,
    FiledReport,
    add_reporter_information,
    submit_report,
)


@dataclass(frozen=True)
class PublicReport:
    """The cleaned answers of the public form."""

    identity_mode: str
    subject_text: str
    region: Region
    place: str
    occurred_on: dt.date | None
    known_on: dt.date
    summary: str
    reported_form: ViolationForm | None
    links: Sequence[str] = ()
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    reporter_address: str = ""


def file_public_report(*, report: PublicReport, files: Sequence[Any] = ()) -> FiledReport:
    """File a report from the public form with its evidence; all or nothing.

    The election is the one held over the place, the nearest voting day first.
    Raises :class:`~netra.cases.evidence.EvidenceRejected` for a refused file and
    :class:`~netra.cases.services.CaseError` for a refused report.
    """
    from .forms_public import elections_for

    election = elections_for(report.region).first()
    if election is None:
        raise CaseError(
            _("Belum ada pemilihan yang diawasi di %(region)s.")
            % {"region": report.region.display_name},
            code="no_election",
        )
    stored = evidence.store_all(files)
    with transaction.atomic():
        filed = submit_report(
            actor=None,
            election=election,
            region=report.region,
            summary=report.summary,
            known_on=report.known_on,
            identity_mode=report.identity_mode,
            occurred_on=report.occurred_on,
            place=report.place,
            subject_text=report.subject_text,
            reported_form=report.reported_form,
            links=report.links,
            reporter_name=report.reporter_name,
            reporter_phone=report.reporter_phone,
            reporter_email=report.reporter_email,
            reporter_address=report.reporter_address,
        )
        evidence.attach_stored(actor=None, case=filed.case, stored=stored, from_reporter=True)
    return filed


def add_public_information(*, case: Case, text: str, files: Sequence[Any] = ()) -> CaseNote | None:
    """The reporter (code + PIN checked by the caller) adds words and/or files."""
    if not case.is_open:
        raise CaseError(
            _("Laporan ini sudah ditutup; keterangan tidak dapat ditambahkan."), code="closed"
        )
    stored = evidence.store_all(files)
    with transaction.atomic():
        note = None
        if text.strip():
            note = add_reporter_information(case=case, text=text)
        elif stored:
            note = add_reporter_information(
                case=case,
                text=_("Pelapor menambahkan %(n)d berkas bukti.") % {"n": len(stored)},
            )
        evidence.attach_stored(actor=None, case=case, stored=stored, from_reporter=True)
    return note


def receipt_for(case: Case, *, tracking_url: str) -> Receipt:
    """What the reporter's receipt says about ``case`` (no identity, no PIN)."""
    from .tracking import format_tracking_code

    files = [
        ReceiptFile(
            name=item.original_name or item.sha256[:12],
            size=item.size,
            sha256=item.sha256,
            original_sha256=item.original_sha256,
        )
        for item in Evidence.objects.filter(case=case, from_reporter=True).order_by("pk")
    ]
    violation = case.reported_form.plain if case.reported_form else _("Tidak yakin")
    return Receipt(
        tracking_code=format_tracking_code(case.report.tracking_code),
        received_at=case.received_at,
        region=case.region.display_name,
        place=case.place,
        violation=violation,
        tracking_url=tracking_url,
        files=files,
    )
