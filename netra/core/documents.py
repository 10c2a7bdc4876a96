"""What every printed document shares: times in WIB and QR codes of a link."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import qrcode

WIB = ZoneInfo("Asia/Jakarta")


def wib(moment: dt.datetime, *, seconds: bool = False) -> str:
    """``moment`` as people read it on paper: ``27-11-2024 09:15 WIB``."""
    pattern = "%d-%m-%Y %H:%M:%S WIB" if seconds else "%d-%m-%Y %H:%M WIB"
    return moment.astimezone(WIB).strftime(pattern)


def qr_png(url: str, *, box_size: int = 6) -> bytes:
    """A QR code of ``url`` as PNG bytes (error correction M, a two-module border)."""
    out = io.BytesIO()
    qrcode.make(url, box_size=box_size, border=2).save(out, format="PNG")
    return out.getvalue()
