"""What ``import_asn`` and ``import_units`` share: read the file, run, print every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netra.registry.importing import ImportRejected, import_file
from netra.registry.importing.console import print_errors, progress_bar, summary


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Berkas .csv atau .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Periksa saja: laporkan setiap baris yang salah tanpa menyimpan apa pun.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Tanpa bilah kemajuan.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: berkas tidak ditemukan")
        data = path.read_bytes()
        dry_run = options["dry_run"]
        try:
            if options["no_progress"]:
                report = import_file(
                    actor=None, kind=self.kind, data=data, source_name=path.name, dry_run=dry_run
                )
            else:
                with progress_bar() as progress:
                    report = import_file(
                        actor=None,
                        kind=self.kind,
                        data=data,
                        source_name=path.name,
                        dry_run=dry_run,
                        progress=progress,
                    )
        except ImportRejected as exc:
            print_errors(exc.report, self.stderr)
            raise CommandError(str(exc)) from exc
        if not report.ok:
            print_errors(report, self.stderr)
            raise CommandError(
                f"{path.name}: {len(report.errors)} galat pada {report.bad_rows} baris; "
                "tidak ada data yang diubah."
            )
        verb = "Simulasi" if options["dry_run"] else "Selesai"
        self.stdout.write(f"{verb}: {summary(report)}")
        if report.ignored_columns:
            self.stdout.write(f"Kolom diabaikan: {', '.join(report.ignored_columns)}")
