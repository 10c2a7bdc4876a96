from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from netra.prevention.codes import format_code, normalize_code
from netra.prevention.models import PactRole, PactSignature
from netra.prevention.selectors import initials, verify_code
from netra.prevention.services import open_pact, sign_pact

from .conftest import City, asn_with_login, user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(city: City) -> PactSignature:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung, name="Budi Santoso", position="Staf Pelayanan")
    return sign_pact(actor=asn.user, pact=pact, typed_confirmation="Budi Santoso")


def _altered(code: str) -> str:
    """The same code with its first letter changed."""
    first = "B" if code[0] != "B" else "C"
    return first + code[1:]


def test_a_valid_code_checks_out_in_any_typing(signature: PactSignature) -> None:
    code = signature.verification_code
    for typed in (code, format_code(code), format_code(code).lower(), f" {code[:6]} {code[6:]} "):
        result = verify_code(typed)
        assert result is not None, typed
        assert result.initials == "B. S."
        assert result.unit == "Kantor Kelurahan Tunggulwulung"


def test_an_altered_code_fails(signature: PactSignature) -> None:
    assert verify_code(_altered(signature.verification_code)) is None
    assert verify_code(signature.verification_code[:-1]) is None
    assert verify_code("") is None


def test_a_record_edited_after_signing_no_longer_verifies(signature: PactSignature) -> None:
    PactSignature.objects.filter(pk=signature.pk).update(text=signature.text + " (diubah)")
    assert verify_code(signature.verification_code) is None
    PactSignature.objects.filter(pk=signature.pk).update(
        text=signature.text, typed_confirmation="X"
    )
    assert verify_code(signature.verification_code) is None


def test_lookalike_digits_are_read_as_letters() -> None:
    assert normalize_code("k0i1-b8") == "KOIIBB"


def test_public_page_shows_minimal_data_for_a_valid_code(signature: PactSignature) -> None:
    cache.clear()
    response = Client().get(reverse("prevention:verify"), {"kode": signature.code_display})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dokumen valid" in page
    assert "B. S." in page
    assert "Kantor Kelurahan Tunggulwulung" in page
    assert "Budi Santoso" not in page
    assert signature.asn.nip not in page


def test_public_page_says_invalid_for_an_altered_code(signature: PactSignature) -> None:
    cache.clear()
    response = Client().get(
        reverse("prevention:verify"), {"kode": _altered(signature.verification_code)}
    )
    assert "Kode tidak valid" in response.content.decode()
    assert "Dokumen valid" not in response.content.decode()


def test_the_public_page_is_rate_limited(signature: PactSignature) -> None:
    cache.clear()
    client = Client()
    statuses = [
        client.get(reverse("prevention:verify"), {"kode": "AAAA-AAAA-AAAA"}).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    cache.clear()


def test_the_api_checks_codes_without_login(signature: PactSignature) -> None:
    cache.clear()
    client = Client()
    ok = client.get(f"/api/v1/prevention/verify/{signature.verification_code}").json()
    assert ok["valid"] is True
    assert ok["initials"] == "B. S."
    bad = client.get(f"/api/v1/prevention/verify/{_altered(signature.verification_code)}").json()
    assert bad == {
        "valid": False,
        "document": "",
        "initials": "",
        "unit": "",
        "election": "",
        "signed_on": None,
    }


def test_the_pdf_holds_the_text_the_signer_and_the_code(signature: PactSignature) -> None:
    client = Client()
    client.force_login(user_of(signature.asn))
    response = client.get(reverse("prevention:signature_pdf", args=[signature.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Pakta Integritas Netralitas ASN" in text
    assert "Budi Santoso" in text
    assert signature.asn.nip in text
    assert signature.code_display in text
    assert "verifikasi/?kode=" in text


def test_another_asn_cannot_download_the_pdf(signature: PactSignature, city: City) -> None:
    other = asn_with_login(city.kel_tunggulwulung)
    client = Client()
    client.force_login(user_of(other))
    assert client.get(reverse("prevention:signature_pdf", args=[signature.pk])).status_code == 404
    client.force_login(city.camat_klojen)
    assert client.get(reverse("prevention:signature_pdf", args=[signature.pk])).status_code == 404
    client.force_login(city.camat_lowokwaru)
    assert client.get(reverse("prevention:signature_pdf", args=[signature.pk])).status_code == 200


def test_initials_drop_academic_titles_after_a_comma() -> None:
    assert initials("Dra. Sri Wahyuni, M.Pd.") == "D. S. W."


def test_the_code_printed_on_the_pdf_checks_out_and_an_altered_one_fails(
    signature: PactSignature,
) -> None:
    cache.clear()
    client = Client()
    client.force_login(user_of(signature.asn))
    pdf = client.get(reverse("prevention:signature_pdf", args=[signature.pk])).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    match = re.search(r"verification code: ([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})", text)
    assert match is not None
    printed = match.group(1)
    visitor = Client()
    valid = visitor.get(reverse("prevention:verify"), {"kode": printed}).content.decode()
    assert "Dokumen valid" in valid
    altered = visitor.get(reverse("prevention:verify"), {"kode": _altered(printed)})
    assert "Kode tidak valid" in altered.content.decode()
