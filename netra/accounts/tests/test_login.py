"""Signing in and out, the cap on failed sign-ins, and changing one's password."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from netra.testing.factories import UserFactory

PASSWORD = "rahasia-uji-123"
LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_correct_password_signs_in_and_goes_home(client: Client) -> None:
    UserFactory.create(username="siti")
    response = _login(client, "siti", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


@pytest.mark.django_db
def test_wrong_password_is_refused_in_indonesian(client: Client) -> None:
    UserFactory.create(username="siti")
    response = _login(client, "siti", "salah")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


@pytest.mark.django_db
def test_after_five_failures_the_account_is_locked_even_for_the_right_password() -> None:
    UserFactory.create(username="siti")
    UserFactory.create(username="budi")
    client = Client()
    for _ in range(5):
        assert _login(client, "siti", "tebakan").status_code == 200
    # Same account from another address: still refused, with the reason.
    response = _login(Client(), "SITI", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    # Another account from the first address is not affected.
    assert _login(client, "budi", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_successful_sign_ins_are_not_counted() -> None:
    UserFactory.create(username="siti")
    for _ in range(8):
        client = Client()
        assert _login(client, "siti", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_stopped() -> None:
    UserFactory.create(username="siti")
    client = Client()
    for n in range(30):
        _login(client, f"tebak{n}", "tebakan", ip="10.6.6.6")
    assert _login(client, "siti", PASSWORD, ip="10.6.6.6").status_code == 429
    assert _login(client, "siti", PASSWORD, ip="10.7.7.7").status_code == 302


@pytest.mark.django_db
def test_logout_needs_post_and_returns_to_login(client: Client) -> None:
    client.force_login(UserFactory.create(username="siti"))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get(reverse("core:home"))["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_profile_shows_roles_and_links_to_password_change(client: Client) -> None:
    client.force_login(UserFactory.create(username="siti", full_name="Siti Aminah"))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Siti Aminah" in html
    assert "Belum ada peran." in html
    assert reverse("accounts:password_change") in html


@pytest.mark.django_db
def test_password_change_checks_the_old_password(client: Client) -> None:
    user = UserFactory.create(username="siti")
    client.force_login(user)
    url = reverse("accounts:password_change")
    response = client.post(
        url,
        {
            "old_password": "keliru",
            "new_password1": "Baru-Sekali-77",
            "new_password2": "Baru-Sekali-77",
        },
    )
    assert response.status_code == 200
    assert 'id="id_old_password_errors"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_keeps_the_user_signed_in(client: Client) -> None:
    user = UserFactory.create(username="siti")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Baru-Sekali-77",
            "new_password2": "Baru-Sekali-77",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:profile")
    assert "Kata sandi Anda sudah diganti." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Baru-Sekali-77")


@pytest.mark.django_db
def test_anonymous_users_cannot_change_passwords(client: Client) -> None:
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_admin_sign_in_shares_the_cap_on_failed_attempts() -> None:
    UserFactory.create(username="siti", is_staff=True)
    admin_login = reverse("admin:login")
    for _ in range(3):
        assert Client().post(admin_login, {"username": "siti", "password": "x"}).status_code == 200
    for _ in range(2):
        assert _login(Client(), "siti", "salah").status_code == 200
    locked = Client().post(
        admin_login, {"username": "siti", "password": PASSWORD, "next": "/admin/"}
    )
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()


@pytest.mark.django_db
def test_staff_still_sign_in_to_the_admin() -> None:
    UserFactory.create(username="admin.kota", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": "admin.kota", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
