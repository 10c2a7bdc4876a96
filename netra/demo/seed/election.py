"""The Pilkada Kota Malang 2024 with its official schedule and three candidate pairs.

Pairs follow KPU Kota Malang decision 490/2024 and the number draw of 23 Sep 2024
(design/DOMAIN.md section 6). Existing pairs are left as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netra.elections.models import Election, ElectionKind, Office
from netra.elections.services import apply_schedule, create_election, save_candidate_pair
from netra.regions.models import Region
from netra.registry.models import Asn

from .registry import FORMER_PJ_NIP

SLUG = "pilkada-kota-malang-2024"
SCHEDULE = "pkpu-2-2024"
EXTRA_TERMS = ("Pilwali Malang", "Pilkada Kota Malang", "Pilkada Malang 2024")

PAIRS: tuple[dict[str, Any], ...] = (
    {
        "number": 1,
        "head_name": "Wahyu Hidayat",
        "deputy_name": "Ali Muthohirin",
        "nicknames": ["WALI", "Mas Wahyu", "Malang Mbois"],
        "parties": [
            "Gerindra",
            "PSI",
            "PKS",
            "Golkar",
            "NasDem",
            "PPP",
            "Perindo",
            "PBB",
            "Partai Buruh",
            "Garuda",
        ],
        "slogans": ["Malang Berkelas"],
        "hashtags": ["#MalangBerkelas", "#MalangMbois"],
        "is_incumbent": True,  # Pj Wali Kota until he resigned to run
    },
    {
        "number": 2,
        "head_name": "Heri Cahyono",
        "deputy_name": "Ganisa Pratiwi Rumpoko",
        "nicknames": ["HC–Ganis", "HC-Ganis", "Sam HC"],
        "parties": ["PDI-P"],
        "slogans": [],
        "hashtags": ["#SamHC"],
        "is_incumbent": False,
    },
    {
        "number": 3,
        "head_name": "M. Anton",
        "deputy_name": "Dimyati Ayatullah",
        "nicknames": ["ABADI", "Abah Anton"],
        "parties": ["PKB", "Demokrat", "PAN"],
        "slogans": [],
        "hashtags": ["#ABADI"],
        "is_incumbent": False,
    },
)


def seed_election(*, actor: Any) -> tuple[Election, int]:
    """The election, its PKPU 2/2024 stages and the missing pairs; returns (election, new pairs)."""
    election = Election.objects.filter(slug=SLUG).first()
    if election is None:
        election = create_election(
            actor=actor,
            slug=SLUG,
            name="Pemilihan Wali Kota dan Wakil Wali Kota Malang 2024",
            kind=ElectionKind.PILKADA,
            office=Office.WALIKOTA,
            region=Region.objects.get(code="35.73"),
            voting_date=dt.date(2024, 11, 27),
            extra_terms=EXTRA_TERMS,
        )
    if not election.stages.exists():
        apply_schedule(actor=actor, election=election, schedule=SCHEDULE)
    taken = set(election.pairs.values_list("number", flat=True))
    former_pj = Asn.objects.filter(nip=FORMER_PJ_NIP).first()
    created = 0
    for spec in PAIRS:
        if spec["number"] in taken:
            continue
        head_asn = former_pj if spec["number"] == 1 else None
        save_candidate_pair(actor=actor, election=election, head_asn=head_asn, **spec)
        created += 1
    return election, created
