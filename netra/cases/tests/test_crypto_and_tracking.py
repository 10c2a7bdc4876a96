"""Reporter-identity keys (rotation, production check) and tracking codes."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.db import connection
from django.test import override_settings

from netra.cases.crypto import decrypt, encrypt
from netra.cases.models import Case, Report
from netra.cases.selectors import case_for_tracking
from netra.cases.tracking import (
    ALPHABET,
    format_tracking_code,
    new_tracking_code,
    normalize_tracking_code,
)
from netra.elections.models import Election

from .conftest import People, file_report

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def test_a_rotated_key_still_reads_old_values_and_writes_with_the_new_one() -> None:
    with override_settings(NETRA_FIELD_KEYS=[OLD]):
        token = encrypt("Siti Pelapor")
    with override_settings(NETRA_FIELD_KEYS=[NEW, OLD]):
        assert decrypt(token) == "Siti Pelapor"
        fresh = encrypt("Siti Pelapor")
    with override_settings(NETRA_FIELD_KEYS=[NEW]):
        assert decrypt(fresh) == "Siti Pelapor"
        with pytest.raises(ValueError, match="kunci"):
            decrypt(token)


def test_production_check_refuses_a_derived_key() -> None:
    with override_settings(NETRA_FIELD_KEYS=[]):
        ids = [m.id for m in run_checks(include_deployment_checks=True)]
        assert "cases.E001" in ids
    with override_settings(NETRA_FIELD_KEYS=[NEW]):
        ids = [m.id for m in run_checks(include_deployment_checks=True)]
        assert "cases.E001" not in ids


@pytest.mark.django_db
def test_identity_written_under_configured_keys_is_not_readable_without_them(
    election: Election, people: People
) -> None:
    with override_settings(NETRA_FIELD_KEYS=[NEW]):
        case = file_report(election).case
        assert Report.objects.get(case=case).reporter_name == "Siti Pelapor"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_name FROM cases_report WHERE case_id = %s", [case.pk])
        (raw,) = cursor.fetchone()
    assert "Siti" not in raw
    with pytest.raises(ValueError, match="kunci"):
        Report.objects.get(case=case)  # the default test key cannot open it


def test_tracking_codes_are_unambiguous_and_forgiving() -> None:
    codes = {new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10
        assert set(code) <= set(ALPHABET)
        assert not set(code) & set("ILOU")
    assert normalize_tracking_code(" ab1o-il0zz ") == "AB10110ZZ"
    assert format_tracking_code("ABCDEFGHJK") == "ABCDE-FGHJK"


@pytest.mark.django_db
def test_tracking_needs_the_right_pin(election: Election, people: People) -> None:
    filed = file_report(election)
    typed = format_tracking_code(filed.tracking_code).lower()
    found: Case | None = case_for_tracking(typed, filed.pin)
    assert found == filed.case
    wrong = "000000" if filed.pin != "000000" else "111111"
    assert case_for_tracking(filed.tracking_code, wrong) is None
    assert case_for_tracking("ZZZZZZZZZZ", filed.pin) is None
