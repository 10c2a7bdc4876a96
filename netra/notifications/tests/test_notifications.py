"""The in-app notifications page: private to the recipient, read one or all."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from netra.accounts.models import User
from netra.notifications.models import Notification
from netra.notifications.services import notify
from netra.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice() -> User:
    return UserFactory.create(username="alice", email="alice@example.id")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_notify_creates_one_row_per_person_and_emails_them(alice: User) -> None:
    bob = UserFactory.create(username="bob", email="")
    rows = notify(recipients=[alice, alice, bob], kind="status", title="Perkara NTR-1 berubah")
    assert sorted(r.recipient.username for r in rows) == ["alice", "bob"]
    assert [m.to for m in mail.outbox] == [["alice@example.id"]]
    assert Notification.objects.get(recipient=alice).emailed_at is not None
    assert Notification.objects.get(recipient=bob).emailed_at is None


def test_page_shows_only_my_notifications_and_marks_them_read(alice: User) -> None:
    bob = UserFactory.create(username="bob")
    notify(recipients=[alice], kind="status", title="Untuk Alice", url="/kasus/1/", email=False)
    notify(recipients=[bob], kind="status", title="Untuk Bob", email=False)
    client = _client(alice)
    page = client.get("/notifikasi/").content.decode()
    assert "Untuk Alice" in page
    assert "Untuk Bob" not in page
    assert "1 belum dibaca" in page
    mine = Notification.objects.get(recipient=alice)
    response = client.post("/notifikasi/baca/", {"id": mine.pk, "next": "/kasus/1/"})
    assert response["Location"] == "/kasus/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert "0 belum dibaca" in client.get("/notifikasi/").content.decode()
    assert Notification.objects.get(recipient=bob).read_at is None


def test_read_ignores_foreign_redirects(alice: User) -> None:
    notify(recipients=[alice], kind="status", title="x", email=False)
    response = _client(alice).post("/notifikasi/baca/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifikasi/"


def test_page_needs_login() -> None:
    assert Client().get("/notifikasi/").status_code == 302
