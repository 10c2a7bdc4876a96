from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import acting_from


def request_ip(request: HttpRequest) -> str | None:
    """The client address as seen by Django (REMOTE_ADDR).

    A reverse proxy in production must set REMOTE_ADDR itself (gunicorn
    ``--forwarded-allow-ips``); we do not trust X-Forwarded-For from clients.
    """
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Make the client IP available to services for the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_from(request_ip(request)):
            return self.get_response(request)
