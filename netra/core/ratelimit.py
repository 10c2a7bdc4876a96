"""Counting failed attempts (sign-in) with django-ratelimit's cache counters.

Only failures count, so a user who signs in correctly is never slowed down; a wrong
password is counted both for the account and for the client address, so neither
guessing one account's password nor spraying many accounts works for long.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Limit:
    """At most ``rate`` failures (django-ratelimit syntax, e.g. ``"5/15m"``) per key."""

    group: str
    rate: str

    def _usage(self, request: HttpRequest, value: str, *, increment: bool) -> dict | None:
        return get_usage(
            request,
            group=self.group,
            key=lambda _group, _request: value,
            rate=self.rate,
            method="POST",
            increment=increment,
        )

    def exhausted(self, request: HttpRequest, value: str) -> bool:
        """Whether ``value`` has already used up its failures in this window."""
        usage = self._usage(request, value, increment=False)
        return usage is not None and (usage["count"] >= usage["limit"] or usage["limit"] == 0)

    def fail(self, request: HttpRequest, value: str) -> None:
        """Count one more failure for ``value``."""
        self._usage(request, value, increment=True)
