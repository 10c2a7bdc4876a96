"""The client address behind a reverse proxy: trusted only from the configured header."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import reverse

from netra.core.middleware import ratelimit_ip, request_ip
from netra.testing.factories import UserFactory

PROXY = "127.0.0.1"


def _request(**headers: str) -> HttpRequest:
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, headers=headers)


def test_without_a_configured_header_client_headers_are_ignored() -> None:
    request = _request(**{"X-Real-IP": "203.0.113.9", "X-Forwarded-For": "203.0.113.9"})
    assert request_ip(request) == PROXY


def test_configured_header_gives_the_real_client(settings: Any) -> None:
    settings.NETRA_CLIENT_IP_HEADER = "X-Real-IP"
    assert request_ip(_request(**{"X-Real-IP": "203.0.113.9"})) == "203.0.113.9"
    # Garbage or a missing header falls back to the connection's address.
    assert request_ip(_request(**{"X-Real-IP": "bukan-ip"})) == PROXY
    assert request_ip(_request()) == PROXY


def test_forwarded_for_uses_the_address_our_proxy_appended(settings: Any) -> None:
    settings.NETRA_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = _request(**{"X-Forwarded-For": "10.0.0.66, 198.51.100.7"})
    assert request_ip(request) == "198.51.100.7"
    assert ratelimit_ip(request) == "198.51.100.7"


@pytest.mark.django_db
def test_sign_in_limits_count_each_client_behind_the_proxy_separately(
    settings: Any,
) -> None:
    settings.NETRA_CLIENT_IP_HEADER = "X-Real-IP"
    cache.clear()
    UserFactory.create(username="siti")
    login = reverse("accounts:login")
    for n in range(30):
        Client().post(
            login,
            {"username": f"tebak{n}", "password": "x"},
            REMOTE_ADDR=PROXY,
            HTTP_X_REAL_IP="203.0.113.66",
        )
    blocked = Client().post(
        login,
        {"username": "siti", "password": "rahasia-uji-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="203.0.113.66",
    )
    assert blocked.status_code == 429
    other = Client().post(
        login,
        {"username": "siti", "password": "rahasia-uji-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="198.51.100.20",
    )
    assert other.status_code == 302
