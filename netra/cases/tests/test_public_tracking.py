"""Tracking a report with code + PIN, adding to it, and the receipt PDF."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netra.cases.forms_public import new_form_stamp
from netra.cases.models import Case, CaseNote, Evidence, NoteKind, State
from netra.cases.public_services import PublicReport, file_public_report
from netra.cases.services import FiledReport, request_information, transition_case
from netra.elections.models import Election
from netra.rules.models import ViolationForm
from netra.testing.factories import region

from .conftest import BLIMBING_KEL, People
from .evidence_samples import photo_with_gps, upload

TRACK_URL = reverse("lapor:track")
STATUS_URL = reverse("lapor:status")
RECEIPT_URL = reverse("lapor:receipt")


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.NETRA_PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()


@pytest.fixture
def filed(election: Election) -> FiledReport:
    report = PublicReport(
        identity_mode="rahasia",
        subject_text="Camat",
        region=region(BLIMBING_KEL),
        place="Balai RW 3",
        occurred_on=timezone.localdate() - dt.timedelta(days=1),
        known_on=timezone.localdate(),
        summary="Mengajak warga memilih paslon tertentu dalam rapat RW.",
        reported_form=ViolationForm.objects.get(code="D8"),
        reporter_name="Rahasia Sekali",
        reporter_phone="0812",
    )
    return file_public_report(report=report, files=[upload(photo_with_gps(), "rapat.jpg")])


def open_report(client: Client, filed: FiledReport) -> Any:
    return client.post(TRACK_URL, {"code": filed.tracking_code, "pin": filed.pin})


def test_code_and_pin_open_the_status_page(client: Client, filed: FiledReport) -> None:
    response = open_report(client, filed)
    assert response.status_code == 302
    assert response["Location"] == STATUS_URL
    page = client.get(STATUS_URL).content.decode()
    assert "Laporan Anda sudah kami terima." in page
    assert 'data-state="diterima"' in page


def test_code_is_read_forgivingly(client: Client, filed: FiledReport) -> None:
    code = filed.tracking_code
    typed = f"{code[:5].lower()} - {code[5:].lower()}"
    response = client.post(TRACK_URL, {"code": typed, "pin": filed.pin})
    assert response["Location"] == STATUS_URL


def test_wrong_pin_and_unknown_code_answer_alike(client: Client, filed: FiledReport) -> None:
    wrong_pin = "000000" if filed.pin != "000000" else "111111"
    wrong = client.post(TRACK_URL, {"code": filed.tracking_code, "pin": wrong_pin})
    unknown = client.post(TRACK_URL, {"code": "ZZZZZ-ZZZZZ", "pin": filed.pin})
    assert wrong.status_code == unknown.status_code == 200
    message = "Kode pelacakan atau PIN salah."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()

    def errors(response: Any) -> str:
        return response.content.decode().split('role="alert"')[1].split("</article>")[0]

    assert errors(wrong) == errors(unknown)
    assert client.get(STATUS_URL).status_code == 302  # nothing was opened


def test_status_page_needs_code_and_pin(client: Client, filed: FiledReport) -> None:
    response = client.get(STATUS_URL)
    assert response.status_code == 302
    assert response["Location"] == TRACK_URL


def test_guessing_pins_for_one_code_is_throttled(
    client: Client, filed: FiledReport, settings: Any
) -> None:
    settings.NETRA_RATE_TRACKING_CODE = "3/h"
    guesses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}")
        .post(TRACK_URL, {"code": filed.tracking_code, "pin": f"{n:06d}"})
        .status_code
        for n in range(4)
    ]
    assert guesses[-1] == 429
    # Even the right PIN waits once the code is locked.
    assert open_report(client, filed).status_code == 429


def test_tracking_from_one_address_is_throttled(client: Client, settings: Any, db: None) -> None:
    settings.NETRA_RATE_TRACKING = "2/h"
    codes = [
        client.post(TRACK_URL, {"code": f"AAAAA-AAAA{n}", "pin": "123456"}).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_status_history_shows_each_state_but_never_who_handled_it(
    client: Client, filed: FiledReport, people: People
) -> None:
    people.camat.full_name = "Bapak Camat Handayani"
    people.camat.save()
    case = filed.case
    transition_case(actor=people.camat, case=case, to_state=State.VERIFIKASI_FORMAL, note="cek")
    transition_case(actor=people.camat, case=case, to_state=State.VERIFIKASI_MATERIIL)
    open_report(client, filed)
    page = client.get(STATUS_URL).content.decode()
    for state in ("diterima", "verifikasi-formal", "verifikasi-materiil"):
        assert f'data-state="{state}"' in page
    assert "Isi laporan sedang diperiksa." in page
    assert "Handayani" not in page
    assert people.camat.username not in page
    assert "cek" not in page.split('id="status-history"')[1].split("</ol>")[0]


def test_reporter_sees_a_request_for_information_and_answers_it(
    client: Client, filed: FiledReport, people: People
) -> None:
    request_information(
        actor=people.inspektorat, case=filed.case, note="Mohon foto baliho dari dekat."
    )
    open_report(client, filed)
    assert "Mohon foto baliho dari dekat." in client.get(STATUS_URL).content.decode()

    response = client.post(
        STATUS_URL,
        {
            "body": "Baliho masih terpasang per hari ini.",
            "attachments": upload(photo_with_gps(size=(50, 50)), "dekat.jpg"),
            "website": "",
            "started": new_form_stamp(),
        },
    )
    assert response.status_code == 302
    note = CaseNote.objects.get(case=filed.case, kind=NoteKind.INFO_PELAPOR)
    assert note.body == "Baliho masih terpasang per hari ini."
    assert note.author is None
    names = set(Evidence.objects.filter(case=filed.case).values_list("original_name", flat=True))
    assert names == {"rapat.jpg", "dekat.jpg"}


def test_empty_addition_is_refused_with_a_message(client: Client, filed: FiledReport) -> None:
    open_report(client, filed)
    response = client.post(STATUS_URL, {"body": "", "website": "", "started": new_form_stamp()})
    assert "Tulis keterangan atau lampirkan berkas." in response.content.decode()
    assert not CaseNote.objects.filter(kind=NoteKind.INFO_PELAPOR).exists()


def test_closed_report_takes_no_more_information(
    client: Client, filed: FiledReport, people: People
) -> None:
    transition_case(
        actor=people.camat,
        case=filed.case,
        to_state=State.DITOLAK,
        closed_reason="Di luar wewenang",
    )
    open_report(client, filed)
    page = client.get(STATUS_URL).content.decode()
    assert 'id="add-information-form"' not in page
    assert "sudah ditutup" in page


def test_receipt_pdf_has_code_hashes_and_time_but_no_identity_or_pin(
    client: Client, filed: FiledReport
) -> None:
    open_report(client, filed)
    response = client.get(RECEIPT_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages[0].images) == 1  # the QR code of the tracking page
    code = filed.tracking_code
    assert f"{code[:5]}-{code[5:]}" in text
    item = Evidence.objects.get(case=filed.case)
    assert item.sha256 in text
    assert item.original_sha256 in text
    assert "WIB" in text
    assert "Rahasia Sekali" not in text
    assert "0812" not in text
    assert filed.pin not in text.replace(item.sha256, "").replace(item.original_sha256, "")


def test_receipt_needs_an_opened_report(client: Client, filed: FiledReport) -> None:
    response = client.get(RECEIPT_URL)
    assert response.status_code == 302


def test_closing_on_this_device_forgets_the_report(client: Client, filed: FiledReport) -> None:
    open_report(client, filed)
    client.post(reverse("lapor:track_end"))
    assert client.get(STATUS_URL).status_code == 302
    assert Case.objects.filter(pk=filed.case.pk).exists()
