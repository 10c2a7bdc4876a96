from __future__ import annotations

import pytest
from django.test import Client

from netra.accounts.models import Role, User
from netra.elections.models import Election
from netra.elections.services import save_candidate_pair
from netra.testing.factories import user_with_role

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_is_scoped_to_the_bawaslu_users_election(
    elections: dict[str, Election], bawaslu: User
) -> None:
    response = _client(bawaslu).get("/api/v1/elections/")

    assert response.status_code == 200
    assert [e["slug"] for e in response.json()] == ["pilkada-kota-malang-2024"]
    assert response.json()[0]["region_code"] == "35.73"


def test_bkn_sees_every_election(elections: dict[str, Election]) -> None:
    response = _client(user_with_role(Role.BKN)).get("/api/v1/elections/")

    assert {e["slug"] for e in response.json()} == {e.slug for e in elections.values()}


def test_detail_gives_schedule_pairs_and_the_stage_on_a_day(malang: Election) -> None:
    save_candidate_pair(actor=None, election=malang, number=1, head_name="Wahyu Hidayat")
    client = _client(user_with_role(Role.LURAH, "35.73.05.1004"))

    body = client.get(f"/api/v1/elections/{malang.slug}", {"on": "2024-11-25"}).json()

    assert body["current_stage"]["code"] == "masa-tenang"
    assert body["is_campaign_period"] is False
    assert [s["code"] for s in body["stages"]][-3:] == [
        "masa-tenang",
        "pemungutan-suara",
        "penghitungan-rekapitulasi",
    ]
    assert body["pairs"][0]["head_name"] == "Wahyu Hidayat"
    assert body["legal_basis"].startswith("PKPU 2/2024")


def test_stages_and_pairs_endpoints(malang: Election) -> None:
    save_candidate_pair(actor=None, election=malang, number=2, head_name="Heri Cahyono")
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    stages = client.get(f"/api/v1/elections/{malang.slug}/stages").json()
    pairs = client.get(f"/api/v1/elections/{malang.slug}/pairs").json()

    campaign = next(s for s in stages if s["code"] == "kampanye")
    assert (campaign["starts_on"], campaign["ends_on"]) == ("2024-09-25", "2024-11-23")
    assert [(p["number"], p["head_name"]) for p in pairs] == [(2, "Heri Cahyono")]


@pytest.mark.parametrize("suffix", ["", "/stages", "/pairs"])
def test_another_citys_election_is_not_found(malang: Election, suffix: str) -> None:
    client = _client(user_with_role(Role.CAMAT, "35.71.01"))  # a kecamatan in Kota Kediri

    assert client.get(f"/api/v1/elections/{malang.slug}{suffix}").status_code == 404


def test_the_api_needs_a_login(malang: Election) -> None:
    assert Client().get("/api/v1/elections/").status_code == 401
