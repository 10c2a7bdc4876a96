"""The live server serves our vendored CSS and JavaScript, and the CSP lets them run."""

from __future__ import annotations

from typing import Any

from netra.testing.factories import UserFactory


def test_pico_css_and_htmx_load_on_the_login_page(page: Any, screenshot: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/akun/masuk/")

    # Pico defines its colour variables on :root; netra.css shrinks the footer text.
    pico_primary = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--pico-primary')"
    )
    assert pico_primary.strip()
    ratio = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('footer')).fontSize)"
        " / parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert ratio == 0.875
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert page.evaluate("() => window.htmx.config.allowEval") is False
    assert not [e for e in errors if "Content Security Policy" in e], errors
    screenshot(page, "login-desktop")


def test_login_helper_signs_in(page: Any, login: Any, db: None) -> None:
    UserFactory.create(username="pengamat", full_name="Pengamat Uji")
    login(page, "pengamat")
    assert "Pengamat Uji" in page.locator("main").inner_text()
