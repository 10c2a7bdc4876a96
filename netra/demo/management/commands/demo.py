from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from netra.demo.seed.registry import DEFAULT_ASN, SeedError
from netra.demo.seed.run import DemoSummary, seed_demo
from netra.demo.seed.users import DEMO_PASSWORD
from netra.demo.serve import serve


class Command(BaseCommand):
    help = (
        "Seed the Kota Malang Pilkada 2024 demo (regions, ~40 units, synthetic ASN, the "
        "election and its pairs, one user per role), print the logins, then serve it on "
        "127.0.0.1 with a task worker. Running it again keeps existing data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")
        parser.add_argument(
            "--no-server", action="store_true", help="seed and print the logins, do not serve"
        )
        parser.add_argument(
            "--asn", type=int, default=DEFAULT_ASN, help="how many synthetic ASN to create"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["asn"] < 1:
            raise CommandError("--asn must be at least 1")
        self.stdout.write("Preparing the database (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Seeding the Kota Malang demo…")
        try:
            summary = seed_demo(asn=options["asn"])
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        self._report(summary)
        if not options["no_server"]:
            self.stdout.write(
                f"Serving on http://127.0.0.1:{options['port']}/ with a task worker; "
                "press Ctrl+C to stop.\n"
            )
            serve(port=options["port"])

    def _report(self, summary: DemoSummary) -> None:
        if summary.added_anything:
            self.stdout.write(
                f"Added {summary.regions_created} regions, {summary.units_created} units, "
                f"{summary.asn_created} ASN, {summary.accounts_created} social accounts, "
                f"{summary.pairs_created} candidate pairs."
            )
        else:
            self.stdout.write("The demo data were already there; nothing added.")
        rows = [("ROLE", "USERNAME", "SEES")]
        rows += [(login.role, login.username, login.scope) for login in summary.logins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo logins (every user's password is the one below):")
        for row in rows:
            cells = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write(f"  {cells}".rstrip())
        self.stdout.write("")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        self.stdout.write(
            self.style.WARNING(
                "  DEMO ONLY: this password is public. Never use these accounts or this "
                "database in a real deployment."
            )
        )
        self.stdout.write("")
