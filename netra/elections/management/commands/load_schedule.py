from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netra.elections.models import Election
from netra.elections.schedule_files import ScheduleError, available_schedules
from netra.elections.services import apply_schedule


class Command(BaseCommand):
    help = (
        "Create or update an election's stages from an official schedule, e.g. "
        "`load_schedule pilkada-kota-malang-2024 pkpu-2-2024`. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", help="the election's slug")
        parser.add_argument("schedule", help=f"one of: {', '.join(available_schedules())}")

    def handle(self, *args: Any, **options: Any) -> None:
        election = Election.objects.filter(slug=options["election"]).first()
        if election is None:
            raise CommandError(f"no election with slug '{options['election']}'")
        try:
            result = apply_schedule(actor=None, election=election, schedule=options["schedule"])
        except ScheduleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{election.slug}: {len(result.created)} stage(s) created, "
            f"{len(result.updated)} updated, {len(result.unchanged)} unchanged"
        )
