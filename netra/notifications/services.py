"""Delivering notifications: an in-app row per recipient, and an email when they have one.

:func:`notify` is a side effect, called from ``transaction.on_commit`` by the service
that decided something (and audited it there); it is not audited again. A mail server
that is down never undoes the decision: the in-app row stays and the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from netra.accounts.models import User
from netra.core.audit import record_audit

from .models import Notification

log = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    obj: models.Model | None = None,
    email: bool = True,
) -> list[Notification]:
    """Create one notification per distinct active recipient and email those with an address."""
    unique: dict[int, User] = {}
    for user in recipients:
        if user is not None and user.is_active:
            unique.setdefault(user.pk, user)
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            title=title[:200],
            body=body,
            url=url[:300],
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
        )
        for user in unique.values()
    ]
    created = Notification.objects.bulk_create(rows)
    if email:
        for row in created:
            _email(row)
    return created


def _email(row: Notification) -> None:
    address = row.recipient.email
    if not address:
        return
    text = row.body
    if row.url:
        text = f"{text}\n\n{row.url}"
    try:
        send_mail(row.title, text, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the in-app row is the record; mail is best effort
        log.exception("Email notification %s to user %s failed", row.pk, row.recipient_id)
        return
    Notification.objects.filter(pk=row.pk).update(emailed_at=timezone.now())


def mark_read(*, actor: User, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's notifications read (all unread ones when ``ids`` is None)."""
    with transaction.atomic():
        unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
        if ids is not None:
            unread = unread.filter(pk__in=list(ids))
        marked = list(unread.values_list("pk", flat=True))
        count = unread.update(read_at=timezone.now())
        if count:
            record_audit(
                actor=actor,
                action="notification.read",
                obj=None,
                object_repr=f"{count} pemberitahuan",
                after={"ids": marked},
            )
    return count
