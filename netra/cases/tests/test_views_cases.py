"""Officers' case pages: scoping, reporter identity, workflow buttons, evidence serving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.accounts.models import User
from netra.cases import evidence as storage
from netra.cases.models import Case, Evidence, State
from netra.cases.services import transition_case
from netra.core.audit import history_of
from netra.elections.models import Election
from netra.rules.models import ViolationForm
from netra.testing.factories import region

from .conftest import BLIMBING, BLIMBING_KEL, People, file_report
from .evidence_samples import pdf_document, photo_with_gps, upload


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def with_file(case: Case, data: bytes, name: str) -> Evidence:
    stored = [storage.store_upload(upload(data, name))]
    item: Evidence = storage.attach_stored(
        actor=None, case=case, stored=stored, from_reporter=True
    )[0]
    return item


def test_case_list_shows_only_cases_in_scope(people: People, reported: Case) -> None:
    mine = logged_in(people.camat).get(reverse("cases:list")).content.decode()
    other = logged_in(people.camat_other).get(reverse("cases:list")).content.decode()
    assert reported.reference in mine
    assert reported.reference not in other
    assert "Tidak ada perkara dalam cakupan Anda." in other


def test_case_list_filters_by_state_kecamatan_and_form(
    people: People, election: Election, reported: Case
) -> None:
    elsewhere = file_report(election, where="35.73.02.1001").case
    client = logged_in(people.inspektorat)
    url = reverse("cases:list")
    by_kecamatan = client.get(url, {"kecamatan": BLIMBING}).content.decode()
    assert reported.reference in by_kecamatan
    assert elsewhere.reference not in by_kecamatan
    assert reported.reference not in client.get(url, {"state": State.SELESAI}).content.decode()
    reported.reported_form = ViolationForm.objects.get(code="D1")
    reported.save()
    by_form = client.get(url, {"form": "D1"}).content.decode()
    assert reported.reference in by_form
    assert elsewhere.reference not in by_form


def test_case_list_shows_running_deadlines(people: People, reported: Case) -> None:
    deadline = reported.deadlines.filter(stopped_at__isnull=True).first()
    assert deadline is not None
    page = logged_in(people.camat).get(reverse("cases:list")).content.decode()
    assert deadline.due_on.strftime("%d-%m-%Y") in page


def test_case_outside_scope_is_not_found(people: People, reported: Case) -> None:
    url = reverse("cases:detail", args=[reported.pk])
    assert logged_in(people.camat_other).get(url).status_code == 404
    assert logged_in(people.camat).get(url).status_code == 200


def test_reporter_identity_only_for_roles_that_may_see_it(people: People, reported: Case) -> None:
    url = reverse("cases:detail", args=[reported.pk])
    for_inspektorat = logged_in(people.inspektorat).get(url).content.decode()
    for_camat = logged_in(people.camat).get(url).content.decode()
    assert "Siti Pelapor" in for_inspektorat
    assert "081234567890" in for_inspektorat
    assert "Siti Pelapor" not in for_camat
    assert "081234567890" not in for_camat
    assert "Identitas pelapor dirahasiakan" in for_camat


def test_detail_offers_only_the_moves_this_user_may_make(people: People, reported: Case) -> None:
    url = reverse("cases:detail", args=[reported.pk])
    camat_page = logged_in(people.camat).get(url).content.decode()
    assert 'data-transition="verifikasi-formal"' in camat_page
    assert 'data-transition="digabung"' not in camat_page  # merging is for handlers
    lurah_page = logged_in(people.lurah).get(url).content.decode()
    assert 'data-transition="verifikasi-formal"' not in lurah_page


def test_detail_shows_evidence_deadlines_and_audit_timeline(people: People, reported: Case) -> None:
    item = with_file(reported, photo_with_gps(), "baliho.jpg")
    page = logged_in(people.camat).get(reverse("cases:detail", args=[reported.pk])).content.decode()
    assert reverse("cases:evidence", args=[item.pk]) in page
    assert item.sha256 in page
    assert item.original_sha256 in page
    assert "case.reported" in page
    assert "case.evidence_added" in page
    assert 'id="deadlines"' in page


def test_transition_form_moves_the_case(people: People, reported: Case) -> None:
    client = logged_in(people.camat)
    url = reverse("cases:transition", args=[reported.pk, State.VERIFIKASI_FORMAL])
    response = client.post(url, {f"{State.VERIFIKASI_FORMAL}-note": "Berkas lengkap"})
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.state == State.VERIFIKASI_FORMAL


def test_transition_by_htmx_redirects_the_page(people: People, reported: Case) -> None:
    client = logged_in(people.camat)
    url = reverse("cases:transition", args=[reported.pk, State.VERIFIKASI_FORMAL])
    response = client.post(url, {}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("cases:detail", args=[reported.pk])


def test_missing_required_field_is_named_and_nothing_moves(people: People, reported: Case) -> None:
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_MATERIIL)
    url = reverse("cases:transition", args=[reported.pk, State.TEREGISTRASI])
    response = logged_in(people.inspektorat).post(url, {})
    assert response.status_code == 422
    page = response.content.decode()
    block = page.split('data-transition="teregistrasi"')[1].split("</details>")[0]
    assert '<details open data-transition="teregistrasi"' in page
    field = block.split('id="field-violation_form"')[1].split('<div class="netra-field')[0]
    assert "Bentuk pelanggaran (hasil verifikasi)" in field
    assert 'class="netra-field-error"' in field
    reported.refresh_from_db()
    assert reported.state == State.VERIFIKASI_MATERIIL


def test_move_not_allowed_for_the_role_is_refused(people: People, reported: Case) -> None:
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_FORMAL)
    transition_case(actor=people.camat, case=reported, to_state=State.VERIFIKASI_MATERIIL)
    url = reverse("cases:transition", args=[reported.pk, State.TEREGISTRASI])
    form = ViolationForm.objects.get(code="D1")
    response = logged_in(people.camat).post(url, {"teregistrasi-violation_form": form.pk})
    assert "tidak berwenang" in response.content.decode()
    reported.refresh_from_db()
    assert reported.state == State.VERIFIKASI_MATERIIL


def test_evidence_is_served_to_users_in_scope_only(people: People, reported: Case) -> None:
    photo = with_file(reported, photo_with_gps(), "foto.jpg")
    url = reverse("cases:evidence", args=[photo.pk])

    assert logged_in(people.camat_other).get(url).status_code == 404
    assert logged_in(people.lurah_other).get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert reverse("accounts:login") in anonymous["Location"]

    response = logged_in(people.camat).get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == storage.blob_path(photo.sha256).read_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "no-store" in response["Cache-Control"]
    opened = history_of(reported).filter(action="case.evidence_opened").get()
    assert opened.actor_label == people.camat.username
    assert opened.after == {"evidence": photo.pk, "sha256": photo.sha256}


def test_documents_are_downloaded_not_rendered(people: People, reported: Case) -> None:
    document = with_file(reported, pdf_document(), "surat.pdf")
    response = logged_in(people.camat).get(reverse("cases:evidence", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_deadlines_page_lists_those_at_risk(people: People, election: Election) -> None:
    old = timezone.now() - dt.timedelta(days=10)
    late = file_report(election, received_at=old, known_on=timezone.localdate(old)).case
    page = logged_in(people.camat).get(reverse("cases:deadlines")).content.decode()
    assert late.reference in page
    assert "terlewati" in page
    assert (
        late.reference
        not in logged_in(people.camat_other).get(reverse("cases:deadlines")).content.decode()
    )


def test_lurah_records_a_finding_with_evidence(people: People, election: Election) -> None:
    client = logged_in(people.lurah)
    response = client.post(
        reverse("cases:finding_create"),
        {
            "election": election.pk,
            "region": region(BLIMBING_KEL).pk,
            "place": "Balai kelurahan",
            "subject_text": "Staf kelurahan",
            "known_on": timezone.localdate().isoformat(),
            "summary": "Staf membagikan stiker paslon di balai kelurahan.",
            "reported_form": ViolationForm.objects.get(code="D8").pk,
            "links": "",
            "attachments": upload(photo_with_gps(), "stiker.jpg"),
        },
    )
    case = Case.objects.get(source="temuan")
    assert response.status_code == 302
    assert case.filed_by == people.lurah
    assert case.region.code == BLIMBING_KEL
    assert Evidence.objects.get(case=case).original_name == "stiker.jpg"


def test_finding_outside_the_users_area_is_refused(people: People, election: Election) -> None:
    response = logged_in(people.lurah).post(
        reverse("cases:finding_create"),
        {
            "election": election.pk,
            "region": region("35.73.02.1001").pk,
            "known_on": timezone.localdate().isoformat(),
            "summary": "Di luar wilayah.",
        },
    )
    assert response.status_code == 200
    assert not Case.objects.exists()


def test_case_list_pages_keep_the_filters(people: People, election: Election) -> None:
    for _ in range(51):
        file_report(election, identity_mode="anonim")
    page = logged_in(people.inspektorat).get(
        reverse("cases:list"), {"kecamatan": BLIMBING, "state": State.DITERIMA}
    )
    html = page.content.decode()
    assert "?kecamatan=35.73.01&amp;state=diterima&amp;page=2" in html
