from __future__ import annotations

import io

import pytest

from conftest import REGIONS_CSV
from netra.core.models import AuditEvent
from netra.regions.models import Level, Region
from netra.regions.services import RegionFileError, load_regions

pytestmark = pytest.mark.django_db


def test_loads_malang_and_kediri_with_every_kelurahan() -> None:
    result = load_regions(actor=None, source=REGIONS_CSV)
    assert result.created == 113
    malang = Region.objects.get(code="35.73")
    assert Region.objects.within(malang).filter(level=Level.KECAMATAN).count() == 5
    assert Region.objects.within(malang).filter(level=Level.KELURAHAN).count() == 57
    kediri = Region.objects.get(code="35.71")
    assert Region.objects.within(kediri).filter(level=Level.KELURAHAN).count() == 46
    parent = Region.objects.get(code="35.73.05.1012").parent
    assert parent is not None
    assert parent.name == "Lowokwaru"


def test_loading_twice_changes_nothing() -> None:
    load_regions(actor=None, source=REGIONS_CSV)
    events = AuditEvent.objects.count()
    again = load_regions(actor=None, source=REGIONS_CSV)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 113)
    assert AuditEvent.objects.count() == events


def test_a_renamed_kelurahan_is_updated_in_place() -> None:
    load_regions(actor=None, source=REGIONS_CSV)
    pk = Region.objects.get(code="35.71.03.1011").pk
    result = load_regions(
        actor=None,
        source=io.StringIO(
            "kode,level,nama,parent_kode\n35.71.03.1011,kelurahan,Tampurejo,35.71.03\n"
        ),
    )
    assert result.updated == 1
    assert Region.objects.get(pk=pk).name == "Tampurejo"


def test_bad_file_names_every_line_and_loads_nothing() -> None:
    text = (
        "kode,level,nama,parent_kode\n"
        "35.73,kota,Kota Malang,\n"
        "35.73.9,kecamatan,Salah,35.73\n"
        "35.73.01.1001,kelurahan,Tanpa Induk,35.73.01\n"
        "35.73.02,kabupaten,Salah Tingkat,35.73\n"
    )
    with pytest.raises(RegionFileError) as info:
        load_regions(actor=None, source=io.StringIO(text))
    lines = "\n".join(info.value.errors)
    assert "line 3" in lines
    assert "line 4" in lines
    assert "line 5" in lines
    assert Region.objects.count() == 0
