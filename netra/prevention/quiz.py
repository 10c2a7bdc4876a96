"""Quiz questions drawn from the rule catalogue.

Two kinds: "Is this allowed?" on an example (examples of violation forms are "tidak
boleh", examples from the allowed list are "boleh"), and "Which sanction level?" on a
violation form. Questions are generated once when a briefing is created and stored,
so every attendee of that briefing answers the same set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from netra.rules.models import SanctionLevel
from netra.rules.selectors import active_violation_forms

from . import guide
from .models import QuestionKind

ALLOWED = "boleh"
FORBIDDEN = "tidak-boleh"
ALLOWED_CHOICES = [
    [ALLOWED, "Boleh", "Allowed"],
    [FORBIDDEN, "Tidak boleh", "Not allowed"],
]
SANCTION_CHOICES = [
    [SanctionLevel.MORAL.value, "Sanksi moral", "Moral sanction"],
    [SanctionLevel.SEDANG.value, "Hukuman disiplin sedang", "Moderate disciplinary penalty"],
    [SanctionLevel.BERAT.value, "Hukuman disiplin berat", "Severe disciplinary penalty"],
    [
        SanctionLevel.PEMBERHENTIAN.value,
        "Pemberhentian tidak dengan hormat",
        "Dishonourable dismissal",
    ],
]
_SANCTION_VALUES = {row[0] for row in SANCTION_CHOICES}


@dataclass(frozen=True)
class QuestionDraft:
    kind: str
    source_code: str
    prompt_id: str
    prompt_en: str
    choices: list[list[str]]
    answer: str


def _allowed_question(code: str, example_id: str, example_en: str, answer: str) -> QuestionDraft:
    return QuestionDraft(
        kind=QuestionKind.ALLOWED,
        source_code=code,
        prompt_id=f"Bolehkah ASN melakukan ini selama masa pemilihan? “{example_id}”",
        prompt_en=f"May a civil servant do this during an election? “{example_en}”",
        choices=ALLOWED_CHOICES,
        answer=answer,
    )


def question_pool() -> list[QuestionDraft]:
    """Every question the catalogue can give, in catalogue order."""
    pool: list[QuestionDraft] = []
    for form in active_violation_forms():
        for example_id, example_en in zip(form.examples_id, form.examples_en, strict=False):
            pool.append(_allowed_question(form.code, example_id, example_en, FORBIDDEN))
        if form.sanction_level in _SANCTION_VALUES:
            pool.append(
                QuestionDraft(
                    kind=QuestionKind.SANCTION,
                    source_code=form.code,
                    prompt_id=f"Apa tingkat sanksi bagi ASN yang: {form.plain_id}?",
                    prompt_en=f"Which sanction applies to a civil servant who is: {form.plain_en}?",
                    choices=SANCTION_CHOICES,
                    answer=form.sanction_level,
                )
            )
    for row in guide._allowed_rows():
        examples: Any = zip(row["examples_id"], row["examples_en"], strict=False)  # type: ignore[call-overload]
        for example_id, example_en in examples:
            pool.append(_allowed_question(str(row["code"]), example_id, example_en, ALLOWED))
    return pool


def draw_questions(size: int, rng: random.Random) -> list[QuestionDraft]:
    """``size`` distinct questions, with at least one "boleh" answer when there is room."""
    pool = question_pool()
    size = min(size, len(pool))
    drawn = rng.sample(pool, size)
    if size >= 3 and all(q.answer != ALLOWED for q in drawn):
        allowed = [q for q in pool if q.answer == ALLOWED]
        drawn[-1] = rng.choice(allowed)
    rng.shuffle(drawn)
    return drawn


def score(questions: list[Any], answers: dict[str, str]) -> int:
    """How many of ``questions`` (numbered) ``answers`` got right."""
    return sum(1 for q in questions if answers.get(str(q.number)) == q.answer)
