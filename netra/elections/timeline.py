"""The schedule as a timeline: each stage's status on a day, and where that day falls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Stage

PAST, RUNNING, UPCOMING = "selesai", "berlangsung", "akan-datang"


@dataclass(frozen=True)
class TimelineItem:
    """A stage with its status on the viewing day, or (``stage`` None) the day marker."""

    stage: Stage | None
    status: str = ""

    @property
    def is_marker(self) -> bool:
        return self.stage is None


def stage_status(stage: Stage, on: dt.date) -> str:
    if stage.ends_on < on:
        return PAST
    if stage.starts_on > on:
        return UPCOMING
    return RUNNING


def build_timeline(stages: Sequence[Stage], on: dt.date) -> list[TimelineItem]:
    """Stages in schedule order with the day marker before the first stage still to come."""
    items = [TimelineItem(stage, stage_status(stage, on)) for stage in stages]
    position = next((i for i, item in enumerate(items) if item.status == UPCOMING), len(items))
    items.insert(position, TimelineItem(None))
    return items
