from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from netra.cases.models import IdentityMode
from netra.cases.services import submit_report
from netra.prevention.models import CloseOut, PactRole
from netra.prevention.selectors import close_out_status, unit_cases, verify_code
from netra.prevention.services import open_pact, sign_close_out, sign_pact
from netra.testing.factories import ElectionFactory, region

from .conftest import City, asn_with_login, user_of

pytestmark = pytest.mark.django_db


def _report_about(city: City, unit: object) -> str:
    filed = submit_report(
        election=city.election,
        region=region("35.73.05.1002"),
        summary="Staf kelurahan membagikan video kampanye paslon di grup kantor.",
        known_on=timezone.localdate() - dt.timedelta(days=1),
        identity_mode=IdentityMode.ANONIM,
        unit=unit,  # type: ignore[arg-type]
    )
    return filed.case.reference


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_a_unit_without_cases_closes_out_with_zero_violations(city: City) -> None:
    head = asn_with_login(city.kel_tunggulwulung, head=True, name="Agus Prasetyo")
    close_out = sign_close_out(actor=head.user, election=city.election, unit=city.kel_tunggulwulung)
    assert close_out.is_zero
    assert close_out.cases == []
    assert "tidak terdapat temuan maupun laporan" in close_out.text
    assert verify_code(close_out.verification_code) is not None
    with pytest.raises(ValidationError, match="sudah menandatangani"):
        sign_close_out(actor=head.user, election=city.election, unit=city.kel_tunggulwulung)


def test_a_unit_with_a_report_lists_it_and_cannot_claim_zero(city: City) -> None:
    reference = _report_about(city, city.kel_merjosari)
    _report_about(city, city.kel_tunggulwulung)  # another unit's case is not listed
    assert [c.reference for c in unit_cases(election=city.election, unit=city.kel_merjosari)] == [
        reference
    ]
    head = asn_with_login(city.kel_merjosari, head=True)
    close_out = sign_close_out(actor=head.user, election=city.election, unit=city.kel_merjosari)
    assert not close_out.is_zero
    assert [c["reference"] for c in close_out.cases] == [reference]
    assert reference in close_out.text
    assert "tercatat 1 temuan/laporan" in close_out.text


def test_only_the_head_of_that_unit_may_sign(city: City) -> None:
    staff = asn_with_login(city.kel_tunggulwulung)
    other_head = asn_with_login(city.kel_merjosari, head=True)
    for user in (staff.user, other_head.user, city.camat_lowokwaru, city.inspektorat):
        with pytest.raises(PermissionDenied):
            sign_close_out(actor=user, election=city.election, unit=city.kel_tunggulwulung)
    assert not CloseOut.objects.exists()


def test_close_out_waits_for_voting_day(city: City) -> None:
    future = ElectionFactory.create(
        slug="pilkada-2029",
        name="Pilkada 2029",
        voting_date=timezone.localdate() + dt.timedelta(days=30),
    )
    head = asn_with_login(city.kel_tunggulwulung, head=True)
    with pytest.raises(ValidationError, match="hari pemungutan suara"):
        sign_close_out(actor=head.user, election=future, unit=city.kel_tunggulwulung)


def test_the_city_sees_which_units_closed_out_and_gets_a_summary_pdf(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    head = asn_with_login(city.kel_tunggulwulung, head=True)
    sign_pact(actor=head.user, pact=pact, typed_confirmation=head.name)
    sign_close_out(actor=head.user, election=city.election, unit=city.kel_tunggulwulung)
    reference = _report_about(city, city.kel_merjosari)
    head2 = asn_with_login(city.kel_merjosari, head=True)
    sign_close_out(actor=head2.user, election=city.election, unit=city.kel_merjosari)

    status = {s.unit.code: s.close_out for s in close_out_status(city.election, city.inspektorat)}
    assert status["kel-tunggulwulung"] is not None
    assert status["kel-tunggulwulung"].is_zero
    assert status["kel-merjosari"] is not None
    assert not status["kel-merjosari"].is_zero
    assert status["kel-klojen"] is None
    assert status["disdikbud"] is None
    assert {s.unit.code for s in close_out_status(city.election, city.camat_klojen)} == {
        "kel-klojen"
    }

    client = Client()
    client.force_login(city.inspektorat)
    page = client.get(reverse("prevention:close_out_city", args=[city.election.slug]))
    assert "2 / 4" in page.content.decode()
    pdf = client.get(reverse("prevention:close_out_city_pdf", args=[city.election.slug]))
    text = _text(pdf.content)
    assert "Pernyataan Netralitas ASN Kota Malang" in text
    assert "Dari 4 unit kerja, 2 telah menandatangani" in text
    assert reference in text
    assert "2 unit belum menandatangani" in text
    assert "Pakta Integritas Netralitas ASN" in text


def test_a_camat_cannot_open_the_city_view(city: City) -> None:
    client = Client()
    client.force_login(city.camat_lowokwaru)
    url = reverse("prevention:close_out_city", args=[city.election.slug])
    assert client.get(url).status_code == 403


def test_the_head_signs_through_the_page_and_downloads_the_pdf(city: City) -> None:
    head = asn_with_login(city.kel_klojen, head=True, name="Dewi Lestari")
    client = Client()
    client.force_login(user_of(head))
    url = reverse("prevention:close_out_sign", args=[city.election.slug])
    assert "tidak terdapat temuan" in client.get(url).content.decode()
    assert client.post(url, {"note": "", "agree": "on"}).status_code == 302
    close_out = CloseOut.objects.get()
    pdf = client.get(reverse("prevention:close_out_pdf", args=[close_out.pk]))
    text = _text(pdf.content)
    assert "Dewi Lestari" in text
    assert close_out.code_display in text
