from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netra.core.audit import verify_chain
from netra.core.models import AuditEvent


class Command(BaseCommand):
    help = "Prove the audit hash chain is intact, or name the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        problem = verify_chain()
        if problem is not None:
            raise CommandError(f"Audit chain broken at {problem}")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events verified."))
