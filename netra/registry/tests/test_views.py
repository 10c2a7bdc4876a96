from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netra.accounts.models import Role
from netra.registry.models import Asn, SocialAccount, Unit
from netra.testing.factories import AsnFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(units: dict[str, Unit]) -> dict[str, Asn]:
    return {
        code: AsnFactory.create(unit=unit, name=f"Pegawai {code}") for code, unit in units.items()
    }


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _unit_codes(client: Client, **params: str) -> set[str]:
    response = client.get(reverse("registry:unit_list"), params)
    assert response.status_code == 200
    return {u.code for u in response.context["page"]}


def _asn_names(client: Client, **params: str) -> set[str]:
    response = client.get(reverse("registry:asn_list"), params)
    assert response.status_code == 200
    return {a.name for a in response.context["page"]}


def test_lurah_sees_only_their_kelurahan(staff: dict[str, Asn]) -> None:
    lurah = _client(user_with_role(Role.LURAH, "35.73.01.1002"))  # Arjosari

    assert _unit_codes(lurah) == {"kel-arjosari"}
    assert _asn_names(lurah) == {"Pegawai kel-arjosari"}
    other = staff["kel-polowijen"]
    assert lurah.get(reverse("registry:asn_detail", args=[other.nip])).status_code == 404
    assert lurah.get(reverse("registry:unit_detail", args=["kel-polowijen"])).status_code == 404


def test_camat_sees_only_their_kecamatan(staff: dict[str, Asn]) -> None:
    camat = _client(user_with_role(Role.CAMAT, "35.73.01"))  # Blimbing

    assert _unit_codes(camat) == {"kel-arjosari", "kel-polowijen"}
    assert _asn_names(camat) == {"Pegawai kel-arjosari", "Pegawai kel-polowijen"}
    assert camat.get(reverse("registry:unit_detail", args=["kec-klojen"])).status_code == 404


def test_asn_sees_only_themself(staff: dict[str, Asn]) -> None:
    user = user_with_role(Role.ASN)
    me = staff["dinkes"]
    me.user = user
    me.save()
    client = _client(user)

    assert _asn_names(client) == {"Pegawai dinkes"}
    assert client.get(reverse("registry:asn_detail", args=[me.nip])).status_code == 200
    other = staff["kel-arjosari"]
    assert client.get(reverse("registry:asn_detail", args=[other.nip])).status_code == 404


def test_inspektorat_filters_units_and_asn_by_kecamatan_and_kind(staff: dict[str, Asn]) -> None:
    inspektorat = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    assert _unit_codes(inspektorat) == set(staff)
    assert _unit_codes(inspektorat, kecamatan="35.73.01") == {"kel-arjosari", "kel-polowijen"}
    assert _unit_codes(inspektorat, kind="kecamatan") == {"kec-klojen"}
    assert _asn_names(inspektorat, kecamatan="35.73.02") == {"Pegawai kec-klojen"}
    assert _asn_names(inspektorat, kind="opd") == {"Pegawai dinkes"}


def test_unit_detail_lists_its_staff(staff: dict[str, Asn]) -> None:
    inspektorat = _client(user_with_role(Role.INSPEKTORAT, "35.73"))

    response = inspektorat.get(reverse("registry:unit_detail", args=["kel-arjosari"]))

    assert response.status_code == 200
    assert [a.nip for a in response.context["page"]] == [staff["kel-arjosari"].nip]


def test_asn_declares_their_own_account_and_it_shows_on_their_page(
    staff: dict[str, Asn],
) -> None:
    user = user_with_role(Role.ASN)
    me = staff["dinkes"]
    me.user = user
    me.save()
    client = _client(user)

    response = client.post(
        reverse("registry:my_accounts"),
        {"platform": "instagram", "handle": "@Pegawai.Dinkes", "url": ""},
    )

    assert response.status_code == 302
    account = SocialAccount.objects.get()
    assert (account.asn, account.handle) == (me, "pegawai.dinkes")
    page = client.get(reverse("registry:asn_detail", args=[me.nip]))
    assert "@pegawai.dinkes" in page.content.decode()


def test_an_account_already_declared_by_another_asn_is_refused_on_the_form(
    staff: dict[str, Asn],
) -> None:
    SocialAccount.objects.create(asn=staff["kel-arjosari"], platform="tiktok", handle="sama")
    user = user_with_role(Role.ASN)
    me = staff["dinkes"]
    me.user = user
    me.save()

    response = _client(user).post(
        reverse("registry:my_accounts"), {"platform": "tiktok", "handle": "sama", "url": ""}
    )

    assert response.status_code == 200
    assert "sudah dideklarasikan" in response.content.decode()
    assert SocialAccount.objects.count() == 1


def test_the_own_accounts_form_is_only_for_linked_asn(staff: dict[str, Asn]) -> None:
    lurah = _client(user_with_role(Role.LURAH, "35.73.01.1002"))

    assert lurah.get(reverse("registry:my_accounts")).status_code == 403


def test_an_asn_can_withdraw_only_their_own_accounts(staff: dict[str, Asn]) -> None:
    user = user_with_role(Role.ASN)
    me = staff["dinkes"]
    me.user = user
    me.save()
    mine = SocialAccount.objects.create(asn=me, platform="x", handle="saya")
    theirs = SocialAccount.objects.create(asn=staff["kel-arjosari"], platform="x", handle="dia")
    client = _client(user)

    assert client.post(reverse("registry:my_account_withdraw", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("registry:my_account_withdraw", args=[mine.pk])).status_code == 302
    assert list(SocialAccount.objects.all()) == [theirs]
