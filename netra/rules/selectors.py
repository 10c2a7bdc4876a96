"""Reads of the rule catalogue (public: the catalogue is not confidential)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import DeadlineRule, ViolationForm


def active_violation_forms() -> QuerySet[ViolationForm]:
    return ViolationForm.objects.filter(is_active=True)


def deadline_rules_for(election_kind: str) -> QuerySet[DeadlineRule]:
    """Rules for one kind of election plus those that apply to every kind."""
    return DeadlineRule.objects.filter(election_kind__in=[election_kind, ""])
