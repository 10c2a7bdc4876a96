from __future__ import annotations

import pytest
from django.utils import translation

from netra.rules.models import Category, DeadlineRule, SanctionLevel, ViolationForm
from netra.rules.selectors import deadline_rules_for

pytestmark = pytest.mark.django_db


def test_the_skb_matrix_has_seven_ethics_and_thirteen_discipline_rows() -> None:
    assert ViolationForm.objects.filter(category=Category.ETIKA).count() == 7
    assert ViolationForm.objects.filter(category=Category.DISIPLIN).count() == 13
    assert set(
        ViolationForm.objects.filter(category=Category.ETIKA).values_list(
            "sanction_level", flat=True
        )
    ) == {SanctionLevel.MORAL}
    assert ViolationForm.objects.get(code="D5").sanction_level == SanctionLevel.PEMBERHENTIAN
    assert ViolationForm.objects.get(code="D3").sanction_level == SanctionLevel.SEDANG


def test_every_form_has_a_legal_basis_and_plain_words_in_both_languages() -> None:
    for form in ViolationForm.objects.all():
        assert form.legal_basis
        assert form.plain_id
        assert form.plain_en
        assert form.plain_id != form.plain_en


def test_titles_follow_the_active_language() -> None:
    form = ViolationForm.objects.get(code="D2")
    with translation.override("en"):
        assert "social" in form.title
    with translation.override("id"):
        assert "media sosial" in form.title


def test_pilkada_reports_count_calendar_days_and_pemilu_reports_working_days() -> None:
    assert DeadlineRule.lookup("lapor", "pilkada").day_count == "kalender"
    pemilu = DeadlineRule.lookup("lapor", "pemilu")
    assert (pemilu.days, pemilu.day_count) == (7, "kerja")


def test_the_ppk_follow_up_applies_to_every_election_and_is_marked_unverified() -> None:
    rule = DeadlineRule.lookup("tindak-lanjut-ppk", "pilkada")
    assert rule.election_kind == ""
    assert not rule.is_verified
    codes = set(deadline_rules_for("pilkada").values_list("code", flat=True))
    assert {"lapor", "tindak-lanjut", "keterangan-tambahan", "tindak-lanjut-ppk"} <= codes
