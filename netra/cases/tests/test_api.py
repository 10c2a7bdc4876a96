"""The cases API: scoped reads, reporter fields by role, transitions with error codes."""

from __future__ import annotations

import pytest
from django.test import Client

from netra.accounts.models import User
from netra.cases.models import Case, State
from netra.cases.services import transition_case
from netra.notifications.models import Notification

from .conftest import KLOJEN, People, file_report

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_is_scoped_to_the_caller(reported: Case, people: People) -> None:
    file_report(reported.election, where=KLOJEN + ".1001")
    seen = _client(people.camat).get("/api/v1/cases/").json()
    assert [c["reference"] for c in seen["items"]] == [reported.reference]
    everything = _client(people.inspektorat).get("/api/v1/cases/").json()
    assert everything["count"] == 2
    assert "reporter" not in everything["items"][0]


def test_detail_shows_reporter_only_to_allowed_roles(reported: Case, people: People) -> None:
    url = f"/api/v1/cases/{reported.reference}"
    as_insp = _client(people.inspektorat).get(url).json()
    assert as_insp["reporter"]["name"] == "Siti Pelapor"
    as_lurah = _client(people.lurah).get(url)
    assert as_lurah.status_code == 200
    assert as_lurah.json()["reporter"] is None
    assert b"Siti" not in as_lurah.content
    hidden = _client(people.camat_other).get(url)
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "not_found"


def test_transition_endpoint_moves_and_reports_errors_with_codes(
    reported: Case, people: People
) -> None:
    url = f"/api/v1/cases/{reported.reference}/transition"
    camat = _client(people.camat)
    illegal = camat.post(url, {"to_state": "putusan"}, content_type="application/json")
    assert illegal.status_code == 409
    body = illegal.json()
    assert body["code"] == "illegal_transition"
    assert body["allowed"] == ["verifikasi-formal", "ditolak", "digabung"]
    assert illegal["Content-Type"] == "application/problem+json"

    ok = camat.post(url, {"to_state": "verifikasi-formal"}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["state"] == "verifikasi-formal"
    assert ok.json()["next_states"] == ["verifikasi-materiil", "ditolak"]

    camat.post(url, {"to_state": "verifikasi-materiil"}, content_type="application/json")
    forbidden = camat.post(
        url,
        {"to_state": "teregistrasi", "fields": {"violation_form": "D1"}},
        content_type="application/json",
    )
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"

    insp = _client(people.inspektorat)
    missing = insp.post(url, {"to_state": "teregistrasi"}, content_type="application/json")
    assert missing.status_code == 422
    assert missing.json()["fields"] == ["violation_form"]
    registered = insp.post(
        url,
        {"to_state": "teregistrasi", "fields": {"violation_form": "d1"}},
        content_type="application/json",
    )
    assert registered.status_code == 200
    assert registered.json()["violation_form"] == "D1"
    assert [d["code"] for d in registered.json()["deadlines"]] == ["tindak-lanjut"]


def test_timeline_and_deadlines_at_risk(reported: Case, people: People) -> None:
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    client = _client(people.inspektorat)
    timeline = client.get(f"/api/v1/cases/{reported.reference}/timeline").json()
    assert [e["action"] for e in timeline] == ["case.reported", "case.transitioned"]
    assert timeline[1]["after"]["to_state"] == "verifikasi-formal"
    at_risk = client.get("/api/v1/cases/deadlines/at-risk").json()
    assert at_risk == []  # 3 calendar days from today: not yet at risk


def test_notifications_are_private_and_can_be_marked_read(reported: Case, people: People) -> None:
    Notification.objects.create(recipient=people.camat, kind="status", title="Satu")
    Notification.objects.create(recipient=people.lurah, kind="status", title="Bukan milik camat")
    camat = _client(people.camat)
    items = camat.get("/api/v1/notifications/").json()["items"]
    assert [n["title"] for n in items] == ["Satu"]
    assert camat.get("/api/v1/notifications/unread").json() == {"unread": 1}
    assert camat.post("/api/v1/notifications/read", {}, content_type="application/json").json() == {
        "unread": 0
    }
    assert _client(people.lurah).get("/api/v1/notifications/unread").json() == {"unread": 1}


def test_api_requires_login(reported: Case) -> None:
    assert Client().get("/api/v1/cases/").status_code == 401


def test_finding_filed_forwarded_and_returned_over_the_api(people: People) -> None:
    lurah = _client(people.lurah)
    filed = lurah.post(
        "/api/v1/cases/findings",
        {
            "election": "pilkada-kota-malang-2024",
            "region_code": "35.73.01.1005",
            "summary": "Staf kelurahan memasang stiker paslon di mobil dinas.",
            "known_on": "2024-10-07",
            "reported_form": "d8",
        },
        content_type="application/json",
    )
    assert filed.status_code == 201
    reference = filed.json()["reference"]
    assert filed.json()["level"] == "kelurahan"
    assert filed.json()["source"] == "temuan"

    outside = lurah.post(
        "/api/v1/cases/findings",
        {
            "election": "pilkada-kota-malang-2024",
            "region_code": "35.73.02.1001",
            "summary": "x",
            "known_on": "2024-10-07",
        },
        content_type="application/json",
    )
    assert outside.status_code == 403
    assert outside.json()["code"] == "finding_out_of_area"

    forwarded = lurah.post(
        f"/api/v1/cases/{reference}/forward",
        {"note": "Mohon arahan."},
        content_type="application/json",
    )
    assert forwarded.json()["level"] == "kecamatan"
    again = lurah.post(f"/api/v1/cases/{reference}/forward", {}, content_type="application/json")
    assert again.status_code == 403
    camat = _client(people.camat)
    no_note = camat.post(f"/api/v1/cases/{reference}/return", {}, content_type="application/json")
    assert no_note.status_code == 422
    assert no_note.json()["code"] == "note_missing"
    back = camat.post(
        f"/api/v1/cases/{reference}/return",
        {"note": "Lampirkan foto."},
        content_type="application/json",
    )
    assert back.json()["level"] == "kelurahan"
    noted = lurah.post(
        f"/api/v1/cases/{reference}/notes",
        {"note": "Foto menyusul."},
        content_type="application/json",
    )
    assert noted.status_code == 200
