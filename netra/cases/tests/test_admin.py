"""Admin pages: cases are read-only; cuti bersama edits are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from netra.cases.models import Case
from netra.core.calendar import is_working_day
from netra.core.models import AuditEvent, NonWorkingDay
from netra.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    user = UserFactory.create(username="root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_case_admin_lists_and_cannot_change(admin_client: Client, reported: Case) -> None:
    listing = admin_client.get("/admin/cases/case/")
    assert listing.status_code == 200
    assert reported.reference in listing.content.decode()
    page = admin_client.get(f"/admin/cases/case/{reported.pk}/change/")
    assert page.status_code == 200
    assert b"Siti" not in page.content
    assert admin_client.post(f"/admin/cases/case/{reported.pk}/delete/").status_code == 403


def test_adding_cuti_bersama_in_the_admin_is_audited_and_counts(admin_client: Client) -> None:
    day = dt.date(2026, 12, 24)
    assert is_working_day(day)
    response = admin_client.post(
        "/admin/core/nonworkingday/add/",
        {
            "date": "2026-12-24",
            "kind": "cuti-bersama",
            "name": "Cuti bersama Natal",
            "legal_basis": "",
        },
    )
    assert response.status_code == 302
    assert not is_working_day(day)
    event = AuditEvent.objects.get(action="calendar.day_saved")
    assert event.after is not None
    assert event.after["name"] == "Cuti bersama Natal"
    row = NonWorkingDay.objects.get(date=day)
    admin_client.post(f"/admin/core/nonworkingday/{row.pk}/delete/", {"post": "yes"})
    assert is_working_day(day)
    assert AuditEvent.objects.filter(action="calendar.day_deleted").count() == 1
