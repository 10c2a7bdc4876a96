"""A report from a phone, walked through every state by a camat and the Inspektorat.

The reporter files anonymously with a photo carrying GPS, gets a tracking code and PIN
and the receipt; the camat verifies, the Inspektorat registers, hears, decides,
recommends and records the sanction; after every move the reporter's tracking page
shows the new status, in plain words and without naming anyone who handled it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import timezone
from PIL import ExifTags, Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from netra.accounts.models import Role
from netra.cases.evidence import blob_path
from netra.cases.models import Case, Evidence, State
from netra.cases.tests.evidence_samples import CAMERA_MAKE, GPS_PROCESSING, photo_with_gps
from netra.rules.loading import load_catalogue
from netra.rules.models import DeadlineRule, ViolationForm
from netra.testing.factories import ElectionFactory, user_with_role
from tests.browser.helpers import PHONE

CAMAT_NAME = "Drs. Camat Blimbing Utama"
INSPEKTORAT_NAME = "Ibu Inspektur Kota Malang"

# (state, what the officer fills in that move's form: field suffix -> (kind, value))
CAMAT_MOVES: list[tuple[str, dict[str, tuple[str, str]]]] = [
    (State.VERIFIKASI_FORMAL, {}),
    (State.VERIFIKASI_MATERIIL, {"note": ("fill", "Foto dan uraian cukup.")}),
]
INSPEKTORAT_MOVES: list[tuple[str, dict[str, tuple[str, str]]]] = [
    (State.TEREGISTRASI, {"violation_form": ("select", "D1")}),
    (
        State.KLARIFIKASI,
        {"hearing_at": ("fill", "2026-12-01T09:00"), "hearing_place": ("fill", "Inspektorat")},
    ),
    (State.KAJIAN, {"hearing_record": ("fill", "Terlapor mengakui memasang baliho.")}),
    (
        State.PUTUSAN,
        {
            "decision": ("select", "terbukti"),
            "decision_reason": ("fill", "Terbukti dari foto dan pengakuan."),
        },
    ),
    (
        State.REKOMENDASI,
        {
            "recommendation_target": ("select", "ppk"),
            "recommendation": ("fill", "Hukuman disiplin berat sesuai SKB 2022."),
        },
    ),
    (State.TINDAK_LANJUT, {}),
    (
        State.SELESAI,
        {
            "sanction_level": ("select", "berat"),
            "sanction_detail": ("fill", "Penurunan jabatan 12 bulan."),
            "decree_number": ("fill", "800/123/35.73/2026"),
            "decree_date": ("fill", "2026-12-10"),
        },
    ),
]


@pytest.fixture
def city(regions: None, settings: Any) -> None:
    """Kota Malang's Pilkada, its officers, and the rule catalogue (flushed between runs)."""
    settings.NETRA_PUBLIC_FORM_MIN_SECONDS = 0
    load_catalogue(ViolationForm, DeadlineRule)
    ElectionFactory.create()
    user_with_role(Role.CAMAT, "35.73.01", username="camat.blimbing", full_name=CAMAT_NAME)
    user_with_role(Role.INSPEKTORAT, "35.73", username="inspektorat", full_name=INSPEKTORAT_NAME)


def file_report_on_phone(page: Page, screenshot: Any) -> tuple[str, str]:
    page.goto("/lapor/")
    expect(page.locator("h1")).to_contain_text("Laporkan")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # Anonymous is the default; the identity fields stay hidden.
    expect(page.locator("[data-identity-fields]")).to_be_hidden()
    page.fill("#id_subject_text", "Pak Budi, staf Kelurahan Blimbing")
    page.select_option("#id_kecamatan", label="Blimbing (Kota Malang)")
    page.select_option("#id_kelurahan", label="Blimbing (Kecamatan Blimbing)")
    page.fill("#id_place", "Pagar kantor kelurahan")
    occurred = timezone.localdate() - dt.timedelta(days=1)
    page.fill("#id_occurred_on", occurred.isoformat())
    page.fill(
        "#id_summary",
        "Staf kelurahan memasang baliho pasangan calon di pagar kantor saat jam kerja.",
    )
    d1 = ViolationForm.objects.get(code="D1")
    page.get_by_label(d1.plain_id).check()
    page.set_input_files(
        "#id_attachments",
        files=[{"name": "IMG_0420.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}],
    )
    screenshot(page, "case-flow-1-report-form-phone")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("h1")).to_have_text("Laporan Anda sudah kami terima")
    code = page.locator("#tracking-code").inner_text().strip()
    pin = page.locator("#tracking-pin").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    assert re.fullmatch(r"\d{6}", pin)
    screenshot(page, "case-flow-2-code-and-pin-phone")

    with page.expect_download() as download:
        page.locator("#receipt-link").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(handle).pages)
    assert code in text
    assert pin not in text.replace(" ", "").split("SHA-256")[0]
    return code, pin


def assert_photo_is_clean() -> None:
    item = Evidence.objects.get()
    data = blob_path(item.sha256).read_bytes()
    assert item.original_sha256 != item.sha256
    assert b"Exif\x00\x00" not in data
    assert CAMERA_MAKE.encode() not in data
    assert GPS_PROCESSING not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def move(page: Page, to_state: str, fields: dict[str, tuple[str, str]]) -> None:
    block = page.locator(f'details[data-transition="{to_state}"]')
    block.locator("summary").click()
    for suffix, (kind, value) in fields.items():
        target = block.locator(f'[name="{to_state}-{suffix}"]')
        if kind == "select":
            if suffix == "violation_form":
                option = target.locator("option", has_text=f"{value} — ").first
                target.select_option(value=option.get_attribute("value"))
            else:
                target.select_option(value=value)
        else:
            target.fill(value)
    block.locator("button[type=submit]").click()
    expect(page.locator("#case-state")).to_have_attribute("data-state", to_state)


def reporter_sees(page: Page, state: str, history: list[str]) -> None:
    page.reload()
    expect(page.locator("#current-state")).to_have_text(str(State(state).label))
    shown = page.locator("#status-history li").evaluate_all(
        "items => items.map(i => i.dataset.state)"
    )
    assert shown == history
    body = page.locator("main").inner_text()
    for name in (CAMAT_NAME, INSPEKTORAT_NAME, "camat.blimbing", "inspektorat"):
        assert name not in body


def test_anonymous_report_walks_every_state_to_selesai(
    city: None, new_page: Any, login: Any, screenshot: Any
) -> None:
    reporter = new_page(PHONE)
    code, pin = file_report_on_phone(reporter, screenshot)
    assert_photo_is_clean()
    case = Case.objects.get()

    reporter.goto(f"/lapor/lacak/?kode={code}")
    expect(reporter.locator("#id_code")).to_have_value(code)
    reporter.fill("#id_pin", pin)
    reporter.get_by_role("button", name="Lihat status").click()
    # The form posts and redirects; reloading before the status page has loaded would
    # race that navigation.
    expect(reporter).to_have_url(re.compile(r"/lapor/lacak/status/$"))
    expect(reporter.locator("#current-state")).to_be_visible()
    history = [State.DITERIMA.value]
    reporter_sees(reporter, State.DITERIMA, history)

    camat = new_page()
    login(camat, "camat.blimbing")
    camat.goto("/kasus/")
    camat.get_by_role("link", name=case.reference).click()
    expect(camat.locator("#reporter")).to_contain_text("Anonim")
    expect(camat.locator("#evidence")).to_contain_text("IMG_0420.jpg")
    screenshot(camat, "case-flow-3-camat-case-detail")
    for state, fields in CAMAT_MOVES:
        move(camat, state, fields)
        history.append(state.value)
        reporter_sees(reporter, state, history)
    # The next move (registration) is the Inspektorat's: the camat is not offered it.
    expect(camat.locator('details[data-transition="teregistrasi"]')).to_have_count(0)

    camat_phone = new_page(PHONE)
    login(camat_phone, "camat.blimbing")
    camat_phone.goto(f"/kasus/{case.pk}/")
    expect(camat_phone.locator("#case-state")).to_have_attribute(
        "data-state", "verifikasi-materiil"
    )
    assert camat_phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(camat_phone, "case-flow-3b-camat-case-detail-phone")

    inspektorat = new_page()
    login(inspektorat, "inspektorat")
    inspektorat.goto(f"/kasus/{case.pk}/")
    for state, fields in INSPEKTORAT_MOVES:
        move(inspektorat, state, fields)
        history.append(state.value)
        reporter_sees(reporter, state, history)
        if state == State.PUTUSAN:
            screenshot(inspektorat, "case-flow-4-inspektorat-after-decision")

    assert history == [
        "diterima",
        "verifikasi-formal",
        "verifikasi-materiil",
        "teregistrasi",
        "klarifikasi",
        "kajian",
        "putusan",
        "rekomendasi",
        "tindak-lanjut",
        "selesai",
    ]
    expect(reporter.locator("#add-information-form")).to_have_count(0)
    screenshot(reporter, "case-flow-5-tracking-selesai-phone")
    screenshot(inspektorat, "case-flow-6-inspektorat-selesai")
    case.refresh_from_db()
    assert case.state == State.SELESAI
    assert case.violation_form is not None
    assert case.violation_form.code == "D1"
