"""A camat signs in and sees the units of their own kecamatan, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from netra.accounts.models import Role
from netra.testing.factories import UnitFactory, region, user_with_role
from tests.browser.helpers import PHONE


@pytest.fixture
def units_in_several_kecamatan(regions: None) -> dict[str, list[str]]:
    """Units spread over Kota Malang and Kota Kediri, by who should see them."""
    lowokwaru = [
        UnitFactory.create(name="Kantor Kecamatan Lowokwaru", region=region("35.73.05")),
        UnitFactory.create(name="Kantor Kelurahan Dinoyo", region=region("35.73.05.1004")),
        UnitFactory.create(name="Puskesmas Mojolangu", region=region("35.73.05.1009")),
    ]
    elsewhere = [
        UnitFactory.create(name="Kantor Kecamatan Klojen", region=region("35.73.02")),
        UnitFactory.create(name="Kantor Kelurahan Samaan", region=region("35.73.02.1003")),
        UnitFactory.create(name="Dinas Pendidikan Kota Malang", region=region("35.73")),
        UnitFactory.create(name="Kantor Kecamatan Mojoroto", region=region("35.71.01")),
    ]
    return {"lowokwaru": [u.name for u in lowokwaru], "elsewhere": [u.name for u in elsewhere]}


def _shown_units(page: Any) -> list[str]:
    return sorted(page.locator("#unit-table tbody tr[data-unit] td:first-child").all_inner_texts())


def test_camat_of_lowokwaru_sees_only_lowokwaru_units(
    new_page: Any, login: Any, screenshot: Any, units_in_several_kecamatan: dict[str, list[str]]
) -> None:
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    for name, viewport in (("desktop", None), ("phone", PHONE)):
        page = new_page(viewport) if viewport else new_page()
        login(page, "camat.lowokwaru")
        page.get_by_role("link", name="Unit kerja").first.click()
        page.wait_for_url("**/registri/unit/")

        assert _shown_units(page) == sorted(units_in_several_kecamatan["lowokwaru"])
        body = page.locator("main").inner_text()
        for other in units_in_several_kecamatan["elsewhere"]:
            assert other not in body
        screenshot(page, f"camat-lowokwaru-units-{name}")


def test_pages_are_indonesian_by_default(
    page: Any, login: Any, units_in_several_kecamatan: dict[str, list[str]]
) -> None:
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    login(page, "camat.lowokwaru")
    page.goto("/registri/unit/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Unit kerja"
    assert page.locator("select[name=language]").input_value() == "id"


def test_language_switch_shows_the_units_in_english_and_back(
    page: Any, login: Any, screenshot: Any, units_in_several_kecamatan: dict[str, list[str]]
) -> None:
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru")
    login(page, "camat.lowokwaru")
    page.goto("/registri/unit/")

    page.select_option("select[name=language]", "en")  # netra.js submits on change
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url.endswith("/registri/unit/")
    assert page.locator("h1").inner_text() == "Work units"
    assert _shown_units(page) == sorted(units_in_several_kecamatan["lowokwaru"])
    screenshot(page, "camat-lowokwaru-units-english")

    page.select_option("select[name=language]", "id")
    page.wait_for_function("() => document.documentElement.lang === 'id'")
    assert page.locator("h1").inner_text() == "Unit kerja"
