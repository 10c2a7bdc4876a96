"""Helpers shared by the prevention services."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


def insert_once(model: type[M], **fields: Any) -> M | None:
    """Insert a row that a unique constraint allows once; None if it is already there.

    The insert runs in its own savepoint, so when two requests race the loser's outer
    transaction stays usable and the constraint, not the timing, decides who wins.
    """
    try:
        with transaction.atomic():
            return model._default_manager.create(**fields)
    except IntegrityError:
        return None
