from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.urls import reverse

from netra.accounts.models import User
from netra.core.audit import history_of
from netra.elections.models import Election
from netra.elections.services import save_candidate_pair
from netra.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser() -> User:
    return UserFactory.create(is_staff=True, is_superuser=True)


def test_pairs_and_stages_are_shown_read_only_in_the_admin(
    malang: Election, superuser: User
) -> None:
    save_candidate_pair(actor=None, election=malang, number=1, head_name="Wahyu Hidayat")
    client = Client()
    client.force_login(superuser)

    page = client.get(reverse("admin:elections_election_change", args=[malang.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Wahyu Hidayat" in html
    assert 'name="pairs-0-head_name"' not in html
    assert 'name="stages-0-starts_on"' not in html


def test_an_election_saved_in_the_admin_is_audited(malang: Election, superuser: User) -> None:
    request = RequestFactory().post("/")
    request.user = superuser
    malang.name = "Pilwali Kota Malang 2024"

    site._registry[Election].save_model(request, malang, form=None, change=True)

    event = history_of(malang).last()
    assert event is not None
    assert event.action == "election.updated"
    assert event.actor_label == superuser.username
    assert event.before is not None
    assert event.before["name"] == "Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024"
