from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netra.accounts.models import Role, User
from netra.elections.models import Election
from netra.elections.services import save_candidate_pair
from netra.testing.factories import AsnFactory, user_with_role

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _listed(client: Client) -> set[str]:
    response = client.get(reverse("elections:election_list"))
    assert response.status_code == 200
    return {row["election"].slug for row in response.context["rows"]}


def test_bawaslu_tied_to_an_election_sees_only_that_one(
    elections: dict[str, Election], bawaslu: User
) -> None:
    client = _client(bawaslu)

    assert _listed(client) == {"pilkada-kota-malang-2024"}
    for other in ("pemilu-2024", "pilkada-kota-kediri-2024"):
        assert client.get(reverse("elections:election_detail", args=[other])).status_code == 404


def test_camat_sees_their_city_pilkada_and_national_elections(
    elections: dict[str, Election],
) -> None:
    client = _client(user_with_role(Role.CAMAT, "35.73.05"))

    assert _listed(client) == {"pilkada-kota-malang-2024", "pemilu-2024"}
    kediri = reverse("elections:election_detail", args=["pilkada-kota-kediri-2024"])
    assert client.get(kediri).status_code == 404


def test_detail_shows_the_stage_running_on_the_chosen_day_and_the_marker(
    malang: Election,
) -> None:
    client = _client(user_with_role(Role.LURAH, "35.73.05.1004"))

    response = client.get(
        reverse("elections:election_detail", args=[malang.slug]), {"pada": "2024-10-01"}
    )

    assert response.status_code == 200
    assert response.context["current_stage"].code == "kampanye"
    html = response.content.decode()
    assert "<mark>Masa kampanye</mark>" in html
    assert "1 Oktober 2024" in html  # the marker, in Indonesian
    timeline = response.context["timeline"]
    marker = next(i for i, item in enumerate(timeline) if item.is_marker)
    assert timeline[marker - 1].stage.code == "kampanye"
    assert timeline[marker + 1].stage.code == "masa-tenang"


def test_detail_without_a_date_uses_today(malang: Election) -> None:
    client = _client(user_with_role(Role.CAMAT, "35.73.05"))

    response = client.get(reverse("elections:election_detail", args=[malang.slug]))

    assert response.context["is_today"]
    assert "Hari ini" in response.content.decode()


def test_only_managers_see_the_edit_buttons(malang: Election) -> None:
    url = reverse("elections:election_detail", args=[malang.slug])
    add = reverse("elections:pair_create", args=[malang.slug])

    inspektorat = _client(user_with_role(Role.INSPEKTORAT, "35.73"))
    camat = _client(user_with_role(Role.CAMAT, "35.73.05"))

    assert add in inspektorat.get(url).content.decode()
    assert add not in camat.get(url).content.decode()


def _pair_form(**changes: str) -> dict[str, str]:
    data = {
        "number": "1",
        "head_name": "Wahyu Hidayat",
        "deputy_name": "Ali Muthohirin",
        "nicknames": "WALI, Mas Wahyu",
        "parties": "Gerindra\nPSI",
        "slogans": "Malang Berkelas",
        "hashtags": "MalangBerkelas",
        "head_nip": "",
        "deputy_nip": "",
    }
    data.update(changes)
    return data


def test_inspektorat_adds_a_pair_from_comma_and_line_lists(malang: Election) -> None:
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    response = client.post(reverse("elections:pair_create", args=[malang.slug]), _pair_form())

    assert response.status_code == 302
    pair = malang.pairs.get(number=1)
    assert pair.nicknames == ["WALI", "Mas Wahyu"]
    assert pair.parties == ["Gerindra", "PSI"]
    assert pair.hashtags == ["#MalangBerkelas"]
    page = client.get(response["Location"]).content.decode()
    assert "Wahyu Hidayat" in page
    assert "tersimpan" in page


def test_editing_through_htmx_redirects_back_to_the_election(malang: Election) -> None:
    save_candidate_pair(actor=None, election=malang, number=1, head_name="Wahyu Hidayat")
    client = _client(user_with_role(Role.ADMIN))
    url = reverse("elections:pair_edit", args=[malang.slug, 1])

    form = client.get(url, HTTP_HX_REQUEST="true")
    response = client.post(url, _pair_form(slogans="Malang Berkelas"), HTTP_HX_REQUEST="true")

    assert 'id="pair-1"' in form.content.decode()
    assert "<html" not in form.content.decode()  # a fragment for htmx, not a page
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("elections:election_detail", args=[malang.slug])
    assert malang.pairs.get(number=1).slogans == ["Malang Berkelas"]


def test_a_taken_ballot_number_is_shown_on_the_form(malang: Election) -> None:
    save_candidate_pair(actor=None, election=malang, number=1, head_name="Wahyu Hidayat")
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    response = client.post(
        reverse("elections:pair_create", args=[malang.slug]),
        _pair_form(head_name="Heri Cahyono"),
    )

    assert response.status_code == 200
    assert "Nomor urut 1 sudah dipakai" in response.content.decode()
    assert malang.pairs.count() == 1


def test_the_head_can_be_linked_by_nip_within_the_users_scope(malang: Election) -> None:
    official = AsnFactory.create(name="Wahyu Hidayat")
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    client.post(
        reverse("elections:pair_create", args=[malang.slug]),
        _pair_form(head_nip=official.nip, is_incumbent="on"),
    )
    response = client.post(
        reverse("elections:pair_create", args=[malang.slug]),
        _pair_form(number="2", head_nip="19700101 199503 1 999"),
    )

    pair = malang.pairs.get(number=1)
    assert pair.head_asn == official
    assert pair.is_incumbent
    assert "tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize(("role", "region"), [(Role.CAMAT, "35.73.05"), (Role.BKN, None)])
def test_other_roles_cannot_open_the_pair_form(
    malang: Election, role: str, region: str | None
) -> None:
    client = _client(user_with_role(role, region))

    assert client.get(reverse("elections:pair_create", args=[malang.slug])).status_code == 403
    response = client.post(reverse("elections:pair_create", args=[malang.slug]), _pair_form())
    assert response.status_code == 403
    assert not malang.pairs.exists()


def test_bawaslu_cannot_edit_the_pairs_it_supervises(malang: Election, bawaslu: User) -> None:
    response = _client(bawaslu).post(
        reverse("elections:pair_create", args=[malang.slug]), _pair_form()
    )

    assert response.status_code == 403


def test_inspektorat_saves_extra_watch_terms(malang: Election) -> None:
    client = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    client.post(
        reverse("elections:terms", args=[malang.slug]),
        {"extra_terms": "Pilwali Malang, pilwali malang\nPilkada Malang"},
    )

    malang.refresh_from_db()
    assert malang.extra_terms == ["Pilwali Malang", "Pilkada Malang"]


def test_applying_a_schedule_from_the_page(kediri: Election) -> None:
    client = _client(user_with_role(Role.INSPEKTORAT, "35.71"))

    response = client.post(
        reverse("elections:schedule", args=[kediri.slug]), {"schedule": "pkpu-2-2024"}, follow=True
    )

    assert kediri.stages.count() == 9
    assert "9 tahapan baru" in response.content.decode()
    wrong = client.post(reverse("elections:schedule", args=[kediri.slug]), {"schedule": "x"})
    assert wrong.status_code == 302
    assert kediri.stages.count() == 9
