"""Deadlines on cases: start, stop, and the daily check that reminds and escalates.

``start``/``stop`` run inside the calling service's transaction. :func:`check_deadlines`
is the daily job (task and ``manage.py check_deadlines``): it reminds handlers of
deadlines with at most one day left, marks passed ones as breached and moves the case
one desk up the ladder. Running it twice on one day changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.core.audit import record_audit
from netra.core.calendar import due_date
from netra.rules.models import DeadlineRule

from . import notify
from .models import TERMINAL_STATES, Case, CaseDeadline
from .selectors import AT_RISK_DAYS, deadline_status


def _rule_for(code: str, kind: str) -> DeadlineRule | None:
    try:
        return DeadlineRule.lookup(code, kind)
    except DeadlineRule.DoesNotExist:
        return None  # e.g. no "kajian-awal" in the Pilkada law: nothing to count


def start(*, case: Case, codes: Iterable[str], start_on: dt.date) -> list[CaseDeadline]:
    """Start each deadline ``code`` that has a rule for the election and is not running."""
    started = []
    for code in codes:
        rule = _rule_for(code, case.election.kind)
        if rule is None or case.deadlines.filter(code=code, stopped_at__isnull=True).exists():
            continue
        started.append(
            CaseDeadline.objects.create(
                case=case,
                rule=rule,
                code=code,
                starts_on=start_on,
                due_on=due_date(rule, start_on),
            )
        )
    return started


def stop(*, case: Case, codes: Iterable[str] | None, at: dt.datetime) -> int:
    """Stop running deadlines (all of them when ``codes`` is None)."""
    running = case.deadlines.filter(stopped_at__isnull=True)
    if codes is not None:
        running = running.filter(code__in=list(codes))
    return running.update(stopped_at=at)


@dataclass
class CheckResult:
    reminded: list[int] = field(default_factory=list)
    breached: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.reminded)} pengingat, {len(self.breached)} tenggat terlewati, "
            f"{len(self.escalated)} perkara dieskalasi"
        )


def check_deadlines(*, today: dt.date | None = None, actor: Any = None) -> CheckResult:
    """Remind, mark breaches and escalate; safe to run any number of times a day."""
    today = today or timezone.localdate()
    result = CheckResult()
    running = (
        CaseDeadline.objects.filter(stopped_at__isnull=True)
        .exclude(case__state__in=TERMINAL_STATES)
        .select_related("rule", "case")
        .order_by("due_on", "pk")
    )
    for deadline in running:
        status = deadline_status(deadline, today)
        if status.breached and deadline.breached_at is None:
            _breach(deadline, today=today, actor=actor, result=result)
        elif 0 <= status.days_left <= AT_RISK_DAYS and deadline.reminded_on != today:
            _remind(deadline, today=today, actor=actor, days_left=status.days_left)
            result.reminded.append(deadline.pk)
    return result


def _audit(actor: Any, action: str, deadline: CaseDeadline, **extra: Any) -> None:
    """Deadline events go on the case's own timeline."""
    record_audit(
        actor=actor,
        action=action,
        obj=deadline.case,
        after={
            "case": deadline.case_id,
            "deadline": deadline.pk,
            "code": deadline.code,
            "due_on": deadline.due_on,
            **extra,
        },
    )


def _remind(deadline: CaseDeadline, *, today: dt.date, actor: Any, days_left: int) -> None:
    with transaction.atomic():
        locked = CaseDeadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.reminded_on == today:
            return
        locked.reminded_on = today
        locked.save(update_fields=["reminded_on"])
        _audit(actor, "case.deadline_reminded", locked, days_left=days_left)
        deadline_id = locked.pk
        transaction.on_commit(lambda: notify.deadline_at_risk(deadline_id, days_left))


def _breach(deadline: CaseDeadline, *, today: dt.date, actor: Any, result: CheckResult) -> None:
    from .services import escalate_case

    with transaction.atomic():
        locked = CaseDeadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.breached_at is not None:
            return
        now = timezone.now()
        locked.breached_at = now
        _audit(actor, "case.deadline_breached", locked)
        result.breached.append(locked.pk)
        reason = _("Tenggat “%(rule)s” jatuh tempo %(due)s terlewati.") % {
            "rule": deadline.rule.name,
            "due": locked.due_on.strftime("%d-%m-%Y"),
        }
        escalated = escalate_case(actor=actor, case=deadline.case, reason=reason)
        if escalated is not None:
            locked.escalated_at = now
            result.escalated.append(deadline.case_id)
        locked.save(update_fields=["breached_at", "escalated_at"])
        deadline_id = locked.pk
        transaction.on_commit(lambda: notify.deadline_breached(deadline_id))
