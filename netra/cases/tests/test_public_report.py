"""The public report form: filing, anonymity, validation, honeypot and throttling."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import ExifTags, Image

from netra.cases.evidence import blob_path
from netra.cases.forms_public import new_form_stamp
from netra.cases.models import Case, Evidence, IdentityMode, Report
from netra.core.audit import history_of
from netra.elections.models import Election
from netra.rules.models import ViolationForm
from netra.testing.factories import region

from .conftest import BLIMBING, BLIMBING_KEL, KLOJEN
from .evidence_samples import CAMERA_MAKE, photo_with_gps, upload, windows_program

REPORT_URL = reverse("lapor:report")


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.NETRA_PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()  # throttling counters live in the cache


def report_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "identity_mode": IdentityMode.ANONIM,
        "subject_text": "Pak Budi, staf Kelurahan Blimbing",
        "kecamatan": region(BLIMBING).pk,
        "kelurahan": region(BLIMBING_KEL).pk,
        "place": "Kantor Kelurahan Blimbing",
        "occurred_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "known_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "summary": "Memasang baliho paslon di pagar kantor kelurahan saat jam kerja.",
        "reported_form": ViolationForm.objects.get(code="D1").pk,
        "links": "https://instagram.com/p/contoh\nfacebook.com/contoh",
        "website": "",
        "started": new_form_stamp(),
    }
    data.update(overrides)
    return data


def test_form_speaks_plain_indonesian_and_hides_the_honeypot(
    client: Client, election: Election
) -> None:
    response = client.get(REPORT_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert ViolationForm.objects.get(code="E1").plain_id in page
    assert "Blimbing" in page
    assert 'class="netra-hp" aria-hidden="true"' in page
    assert 'name="website"' in page
    assert 'enctype="multipart/form-data"' in page


def test_anonymous_report_with_photo_gives_code_and_pin_once(
    client: Client, election: Election
) -> None:
    data = report_data(attachments=upload(photo_with_gps(), "IMG_2024.jpg", "image/jpeg"))
    response = client.post(REPORT_URL, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("lapor:done")

    report = Report.objects.select_related("case").get()
    assert report.identity_mode == IdentityMode.ANONIM
    assert report.reporter_name == report.reporter_phone == ""
    case = report.case
    assert case.region.code == BLIMBING_KEL
    assert case.election == election
    assert case.reported_form is not None
    assert case.reported_form.code == "D1"
    assert case.links == ["https://instagram.com/p/contoh", "https://facebook.com/contoh"]

    done = client.get(reverse("lapor:done")).content.decode()
    code = f"{report.tracking_code[:5]}-{report.tracking_code[5:]}"
    assert code in done
    pin_block = done.split('id="tracking-pin">')[1].split("<")[0]
    assert len(pin_block) == 6
    assert pin_block.isdigit()
    again = client.get(reverse("lapor:done")).content.decode()
    assert code in again
    assert 'id="tracking-pin"' not in again

    item = Evidence.objects.get(case=case)
    assert item.from_reporter
    assert item.metadata_removed
    stored = blob_path(item.sha256).read_bytes()
    assert CAMERA_MAKE.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_both_evidence_hashes_are_on_record(client: Client, election: Election) -> None:
    photo = photo_with_gps()
    client.post(REPORT_URL, report_data(attachments=upload(photo, "foto.jpg")))
    item = Evidence.objects.get()
    assert item.original_sha256 == hashlib.sha256(photo).hexdigest()
    assert item.sha256 != item.original_sha256
    events = list(history_of(item.case).filter(action="case.evidence_added"))
    assert [e.after["sha256"] for e in events if e.after] == [item.sha256]


def test_confidential_identity_is_encrypted_in_the_database(
    client: Client, election: Election
) -> None:
    data = report_data(
        identity_mode=IdentityMode.RAHASIA,
        reporter_name="Siti Rahayu Pelapor",
        reporter_phone="081200001111",
        reporter_address="Jl. Melati 7",
    )
    assert client.post(REPORT_URL, data).status_code == 302
    report = Report.objects.get()
    assert report.reporter_name == "Siti Rahayu Pelapor"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_name, reporter_phone FROM cases_report")
        raw_name, raw_phone = cursor.fetchone()
    assert "Siti" not in raw_name
    assert "0812" not in raw_phone


def test_anonymous_report_drops_identity_typed_before_switching(
    client: Client, election: Election
) -> None:
    data = report_data(reporter_name="Nama Tertinggal", reporter_phone="0811")
    client.post(REPORT_URL, data)
    report = Report.objects.get()
    assert report.reporter_name == ""
    assert report.reporter_phone == ""


def test_confidential_report_needs_a_name_and_a_contact(client: Client, election: Election) -> None:
    response = client.post(REPORT_URL, report_data(identity_mode=IdentityMode.RAHASIA))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Laporan rahasia perlu nama Anda" in page
    assert "Isi nomor telepon atau email" in page
    assert not Case.objects.exists()


def test_validation_messages_name_the_field(client: Client, election: Election) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    data = report_data(
        summary="pendek",
        occurred_on=tomorrow,
        kecamatan=region(KLOJEN).pk,
        links="bukan alamat web sama sekali",
    )
    page = client.post(REPORT_URL, data).content.decode()
    assert "Tanggal kejadian tidak boleh di masa depan." in page
    assert "tidak berada di Kecamatan Klojen" in page
    assert "Tautan baris 1" in page
    assert 'href="#field-summary"' in page
    assert not Case.objects.exists()


def test_renamed_program_is_refused_and_nothing_is_filed(
    client: Client, election: Election
) -> None:
    data = report_data(attachments=upload(windows_program(), "bukti.jpg", "image/jpeg"))
    response = client.post(REPORT_URL, data)
    assert response.status_code == 200
    assert "bukti.jpg" in response.content.decode()
    assert "menurut isinya" in response.content.decode()
    assert not Case.objects.exists()


def test_more_than_the_allowed_number_of_files_is_refused(
    client: Client, election: Election, settings: Any
) -> None:
    settings.NETRA_EVIDENCE_MAX_FILES = 2
    files = [upload(photo_with_gps(size=(10 + n, 10)), f"{n}.jpg") for n in range(3)]
    response = client.post(REPORT_URL, report_data(attachments=files))
    assert "Paling banyak 2 berkas" in response.content.decode()
    assert not Case.objects.exists()


def test_honeypot_filled_is_refused(client: Client, election: Election) -> None:
    response = client.post(REPORT_URL, report_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_form_sent_back_too_fast_is_refused(
    client: Client, election: Election, settings: Any
) -> None:
    settings.NETRA_PUBLIC_FORM_MIN_SECONDS = 60
    response = client.post(REPORT_URL, report_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Formulir terkirim terlalu cepat" in page
    assert "Pak Budi, staf Kelurahan Blimbing" in page  # what was typed is kept
    assert not Case.objects.exists()


def test_failed_validation_does_not_use_up_the_report_limit(
    client: Client, election: Election, settings: Any
) -> None:
    settings.NETRA_RATE_PUBLIC_REPORT = "1/h"
    for _ in range(3):
        assert client.post(REPORT_URL, report_data(summary="")).status_code == 200
    assert client.post(REPORT_URL, report_data()).status_code == 302
    assert client.post(REPORT_URL, report_data()).status_code == 429


def test_endless_attempts_from_one_address_get_429(
    client: Client, election: Election, settings: Any
) -> None:
    settings.NETRA_RATE_PUBLIC_ATTEMPTS = "2/h"
    codes = [client.post(REPORT_URL, report_data(summary="")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_forged_time_stamp_is_refused(client: Client, election: Election) -> None:
    response = client.post(REPORT_URL, report_data(started="1700000000:forged"))
    assert response.status_code == 400


def test_too_many_reports_from_one_address_get_429(
    client: Client, election: Election, settings: Any
) -> None:
    settings.NETRA_RATE_PUBLIC_REPORT = "2/h"
    codes = [client.post(REPORT_URL, report_data()).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Case.objects.count() == 2
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(REPORT_URL, report_data()).status_code == 302


def test_csrf_is_enforced_on_the_public_form(election: Election) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(REPORT_URL, report_data()).status_code == 403
    assert not Case.objects.exists()


def test_language_switch_gives_the_violation_forms_in_english(
    client: Client, election: Election
) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": REPORT_URL})
    page = client.get(REPORT_URL).content.decode()
    d1 = ViolationForm.objects.get(code="D1")
    assert escape(d1.plain_en) in page
    assert escape(d1.plain_id) not in page
