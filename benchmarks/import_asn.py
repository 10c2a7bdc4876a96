"""How fast does the ASN import go, against a naive per-row import measured in the same run?

    .venv/bin/python benchmarks/import_asn.py                      # SQLite in a temp dir
    .venv/bin/python benchmarks/import_asn.py --rows 50000 --database-url postgres://...

Generates an XLSX of ``--rows`` ASN with valid NIPs (a fifth with an Instagram handle)
spread over 200 units, imports it into a fresh database with the real importer (dry
run, then the real run, then a re-import where every row changed), and times a naive
import — one query for the unit, one for the NIP, ``full_clean()`` and ``save()`` per
row — on ``--baseline-rows`` other rows, extrapolated to the same size.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--baseline-rows", type=int, default=1_000)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to use instead of SQLite; a fresh database is created "
        "on it and dropped afterwards",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="netra-bench-"))
    os.environ["NETRA_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "netra.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = f"netra_bench_{os.getpid()}"
    else:
        db.setdefault("TEST", {})["NAME"] = str(workdir / "bench.sqlite3")
    with contextlib.redirect_stdout(io.StringIO()):  # createcachetable talks regardless
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.rows, args.baseline_rows, connection.vendor)
    finally:
        connection.creation.destroy_test_db(db["NAME"], verbosity=0)


def units_records() -> list[dict[str, object]]:
    from netra.regions.models import Level, Region

    kelurahan = list(
        Region.objects.filter(level=Level.KELURAHAN, code__startswith="35.73.").values_list(
            "code", flat=True
        )
    )
    records: list[dict[str, object]] = [
        {"kode": "disdikbud", "nama": "Dinas Pendidikan", "jenis": "opd", "kode_wilayah": "35.73"}
    ]
    for i in range(199):
        records.append(
            {
                "kode": f"sekolah-{i:03d}",
                "nama": f"SD Negeri {i}",
                "jenis": "sekolah",
                "kode_induk": "disdikbud",
                "kode_wilayah": kelurahan[i % len(kelurahan)],
            }
        )
    return records


def asn_rows(start: int, count: int, position: str = "Guru") -> list[list[str]]:
    from netra.registry.nip import compose_nip

    rows: list[list[str]] = []
    for n in range(start, start + count):
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=n % 12_000)
        nip = compose_nip(
            birth_date=birth,
            appointed_year=birth.year + 25,
            appointed_month=n % 12 + 1,
            gender="L" if n % 2 else "P",
            serial=n // 12_000 + 1,
        )
        unit = "disdikbud" if n % 200 == 0 else f"sekolah-{n % 199:03d}"
        instagram = f"guru.{n}" if n % 5 == 0 else ""
        rows.append([nip, f"Pegawai {n}", "PNS", position, "III/b", unit, "tidak", instagram])
    return rows


HEADER = ["NIP", "Nama", "Jenis", "Jabatan", "Golongan", "Kode Unit", "Kepala Unit", "Instagram"]


def xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def naive_import(rows: list[list[str]]) -> None:
    """What a first attempt looks like: a query per lookup and a save per row."""
    from netra.registry.models import Asn, SocialAccount, Unit

    for nip, name, asn_type, position, grade, unit_code, _head, instagram in rows:
        unit = Unit.objects.get(code=unit_code)
        asn = Asn.objects.filter(nip=nip).first() or Asn(nip=nip)
        asn.asn_type, asn.name, asn.position, asn.grade = asn_type, name, position, grade
        asn.unit = unit
        asn.clean()  # birth date and sex from the NIP
        asn.full_clean()
        asn.save()
        if instagram:
            SocialAccount.objects.get_or_create(
                platform="instagram", handle=instagram, defaults={"asn": asn}
            )


def run(n_rows: int, n_baseline: int, vendor: str) -> None:
    from rich.console import Console

    from netra.regions.services import load_regions
    from netra.registry.importing import import_asn, import_unit_records
    from netra.registry.importing.console import progress_bar, summary
    from netra.registry.models import Asn

    console = Console(width=min(Console().width, 120) if sys.stdout.isatty() else 120)
    load_regions(actor=None, source=ROOT / "netra" / "regions" / "data" / "regions.csv")
    import_unit_records(actor=None, records=units_records(), source_name="units")

    started = time.perf_counter()
    data = xlsx(asn_rows(0, n_rows))
    console.print(
        f"Generated {n_rows:,} rows ({len(data) / 1e6:.1f} MB XLSX) "
        f"in {time.perf_counter() - started:.1f} s; database: {vendor}"
    )

    timings: dict[str, float] = {}
    for label, payload, dry_run in (
        ("dry run", data, True),
        ("import", data, False),
        ("re-import, every row changed", xlsx(asn_rows(0, n_rows, position="Guru Madya")), False),
    ):
        console.print(f"[bold]{label}[/bold]")
        started = time.perf_counter()
        with progress_bar(console) as progress:
            report = import_asn(
                actor=None,
                data=payload,
                source_name="asn.xlsx",
                dry_run=dry_run,
                progress=progress,
            )
        timings[label] = time.perf_counter() - started
        assert report.ok, report.errors[:5]
        console.print(f"  {summary(report)}")
    assert Asn.objects.count() == n_rows

    baseline = asn_rows(n_rows, n_baseline)
    started = time.perf_counter()
    naive_import(baseline)
    naive = time.perf_counter() - started
    naive_extrapolated = naive / n_baseline * n_rows

    console.print()
    for label, seconds in timings.items():
        console.print(f"{label:<30} {seconds:8.2f} s  {n_rows / seconds:10,.0f} rows/s")
    console.print(
        f"{'naive per-row save()':<30} {naive:8.2f} s  {n_baseline / naive:10,.0f} rows/s "
        f"(on {n_baseline:,} rows; {naive_extrapolated:.1f} s for {n_rows:,})"
    )
    console.print(
        f"import is {naive_extrapolated / timings['import']:.1f}× faster than the naive "
        f"baseline; 60 s budget: {'met' if timings['import'] < 60 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
