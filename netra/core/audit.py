"""Appending to and verifying the audit hash chain."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .context import client_ip
from .models import GENESIS_HASH, AuditChainHead, AuditEvent


def _plain_json(value: Any) -> Any:
    """Dates, decimals and UUIDs as the strings they will be read back as."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` for an audit before/after record."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in obj._meta.concrete_fields if not f.primary_key]
    )
    return _plain_json({name: getattr(obj, name) for name in names})


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    return str(getattr(actor, "get_username", lambda: actor)())


def record_audit(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction.

    The chain head row is locked FOR UPDATE, so concurrent writers append one after
    the other and the chain never forks (SQLite serialises writers anyway).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_audit must be called inside the service's transaction")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now().astimezone(dt.UTC)
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=now,
        actor_id=getattr(actor, "pk", None),
        actor_label=_actor_label(actor)[:200],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj or ""))[:300],
        before=_plain_json(dict(before)) if before is not None else None,
        after=_plain_json(dict(after)) if after is not None else None,
        ip=client_ip(),
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        return f"event #{self.seq} (id {self.event_id}): {self.reason}"


def verify_chain(batch_size: int = 5000) -> ChainProblem | None:
    """Walk the chain from the start; return the first broken link, or None."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return ChainProblem(
                expected_seq, None, f"missing: the next stored event is #{event.seq}"
            )
        if event.prev_hash != expected_prev:
            return ChainProblem(event.seq, event.pk, "previous-hash link does not match")
        if event.compute_hash() != event.hash:
            return ChainProblem(event.seq, event.pk, "content was changed after it was written")
        expected_prev = event.hash
        expected_seq += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != expected_prev):
        return ChainProblem(
            head.last_seq,
            None,
            f"events after #{last_seq} were removed (head says #{head.last_seq})",
        )
    return None


def history_of(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """The audit timeline of one object, oldest first."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
