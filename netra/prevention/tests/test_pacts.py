from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.core.models import AuditEvent
from netra.prevention.models import PactRole, PactSignature
from netra.prevention.selectors import (
    pact_coverage_by_kecamatan,
    pact_coverage_by_unit,
    pact_coverage_total,
    pacts_for_signer,
)
from netra.prevention.services import open_pact, sign_pact
from netra.testing.factories import AsnFactory

from .conftest import City, asn_with_login

pytestmark = pytest.mark.django_db


def _sign(asn: object) -> PactSignature:
    return sign_pact(actor=asn.user, pact=_sign.pact, typed_confirmation=asn.name)  # type: ignore[attr-defined]


def test_inspektorat_opens_a_pact_from_the_newest_template(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    assert pact.region.code == "35.73"
    assert pact.template.version == 1
    assert "Pakta Integritas" in pact.template.title_id
    assert AuditEvent.objects.filter(action="pact.opened", object_id=str(pact.pk)).exists()
    with pytest.raises(ValidationError, match="sudah dibuka"):
        open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)


def test_a_camat_cannot_open_a_pact(city: City) -> None:
    with pytest.raises(PermissionDenied):
        open_pact(actor=city.camat_lowokwaru, election=city.election, role=PactRole.ASN)


def test_signing_stores_text_hash_confirmation_and_a_code(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung, name="Siti Rahayu")
    signature = sign_pact(actor=asn.user, pact=pact, typed_confirmation="  siti RAHAYU ")
    assert "Nama: Siti Rahayu" in signature.text
    assert asn.nip in signature.text
    assert city.election.name in signature.text
    assert signature.typed_confirmation == "siti RAHAYU"
    assert len(signature.text_hash) == 64
    assert len(signature.verification_code) == 12
    assert signature.unit == city.kel_tunggulwulung


def test_the_typed_name_must_match(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung, name="Siti Rahayu")
    with pytest.raises(ValidationError, match="Siti Rahayu"):
        sign_pact(actor=asn.user, pact=pact, typed_confirmation="Siti")
    assert not PactSignature.objects.exists()


def test_signing_twice_keeps_the_first_signature(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung)
    first = sign_pact(actor=asn.user, pact=pact, typed_confirmation=asn.name)
    again = sign_pact(actor=asn.user, pact=pact, typed_confirmation=asn.name)
    assert again.pk == first.pk
    assert PactSignature.objects.count() == 1
    assert AuditEvent.objects.filter(action="pact.signed").count() == 1


def test_a_role_pact_is_only_for_heads_of_that_kind_of_unit(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.LURAH)
    lurah = asn_with_login(city.kel_tunggulwulung, head=True)
    staff = asn_with_login(city.kel_tunggulwulung)
    head_of_opd = asn_with_login(city.dinas, head=True)
    assert [p for p, _ in pacts_for_signer(lurah.user)] == [pact]
    assert pacts_for_signer(staff.user) == []
    assert pacts_for_signer(head_of_opd.user) == []
    with pytest.raises(PermissionDenied):
        sign_pact(actor=staff.user, pact=pact, typed_confirmation=staff.name)
    assert pact_coverage_total(pact, city.inspektorat).total == 1


def test_coverage_per_unit_and_kecamatan_counts_signed_over_active_asn(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    tunggulwulung = [asn_with_login(city.kel_tunggulwulung) for _ in range(2)]
    merjosari = [asn_with_login(city.kel_merjosari) for _ in range(3)]
    klojen = [asn_with_login(city.kel_klojen) for _ in range(2)]
    AsnFactory.create(unit=city.kel_merjosari, is_active=False)  # retired: not asked
    dinas = [asn_with_login(city.dinas) for _ in range(4)]
    for asn in [*tunggulwulung, merjosari[0], klojen[0], *dinas[:1]]:
        sign_pact(actor=asn.user, pact=pact, typed_confirmation=asn.name)

    units = {c.key: (c.done, c.total) for c in pact_coverage_by_unit(pact, city.inspektorat)}
    assert units == {
        "kel-tunggulwulung": (2, 2),
        "kel-merjosari": (1, 3),
        "kel-klojen": (1, 2),
        "disdikbud": (1, 4),
    }
    kecamatan = {
        c.key: (c.done, c.total) for c in pact_coverage_by_kecamatan(pact, city.inspektorat)
    }
    assert kecamatan == {"35.73.05": (3, 5), "35.73.02": (1, 2), "35.73": (1, 4)}
    total = pact_coverage_total(pact, city.inspektorat)
    assert (total.done, total.total, total.percent) == (5, 11, 45)


def test_a_camat_sees_only_their_own_kecamatan(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    lowokwaru = asn_with_login(city.kel_tunggulwulung)
    asn_with_login(city.kel_klojen)
    sign_pact(actor=lowokwaru.user, pact=pact, typed_confirmation=lowokwaru.name)

    rows = pact_coverage_by_kecamatan(pact, city.camat_lowokwaru)
    assert [(r.key, r.done, r.total) for r in rows] == [("35.73.05", 1, 1)]
    assert "Lowokwaru" in rows[0].label
    assert [r.key for r in pact_coverage_by_unit(pact, city.camat_klojen)] == ["kel-klojen"]
    assert pact_coverage_total(pact, city.camat_klojen).done == 0


def test_an_asn_sees_no_coverage(city: City) -> None:
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    asn = asn_with_login(city.kel_tunggulwulung)
    assert pact_coverage_total(pact, asn.user).total == 0
