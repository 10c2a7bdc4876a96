"""Helpers for the browser tests (also available as fixtures in ``conftest.py``)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The password every ``UserFactory`` user gets.
PASSWORD = "rahasia-uji-123"

# Paths written during this run, listed in the terminal summary.
written: list[Path] = []


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait until the app has left the login page."""
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form:has(#id_password) [type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    expect(page).not_to_have_url(re.compile(r"/akun/masuk/"))


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page as ``test-artifacts/screenshots/<name>.png``."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    written.append(path)
    return path
