from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netra.regions.services import RegionFileError, load_regions


class Command(BaseCommand):
    help = "Load or update regions from a CSV with columns kode,level,nama,parent_kode."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args: Any, csv_path: Path, **options: Any) -> None:
        if not csv_path.is_file():
            raise CommandError(f"{csv_path}: no such file")
        try:
            result = load_regions(actor=None, source=csv_path)
        except RegionFileError as exc:
            raise CommandError(
                f"{csv_path}: nothing loaded, {len(exc.errors)} problem(s):\n" + str(exc)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged"
            )
        )
