from __future__ import annotations

import datetime as dt

import pytest

from netra.registry.nip import NipError, compose_nip, parse_nip


def test_parses_the_parts_of_a_spaced_nip() -> None:
    nip = parse_nip("19860926 201505 1 001")
    assert nip.value == "198609262015051001"
    assert nip.birth_date == dt.date(1986, 9, 26)
    assert (nip.appointed_year, nip.appointed_month) == (2015, 5)
    assert nip.gender == "L"
    assert nip.formatted() == "19860926 201505 1 001"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1986092620150510", "18 angka"),
        ("19860231 201505 1 001", "tanggal lahir"),  # 31 February
        ("19860926 201513 1 001", "TMT"),  # month 13 for a PNS
        ("19860926 201505 3 001", "laki-laki"),
        ("19860926 201505 1 000", "000"),
        ("19860926 198005 1 001", "tidak cocok"),  # appointed before birth + 15
        ("1986O926 201505 1 001", "18 angka"),  # letter O
    ],
)
def test_rejects_bad_nips_with_a_reason(raw: str, fragment: str) -> None:
    with pytest.raises(NipError, match=fragment):
        parse_nip(raw)


def test_pppk_numbers_may_have_a_contract_count_above_twelve() -> None:
    nip = parse_nip("199001012021172001", asn_type="PPPK")
    assert nip.appointed_month is None
    assert nip.gender == "P"
    with pytest.raises(NipError):
        parse_nip("199001012021172001", asn_type="PNS")


def test_compose_is_the_inverse_of_parse() -> None:
    value = compose_nip(
        birth_date=dt.date(1979, 12, 31),
        appointed_year=2005,
        appointed_month=3,
        gender="P",
        serial=42,
    )
    nip = parse_nip(value)
    assert (nip.birth_date, nip.appointed_year, nip.appointed_month, nip.gender, nip.serial) == (
        dt.date(1979, 12, 31),
        2005,
        3,
        "P",
        42,
    )
