"""Helpers for the registry tests: spreadsheets built in the test, a few units."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

import openpyxl
import pytest

from netra.registry.models import Unit, UnitKind
from netra.registry.nip import compose_nip
from netra.testing.factories import UnitFactory, region


def nip_for(n: int, *, pppk: bool = False) -> str:
    """A valid NIP (PNS) or NI PPPK (contract count 13–99) that differs for every ``n``."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n % 9000)
    return compose_nip(
        birth_date=birth,
        appointed_year=birth.year + 25,
        appointed_month=(13 + n % 80) if pppk else (n % 12 + 1),
        gender="P" if n % 2 else "L",
        serial=n // 9000 + 1,
    )


def csv_bytes(
    rows: Sequence[Sequence[object]], delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ASN_HEADER = ["NIP", "Nama", "Jenis", "Jabatan", "Golongan", "Kode Unit", "Kepala Unit"]


@pytest.fixture
def units(regions: None) -> dict[str, Unit]:
    """An OPD for the city, and kelurahan offices in two kecamatan of Kota Malang."""
    return {
        "dinkes": UnitFactory.create(code="dinkes", name="Dinas Kesehatan"),
        "kel-arjosari": UnitFactory.create(
            code="kel-arjosari",
            name="Kantor Kelurahan Arjosari",
            kind=UnitKind.KELURAHAN,
            region=region("35.73.01.1002"),
        ),
        "kel-polowijen": UnitFactory.create(
            code="kel-polowijen",
            name="Kantor Kelurahan Polowijen",
            kind=UnitKind.KELURAHAN,
            region=region("35.73.01.1003"),
        ),
        "kec-klojen": UnitFactory.create(
            code="kec-klojen",
            name="Kantor Kecamatan Klojen",
            kind=UnitKind.KECAMATAN,
            region=region("35.73.02"),
        ),
    }
