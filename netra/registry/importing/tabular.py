"""Reading a spreadsheet (CSV or XLSX) into rows numbered as the user sees them.

Row numbers are the spreadsheet's own: the first line of the file is row 1, so an
error saying "baris 17" points at the row the operator sees as 17 in Excel or
LibreOffice. Cell values are turned into text here, once, so the validators only
ever see strings (or the marker for a number Excel has already rounded).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)

_HEADER_JUNK = re.compile(r"[^0-9a-z]+")
_HEADER_SEARCH = 10  # opening non-empty rows searched for the header


class TableError(ValueError):
    """The file cannot be read as a table at all (wrong type, empty, broken)."""


@dataclass(frozen=True)
class LostDigits:
    """A cell Excel stored as a number too long to keep every digit (e.g. a NIP)."""

    shown: str

    def __str__(self) -> str:
        return self.shown


Cell = str | LostDigits


@dataclass
class Table:
    """The header and the data rows of the first sheet."""

    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def normalize_header(name: str) -> str:
    """``" Kode Unit "`` → ``"kode_unit"``; ``"Kepala unit?"`` → ``"kepala_unit"``."""
    return _HEADER_JUNK.sub("_", name.strip().lower()).strip("_")


def sniff_format(data: bytes, name: str) -> str:
    """``"csv"`` or ``"xlsx"`` from the file name *and* its content; both must agree."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not _looks_like_xlsx(data):
            raise TableError(
                _("Berkas %(name)s bukan berkas Excel (.xlsx) yang sah.") % {"name": name}
            )
        return XLSX
    if lower.endswith(".csv"):
        if data[:4] == b"PK\x03\x04" or b"\x00" in data[:4096]:
            raise TableError(
                _("Berkas %(name)s bukan teks CSV (isinya berkas biner).") % {"name": name}
            )
        return CSV
    raise TableError(
        _("Hanya berkas .csv atau .xlsx yang dapat diimpor, bukan %(name)s.") % {"name": name}
    )


def _looks_like_xlsx(data: bytes) -> bool:
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def read_table(data: bytes, name: str, known_headers: Collection[str] = ()) -> Table:
    """Read the first sheet of ``data``.

    The header is the first non-empty row, unless ``known_headers`` (normalised names)
    is given: then it is the first of the opening rows naming at least two of them, so a
    title such as "DAFTAR PEGAWAI DINAS …" above the real header is skipped.
    """
    fmt = sniff_format(data, name)
    raw_rows = [
        (number, cells)
        for number, cells in (_xlsx_rows(data) if fmt == XLSX else _csv_rows(data))
        if any(isinstance(c, LostDigits) or c for c in cells)
    ]
    if not raw_rows:
        raise TableError(_("Berkas %(name)s kosong: tidak ada baris judul kolom.") % {"name": name})
    start = 0
    if known_headers:
        for position, (_number, cells) in enumerate(raw_rows[:_HEADER_SEARCH]):
            if sum(normalize_header(str(c)) in known_headers for c in cells) >= 2:
                start = position
                break
    number, cells = raw_rows[start]
    headers = [str(c).strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return Table(header_row=number, headers=headers, rows=raw_rows[start + 1 :])


def _csv_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
        text = data.decode("cp1252", errors="replace")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            rows.append((number, [_csv_cell(v) for v in record]))
    except csv.Error as exc:
        raise TableError(
            _("CSV rusak di baris %(row)s: %(reason)s") % {"row": len(rows) + 1, "reason": exc}
        ) from exc
    return rows


_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")


def _csv_cell(value: str) -> Cell:
    text = value.strip()
    if _SCIENTIFIC.match(text):  # "1,98609E+17": Excel rounded a long number before saving
        return LostDigits(text)
    return text


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        values = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        raise TableError(
            _("Berkas Excel tidak dapat dibaca: %(reason)s") % {"reason": exc}
        ) from exc
    return [(number, [_xlsx_cell(v) for v in row]) for number, row in enumerate(values, start=1)]


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            if abs(value) >= 2**53:
                return LostDigits(f"{value:.0f}")
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)
