"""PDFs of signed pacts, unit close-out statements and the city summary (reportlab).

Each signed document carries its verification code in text and as a QR code that
opens the public verification page, so a printed copy can be checked by anyone.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from netra.core.documents import qr_png, wib

from .codes import format_code
from .models import CloseOut, PactSignature
from .selectors import Coverage, UnitCloseOut

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("netra-body", parent=_STYLES["BodyText"], fontSize=10.5, leading=14)
_SMALL = ParagraphStyle("netra-small", parent=_BODY, fontSize=8.5, leading=11)


def _local(moment: dt.datetime) -> str:
    return wib(moment, seconds=True)


def _qr_image(url: str, size_mm: float = 32) -> Image:
    return Image(io.BytesIO(qr_png(url)), width=size_mm * mm, height=size_mm * mm)


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(escape(line) or "&nbsp;", _BODY) for line in text.splitlines()]


def _build(title: str, story: list[object]) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Netra",
    )
    doc.build(story)
    return out.getvalue()


def _verification_block(code: str, verify_url: str, lines: Sequence[str]) -> Table:
    text = [Paragraph(escape(line), _SMALL) for line in lines]
    text.append(
        Paragraph(f"<b>Kode verifikasi / verification code: {format_code(code)}</b>", _BODY)
    )
    text.append(Paragraph(escape(verify_url), _SMALL))
    table = Table([[text, _qr_image(verify_url)]], colWidths=[125 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _signed_document(
    *, title: str, text: str, code: str, verify_url: str, lines: Sequence[str]
) -> bytes:
    story: list[object] = [Paragraph(escape(title), _STYLES["Title"]), Spacer(1, 4 * mm)]
    story += _paragraphs(text)
    story.append(Spacer(1, 8 * mm))
    story.append(_verification_block(code, verify_url, lines))
    return _build(title, story)


def pact_pdf(signature: PactSignature, verify_url: str) -> bytes:
    """The signed pact: title, the exact text, who signed when, code and QR."""
    template = signature.pact.template
    return _signed_document(
        title=template.title_en if signature.language == "en" else template.title_id,
        text=signature.text,
        code=signature.verification_code,
        verify_url=verify_url,
        lines=[
            f"Ditandatangani secara elektronik oleh {signature.asn.name} "
            f"(NIP {signature.asn.nip}), {signature.unit.name}",
            f"Waktu: {_local(signature.signed_at)}",
            f"Konfirmasi yang diketik: {signature.typed_confirmation}",
            f"SHA-256 naskah: {signature.text_hash}",
        ],
    )


def close_out_pdf(close_out: CloseOut, verify_url: str) -> bytes:
    """A unit head's close-out statement."""
    return _signed_document(
        title="Pernyataan Netralitas ASN — " + close_out.unit.name,
        text=close_out.text,
        code=close_out.verification_code,
        verify_url=verify_url,
        lines=[
            f"Ditandatangani secara elektronik oleh {close_out.head.name} "
            f"(NIP {close_out.head.nip})",
            f"Waktu: {_local(close_out.signed_at)}",
            f"SHA-256 naskah: {close_out.text_hash}",
        ],
    )


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table(
        [[Paragraph(escape(cell), _SMALL) for cell in row] for row in rows],
        colWidths=[w * mm for w in widths],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def city_statement_pdf(
    *,
    region_name: str,
    election_name: str,
    period: str,
    pacts: Sequence[tuple[str, Coverage]],
    briefings: int,
    attendees: int,
    status: Sequence[UnitCloseOut],
    generated_by: str,
) -> bytes:
    """The city-level statement summarising prevention and close-outs for the period."""
    closed = [s for s in status if s.close_out is not None]
    with_cases = [s for s in closed if s.close_out is not None and not s.close_out.is_zero]
    open_units = [s for s in status if s.close_out is None]
    total_cases = sum(len(s.close_out.cases) for s in with_cases if s.close_out is not None)
    title = f"Pernyataan Netralitas ASN {region_name}"
    story: list[object] = [
        Paragraph(escape(title), _STYLES["Title"]),
        Paragraph(escape(f"{election_name} — periode {period}"), _BODY),
        Spacer(1, 4 * mm),
    ]
    if not with_cases:
        summary = (
            f"Dari {len(status)} unit kerja, {len(closed)} telah menandatangani pernyataan "
            "penutup, seluruhnya menyatakan nihil temuan maupun laporan dugaan pelanggaran "
            "netralitas ASN."
        )
    else:
        summary = (
            f"Dari {len(status)} unit kerja, {len(closed)} telah menandatangani pernyataan "
            f"penutup; {len(with_cases)} unit mencatat {total_cases} temuan/laporan dugaan "
            "pelanggaran netralitas ASN (daftar di bawah), unit lainnya nihil."
        )
    if open_units:
        summary += f" {len(open_units)} unit belum menandatangani."
    story.append(Paragraph(escape(summary), _BODY))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("Pakta integritas", _STYLES["Heading3"]))
    story.append(
        _table(
            [["Pakta", "Ditandatangani", "Wajib", "%"]]
            + [[name, str(c.done), str(c.total), f"{c.percent}%"] for name, c in pacts],
            [90, 30, 25, 20],
        )
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            escape(f"Sosialisasi: {briefings} sesi, {attendees} kehadiran ASN tercatat."), _BODY
        )
    )
    story.append(Paragraph("Pernyataan penutup per unit", _STYLES["Heading3"]))
    rows = [["Unit kerja", "Status", "Temuan/laporan"]]
    for item in status:
        if item.close_out is None:
            rows.append([item.unit.name, "Belum menandatangani", "-"])
        elif item.close_out.is_zero:
            rows.append([item.unit.name, "Nihil", "-"])
        else:
            refs = ", ".join(c["reference"] for c in item.close_out.cases)
            rows.append([item.unit.name, "Ada temuan/laporan", refs])
    story.append(_table(rows, [80, 40, 45]))
    story.append(Spacer(1, 6 * mm))
    story.append(
        Paragraph(
            escape(f"Dibuat oleh {generated_by} pada {_local(timezone.now())} dari data Netra."),
            _SMALL,
        )
    )
    return _build(title, story)
