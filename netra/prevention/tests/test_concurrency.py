"""Signing from many threads at once: nothing double counted, nothing lost.

Runs on PostgreSQL (``NETRA_TEST_DB=postgres``): each thread has its own connection
and real concurrent transactions. The in-memory SQLite of the default test run cannot
host concurrent writers, so the test is skipped there.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from netra.core.audit import verify_chain
from netra.core.models import AuditEvent
from netra.prevention.models import PactRole, PactSignature
from netra.prevention.selectors import (
    pact_coverage_by_kecamatan,
    pact_coverage_by_unit,
    pact_coverage_total,
)
from netra.prevention.services import open_pact, sign_pact
from netra.registry.models import Asn

from .conftest import City, asn_with_login

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_signing_counts_every_asn_exactly_once(city: City) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (NETRA_TEST_DB=postgres)")
    pact = open_pact(actor=city.inspektorat, election=city.election, role=PactRole.ASN)
    signers = (
        [asn_with_login(city.kel_tunggulwulung) for _ in range(5)]
        + [asn_with_login(city.kel_merjosari) for _ in range(4)]
        + [asn_with_login(city.kel_klojen) for _ in range(3)]
    )
    asn_with_login(city.kel_merjosari)  # never signs: must stay missing
    # Every ASN is submitted by two different threads (a double click on two devices).
    plan: list[list[Asn]] = [[] for _ in range(THREADS)]
    for i, asn in enumerate(signers):
        plan[i % THREADS].append(asn)
        plan[(i + 1) % THREADS].append(asn)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    returned: list[int] = []
    lock = threading.Lock()

    def work(mine: list[Asn]) -> None:
        try:
            start.wait()
            for asn in mine:
                signature = sign_pact(actor=asn.user, pact=pact, typed_confirmation=asn.name)
                with lock:
                    returned.append(signature.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(mine,)) for mine in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(returned) == 2 * len(signers)
    # Both submits of an ASN got the same, single signature back.
    assert set(Counter(returned).values()) == {2}
    assert PactSignature.objects.filter(pact=pact).count() == len(signers)
    total = pact_coverage_total(pact, city.inspektorat)
    assert (total.done, total.total) == (12, 13)
    units = {c.key: (c.done, c.total) for c in pact_coverage_by_unit(pact, city.inspektorat)}
    assert units == {"kel-tunggulwulung": (5, 5), "kel-merjosari": (4, 5), "kel-klojen": (3, 3)}
    kecamatan = {
        c.key: (c.done, c.total) for c in pact_coverage_by_kecamatan(pact, city.inspektorat)
    }
    assert kecamatan == {"35.73.05": (9, 10), "35.73.02": (3, 3)}
    assert AuditEvent.objects.filter(action="pact.signed").count() == len(signers)
    assert verify_chain() is None
