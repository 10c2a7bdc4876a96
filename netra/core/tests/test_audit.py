from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from netra.core.audit import record_audit, verify_chain
from netra.core.context import acting_from
from netra.core.models import AuditEvent
from netra.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _append(n: int, actor: object = None) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                record_audit(actor=actor, action="test.did", after={"i": i}, object_repr=f"#{i}")
            )
    return events


def test_events_chain_to_their_predecessor() -> None:
    first, second, third = _append(3)
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert verify_chain() is None


def test_editing_a_row_is_detected_and_named() -> None:
    events = _append(5)
    AuditEvent.objects.filter(pk=events[2].pk).update(after={"i": 99})
    problem = verify_chain()
    assert problem is not None
    assert problem.seq == events[2].seq
    with pytest.raises(CommandError, match=f"#{events[2].seq}"):
        call_command("verify_audit")


def test_deleting_a_middle_row_is_detected() -> None:
    events = _append(4)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    problem = verify_chain()
    assert problem is not None
    assert problem.seq == events[1].seq


def test_deleting_the_newest_row_is_detected() -> None:
    events = _append(3)
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    assert verify_chain() is not None


def test_actor_and_ip_are_recorded() -> None:
    user = UserFactory.create(username="inspektur")
    with acting_from("10.1.2.3"):
        (event,) = _append(1, actor=user)
    event.refresh_from_db()
    assert event.actor_id == user.pk
    assert event.actor_label == "inspektur"
    assert event.ip == "10.1.2.3"
    assert verify_chain() is None


@pytest.mark.django_db(transaction=True)
def test_audit_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError):
        record_audit(actor=None, action="test.loose")
