from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .context import acting_from


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def request_ip(request: HttpRequest) -> str | None:
    """The client address: REMOTE_ADDR, or the header our reverse proxy sets.

    Behind a proxy every request comes from the proxy itself, so the deployment names
    the header the proxy fills with the real client address (``NETRA_CLIENT_IP_HEADER``,
    e.g. ``X-Real-IP``). For ``X-Forwarded-For`` the last address is used: the one our
    own proxy appended, not one a client made up. Without the setting, client-supplied
    headers are ignored.
    """
    header = getattr(settings, "NETRA_CLIENT_IP_HEADER", "")
    if header:
        raw = request.headers.get(header, "")
        forwarded = _valid_ip(raw.split(",")[-1]) if raw else None
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def ratelimit_ip(request: HttpRequest) -> str:
    """``RATELIMIT_IP_META_KEY`` for django-ratelimit: the same address as the audit log."""
    return request_ip(request) or "0.0.0.0"  # noqa: S104 — a bucket for unknown clients


class RequestContextMiddleware:
    """Make the client IP available to services for the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_from(request_ip(request)):
            return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the user picked English with the language switch.

    Django's own middleware also follows the browser's Accept-Language; many officers'
    phones are set to English while their office works in Indonesian, so only an
    explicit choice (the language cookie set by the switch) changes the language.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        code = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
