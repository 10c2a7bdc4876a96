"""Empty spreadsheets with the expected columns and one example row, for download."""

from __future__ import annotations

import csv
import io

from . import asn, units
from .tabular import CSV

EXAMPLES: dict[str, dict[str, str]] = {
    "asn": {
        "nip": "19860926 201505 1 001",
        "nama": "Contoh Nama Pegawai",
        "jenis": "PNS",
        "jabatan": "Pelaksana",
        "golongan": "III/a",
        "kode_unit": "disdikbud",
        "kepala_unit": "tidak",
        "instagram": "contoh.akun",
    },
    "unit": {
        "kode": "sdn-contoh-1",
        "nama": "SD Negeri Contoh 1",
        "jenis": "sekolah",
        "kode_induk": "disdikbud",
        "kode_wilayah": "35.73.01.1002",
        "alamat": "Jl. Contoh No. 1",
    },
}
COLUMNS = {"asn": asn.COLUMNS, "unit": units.COLUMNS}
# Columns Excel must keep as text, or it turns an 18-digit NIP into 1.98609E+17.
TEXT_COLUMNS = {"nip", "kode_wilayah", "kode", "kode_unit", "kode_induk"}


def template_bytes(kind: str, fmt: str) -> bytes:
    """The template for ``kind`` ("asn" or "unit") as CSV or XLSX bytes."""
    headers = [column.name for column in COLUMNS[kind]]
    example = [EXAMPLES[kind].get(h, "") for h in headers]
    if fmt == CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerow(example)
        return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8

    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind.upper()
    sheet.append(headers)
    sheet.append(example)
    for position, header in enumerate(headers, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(14, len(str(example[position - 1])) + 2)
        if header in TEXT_COLUMNS:
            for row in range(1, 2001):
                sheet[f"{letter}{row}"].number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
