"""The demo seeds about 30 cases across every state and kecamatan, through the services."""

from __future__ import annotations

import random

import pytest

from netra.cases.demo import seed_cases
from netra.cases.models import Case, CaseStateChange, State
from netra.core.audit import verify_chain
from netra.elections.models import Election
from netra.regions.models import Level, Region

from .conftest import People

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_state_and_kecamatan(election: Election, people: People) -> None:
    created = seed_cases(actor=None, election=election, count=30, rng=random.Random(7))
    assert len(created) == 30
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)
    kecamatan = {c.region.code.rsplit(".", 1)[0] for c in Case.objects.select_related("region")}
    malang = Region.objects.filter(level=Level.KECAMATAN, code__startswith="35.73.")
    assert kecamatan == set(malang.values_list("code", flat=True))
    # Every state change went through the table, so each case's history is a legal path.
    for case in Case.objects.all():
        states = list(CaseStateChange.objects.filter(case=case).values_list("to_state", flat=True))
        assert states[0] == State.DITERIMA
        assert states[-1] == case.state
    assert verify_chain() is None
    assert seed_cases(actor=None, election=election, count=30) == []
    actors = set(CaseStateChange.objects.exclude(actor=None).values_list("actor", flat=True))
    assert actors <= {people.inspektorat.pk, people.bkn.pk}
