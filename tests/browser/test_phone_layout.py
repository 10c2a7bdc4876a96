"""Every page fits a phone: nothing makes the page wider than the screen.

The test signs in as an administrator, follows every link it finds (one page per URL
pattern) and checks, at 390 px wide, that the page does not scroll sideways (wide tables
scroll inside their own box), that the CSP blocks nothing and no script fails, and that
the menu opens. A screenshot of each page is kept.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from netra.accounts.models import Role
from netra.testing.factories import (
    AsnFactory,
    CandidatePairFactory,
    ElectionFactory,
    UnitFactory,
    region,
    user_with_role,
)
from tests.browser.helpers import PHONE

# Links not to follow: they leave the app, download a file or change state on GET.
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/static/", "/akun/keluar/")
SKIP_SUFFIXES = (".json", ".csv", ".xlsx", ".pdf", ".png", ".jpg", ".zip")
MAX_PAGES = 60


@pytest.fixture
def sample_data(regions: None) -> None:
    lowokwaru = UnitFactory.create(
        code="kec-lowokwaru",
        name="Kantor Kecamatan Lowokwaru dengan Nama yang Cukup Panjang untuk Layar Ponsel",
        region=region("35.73.05"),
    )
    for _ in range(3):
        AsnFactory.create(unit=lowokwaru, position="Analis Kebijakan Ahli Muda")
    UnitFactory.create(name="Kelurahan Dinoyo", region=region("35.73.05.1004"), parent=lowokwaru)
    election = ElectionFactory.create()
    CandidatePairFactory.create(election=election, number=1)
    CandidatePairFactory.create(election=election, number=2)


def _overflow(page: Any) -> int:
    """How many pixels the page is wider than the screen."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def _internal_links(page: Any) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    base = urlsplit(page.url)
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc != base.netloc or parts.path.startswith(SKIP_PREFIXES):
            continue
        if parts.path.endswith(SKIP_SUFFIXES):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _route(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def test_every_page_fits_a_phone_screen(
    new_page: Any, login: Any, screenshot: Any, sample_data: None
) -> None:
    user_with_role(Role.ADMIN, username="admin.kota")
    page = new_page(PHONE)
    script_problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            script_problems.append(f"{page.url}: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: script_problems.append(f"{page.url}: {error}"))
    login(page, "admin.kota")

    seen_routes: set[str] = set()
    queue = ["/"]
    too_wide: dict[str, int] = {}
    while queue and len(seen_routes) < MAX_PAGES:
        path = queue.pop(0)
        route = _route(path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        response = page.goto(path)
        if (
            response is None
            or response.status >= 400
            or "html" not in response.headers.get("content-type", "")
        ):
            continue
        if _overflow(page) > 1:
            too_wide[path] = _overflow(page)
        screenshot(page, f"phone-{route.replace(':', '-')}")
        queue.extend(_internal_links(page))

    assert len(seen_routes) >= 8, sorted(seen_routes)
    assert not too_wide, f"pages wider than a {PHONE['width']}px phone: {too_wide}"
    assert not script_problems, "blocked by the CSP or failing scripts:\n" + "\n".join(
        script_problems
    )


def test_phone_menu_opens_and_reaches_every_section(
    new_page: Any, login: Any, sample_data: None
) -> None:
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    page = new_page(PHONE)
    login(page, "camat.lowokwaru")
    menu = page.locator("header nav details summary")
    menu.click()
    link = page.locator("header nav details").get_by_role("link", name="Unit kerja")
    link.wait_for(state="visible")
    box = link.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    assert box["height"] >= 24  # large enough to tap
    link.click()
    page.wait_for_url("**/registri/unit/")


def test_login_form_is_usable_on_a_phone(phone_page: Any, screenshot: Any, db: None) -> None:
    phone_page.goto("/akun/masuk/")
    for selector in ("#id_username", "#id_password", "form [type=submit]"):
        box = phone_page.locator(selector).bounding_box()
        assert box is not None
        assert box["width"] >= PHONE["width"] * 0.7, selector
        assert box["height"] >= 40, selector
    assert _overflow(phone_page) <= 1
    screenshot(phone_page, "phone-login")
