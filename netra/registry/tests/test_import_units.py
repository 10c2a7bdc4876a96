from __future__ import annotations

import pytest

from netra.accounts.models import Role
from netra.registry.importing import ImportRejected, import_units
from netra.registry.models import Unit, UnitKind
from netra.testing.factories import user_with_role

from .conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Kode", "Nama", "Jenis", "Kode Induk", "Kode Wilayah", "Alamat"]


def test_units_are_created_with_parents_that_come_later_in_the_file(regions: None) -> None:
    data = xlsx_bytes(
        [
            HEADER,
            ["sdn-arjosari-1", "SDN Arjosari 1", "Sekolah", "disdikbud", "35.73.01.1002", ""],
            ["disdikbud", "Dinas Pendidikan", "OPD", "", "35.73", "Jl. Veteran 19"],
            ["kel-arjosari", "Kantor Kelurahan Arjosari", "kelurahan", "", "35.73.01.1002", ""],
        ]
    )

    report = import_units(actor=None, data=data, source_name="unit.xlsx", dry_run=False)

    assert report.created == 3
    school = Unit.objects.get(code="sdn-arjosari-1")
    assert school.parent is not None
    assert school.parent.code == "disdikbud"
    assert school.kind == UnitKind.SEKOLAH
    assert school.region.code == "35.73.01.1002"
    assert Unit.objects.get(code="disdikbud").address == "Jl. Veteran 19"


def test_every_bad_unit_row_is_reported_and_nothing_is_written(regions: None) -> None:
    data = csv_bytes(
        [
            HEADER,
            ["disdikbud", "Dinas Pendidikan", "opd", "", "35.73", ""],  # 2: fine
            ["Kode Salah!", "X", "opd", "", "35.73", ""],  # 3: bad code
            ["sd-1", "SD 1", "warung", "", "35.73", ""],  # 4: unknown kind
            ["sd-2", "SD 2", "sekolah", "", "99.99", ""],  # 5: unknown region
            ["kel-x", "Kel X", "kelurahan", "", "35.73.01", ""],  # 6: kelurahan at kecamatan
            ["sd-3", "SD 3", "sekolah", "tidak-ada", "35.73", ""],  # 7: unknown parent
            ["sd-4", "SD 4", "sekolah", "sd-4", "35.73", ""],  # 8: own parent
            ["a", "A", "opd", "b", "35.73", ""],  # 9: cycle a -> b -> a
            ["b", "B", "opd", "a", "35.73", ""],  # 10
            ["disdikbud", "Lagi", "opd", "", "35.73", ""],  # 11: duplicate code
        ],
        delimiter=";",
    )

    with pytest.raises(ImportRejected) as caught:
        import_units(actor=None, data=data, source_name="unit.csv", dry_run=False)

    found = {(e.row, e.column) for e in caught.value.report.errors}
    assert found == {
        (3, "Kode"),
        (4, "Jenis"),
        (5, "Kode Wilayah"),
        (6, "Kode Wilayah"),
        (7, "Kode Induk"),
        (8, "Kode Induk"),
        (9, "Kode Induk"),
        (10, "Kode Induk"),
        (11, "Kode"),
    }
    assert Unit.objects.count() == 0


def test_reimport_updates_units_by_code(regions: None) -> None:
    first = csv_bytes([HEADER, ["dinkes", "Dinas Kesehatan", "opd", "", "35.73", ""]])
    second = csv_bytes([HEADER, ["DINKES", "Dinas Kesehatan Kota", "opd", "", "35.73", "Jl. A"]])

    import_units(actor=None, data=first, source_name="u.csv", dry_run=False)
    report = import_units(actor=None, data=second, source_name="u.csv", dry_run=False)

    assert (report.created, report.updated) == (0, 1)
    unit = Unit.objects.get()
    assert unit.name == "Dinas Kesehatan Kota"
    assert unit.address == "Jl. A"


def test_an_inspektorat_cannot_place_units_in_another_city(regions: None) -> None:
    malang = user_with_role(Role.INSPEKTORAT, "35.73")
    data = csv_bytes([HEADER, ["sdn-kediri", "SDN Kediri", "sekolah", "", "35.71.01.1001", ""]])

    report = import_units(actor=malang, data=data, source_name="u.csv", dry_run=True)

    assert [(e.row, e.column) for e in report.errors] == [(2, "Kode Wilayah")]
