"""Fixtures for the web application's tests."""

from __future__ import annotations

import pytest


class _StoppedClock:
    """``time`` for the rate limiter, standing still at the instant a test began."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def rate_limit_window_stands_still(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each test's requests in one rate-limit window.

    django-ratelimit counts in fixed windows of wall-clock time; a test that sends 31
    requests and expects the 31st refused would pass 30 to the old window and one to a
    new one whenever it ran across a window's edge.
    """
    import time

    from django_ratelimit import core

    monkeypatch.setattr(core, "time", _StoppedClock(time.time()))
