"""The exported watchlist against the scanner contract (design/SCANNER.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from netra.accounts.models import Role, User
from netra.elections.models import Election
from netra.elections.services import save_candidate_pair, update_election_terms
from netra.elections.watchlist import build_watchlist
from netra.testing.factories import user_with_role

pytestmark = pytest.mark.django_db

TOP_KEYS = ["election", "title", "candidates", "extra_terms"]
CANDIDATE_KEYS = ["number", "names", "aliases", "parties", "slogans", "hashtags"]


def assert_follows_contract(document: dict[str, Any]) -> None:
    """Exactly the contract's keys and types; every list may be empty except ``names``."""
    assert list(document) == TOP_KEYS
    assert isinstance(document["election"], str)
    assert document["election"]
    assert isinstance(document["title"], str)
    assert isinstance(document["extra_terms"], list)
    assert all(isinstance(t, str) for t in document["extra_terms"])
    numbers = []
    for candidate in document["candidates"]:
        assert list(candidate) == CANDIDATE_KEYS
        assert isinstance(candidate["number"], int)
        assert not isinstance(candidate["number"], bool)
        numbers.append(candidate["number"])
        assert candidate["names"], "names may not be empty"
        for key in CANDIDATE_KEYS[1:]:
            assert isinstance(candidate[key], list)
            assert all(isinstance(v, str) and v.strip() == v and v for v in candidate[key])
    assert numbers == sorted(set(numbers))


@pytest.fixture
def with_pairs(malang: Election) -> Election:
    save_candidate_pair(
        actor=None,
        election=malang,
        number=3,
        head_name="M. Anton",
        deputy_name="Dimyati Ayatullah",
        nicknames="ABADI",
        parties="PKB, Demokrat, PAN",
    )
    save_candidate_pair(
        actor=None,
        election=malang,
        number=1,
        head_name="Wahyu Hidayat",
        deputy_name="Ali Muthohirin",
        nicknames="WALI\nMas Wahyu",
        slogans="Malang Berkelas",
        hashtags="MalangBerkelas",
    )
    save_candidate_pair(actor=None, election=malang, number=2, head_name="Heri Cahyono")
    update_election_terms(actor=None, election=malang, extra_terms="Pilwali Malang")
    return malang


def test_watchlist_follows_the_contract(with_pairs: Election) -> None:
    document = build_watchlist(with_pairs)

    assert_follows_contract(json.loads(json.dumps(document)))
    assert document["election"] == "pilkada-kota-malang-2024"
    assert document["title"] == "Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024"
    assert document["extra_terms"] == ["Pilwali Malang"]


def test_watchlist_lists_pairs_by_ballot_number_with_everything_they_are_called(
    with_pairs: Election,
) -> None:
    candidates = build_watchlist(with_pairs)["candidates"]

    assert [c["number"] for c in candidates] == [1, 2, 3]
    assert candidates[0] == {
        "number": 1,
        "names": ["Wahyu Hidayat", "Ali Muthohirin"],
        "aliases": ["WALI", "Mas Wahyu"],
        "parties": [],
        "slogans": ["Malang Berkelas"],
        "hashtags": ["#MalangBerkelas"],
    }
    assert candidates[1]["names"] == ["Heri Cahyono"]  # no deputy: no empty name
    assert candidates[2]["parties"] == ["PKB", "Demokrat", "PAN"]


def test_an_election_without_pairs_still_follows_the_contract(kediri: Election) -> None:
    document = build_watchlist(kediri)

    assert_follows_contract(document)
    assert document["candidates"] == []


def test_the_scanner_reads_the_exported_watchlist(with_pairs: Election) -> None:
    scanner = pytest.importorskip("scanner.watchlist")

    watchlist = scanner.Watchlist.from_json(build_watchlist(with_pairs))

    assert watchlist.elections == ("pilkada-kota-malang-2024",)
    assert watchlist.numbers == (1, 2, 3)
    assert watchlist.candidate("pilkada-kota-malang-2024", 1).aliases == ("WALI", "Mas Wahyu")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_download_page_serves_the_watchlist_as_a_json_attachment(with_pairs: Election) -> None:
    client = _client(user_with_role(Role.CAMAT, "35.73.05"))

    response = client.get(reverse("elections:watchlist", args=[with_pairs.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert 'filename="pilkada-kota-malang-2024.watchlist.json"' in response["Content-Disposition"]
    document = json.loads(response.content.decode("utf-8"))
    assert_follows_contract(document)
    assert document == build_watchlist(with_pairs)


def test_api_serves_the_same_watchlist(with_pairs: Election) -> None:
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    response = client.get(f"/api/v1/elections/{with_pairs.slug}/watchlist")

    assert response.status_code == 200
    assert response.json() == build_watchlist(with_pairs)


def test_watchlist_of_another_city_is_not_found(with_pairs: Election) -> None:
    client = _client(user_with_role(Role.INSPEKTORAT, "35.71"))  # Kota Kediri

    assert client.get(reverse("elections:watchlist", args=[with_pairs.slug])).status_code == 404
    assert client.get(f"/api/v1/elections/{with_pairs.slug}/watchlist").status_code == 404


def test_watchlist_needs_a_login(with_pairs: Election) -> None:
    response = Client().get(reverse("elections:watchlist", args=[with_pairs.slug]))

    assert response.status_code == 302
    assert Client().get(f"/api/v1/elections/{with_pairs.slug}/watchlist").status_code == 401
