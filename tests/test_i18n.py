"""Indonesian by default, English when the user picks it with the language switch."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from netra.testing.factories import UserFactory

LOGIN = reverse("accounts:login")


@pytest.mark.django_db
def test_default_language_is_indonesian(client: Client) -> None:
    html = client.get(LOGIN).content.decode()
    assert '<html lang="id">' in html
    assert "Masuk ke Netra" in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian_until_english_is_chosen(
    client: Client,
) -> None:
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="id">' in html
    assert "Masuk ke Netra" in html

    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in to Netra" in html
    assert "Masuk ke Netra" not in html


@pytest.mark.django_db
def test_language_switch_turns_the_home_page_english_and_back(client: Client) -> None:
    client.force_login(UserFactory.create(full_name="Siti Aminah"))
    home = reverse("core:home")
    assert "Selamat datang, Siti Aminah" in client.get(home).content.decode()

    response = client.post(reverse("set_language"), {"language": "en", "next": home})
    assert response["Location"] == home
    html = client.get(home).content.decode()
    assert "Welcome, Siti Aminah" in html
    assert "Work units" in html
    assert "Sign out" in html

    client.post(reverse("set_language"), {"language": "id", "next": home})
    assert "Selamat datang, Siti Aminah" in client.get(home).content.decode()


@pytest.mark.django_db
def test_error_pages_follow_the_language(client: Client) -> None:
    assert "Page not found" not in client.get("/tidak-ada/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


def test_english_catalogue_is_compiled_next_to_its_source() -> None:
    folder = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"
    po, mo = folder / "django.po", folder / "django.mo"
    assert po.exists()
    assert mo.exists()
    assert "#, fuzzy\nmsgid" not in po.read_text(encoding="utf-8")
