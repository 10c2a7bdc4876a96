"""Playwright fixtures for the browser tests: headless Debian Chromium on ``live_server``.

Everything under ``tests/browser`` is marked ``browser`` (the PostgreSQL run skips it).
Fixtures:

- ``page``: a desktop-sized (1280×900) page whose relative URLs go to the live server;
- ``phone_page``: the same at phone size (390×844), touch enabled;
- ``new_page(viewport=..., locale=...)``: more pages, e.g. two users side by side;
- ``login(page, username, password=PASSWORD)`` and ``screenshot(page, name)``: the helpers
  from :mod:`tests.browser.helpers`, which may also be imported directly.

Screenshots go to ``test-artifacts/screenshots/`` (not committed); the run prints where.
A failing test leaves a screenshot of every page it had open (``FAILED-<test>-<n>.png``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop in the main thread; the tests still call
# the ORM synchronously from that thread (the live server runs in another one).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser import helpers
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_failed] = report.failed
    return report


_failed = pytest.StashKey[bool]()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if helpers.written:
        terminalreporter.write_line(
            f"browser screenshots: {len(helpers.written)} written to {helpers.SCREENSHOT_DIR}"
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser-deps` (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(
    browser: Any, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Any]]:
    """Open pages in fresh browser contexts (own cookies) on the live server.

    When the test fails, every page it opened is saved as ``FAILED-<test>-<n>.png``.
    """
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int] = DESKTOP, locale: str = "id-ID") -> Any:
        phone = viewport["width"] < 600
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale=locale,
            timezone_id="Asia/Jakarta",
            is_mobile=phone,
            has_touch=phone,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    if request.node.stash.get(_failed, False):
        pages = [p for context in contexts for p in context.pages]
        for n, failed_page in enumerate(pages, start=1):
            helpers.screenshot(failed_page, f"FAILED-{request.node.name}-{n}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page: Callable[..., Any]) -> Any:
    return new_page(PHONE)


@pytest.fixture
def login() -> Callable[..., None]:
    return helpers.login


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    return helpers.screenshot
