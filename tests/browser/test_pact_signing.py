"""An ASN signs the integrity pact on a phone; the camat watches coverage rise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from netra.accounts.models import Role, RoleAssignment
from netra.prevention.loading import load_pact_templates
from netra.prevention.models import Pact, PactRole, PactSignature, PactTemplate
from netra.prevention.services import open_pact
from netra.registry.models import Asn, UnitKind
from netra.testing.factories import (
    AsnFactory,
    ElectionFactory,
    UnitFactory,
    UserFactory,
    region,
    user_with_role,
)
from tests.browser.helpers import PHONE

pytestmark = pytest.mark.browser


@dataclass
class Scene:
    pact: Pact
    signer: Asn


@pytest.fixture
def scene(regions: None) -> Scene:
    """Kecamatan Lowokwaru: one kelurahan office with two ASN, neither has signed yet."""
    load_pact_templates(PactTemplate)
    inspektorat = user_with_role(Role.INSPEKTORAT, "35.73", username="inspektur.malang")
    user_with_role(Role.CAMAT, "35.73.05", username="camat.lowokwaru", full_name="Camat Lowokwaru")
    unit = UnitFactory.create(
        code="kel-merjosari",
        name="Kantor Kelurahan Merjosari",
        kind=UnitKind.KELURAHAN,
        region=region("35.73.05.1002"),
    )
    user = UserFactory.create(username="asn.merjosari", full_name="Rahmat Hidayat")
    RoleAssignment.objects.create(user=user, role=Role.ASN)
    signer = AsnFactory.create(
        unit=unit, user=user, name="Rahmat Hidayat", position="Pengadministrasi"
    )
    AsnFactory.create(unit=unit, name="Sri Utami")
    pact = open_pact(actor=inspektorat, election=ElectionFactory.create(), role=PactRole.ASN)
    return Scene(pact=pact, signer=signer)


def _lowokwaru_coverage(page: Any) -> str:
    row = page.locator('tr[data-kecamatan="35.73.05"]')
    return str(row.locator(".coverage-percent").inner_text()).strip()


def test_asn_signs_and_the_camat_sees_coverage_rise(
    new_page: Any, login: Any, screenshot: Any, scene: Scene
) -> None:
    camat = new_page()
    login(camat, "camat.lowokwaru")
    camat.goto(f"/pencegahan/pakta/{scene.pact.pk}/")
    assert _lowokwaru_coverage(camat) == "0%"
    assert "Kecamatan Klojen" not in camat.locator("main").inner_text()
    screenshot(camat, "pact-coverage-camat-before")

    phone = new_page(PHONE)
    login(phone, "asn.merjosari")
    phone.goto("/pencegahan/pakta/saya/")
    phone.get_by_role("button", name="Baca dan tanda tangani").click()
    expect(phone.locator("main")).to_contain_text("Nama: Rahmat Hidayat")
    phone.fill("input[name=typed_confirmation]", "rahmat hidayat")
    phone.check("input[name=agree]")
    screenshot(phone, "pact-sign-phone")
    phone.get_by_role("button", name="Tanda tangani").click()
    expect(phone.locator("main")).to_contain_text("telah ditandatangani")
    signature = PactSignature.objects.get(asn=scene.signer)
    expect(phone.locator("main")).to_contain_text(signature.code_display)
    # The page fits the phone: nothing wider than the screen.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "pact-signed-phone")

    camat.reload()
    assert _lowokwaru_coverage(camat) == "50%"
    expect(camat.locator('tr[data-unit="kel-merjosari"]')).to_contain_text("1 belum")
    screenshot(camat, "pact-coverage-camat-after")

    # Anyone can check the printed code on the public page, without logging in.
    visitor = new_page(PHONE)
    visitor.goto(f"/verifikasi/?kode={signature.code_display}")
    expect(visitor.get_by_test_id("verify-result")).to_contain_text("Dokumen valid")
    expect(visitor.get_by_test_id("verify-result")).to_contain_text("R. H.")
    assert "Rahmat Hidayat" not in visitor.locator("main").inner_text()
    screenshot(visitor, "pact-verify-phone")
    visitor.goto("/verifikasi/?kode=AAAA-BBBB-CCCC")
    expect(visitor.get_by_test_id("verify-result")).to_contain_text(re.compile("tidak valid"))
