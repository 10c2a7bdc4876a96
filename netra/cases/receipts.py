"""The reporter's receipt (tanda terima) as a one-page PDF.

It proves what was filed and when: the tracking code, the time in WIB, where and
which violation form, and the SHA-256 of each evidence file (as sent and as kept), with
a QR code of the tracking page. It never holds the reporter's identity, nor the PIN:
a receipt found on a shared phone must not open the report.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from netra.core.documents import qr_png, wib


@dataclass(frozen=True)
class ReceiptFile:
    name: str
    size: int
    sha256: str
    original_sha256: str = ""


@dataclass(frozen=True)
class Receipt:
    tracking_code: str
    received_at: dt.datetime
    region: str
    place: str
    violation: str
    tracking_url: str
    files: Sequence[ReceiptFile]


def _qr_image(url: str) -> ImageReader:
    return ImageReader(io.BytesIO(qr_png(url)))


class _Writer:
    """Lines of text down an A4 page, starting a new page when it is full."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = A4[1] - 25 * mm

    def line(self, text: str, *, size: float = 10, bold: bool = False, gap: float = 5) -> None:
        if self.y < 20 * mm:
            self.canvas.showPage()
            self.y = A4[1] - 20 * mm
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.canvas.drawString(20 * mm, self.y, text)
        self.y -= gap * mm

    def wrapped(self, text: str, *, width: int = 90, size: float = 10) -> None:
        words = text.split()
        current = ""
        for word in words:
            if current and len(current) + 1 + len(word) > width:
                self.line(current, size=size)
                current = word
            else:
                current = f"{current} {word}".strip()
        if current:
            self.line(current, size=size)


def build_receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt as PDF bytes."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(_("Tanda terima laporan %(code)s") % {"code": receipt.tracking_code})
    canvas.setAuthor("Netra")
    canvas.setSubject(_("Tanda terima laporan dugaan pelanggaran netralitas ASN"))
    canvas.drawImage(
        _qr_image(receipt.tracking_url), A4[0] - 60 * mm, A4[1] - 62 * mm, 40 * mm, 40 * mm
    )
    out = _Writer(canvas)
    out.line(_("Tanda Terima Laporan"), size=16, bold=True, gap=9)
    out.line(_("Dugaan pelanggaran netralitas ASN"), size=11, gap=8)
    out.line(_("Kode pelacakan"), size=10)
    out.line(receipt.tracking_code, size=20, bold=True, gap=10)
    out.line(_("Diterima: %(time)s") % {"time": wib(receipt.received_at)})
    out.line(_("Wilayah: %(region)s") % {"region": receipt.region})
    if receipt.place:
        out.wrapped(_("Tempat: %(place)s") % {"place": receipt.place}, width=60)
    out.wrapped(_("Dugaan bentuk pelanggaran: %(form)s") % {"form": receipt.violation}, width=60)
    out.y = min(out.y, A4[1] - 70 * mm)
    out.line(_("Berkas bukti (SHA-256)"), size=12, bold=True, gap=7)
    if not receipt.files:
        out.line(_("Tidak ada berkas bukti."))
    for number, item in enumerate(receipt.files, start=1):
        name = item.name if len(item.name) <= 60 else f"{item.name[:57]}..."
        out.line(f"{number}. {name} ({item.size:,} B)".replace(",", "."), bold=True)
        out.line(_("disimpan: %(hash)s") % {"hash": item.sha256}, size=8, gap=4)
        if item.original_sha256 and item.original_sha256 != item.sha256:
            out.line(_("asli: %(hash)s") % {"hash": item.original_sha256}, size=8, gap=4)
        out.y -= 2 * mm
    out.y -= 3 * mm
    out.wrapped(
        _(
            "Foto disimpan tanpa data lokasi (EXIF/GPS), sehingga hash yang disimpan berbeda "
            "dari hash berkas asli Anda."
        ),
        size=9,
        width=100,
    )
    out.wrapped(
        _(
            "Pantau status laporan di %(url)s dengan kode pelacakan dan PIN. "
            "PIN tidak dicetak di tanda terima ini: simpan terpisah dan jangan bagikan."
        )
        % {"url": receipt.tracking_url},
        size=9,
        width=100,
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
