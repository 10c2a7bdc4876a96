"""Background work for prevention: reminder e-mails."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from .models import ReminderBatch


@task()
def deliver_reminders(batch_id: int, sign_url: str = "") -> int:
    """Send the e-mails of one reminder batch (runs after the batch is committed)."""
    from .services import deliver_reminder_batch

    batch = ReminderBatch.objects.select_related("pact__template", "pact__election").get(
        pk=batch_id
    )
    return deliver_reminder_batch(
        actor=None, batch=batch, sign_url=sign_url or reverse("prevention:my_pacts")
    )
