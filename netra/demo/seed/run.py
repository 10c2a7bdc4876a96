"""All demo seeding steps in order: regions, units, staff, the election, users."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netra.cases.demo import seed_cases
from netra.prevention.demo import seed_prevention
from netra.regions.services import load_regions

from .election import seed_election
from .registry import DEFAULT_ASN, seed_former_pj, seed_staff, seed_units
from .users import DemoLogin, seed_users

REGIONS_CSV = Path(__file__).resolve().parents[2] / "regions" / "data" / "regions.csv"


@dataclass
class DemoSummary:
    regions_created: int = 0
    units_created: int = 0
    asn_created: int = 0
    accounts_created: int = 0
    pairs_created: int = 0
    election_slug: str = ""
    logins: list[DemoLogin] = field(default_factory=list)

    @property
    def added_anything(self) -> bool:
        return any(
            (
                self.regions_created,
                self.units_created,
                self.asn_created,
                self.accounts_created,
                self.pairs_created,
                any(login.created for login in self.logins),
            )
        )


def seed_demo(*, asn: int = DEFAULT_ASN) -> DemoSummary:
    """Seed (or complete) the Kota Malang demo; safe to run any number of times.

    The actor is the system (``None``): seeding is done by the operator at the
    command line, as recorded in the audit log.
    """
    summary = DemoSummary()
    summary.regions_created = load_regions(actor=None, source=REGIONS_CSV).created
    summary.units_created = seed_units(actor=None)
    summary.asn_created, summary.accounts_created = seed_staff(actor=None, total=asn)
    seed_former_pj(actor=None)
    election, summary.pairs_created = seed_election(actor=None)
    summary.election_slug = election.slug
    summary.logins = seed_users(actor=None, election=election)
    seed_cases(actor=None, election=election)  # ~30 cases in every state, via the services
    seed_prevention(actor=None, election=election)  # pacts, briefings, close-outs
    return summary
