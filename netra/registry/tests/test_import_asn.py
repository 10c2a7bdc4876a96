from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from netra.accounts.models import Role
from netra.core.audit import verify_chain
from netra.core.models import AuditEvent
from netra.registry.importing import ImportRejected, import_asn, import_asn_records
from netra.registry.models import Asn, SocialAccount, Unit
from netra.testing.factories import AsnFactory, user_with_role

from .conftest import ASN_HEADER, csv_bytes, nip_for, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(n: int, unit: str = "dinkes", start: int = 0) -> list[list[str]]:
    return [
        [nip_for(i), f"Pegawai {i}", "PNS", "Pelaksana", "III/a", unit, "tidak"]
        for i in range(start, start + n)
    ]


def test_csv_import_creates_every_asn_with_birth_date_and_sex_from_the_nip(
    units: dict[str, Unit],
) -> None:
    data = csv_bytes([ASN_HEADER, *_rows(3)])

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=False)

    assert report.applied
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    first = Asn.objects.get(nip=nip_for(0))
    assert first.name == "Pegawai 0"
    assert first.unit == units["dinkes"]
    assert first.birth_date == dt.date(1970, 1, 1)
    assert first.gender == "L"
    assert Asn.objects.get(nip=nip_for(1)).gender == "P"


def test_a_real_run_writes_one_audit_event_naming_the_file_and_its_hash(
    units: dict[str, Unit],
) -> None:
    data = csv_bytes([ASN_HEADER, *_rows(4)])

    import_asn(actor=None, data=data, source_name="asn.csv", dry_run=False)

    events = list(AuditEvent.objects.filter(action="asn.imported"))
    assert len(events) == 1
    assert events[0].after is not None
    assert events[0].after["file_name"] == "asn.csv"
    assert events[0].after["sha256"] == hashlib.sha256(data).hexdigest()
    assert events[0].after["created"] == 4
    assert verify_chain() is None


def test_xlsx_import_reads_the_first_sheet(units: dict[str, Unit]) -> None:
    data = xlsx_bytes([ASN_HEADER, *_rows(5, unit="kel-arjosari")])

    report = import_asn(actor=None, data=data, source_name="ASN.XLSX", dry_run=False)

    assert report.created == 5
    assert Asn.objects.filter(unit=units["kel-arjosari"]).count() == 5


def test_semicolon_csv_with_bom_and_english_headers(units: dict[str, Unit]) -> None:
    header = ["nip", "name", "asn_type", "position", "grade", "unit_code", "is_head"]
    nip = nip_for(7)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    row = [spaced, "Siti", "pns", "Lurah", "", "kel-arjosari", "ya"]
    data = csv_bytes([header, row], delimiter=";", encoding="utf-8-sig")

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=False)

    assert report.created == 1
    asn = Asn.objects.get(nip=nip_for(7))
    assert asn.is_head_of_unit
    assert asn.position == "Lurah"


def test_every_bad_row_is_reported_with_row_column_and_reason(units: dict[str, Unit]) -> None:
    good = _rows(2)
    data = csv_bytes(
        [
            ASN_HEADER,
            good[0],  # row 2
            ["19860231 201505 1 001", "Ani", "PNS", "", "", "dinkes", ""],  # row 3: 31 Feb
            [nip_for(20), "", "PNS", "", "", "dinkes", ""],  # row 4: no name
            [nip_for(21), "Budi", "honorer", "", "", "dinkes", ""],  # row 5: bad type
            [nip_for(22), "Cici", "PNS", "", "", "tidak-ada", ""],  # row 6: unknown unit
            [nip_for(23), "Dedi", "PNS", "", "", "dinkes", "mungkin"],  # row 7: bad flag
            good[1],  # row 8
            good[0],  # row 9: same NIP as row 2
        ]
    )

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=True)

    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (3, "NIP"),
        (4, "Nama"),
        (5, "Jenis"),
        (6, "Kode Unit"),
        (7, "Kepala Unit"),
        (9, "NIP"),
    }
    reasons = {e.row: e.reason for e in report.errors}
    assert "tanggal lahir" in reasons[3]
    assert "PNS atau PPPK" in reasons[5]
    assert "baris 2" in reasons[9]
    assert Asn.objects.count() == 0


def test_a_file_with_one_bad_row_changes_nothing(units: dict[str, Unit]) -> None:
    existing = AsnFactory.create(nip=nip_for(0), name="Nama Lama", unit=units["dinkes"])
    rows = _rows(50)
    rows[30][5] = "unit-hilang"
    data = xlsx_bytes([ASN_HEADER, *rows])
    events_before = AuditEvent.objects.count()

    with pytest.raises(ImportRejected) as caught:
        import_asn(actor=None, data=data, source_name="asn.xlsx", dry_run=False)

    assert [(e.row, e.column) for e in caught.value.report.errors] == [(32, "Kode Unit")]
    assert Asn.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Nama Lama"
    assert AuditEvent.objects.count() == events_before


def test_reimport_updates_by_nip_without_duplicates(units: dict[str, Unit]) -> None:
    first = csv_bytes([ASN_HEADER, *_rows(10)])
    import_asn(actor=None, data=first, source_name="a.csv", dry_run=False)
    rows = _rows(12)
    rows[3][1] = "Nama Baru"
    rows[4][5] = "kel-polowijen"
    rows[5][0] = rows[5][0][:8] + " " + rows[5][0][8:]  # same NIP, typed with a space
    second = csv_bytes([ASN_HEADER, *rows])

    preview = import_asn(actor=None, data=second, source_name="b.csv", dry_run=True)
    report = import_asn(actor=None, data=second, source_name="b.csv", dry_run=False)

    assert (preview.created, preview.updated, preview.unchanged) == (2, 2, 8)
    assert (report.created, report.updated, report.unchanged) == (2, 2, 8)
    assert Asn.objects.count() == 12
    assert Asn.objects.get(nip=nip_for(3)).name == "Nama Baru"
    assert Asn.objects.get(nip=nip_for(4)).unit == units["kel-polowijen"]


def test_pppk_numbers_with_a_contract_count_above_twelve_are_accepted(
    units: dict[str, Unit],
) -> None:
    pppk = nip_for(5, pppk=True)
    assert int(pppk[12:14]) > 12
    data = csv_bytes(
        [
            ASN_HEADER,
            [pppk, "Guru PPPK", "PPPK", "Guru", "IX", "dinkes", ""],
            [nip_for(6, pppk=True), "Salah Jenis", "PNS", "", "", "dinkes", ""],
        ]
    )

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(3, "NIP")]
    assert "TMT" in report.errors[0].reason


def test_nip_stored_as_a_number_in_excel_is_rejected_not_rounded(
    units: dict[str, Unit],
) -> None:
    data = xlsx_bytes([ASN_HEADER, [int(nip_for(1)), "Angka", "PNS", "", "", "dinkes", ""]])

    report = import_asn(actor=None, data=data, source_name="asn.xlsx", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(2, "NIP")]
    assert "Teks" in report.errors[0].reason


def test_missing_required_column_is_reported_against_the_header_row(
    units: dict[str, Unit],
) -> None:
    data = csv_bytes([["NIP", "Nama", "Jenis"], [nip_for(1), "A", "PNS"]])

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(1, "kode_unit")]


def test_social_columns_declare_accounts_and_refuse_someone_elses(
    units: dict[str, Unit],
) -> None:
    other = AsnFactory.create(unit=units["dinkes"])
    SocialAccount.objects.create(asn=other, platform="instagram", handle="milik.orang")
    header = [*ASN_HEADER, "Instagram", "TikTok"]
    rows = [
        [nip_for(1), "A", "PNS", "", "", "dinkes", "", "@Akun.A", "https://www.tiktok.com/@akuna"],
        [nip_for(2), "B", "PNS", "", "", "dinkes", "", "milik.orang", ""],
    ]

    rejected = import_asn(
        actor=None, data=csv_bytes([header, *rows]), source_name="s.csv", dry_run=True
    )
    report = import_asn(
        actor=None, data=csv_bytes([header, rows[0]]), source_name="s.csv", dry_run=False
    )

    assert [(e.row, e.column) for e in rejected.errors] == [(3, "Instagram")]
    assert report.social_created == 2
    handles = set(Asn.objects.get(nip=nip_for(1)).social_accounts.values_list("handle", flat=True))
    assert handles == {"akun.a", "akuna"}


def test_an_inspektorat_cannot_import_into_units_of_another_city(
    units: dict[str, Unit],
) -> None:
    kediri = user_with_role(Role.INSPEKTORAT, "35.71")
    data = csv_bytes([ASN_HEADER, *_rows(1)])

    report = import_asn(actor=kediri, data=data, source_name="asn.csv", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(2, "Kode Unit")]


def test_records_bulk_path_refuses_bad_rows(units: dict[str, Unit]) -> None:
    records = [
        {"nip": nip_for(1), "nama": "A", "jenis": "PNS", "kode_unit": "dinkes"},
        {"nip": "123", "nama": "B", "jenis": "PNS", "kode_unit": "dinkes"},
    ]

    with pytest.raises(ImportRejected):
        import_asn_records(actor=None, records=records, source_name="seed")
    report = import_asn_records(actor=None, records=records[:1], source_name="seed")

    assert report.created == 1
    assert Asn.objects.count() == 1


def test_an_unreadable_file_is_one_error_not_a_crash(units: dict[str, Unit]) -> None:
    report = import_asn(actor=None, data=b"not a zip", source_name="asn.xlsx", dry_run=True)

    assert len(report.errors) == 1
    assert "Excel" in report.errors[0].reason


def test_a_title_above_the_header_is_skipped_and_rows_keep_their_numbers(
    units: dict[str, Unit],
) -> None:
    rows = _rows(2)
    rows[1][2] = "Kontrak"
    data = xlsx_bytes([["DAFTAR PEGAWAI DINAS KESEHATAN KOTA MALANG"], [], ASN_HEADER, *rows])

    report = import_asn(actor=None, data=data, source_name="asn.xlsx", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(5, "Jenis")]


def test_a_repeated_nip_is_reported_even_when_its_first_row_is_bad(
    units: dict[str, Unit],
) -> None:
    data = csv_bytes(
        [
            ASN_HEADER,
            [nip_for(1), "A", "PNS", "", "", "tidak-ada", ""],
            [nip_for(1), "A", "PNS", "", "", "dinkes", ""],
        ]
    )

    report = import_asn(actor=None, data=data, source_name="asn.csv", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(2, "Kode Unit"), (3, "NIP")]
