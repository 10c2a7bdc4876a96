"""Indonesian working days, for legal deadlines.

A day is a working day unless it is a Saturday or Sunday, a national holiday from the
``holidays`` package (Indonesia), or a :class:`~netra.core.models.NonWorkingDay` row
(cuti bersama, extra holidays such as voting days). A ``masuk`` row overrides the
package when the government moves a holiday. Pemilu "hari kerja" deadlines skip all of
these; Pilkada deadlines count calendar days (MK 18/PUU-XVIII/2020).

Counting: "within N days since X" ends on the N-th counted day after X; day X itself
is not counted.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Protocol

import holidays
from django.db import transaction

from .audit import record_audit, snapshot
from .models import DayKind, NonWorkingDay

SATURDAY = 5


class CountedRule(Protocol):
    """What :func:`due_date` needs from a ``rules.DeadlineRule``."""

    days: int
    day_count: str


@lru_cache(maxsize=32)
def _package_holidays(first: int, stop: int) -> dict[dt.date, str]:
    """The ``holidays`` package's Indonesian holidays (fixed data, so cached)."""
    package = holidays.country_holidays("ID", years=list(range(first, stop)))
    return {day: str(name) for day, name in package.items()}


class WorkingCalendar:
    """Working days over a span of years, loaded once (one query) per span."""

    def __init__(self, years: range) -> None:
        self.years = years
        self.closed: dict[dt.date, str] = dict(_package_holidays(years.start, years.stop))
        rows = NonWorkingDay.objects.filter(date__year__gte=years.start, date__year__lt=years.stop)
        for row in rows:
            if row.kind == DayKind.MASUK:
                self.closed.pop(row.date, None)
            else:
                self.closed[row.date] = row.name

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.closed

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if before)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + dt.timedelta(days=offset))
        )


def _calendar_for(*days: dt.date, extra_days: int = 0) -> WorkingCalendar:
    # Enough years for the longest legal span (14 working days) across a year end.
    first = min(days).year
    last = (max(days) + dt.timedelta(days=max(extra_days * 3, 60))).year
    return WorkingCalendar(range(first, last + 1))


def is_working_day(day: dt.date) -> bool:
    """True on a weekday that is neither a holiday nor cuti bersama."""
    return _calendar_for(day).is_working_day(day)


def non_working_reason(day: dt.date) -> str:
    """Why ``day`` is not a working day ("" if it is one)."""
    cal = _calendar_for(day)
    if day in cal.closed:
        return cal.closed[day]
    if day.weekday() >= SATURDAY:
        return "Sabtu" if day.weekday() == SATURDAY else "Minggu"
    return ""


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start``."""
    return _calendar_for(start, extra_days=days).add_working_days(start, days)


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    return _calendar_for(start, end).working_days_between(start, end)


def due_date(rule: CountedRule, start: dt.date) -> dt.date:
    """The last day allowed by ``rule`` for something that started on ``start``."""
    if rule.day_count == "kerja":
        return add_working_days(start, rule.days)
    return add_calendar_days(start, rule.days)


def days_left(rule_day_count: str, today: dt.date, due: dt.date) -> int:
    """Days still available until ``due`` (0 on the day itself), in the rule's unit.

    Negative once ``due`` has passed, even over a weekend: a limit due on Friday is
    overdue on Saturday although no working day has gone by.
    """
    if rule_day_count != "kerja":
        return (due - today).days
    if today > due:
        return min(-1, -working_days_between(due, today))
    return working_days_between(today, due)


def save_non_working_day(
    *, actor: Any, date: dt.date, kind: str, name: str, legal_basis: str = ""
) -> NonWorkingDay:
    """Add or correct a cuti bersama / extra holiday / ``masuk`` day (audited)."""
    with transaction.atomic():
        row = NonWorkingDay.objects.filter(date=date).first()
        before = snapshot(row) if row is not None else None
        row = row or NonWorkingDay(date=date)
        row.kind, row.name, row.legal_basis = kind, name, legal_basis
        row.full_clean()
        row.save()
        record_audit(
            actor=actor, action="calendar.day_saved", obj=row, before=before, after=snapshot(row)
        )
    return row


def delete_non_working_day(*, actor: Any, row: NonWorkingDay) -> None:
    """Make ``row``'s date an ordinary day again, as far as this table goes (audited)."""
    with transaction.atomic():
        record_audit(actor=actor, action="calendar.day_deleted", obj=row, before=snapshot(row))
        row.delete()
