"""Nomor Induk Pegawai: parsing and validation.

PNS (Perka BKN 22/2007): ``YYYYMMDD`` birth date, ``YYYYMM`` TMT CPNS (first
appointment), ``1``/``2`` sex, ``NNN`` serial — e.g. ``19860926 201505 1 001``.
NI PPPK has the same length, but digits 9–14 are the appointment year and a two-digit
contract count, not a month, so "month 13" is legal there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s.\-]")


class NipError(ValueError):
    """Why a NIP is not valid, in words an operator understands."""


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    appointed_year: int
    appointed_month: int | None  # None for PPPK (the digits are a contract count)
    gender: str  # "L" or "P"
    serial: int

    def formatted(self) -> str:
        v = self.value
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"


def clean_nip(raw: object) -> str:
    """Digits only: spaces, dots and dashes people type are removed."""
    text = str(raw).strip() if raw is not None else ""
    if text.endswith(".0") and text[:-2].isdigit():  # a number that went through Excel
        text = text[:-2]
    return _SEPARATORS.sub("", text)


def parse_nip(raw: object, *, asn_type: str = "PNS") -> Nip:
    """Parse and validate a NIP; raise :class:`NipError` naming what is wrong."""
    value = clean_nip(raw)
    if not value.isdigit() or len(value) != 18:
        raise NipError(
            _("NIP harus 18 angka (contoh 19860926 201505 1 001), bukan '%(raw)s'") % {"raw": raw}
        )
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipError(
            _("8 angka pertama NIP (%(part)s) bukan tanggal lahir yang valid (TTTTBBHH)")
            % {"part": value[0:8]}
        ) from None
    year = int(value[8:12])
    month: int | None = int(value[12:14])
    if asn_type == "PPPK":
        month = None
    elif not 1 <= (month or 0) <= 12:
        raise NipError(
            _("Angka ke-9 s.d. 14 NIP (%(part)s) bukan TMT CPNS yang valid (TTTTBB)")
            % {"part": value[8:14]}
        )
    today = dt.date.today()
    if birth.year < 1940 or birth > today:
        raise NipError(_("Tahun lahir %(year)s pada NIP tidak masuk akal") % {"year": birth.year})
    if not birth.year + 15 <= year <= today.year + 1:
        raise NipError(
            _("Tahun pengangkatan %(year)s pada NIP tidak cocok dengan tahun lahir %(birth)s")
            % {"year": year, "birth": birth.year}
        )
    if asn_type != "PPPK" and dt.date(year, month or 1, 1) > today.replace(day=1) + dt.timedelta(
        days=62
    ):
        raise NipError(_("TMT CPNS %(part)s pada NIP ada di masa depan") % {"part": value[8:14]})
    sex = value[14]
    if sex not in "12":
        raise NipError(
            _("Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan %(digit)s")
            % {"digit": sex}
        )
    serial = int(value[15:18])
    if serial == 0:
        raise NipError(_("Nomor urut NIP (3 angka terakhir) tidak boleh 000"))
    return Nip(
        value=value,
        birth_date=birth,
        appointed_year=year,
        appointed_month=month,
        gender="L" if sex == "1" else "P",
        serial=serial,
    )


def compose_nip(
    *, birth_date: dt.date, appointed_year: int, appointed_month: int, gender: str, serial: int = 1
) -> str:
    """Build a NIP from its parts (the inverse of :func:`parse_nip`).

    ``appointed_month`` is the TMT month for PNS, or the contract count for PPPK.
    """
    sex = {"L": "1", "P": "2"}[gender]
    return f"{birth_date:%Y%m%d}{appointed_year:04d}{appointed_month:02d}{sex}{serial:03d}"
