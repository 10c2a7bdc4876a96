from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.prevention.models import Briefing, Pact, PactRole, PactSignature
from netra.prevention.services import open_pact

from .conftest import City, asn_with_login

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_officer_pages_need_a_login(city: City) -> None:
    for name in ("prevention:home", "prevention:pact_list", "prevention:briefing_list"):
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]


def test_inspektorat_opens_a_pact_from_the_page(city: City) -> None:
    client = _client(city.inspektorat)
    response = client.post(
        reverse("prevention:pact_list"), {"election": city.election.pk, "role": PactRole.CAMAT}
    )
    pact = Pact.objects.get()
    assert response["Location"] == reverse("prevention:pact_detail", args=[pact.pk])
    assert "Pakta Integritas Netralitas Camat" in client.get(response["Location"]).content.decode()


def test_a_camat_has_no_open_form_but_sees_coverage(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn_with_login(city.kel_tunggulwulung)
    client = _client(city.camat_lowokwaru)
    page = client.get(reverse("prevention:pact_list")).content.decode()
    assert "Buka pakta baru" not in page
    assert "0 / 1" in page
    detail = client.get(reverse("prevention:pact_detail", args=[pact.pk])).content.decode()
    assert "Kecamatan Lowokwaru" in detail
    assert "Kecamatan Klojen" not in detail
    assert "Kirim pengingat" in detail


def test_an_asn_signs_through_the_pages(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung, name="Yusuf Hidayat")
    client = _client(asn.user)
    assert "Baca dan tanda tangani" in client.get(reverse("prevention:my_pacts")).content.decode()
    url = reverse("prevention:pact_sign", args=[pact.pk])
    form = client.get(url).content.decode()
    assert "Nama: Yusuf Hidayat" in form
    wrong = client.post(url, {"typed_confirmation": "Yusuf", "agree": "on"})
    assert "Ketik nama lengkap Anda persis" in wrong.content.decode()
    assert not PactSignature.objects.exists()
    response = client.post(url, {"typed_confirmation": "yusuf hidayat", "agree": "on"})
    assert response.status_code == 302
    signature = PactSignature.objects.get()
    mine = client.get(reverse("prevention:my_pacts")).content.decode()
    assert signature.code_display in mine
    # An ASN cannot open officer coverage pages.
    assert client.get(reverse("prevention:pact_detail", args=[pact.pk])).status_code == 404


def test_the_coverage_fragment_for_polling(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    client = _client(city.camat_klojen)
    fragment = client.get(reverse("prevention:pact_coverage", args=[pact.pk])).content.decode()
    assert "<html" not in fragment
    assert 'hx-trigger="every 15s"' in fragment


def test_a_camat_schedules_a_briefing_and_shows_its_qr(city: City) -> None:
    client = _client(city.camat_lowokwaru)
    start = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(
        reverse("prevention:briefing_create"),
        {
            "election": city.election.pk,
            "title": "Sosialisasi netralitas",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Aula Kecamatan",
            "speaker": "Bawaslu",
            "units": [city.kel_tunggulwulung.pk],
            "quiz_size": 4,
        },
    )
    briefing = Briefing.objects.get()
    assert response["Location"] == reverse("prevention:briefing_detail", args=[briefing.pk])
    assert briefing.questions.count() == 4
    qr = client.get(reverse("prevention:briefing_qr", args=[briefing.pk])).content.decode()
    assert 'src="data:image/png;base64,' in qr
    assert briefing.checkin_code in qr
    upload = client.post(
        reverse("prevention:briefing_upload", args=[briefing.pk]),
        {"file": SimpleUploadedFile("hadir.csv", b"nip\n123\n")},
    )
    assert "Baris 2" in upload.content.decode()
    # A camat of another kecamatan cannot see it.
    assert (
        _client(city.camat_klojen)
        .get(reverse("prevention:briefing_detail", args=[briefing.pk]))
        .status_code
        == 404
    )


def test_scanning_the_qr_without_a_login_leads_to_the_nip_form(city: City) -> None:
    from netra.prevention.services import create_briefing
    from netra.testing.factories import region

    now = timezone.now()
    briefing = create_briefing(
        actor=city.inspektorat,
        election=city.election,
        region=region("35.73"),
        title="Apel netralitas",
        starts_at=now,
        ends_at=now + dt.timedelta(hours=1),
        place="Balai Kota",
        speaker="Sekda",
        units=[city.dinas],
    )
    url = reverse("prevention:checkin_scanned", args=[briefing.checkin_code])
    response = Client().get(url)
    assert response.status_code == 302
    assert f"kode={briefing.checkin_code}" in response["Location"]
    form = Client().get(response["Location"]).content.decode()
    assert f"next=/hadir/{briefing.checkin_code}/" in form.replace("%2F", "/")
    asn = asn_with_login(city.dinas)
    client = _client(asn.user)
    assert "Saya hadir" in client.get(url).content.decode()
    assert "Kehadiran Anda tercatat" in client.post(url).content.decode()
    assert "sudah tercatat sebelumnya" in client.post(url).content.decode()


def test_the_api_gives_each_camat_their_own_kecamatan_coverage(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    for unit in (city.kel_tunggulwulung, city.kel_klojen):
        asn_with_login(unit)
    url = f"/api/v1/prevention/pacts/{pact.pk}/coverage"
    lowokwaru = _client(city.camat_lowokwaru).get(url).json()
    assert [row["key"] for row in lowokwaru["by_kecamatan"]] == ["35.73.05"]
    assert lowokwaru["total"]["total"] == 1
    city_wide = _client(city.inspektorat).get(url).json()
    assert city_wide["total"]["total"] == 2
    assert Client().get(url).status_code == 401
