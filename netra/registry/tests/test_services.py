from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from netra.core.audit import history_of
from netra.registry.models import Asn, Unit
from netra.registry.services import (
    declare_social_account,
    link_asn_user,
    save_asn,
    save_unit,
    withdraw_social_account,
)
from netra.testing.factories import AsnFactory, UserFactory, region

from .conftest import nip_for

pytestmark = pytest.mark.django_db


def test_save_asn_creates_then_updates_the_same_nip(units: dict[str, Unit]) -> None:
    nip = nip_for(3)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"

    created = save_asn(actor=None, nip=spaced, asn_type="PNS", name="Ani", unit=units["dinkes"])
    updated = save_asn(
        actor=None, nip=nip, asn_type="PNS", name="Ani Lestari", unit=units["kel-arjosari"]
    )

    assert created.pk == updated.pk
    assert Asn.objects.count() == 1
    asn = Asn.objects.get()
    assert asn.nip == nip
    assert asn.name == "Ani Lestari"
    assert asn.gender == "P"
    assert [e.action for e in history_of(asn)] == ["asn.created", "asn.updated"]


def test_save_asn_refuses_an_invalid_nip_naming_the_field(units: dict[str, Unit]) -> None:
    with pytest.raises(ValidationError) as caught:
        save_asn(
            actor=None,
            nip="19860926 201513 1 001",
            asn_type="PNS",
            name="X",
            unit=units["dinkes"],
        )

    assert "TMT" in caught.value.message_dict["nip"][0]
    assert Asn.objects.count() == 0


def test_save_unit_refuses_a_parent_cycle(units: dict[str, Unit]) -> None:
    child = save_unit(
        actor=None,
        code="sdn-1",
        name="SDN 1",
        kind="sekolah",
        region=region("35.73"),
        parent=units["dinkes"],
    )

    with pytest.raises(ValidationError):
        save_unit(
            actor=None,
            code="dinkes",
            name="Dinas Kesehatan",
            kind="opd",
            region=region("35.73"),
            parent=child,
        )

    units["dinkes"].refresh_from_db()
    assert units["dinkes"].parent is None


def test_a_declared_account_cannot_be_claimed_by_another_asn(units: dict[str, Unit]) -> None:
    first, second = AsnFactory.create_batch(2, unit=units["dinkes"])
    account = declare_social_account(
        actor=None, asn=first, platform="instagram", handle="https://instagram.com/Budi.Malang/"
    )

    with pytest.raises(ValidationError):
        declare_social_account(actor=None, asn=second, platform="instagram", handle="@budi.malang")

    assert account.handle == "budi.malang"
    withdraw_social_account(actor=None, account=account)
    assert not first.social_accounts.exists()


def test_a_user_is_linked_to_one_asn_only(units: dict[str, Unit]) -> None:
    first, second = AsnFactory.create_batch(2, unit=units["dinkes"])
    user = UserFactory.create()

    link_asn_user(actor=None, asn=first, user=user)
    with pytest.raises(ValidationError):
        link_asn_user(actor=None, asn=second, user=user)

    assert Asn.objects.get(user=user) == first


def test_admin_saves_go_through_the_services_and_are_audited(regions: None) -> None:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:registry_unit_add"),
        {
            "code": "dinsos",
            "name": "Dinas Sosial",
            "kind": "opd",
            "region": region("35.73").pk,
            "address": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    unit = Unit.objects.get(code="dinsos")
    assert [e.action for e in history_of(unit)] == ["unit.created"]
