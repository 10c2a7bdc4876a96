"""The watchlist JSON handed to the scanner (contract: design/SCANNER.md)."""

from __future__ import annotations

from typing import Any

from .models import Election


def build_watchlist(election: Election) -> dict[str, Any]:
    """Everything the scanner needs to recognise campaigning for this election.

    Keys and their order follow the contract exactly: ``election`` (slug), ``title``,
    ``candidates`` (``number``, ``names``, ``aliases``, ``parties``, ``slogans``,
    ``hashtags``) and ``extra_terms``. ``names`` is never empty (the head is required).
    """
    candidates = []
    for pair in election.pairs.order_by("number"):
        candidates.append(
            {
                "number": pair.number,
                "names": [n for n in (pair.head_name, pair.deputy_name) if n],
                "aliases": list(pair.nicknames),
                "parties": list(pair.parties),
                "slogans": list(pair.slogans),
                "hashtags": list(pair.hashtags),
            }
        )
    return {
        "election": election.slug,
        "title": election.name,
        "candidates": candidates,
        "extra_terms": list(election.extra_terms),
    }
