from __future__ import annotations

import random

import pytest

from netra.core.audit import verify_chain
from netra.prevention.demo import seed_prevention
from netra.prevention.models import Briefing, CloseOut, Pact, PactRole
from netra.prevention.selectors import pact_coverage_by_unit
from netra.testing.factories import AsnFactory

from .conftest import City, asn_with_login

pytestmark = pytest.mark.django_db


def test_the_demo_shows_complete_and_lagging_units_and_runs_once(city: City) -> None:
    units = [city.kel_tunggulwulung, city.kel_merjosari, city.kel_klojen, city.dinas]
    for unit in units:
        AsnFactory.create(unit=unit, is_head_of_unit=True)
        for _ in range(9):
            AsnFactory.create(unit=unit)
    demo_login = asn_with_login(city.dinas)

    summary = seed_prevention(actor=None, election=city.election, rng=random.Random(1))

    pact = Pact.objects.get(election=city.election, role=PactRole.ASN)
    percents = {c.key: c.percent for c in pact_coverage_by_unit(pact, city.inspektorat)}
    assert 100 in percents.values()
    assert any(p < 50 for p in percents.values())
    assert not demo_login.pact_signatures.exists()
    assert summary.pacts == 4
    assert Briefing.objects.filter(election=city.election).count() == summary.briefings >= 2
    assert summary.attendances > 0
    assert CloseOut.objects.count() == summary.close_outs > 0
    assert verify_chain() is None

    again = seed_prevention(actor=None, election=city.election)
    assert again.pacts == again.signatures == again.briefings == 0
