"""Background jobs for cases (django-tasks): the daily deadline check."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from .deadlines import check_deadlines


@task()
def check_deadlines_task(today: str | None = None) -> dict[str, list[int]]:
    """Remind, mark breaches and escalate; ``today`` as ISO date for replays."""
    result = check_deadlines(today=dt.date.fromisoformat(today) if today else None)
    return {
        "reminded": result.reminded,
        "breached": result.breached,
        "escalated": result.escalated,
    }
