"""The caller's own notifications: list, unread count, mark read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from .selectors import notifications_for, unread_count
from .services import mark_read

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


class MarkReadIn(Schema):
    ids: list[int] | None = None


@router.get("/", response=list[NotificationOut])
@paginate
def list_notifications(request: HttpRequest, unread: bool = False) -> object:
    """Newest first; ``unread=true`` for only the unread ones."""
    items = notifications_for(request.user)
    return items.filter(read_at__isnull=True) if unread else items


@router.get("/unread", response=UnreadOut)
def count_unread(request: HttpRequest) -> object:
    return {"unread": unread_count(request.user)}


@router.post("/read", response=UnreadOut)
def read(request: HttpRequest, payload: MarkReadIn) -> object:
    """Mark the given notifications (or all) read; answers the new unread count."""
    mark_read(actor=request.user, ids=payload.ids)  # type: ignore[arg-type]
    return {"unread": unread_count(request.user)}
