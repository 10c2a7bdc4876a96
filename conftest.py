"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REGIONS_CSV = Path(__file__).parent / "netra" / "regions" / "data" / "regions.csv"


@pytest.fixture
def regions(db: None) -> None:
    """Kota Malang and Kota Kediri with every kecamatan and kelurahan."""
    from netra.regions.services import load_regions

    load_regions(actor=None, source=REGIONS_CSV)
