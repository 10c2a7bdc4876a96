"""The import page, the import API and the import commands."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from netra.accounts.models import Role
from netra.registry.models import Asn, Unit
from netra.testing.factories import user_with_role

from .conftest import ASN_HEADER, csv_bytes, nip_for, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD = [ASN_HEADER, [nip_for(1), "Ani", "PNS", "", "", "dinkes", ""]]
BAD = [
    ASN_HEADER,
    [nip_for(1), "Ani", "PNS", "", "", "dinkes", ""],
    ["12345", "Budi", "PNS", "", "", "dinkes", ""],
    [nip_for(2), "Cici", "PNS", "", "", "tidak-ada", ""],
]


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


def _client(role: str, region: str | None) -> Client:
    client = Client()
    client.force_login(user_with_role(role, region))
    return client


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _check(client: Client, name: str, data: bytes, kind: str = "asn") -> object:
    return client.post(reverse("registry:import"), {"kind": kind, "file": _upload(name, data)})


def test_a_lurah_cannot_import(units: dict[str, Unit]) -> None:
    lurah = _client(Role.LURAH, "35.73.01.1002")

    assert lurah.get(reverse("registry:import")).status_code == 403
    response = _check(lurah, "asn.csv", csv_bytes(GOOD))
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert Asn.objects.count() == 0


def test_dry_run_shows_counts_and_writes_nothing_then_apply_writes(
    units: dict[str, Unit],
) -> None:
    client = _client(Role.INSPEKTORAT, "35.73")

    response = _check(client, "asn.xlsx", xlsx_bytes(GOOD))

    assert response.status_code == 200  # type: ignore[attr-defined]
    report = response.context["report"]  # type: ignore[attr-defined]
    assert (report.ok, report.created) == (True, 1)
    assert reverse("registry:import_apply") in response.content.decode()  # type: ignore[attr-defined]
    assert Asn.objects.count() == 0

    applied = client.post(
        reverse("registry:import_apply"), {"sha256": report.sha256, "kind": "asn"}
    )

    assert applied.status_code == 302
    assert list(Asn.objects.values_list("nip", flat=True)) == [nip_for(1)]


def test_bad_rows_are_listed_on_the_page_and_apply_changes_nothing(
    units: dict[str, Unit],
) -> None:
    client = _client(Role.INSPEKTORAT, "35.73")

    response = _check(client, "asn.csv", csv_bytes(BAD, delimiter=";"))
    report = response.context["report"]  # type: ignore[attr-defined]
    applied = client.post(
        reverse("registry:import_apply"), {"sha256": report.sha256, "kind": "asn"}
    )
    errors_csv = client.get(reverse("registry:import_errors", args=[report.sha256, "asn"]))

    rows = [(e.row, e.column) for e in response.context["errors"]]  # type: ignore[attr-defined]
    assert rows == [(3, "NIP"), (4, "Kode Unit")]
    assert reverse("registry:import_apply") not in response.content.decode()  # type: ignore[attr-defined]
    assert applied.status_code == 200
    assert [(e.row, e.column) for e in applied.context["report"].errors] == rows
    assert Asn.objects.count() == 0
    lines = list(csv.reader(io.StringIO(errors_csv.content.decode("utf-8-sig"))))
    assert [(int(r), c) for r, c, *_ in lines[1:]] == rows


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("asn.txt", b"nip,nama\n", ".csv atau .xlsx"),
        ("asn.xlsx", b"nip,nama,jenis\n1,2,3\n", "bukan berkas Excel"),
        ("asn.csv", b"PK\x03\x04binary", "bukan teks CSV"),
        ("asn.csv", b"   \n", "kosong"),
    ],
)
def test_uploads_of_the_wrong_type_are_refused(
    units: dict[str, Unit], tmp_path: Path, name: str, data: bytes, fragment: str
) -> None:
    client = _client(Role.INSPEKTORAT, "35.73")

    response = _check(client, name, data)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert fragment in response.content.decode()  # type: ignore[attr-defined]
    assert not list(tmp_path.glob("imports/*"))


def test_uploads_over_the_size_limit_are_refused(units: dict[str, Unit], settings: object) -> None:
    settings.NETRA_IMPORT_MAX_BYTES = 100  # type: ignore[attr-defined]
    client = _client(Role.INSPEKTORAT, "35.73")
    data = csv_bytes([*GOOD, *([[nip_for(1), "x" * 50, "PNS", "", "", "dinkes", ""]] * 3)])

    response = _check(client, "asn.csv", data)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "terlalu besar" in response.content.decode()  # type: ignore[attr-defined]


def test_apply_refuses_a_hash_that_was_never_uploaded(units: dict[str, Unit]) -> None:
    client = _client(Role.INSPEKTORAT, "35.73")

    response = client.post(
        reverse("registry:import_apply"), {"sha256": "../../etc/passwd", "kind": "asn"}
    )

    assert response.status_code == 302
    assert response.url == reverse("registry:import")  # type: ignore[attr-defined]


def test_templates_have_the_columns_the_importer_reads(units: dict[str, Unit]) -> None:
    client = _client(Role.INSPEKTORAT, "35.73")

    as_csv = client.get(reverse("registry:import_template", args=["asn", "csv"]))
    as_xlsx = client.get(reverse("registry:import_template", args=["unit", "xlsx"]))

    header = next(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert header[:7] == ["nip", "nama", "jenis", "jabatan", "golongan", "kode_unit", "kepala_unit"]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(as_xlsx.content)).get_sheet_by_index(0)
    assert sheet.to_python()[0] == ["kode", "nama", "jenis", "kode_induk", "kode_wilayah", "alamat"]


# --- API --------------------------------------------------------------------------------


def _api(client: Client, data: bytes, name: str = "asn.csv", dry_run: bool = True) -> object:
    url = "/api/v1/registry/import/asn" + ("" if dry_run else "?dry_run=false")
    return client.post(url, {"file": _upload(name, data)})


def test_api_import_is_forbidden_to_a_lurah(units: dict[str, Unit]) -> None:
    response = _api(_client(Role.LURAH, "35.73.01.1002"), csv_bytes(GOOD), dry_run=False)

    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/problem+json"  # type: ignore[index]
    assert Asn.objects.count() == 0


def test_api_dry_run_then_apply(units: dict[str, Unit]) -> None:
    client = _client(Role.ADMIN, None)

    dry = _api(client, csv_bytes(GOOD))
    assert Asn.objects.count() == 0
    applied = _api(client, csv_bytes(GOOD), dry_run=False)

    assert dry.json()["created"] == 1  # type: ignore[attr-defined]
    assert applied.json()["applied"] is True  # type: ignore[attr-defined]
    assert Asn.objects.count() == 1


def test_api_lists_every_bad_row_as_a_problem(units: dict[str, Unit]) -> None:
    response = _api(_client(Role.ADMIN, None), xlsx_bytes(BAD), name="asn.xlsx", dry_run=False)

    assert response.status_code == 422  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["code"] == "import_invalid"
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(3, "NIP"), (4, "Kode Unit")]
    assert Asn.objects.count() == 0


def test_api_refuses_a_file_of_the_wrong_type(units: dict[str, Unit]) -> None:
    response = _api(_client(Role.ADMIN, None), b"hello", name="asn.pdf")

    assert response.status_code == 415  # type: ignore[attr-defined]


# --- commands ---------------------------------------------------------------------------


def test_command_prints_every_bad_row_and_exits_non_zero(
    units: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "asn.csv"
    path.write_bytes(csv_bytes(BAD))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_asn", str(path), "--no-progress", stderr=err)

    lines = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "baris 3, kolom NIP ('12345')",
        "baris 4, kolom Kode Unit ('tidak-ada')",
    ]
    assert Asn.objects.count() == 0


def test_commands_import_units_then_asn(regions: None, tmp_path: Path) -> None:
    unit_file = tmp_path / "unit.csv"
    unit_file.write_bytes(
        csv_bytes([["kode", "nama", "jenis", "kode_wilayah"], ["dinkes", "Dinkes", "opd", "35.73"]])
    )
    asn_file = tmp_path / "asn.xlsx"
    asn_file.write_bytes(xlsx_bytes(GOOD))
    out = io.StringIO()

    call_command("import_units", str(unit_file), "--no-progress", stdout=out)
    call_command("import_asn", str(asn_file), "--dry-run", "--no-progress", stdout=out)
    assert Asn.objects.count() == 0
    call_command("import_asn", str(asn_file), "--no-progress", stdout=out)

    assert Asn.objects.get().unit.code == "dinkes"
