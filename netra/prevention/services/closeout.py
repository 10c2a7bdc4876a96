"""Writes for the zero-violation close-out (pernyataan nihil pelanggaran)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.audit import record_audit
from netra.core.context import client_ip
from netra.elections.models import Election
from netra.registry.models import Asn, Unit

from ..codes import compute_code, text_hash
from ..models import CloseOut
from ..permissions import head_of
from ..selectors import CaseRef, unit_cases
from .common import insert_once


def close_out_text(
    *, election: Election, unit: Unit, head: Asn, cases: list[CaseRef], note: str
) -> str:
    """The statement in the official language (Indonesian), as signed."""
    lines = [
        "PERNYATAAN NETRALITAS ASN SELAMA PEMILIHAN",
        "",
        f"Saya, {head.name}, NIP {head.nip}, selaku kepala {unit.name}, menyatakan bahwa "
        f"selama {election.name} (pemungutan suara {election.voting_date:%d-%m-%Y}) "
        f"di lingkungan {unit.name}:",
    ]
    if not cases:
        lines.append(
            "tidak terdapat temuan maupun laporan dugaan pelanggaran netralitas ASN (nihil)."
        )
    else:
        lines.append(
            f"tercatat {len(cases)} temuan/laporan dugaan pelanggaran netralitas ASN, yaitu:"
        )
        lines.extend(f"- {c.reference} ({c.source_label}; status: {c.state_label})" for c in cases)
    if note.strip():
        lines += ["", f"Catatan: {note.strip()}"]
    lines += ["", "Pernyataan ini saya buat dengan sebenar-benarnya."]
    return "\n".join(lines)


def close_out_content(
    *, election_slug: str, unit_code: str, nip: str, hash_of_text: str, signed_at: dt.datetime
) -> dict[str, object]:
    """What the verification code of a close-out statement is computed over."""
    return {
        "doc": "nihil",
        "election": election_slug,
        "unit": unit_code,
        "nip": nip,
        "text_hash": hash_of_text,
        "signed_at": signed_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
    }


def sign_close_out(*, actor: Any, election: Election, unit: Unit, note: str = "") -> CloseOut:
    """The head of ``unit`` signs the unit's statement for ``election``, once.

    The statement lists every finding/report recorded for the unit in this election;
    "nihil" only when there is none. Only the active head of that very unit may sign,
    and only from voting day on.
    """
    head = head_of(actor, unit)
    if head is None:
        raise PermissionDenied(_("Hanya kepala unit kerja ini yang dapat menandatangani."))
    if timezone.localdate() < election.voting_date:
        raise ValidationError(
            _("Pernyataan penutup baru dapat ditandatangani mulai hari pemungutan suara.")
        )
    if CloseOut.objects.filter(election=election, unit=unit).exists():
        raise ValidationError(_("Unit ini sudah menandatangani pernyataan untuk pemilihan ini."))
    cases = unit_cases(election=election, unit=unit)
    text = close_out_text(election=election, unit=unit, head=head, cases=cases, note=note)
    digest = text_hash(text)
    signed_at = timezone.now()
    code = compute_code(
        close_out_content(
            election_slug=election.slug,
            unit_code=unit.code,
            nip=head.nip,
            hash_of_text=digest,
            signed_at=signed_at,
        )
    )
    with transaction.atomic():
        close_out = insert_once(
            CloseOut,
            election=election,
            unit=unit,
            head=head,
            signed_by=actor,
            signed_at=signed_at,
            is_zero=not cases,
            cases=[c.as_dict() for c in cases],
            note=note.strip(),
            text=text,
            text_hash=digest,
            ip=client_ip(),
            verification_code=code,
        )
        if close_out is None:
            raise ValidationError(
                _("Unit ini sudah menandatangani pernyataan untuk pemilihan ini.")
            )
        record_audit(
            actor=actor,
            action="closeout.signed",
            obj=close_out,
            after={
                "election": election.slug,
                "unit": unit.code,
                "is_zero": close_out.is_zero,
                "cases": [c.reference for c in cases],
            },
        )
    return close_out
