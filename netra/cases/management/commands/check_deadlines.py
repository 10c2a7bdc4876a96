"""``netra manage check_deadlines``: the daily reminder/escalation run, for cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netra.cases.deadlines import check_deadlines


class Command(BaseCommand):
    help = "Ingatkan tenggat yang hampir habis dan eskalasikan yang terlewati (aman diulang)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Hari pemeriksaan, YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"--date {options['date']!r} tidak valid; contoh: 2025-04-08"
                ) from exc
        result = check_deadlines(today=today)
        self.stdout.write(str(result))
