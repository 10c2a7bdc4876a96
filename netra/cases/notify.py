"""Who hears about what happens to a case, and what they are told.

Called after commit by the case services. Officers get an in-app notification and an
email; the reporter gets an email only if they left an address, and it names the
tracking code and the new status, never the case number, the desk or the officer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from netra.accounts.models import Role, RoleAssignment, User
from netra.notifications.models import Kind
from netra.notifications.services import notify

from .models import Case, CaseDeadline, IdentityMode, Level, Report, State
from .selectors import region_within
from .tracking import format_tracking_code
from .workflow import DESK_ROLES

log = logging.getLogger(__name__)


def case_url(case: Case) -> str:
    for name in ("cases:detail", "cases:case-detail"):
        try:
            return reverse(name, args=[case.pk])
        except NoReverseMatch:
            continue
    return ""


def desk_officers(case: Case, level: str | None = None) -> list[User]:
    """Users whose role works the desk ``level`` (default: the case's) over its region."""
    role = DESK_ROLES.get(level or case.level)
    if role is None:
        return []
    users: dict[int, User] = {}
    for a in RoleAssignment.objects.filter(role=role).select_related("user", "region"):
        if a.region is not None and not region_within(case.region.code, a.region.code):
            continue
        if a.role == Role.BAWASLU and a.election_id and a.election_id != case.election_id:
            continue
        users.setdefault(a.user_id, a.user)
    return list(users.values())


def _people(case: Case, *, level: str | None = None, exclude: int | None = None) -> list[User]:
    people = desk_officers(case, level)
    if case.assignee is not None:
        people.append(case.assignee)
    return [u for u in people if u.pk != exclude]


def _send(case: Case, recipients: Iterable[User], kind: str, title: str, body: str = "") -> None:
    notify(recipients=recipients, kind=kind, title=title, body=body, url=case_url(case), obj=case)


def _load(case_id: int) -> Case:
    return Case.objects.select_related("region", "assignee", "election").get(pk=case_id)


def case_received(case_id: int) -> None:
    case = _load(case_id)
    title = _("Perkara baru %(ref)s di %(region)s") % {
        "ref": case.reference,
        "region": case.region.name,
    }
    _send(case, _people(case), Kind.NEW_CASE, title, case.summary[:500])


def case_transitioned(case_id: int, from_state: str, to_state: str, actor_id: int | None) -> None:
    case = _load(case_id)
    title = _("Perkara %(ref)s: %(from)s → %(to)s") % {
        "ref": case.reference,
        "from": State(from_state).label,
        "to": State(to_state).label,
    }
    people = _people(case, exclude=actor_id)
    if case.filed_by is not None and case.filed_by_id != actor_id:
        people.append(case.filed_by)
    _send(case, people, Kind.TRANSITION, title)
    tell_reporter(case, to_state)


def case_moved(case_id: int, from_level: str, to_level: str, kind: str) -> None:
    case = _load(case_id)
    verbs = {
        "teruskan": _("diteruskan ke"),
        "kembalikan": _("dikembalikan ke"),
        "eskalasi": _("dieskalasi ke"),
    }
    title = _("Perkara %(ref)s %(verb)s %(level)s") % {
        "ref": case.reference,
        "verb": verbs.get(kind, "→"),
        "level": Level(to_level).label,
    }
    note = case.notes.order_by("-pk").first()
    people = _people(case, level=to_level) + desk_officers(case, from_level)
    if kind == "kembalikan" and case.filed_by is not None:
        people.append(case.filed_by)
    notification_kind = Kind.ESCALATION if kind == "eskalasi" else Kind.ASSIGNMENT
    _send(case, people, notification_kind, title, note.body if note else "")


def case_assigned(case_id: int, user_id: int) -> None:
    case = _load(case_id)
    title = _("Anda ditugaskan menangani perkara %(ref)s") % {"ref": case.reference}
    _send(case, User.objects.filter(pk=user_id), Kind.ASSIGNMENT, title, case.summary[:500])


def deadline_at_risk(deadline_id: int, days_left: int) -> None:
    deadline = CaseDeadline.objects.select_related("case", "rule").get(pk=deadline_id)
    case = _load(deadline.case_id)
    title = _("Tenggat %(rule)s perkara %(ref)s: sisa %(days)s hari (jatuh tempo %(due)s)") % {
        "rule": deadline.rule.name,
        "ref": case.reference,
        "days": days_left,
        "due": deadline.due_on.strftime("%d-%m-%Y"),
    }
    _send(case, _people(case), Kind.DEADLINE_AT_RISK, title)


def deadline_breached(deadline_id: int) -> None:
    deadline = CaseDeadline.objects.select_related("case", "rule").get(pk=deadline_id)
    case = _load(deadline.case_id)
    title = _("Tenggat %(rule)s perkara %(ref)s terlewati (jatuh tempo %(due)s)") % {
        "rule": deadline.rule.name,
        "ref": case.reference,
        "due": deadline.due_on.strftime("%d-%m-%Y"),
    }
    people = _people(case) + desk_officers(case, Level.KOTA)
    if deadline.code == "tindak-lanjut-ppk":
        # PPK inaction is BKN's to act on (it may block the ASN's staffing services).
        people += desk_officers(case, Level.BKN)
    _send(case, people, Kind.DEADLINE_BREACHED, title)


def reporter_added(case_id: int) -> None:
    case = _load(case_id)
    title = _("Pelapor menambahkan keterangan pada perkara %(ref)s") % {"ref": case.reference}
    _send(case, _people(case), Kind.TRANSITION, title)


def _reporter_email(case: Case) -> tuple[Report, str] | None:
    report = Report.objects.filter(case=case).first()
    if report is None or report.identity_mode != IdentityMode.RAHASIA:
        return None
    return (report, report.reporter_email) if report.reporter_email else None


def _mail_reporter(address: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the status is on the tracking page whatever happens to mail
        log.exception("Reporter email failed")


def tell_reporter(case: Case, to_state: str) -> None:
    """Email the reporter the new status by tracking code only (nothing about handlers)."""
    found = _reporter_email(case)
    if found is None:
        return
    report, address = found
    code = format_tracking_code(report.tracking_code)
    subject = _("Status laporan %(code)s: %(state)s") % {
        "code": code,
        "state": State(to_state).label,
    }
    body = _(
        "Laporan Anda dengan kode pelacakan %(code)s kini berstatus: %(state)s.\n\n"
        "Rinciannya dapat dilihat di halaman pelacakan dengan kode dan PIN Anda. "
        "Jangan bagikan PIN kepada siapa pun."
    ) % {"code": code, "state": State(to_state).label}
    _mail_reporter(address, subject, body)


def reporter_asked(case_id: int, question: str) -> None:
    """Ask the reporter for more information, by tracking code only."""
    found = _reporter_email(_load(case_id))
    if found is None:
        return
    report, address = found
    code = format_tracking_code(report.tracking_code)
    subject = _("Laporan %(code)s: mohon keterangan tambahan") % {"code": code}
    body = _(
        "Petugas meminta keterangan tambahan untuk laporan %(code)s:\n\n%(question)s\n\n"
        "Tambahkan keterangan di halaman pelacakan dengan kode dan PIN Anda."
    ) % {"code": code, "question": question}
    _mail_reporter(address, subject, body)
