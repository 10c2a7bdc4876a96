"""Every page fits a phone: nothing makes the page wider than the screen.

The test signs in as an administrator, follows every link it finds (one page per URL
pattern) and checks, at 390 px wide, that the page does not scroll sideways (wide tables
scroll inside their own box), that the CSP blocks nothing and no script fails, and that
the menu opens. A screenshot of each page is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

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


def _public_starts() -> list[str]:
    """Pages meant for people without an account (public report form, checks)."""
    starts = []
    for name in ("lapor:report", "lapor:track", "prevention:verify"):
        try:
            starts.append(reverse(name))
        except NoReverseMatch:
            continue
    return starts


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


# Form fields a person must be able to name: every visible input, select and textarea.
UNLABELLED_FIELDS = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea')]
  .filter(el => el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.getAttribute('title'))
  .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""


@dataclass
class Crawl:
    """What a visit of every reachable page found wrong."""

    routes: set[str] = field(default_factory=set)
    too_wide: dict[str, int] = field(default_factory=dict)
    unlabelled: dict[str, list[str]] = field(default_factory=dict)
    script_problems: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.too_wide, f"pages wider than a {PHONE['width']}px phone: {self.too_wide}"
        assert not self.unlabelled, f"form fields without a label: {self.unlabelled}"
        assert not self.script_problems, "blocked by the CSP or failing scripts:\n" + "\n".join(
            self.script_problems
        )


def crawl(page: Any, screenshot: Any, start: list[str], prefix: str) -> Crawl:
    """Follow every internal link from ``start`` (one page per URL pattern) at phone size."""
    found = Crawl()
    page.on(
        "console",
        lambda msg: (
            found.script_problems.append(f"{page.url}: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: found.script_problems.append(f"{page.url}: {error}"))
    queue = list(start)
    while queue and len(found.routes) < MAX_PAGES:
        path = queue.pop(0)
        route = _route(path)
        if route is None or route in found.routes:
            continue
        found.routes.add(route)
        response = page.goto(path)
        if (
            response is None
            or response.status >= 400
            or "html" not in response.headers.get("content-type", "")
            or _route(urlsplit(page.url).path) != route  # redirected, e.g. to sign in
        ):
            continue
        if _overflow(page) > 1:
            found.too_wide[path] = _overflow(page)
        unlabelled = page.evaluate(UNLABELLED_FIELDS)
        if unlabelled:
            found.unlabelled[path] = unlabelled
        screenshot(page, f"{prefix}-{route.replace(':', '-')}")
        queue.extend(_internal_links(page))
    return found


def test_every_page_fits_a_phone_screen(
    new_page: Any, login: Any, screenshot: Any, sample_data: None
) -> None:
    user_with_role(Role.ADMIN, username="admin.kota")
    page = new_page(PHONE)
    login(page, "admin.kota")
    found = crawl(page, screenshot, ["/"], "phone")
    assert len(found.routes) >= 8, sorted(found.routes)
    found.assert_clean()


def test_a_camats_pages_fit_a_phone_screen(
    new_page: Any, login: Any, screenshot: Any, sample_data: None
) -> None:
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    page = new_page(PHONE)
    login(page, "camat.lowokwaru")
    crawl(page, screenshot, ["/"], "phone-camat").assert_clean()


def test_public_pages_fit_a_phone_screen(new_page: Any, screenshot: Any, sample_data: None) -> None:
    """What a citizen or an ASN without an account reaches from the sign-in page."""
    page = new_page(PHONE)
    starts = [reverse("accounts:login"), *_public_starts()]
    found = crawl(page, screenshot, starts, "phone-public")
    assert {_route(start) for start in starts} <= found.routes
    found.assert_clean()


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
