from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from netra.core.models import AuditEvent
from netra.prevention.models import PactRole
from netra.prevention.services import open_pact, send_pact_reminders, sign_pact
from netra.testing.factories import AsnFactory, region

from .conftest import City, asn_with_login, user_of

pytestmark = pytest.mark.django_db


def test_reminders_go_to_unsigned_asn_of_a_kecamatan_only(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    signed = asn_with_login(city.kel_tunggulwulung, email="sudah@example.id")
    sign_pact(actor=signed.user, pact=pact, typed_confirmation=signed.name)
    waiting = asn_with_login(city.kel_tunggulwulung, email="belum1@example.id")
    waiting2 = asn_with_login(city.kel_merjosari, email="belum2@example.id")
    asn_with_login(city.kel_klojen, email="klojen@example.id")  # other kecamatan
    AsnFactory.create(unit=city.kel_merjosari)  # no login: cannot be reminded

    with django_capture_on_commit_callbacks(execute=True):
        batch = send_pact_reminders(
            actor=city.camat_lowokwaru,
            pact=pact,
            region=region("35.73.05"),
            sign_url="https://netra.malangkota.go.id/pencegahan/pakta/saya/",
        )

    assert set(batch.recipients.all()) == {waiting, waiting2}
    assert sorted(m.to[0] for m in mail.outbox) == ["belum1@example.id", "belum2@example.id"]
    assert "Pakta Integritas" in mail.outbox[0].subject
    assert "https://netra.malangkota.go.id/pencegahan/pakta/saya/" in mail.outbox[0].body
    batch.refresh_from_db()
    assert batch.emailed == 2
    assert batch.delivered_at is not None
    assert AuditEvent.objects.filter(action="pact.reminded").count() == 1


def test_a_camat_cannot_remind_another_kecamatan(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    with pytest.raises(PermissionDenied):
        send_pact_reminders(actor=city.camat_klojen, pact=pact, unit=city.kel_tunggulwulung)
    assert not mail.outbox


def test_the_reminded_asn_sees_it_in_the_app(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_klojen)
    client = Client()
    client.force_login(city.camat_klojen)
    response = client.post(
        reverse("prevention:pact_remind", args=[pact.pk]), {"unit": city.kel_klojen.pk}
    )
    assert response.status_code == 302
    client.force_login(user_of(asn))
    page = client.get(reverse("prevention:my_pacts")).content.decode()
    assert "Anda diingatkan untuk menandatangani" in page
