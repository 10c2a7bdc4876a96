"""Reads of regions, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.scoping import region_filter

from .models import Region


def regions_visible_to(user: object) -> QuerySet[Region]:
    """Regions inside the user's scope (a camat: their kecamatan and its kelurahan)."""
    return Region.objects.filter(region_filter(user, "code")).select_related("parent")


def ancestor_codes(code: str) -> list[str]:
    """``35.73.05.1012`` → ``["35", "35.73", "35.73.05"]``."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]
