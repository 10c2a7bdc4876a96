"""The public "boleh / tidak boleh" guide for ASN during elections.

"Tidak boleh" comes from the rule catalogue (:class:`~netra.rules.models.ViolationForm`,
with its examples and sanction level); "boleh" is the short list in
``data/allowed.json``. Both are shown in the active UI language and searched in it.
Every entry has a stable anchor (``D2``, ``B1``) so other pages can link
``/panduan/#D2``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation

from netra.rules.models import ViolationForm
from netra.rules.selectors import active_violation_forms

ALLOWED_FILE = Path(__file__).parent / "data" / "allowed.json"


@dataclass(frozen=True)
class GuideEntry:
    code: str
    title: str
    detail: str
    examples: tuple[str, ...]
    allowed: bool
    sanction: str = ""
    legal_basis: str = ""

    def matches(self, words: list[str]) -> bool:
        haystack = " ".join((self.code, self.title, self.detail, *self.examples)).casefold()
        return all(word in haystack for word in words)


@functools.cache
def _allowed_rows() -> tuple[dict[str, object], ...]:
    data = json.loads(ALLOWED_FILE.read_text(encoding="utf-8"))
    return tuple(data["items"])


def allowed_entries() -> list[GuideEntry]:
    """What ASN may do, in the active language."""
    en = translation.get_language() == "en"
    entries = []
    for row in _allowed_rows():
        suffix = "en" if en else "id"
        entries.append(
            GuideEntry(
                code=str(row["code"]),
                title=str(row[f"title_{suffix}"]),
                detail="",
                examples=tuple(row[f"examples_{suffix}"]),  # type: ignore[arg-type]
                allowed=True,
            )
        )
    return entries


def forbidden_entry(form: ViolationForm) -> GuideEntry:
    return GuideEntry(
        code=form.code,
        title=form.plain,
        detail=form.title,
        examples=tuple(form.examples),
        allowed=False,
        sanction=str(form.get_sanction_level_display()),
        legal_basis=form.legal_basis,
    )


def forbidden_entries() -> list[GuideEntry]:
    """What ASN must not do: every active row of the violation matrix."""
    return [forbidden_entry(form) for form in active_violation_forms()]


def search_guide(query: str = "") -> tuple[list[GuideEntry], list[GuideEntry]]:
    """(allowed, forbidden) entries whose text contains every word of ``query``."""
    words = query.casefold().split()
    allowed = [e for e in allowed_entries() if e.matches(words)]
    forbidden = [e for e in forbidden_entries() if e.matches(words)]
    return allowed, forbidden
