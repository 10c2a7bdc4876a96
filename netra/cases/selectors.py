"""Every read of cases a user triggers, scoped by their role assignments.

One rule per role, applied per assignment (a user may hold several):

- admin: every case;
- inspektorat: cases in their kota; camat: their kecamatan; lurah: their kelurahan;
- bawaslu: cases in their region *and* of the election they supervise;
- bkn: cases that reached a recommendation (in their region, if they have one);
- asn: only the findings they filed themselves.

Reporter identity is a second gate (:func:`reporter_identity_visible_to`): only
admin, Inspektorat and the Bawaslu of the case's election ever see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import Role, RoleAssignment, User
from netra.accounts.scoping import assignments_of
from netra.core.audit import history_of
from netra.core.models import AuditEvent
from netra.regions.models import within_q

from .models import (
    TERMINAL_STATES,
    Case,
    CaseDeadline,
    CaseStateChange,
    IdentityMode,
    Level,
    Report,
    State,
)
from .tracking import normalize_tracking_code

RECOMMENDED_STATES = (State.REKOMENDASI, State.TINDAK_LANJUT)
IDENTITY_ROLES = frozenset({Role.ADMIN, Role.INSPEKTORAT, Role.BAWASLU})
# A deadline with this many days (in its own unit) or fewer left is "at risk".
AT_RISK_DAYS = 1


def _user(user: Any) -> User | None:
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return None
    return user


def _assignment_q(a: RoleAssignment, user: User) -> Q:
    """The cases one role assignment opens."""
    region_q = within_q([a.region], "region__code") if a.region is not None else Q()
    if a.role == Role.ADMIN:
        return Q()
    if a.role in (Role.INSPEKTORAT, Role.CAMAT, Role.LURAH):
        return region_q if a.region is not None else Q(pk__in=[])
    if a.role == Role.BAWASLU:
        if a.region is None:
            return Q(pk__in=[])
        return region_q & (Q(election=a.election_id) if a.election_id else Q())
    if a.role == Role.BKN:
        reached = Q(state__in=RECOMMENDED_STATES) | (
            Q(state=State.SELESAI) & ~Q(recommendation_target="")
        )
        return reached & region_q
    if a.role == Role.ASN:
        return Q(filed_by=user)
    return Q(pk__in=[])


def case_filter(user: Any) -> Q:
    """A Q keeping the cases ``user`` may see (nothing for anonymous users)."""
    who = _user(user)
    if who is None:
        return Q(pk__in=[])
    if who.is_superuser:
        return Q()
    q = Q(pk__in=[])
    for assignment in assignments_of(who):
        part = _assignment_q(assignment, who)
        if not part:  # an empty Q means "everything"; OR-ing it in would drop it
            return Q()
        q |= part
    return q


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case this user may open; the only door to cases for views and API."""
    return (
        Case.objects.filter(case_filter(user))
        .select_related("election", "region", "violation_form", "assignee")
        .distinct()
    )


def region_within(code: str, area_code: str) -> bool:
    """True if the region ``code`` is ``area_code`` or inside it (codes are prefixes)."""
    return code == area_code or code.startswith(area_code + ".")


def _covers(a: RoleAssignment, case: Case) -> bool:
    if a.role == Role.ADMIN:
        return True
    if a.role == Role.ASN:
        return False
    if a.region is None:
        return a.role == Role.BKN
    inside = region_within(case.region.code, a.region.code)
    if a.role == Role.BAWASLU and a.election_id and a.election_id != case.election_id:
        return False
    return inside


# Desks a first-line role may act at: a lurah only while the case sits at the
# kelurahan, a camat while it is at the kelurahan or kecamatan.
_DESK_LIMITS: dict[str, tuple[str, ...]] = {
    Role.LURAH: (Level.KELURAHAN,),
    Role.CAMAT: (Level.KELURAHAN, Level.KECAMATAN),
}


def acting_roles(user: Any, case: Case) -> set[str]:
    """The roles under which ``user`` may act on ``case`` right now."""
    who = _user(user)
    if who is None:
        return set()
    roles: set[str] = {Role.ADMIN} if who.is_superuser else set()
    for a in assignments_of(who):
        if not _covers(a, case):
            continue
        desks = _DESK_LIMITS.get(a.role)
        if desks is not None and case.level not in desks:
            continue
        roles.add(a.role)
    return roles


def reporter_identity_visible_to(user: Any, case: Case) -> bool:
    """True if ``user`` may read the confidential reporter's identity on ``case``.

    Anonymous reports have no identity to show; lurah, camat, BKN and ASN never see it.
    """
    report = Report.objects.filter(case=case).only("identity_mode").first()
    if report is None or report.identity_mode != IdentityMode.RAHASIA:
        return False
    who = _user(user)
    if who is None:
        return False
    if who.is_superuser:
        return True
    return any(a.role in IDENTITY_ROLES and _covers(a, case) for a in assignments_of(who))


@dataclass(frozen=True)
class ReporterIdentity:
    name: str
    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class CaseView:
    """A case as one user may see it: reporter fields only when allowed."""

    case: Case
    identity_mode: str
    reporter: ReporterIdentity | None
    can_act_as: frozenset[str]
    next_states: tuple[str, ...] = field(default=())


def case_view(user: Any, case: Case) -> CaseView:
    """The field-scoped view of ``case`` for ``user`` (used by pages and API alike)."""
    from .workflow import allowed_next, move_for

    report = Report.objects.filter(case=case).first()
    reporter = None
    if report is not None and reporter_identity_visible_to(user, case):
        reporter = ReporterIdentity(
            name=report.reporter_name,
            phone=report.reporter_phone,
            email=report.reporter_email,
            address=report.reporter_address,
        )
    roles = acting_roles(user, case)
    next_states = tuple(
        to
        for to in allowed_next(case.state)
        if (move := move_for(case.state, to)) is not None and roles & move.roles
    )
    return CaseView(
        case=case,
        identity_mode=report.identity_mode if report is not None else "",
        reporter=reporter,
        can_act_as=frozenset(roles),
        next_states=next_states,
    )


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: CaseDeadline
    days_left: int

    @property
    def breached(self) -> bool:
        return self.days_left < 0


def deadline_status(deadline: CaseDeadline, today: dt.date | None = None) -> DeadlineStatus:
    from netra.core.calendar import days_left

    today = today or timezone.localdate()
    return DeadlineStatus(deadline, days_left(deadline.rule.day_count, today, deadline.due_on))


def deadlines_at_risk(user: Any, today: dt.date | None = None) -> list[DeadlineStatus]:
    """Running deadlines on cases ``user`` may see with ≤ 1 day left or already passed."""
    today = today or timezone.localdate()
    running = (
        CaseDeadline.objects.filter(stopped_at__isnull=True, case__in=cases_visible_to(user))
        .exclude(case__state__in=TERMINAL_STATES)
        .select_related("case", "rule", "case__region")
        .order_by("due_on", "pk")
    )
    statuses = [deadline_status(d, today) for d in running]
    return [s for s in statuses if s.days_left <= AT_RISK_DAYS]


def timeline_of(case: Case) -> QuerySet[AuditEvent]:
    """The audit events of the case (every case service audits on the case), oldest first."""
    return history_of(case).order_by("seq")


ACTION_LABELS: dict[str, Any] = {
    "case.reported": _("Laporan masyarakat diterima"),
    "case.finding_recorded": _("Temuan dicatat"),
    "case.transitioned": _("Status diubah"),
    "case.forwarded": _("Diteruskan ke meja berikutnya"),
    "case.returned": _("Dikembalikan untuk dilengkapi"),
    "case.escalated": _("Dieskalasi karena tenggat terlewati"),
    "case.assigned": _("Petugas ditugaskan"),
    "case.noted": _("Catatan ditambahkan"),
    "case.information_requested": _("Keterangan tambahan diminta dari pelapor"),
    "case.reporter_added_information": _("Pelapor menambahkan keterangan"),
    "case.evidence_added": _("Bukti ditambahkan"),
    "case.subjects_set": _("Terlapor/paslon ditetapkan"),
    "case.deadline_reminded": _("Pengingat tenggat dikirim"),
    "case.deadline_breached": _("Tenggat terlewati"),
}


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    label: str
    detail: str


def _detail(event: AuditEvent) -> str:
    after = event.after or {}
    before = event.before or {}
    if event.action == "case.transitioned":
        states = [after.get("from_state", ""), after.get("to_state", "")]
        return " → ".join(str(State(s).label) if s in State.values else s for s in states)
    if "level" in after and event.action in ("case.forwarded", "case.returned", "case.escalated"):
        levels = [before.get("level", ""), after["level"]]
        return " → ".join(str(Level(v).label) if v in Level.values else v for v in levels)
    return str(after.get("note", "") if isinstance(after.get("note"), str) else "")


def timeline_entries(case: Case) -> list[TimelineEntry]:
    """The audit timeline in words, for the case page (who, when, what changed)."""
    return [
        TimelineEntry(
            seq=e.seq,
            at=e.occurred_at,
            actor=e.actor_label,
            action=e.action,
            label=str(ACTION_LABELS.get(e.action, e.action)),
            detail=_detail(e),
        )
        for e in timeline_of(case)
    ]


def case_for_tracking(code: str, pin: str) -> Case | None:
    """The case behind a tracking code, if the PIN matches (else None, same timing)."""
    from django.contrib.auth.hashers import check_password, make_password

    report = (
        Report.objects.filter(tracking_code=normalize_tracking_code(code))
        .select_related("case")
        .first()
    )
    if report is None:
        make_password(pin)  # spend the same time as a real check
        return None
    return report.case if check_password(pin, report.pin_hash) else None


@dataclass(frozen=True)
class PublicStatus:
    state: str
    label: str
    changed_at: dt.datetime


def public_status_history(case: Case) -> list[PublicStatus]:
    """What the reporter may see: each status and when, never who handled it."""
    return [
        PublicStatus(c.to_state, str(State(c.to_state).label), c.changed_at)
        for c in CaseStateChange.objects.filter(case=case).order_by("changed_at", "pk")
    ]
