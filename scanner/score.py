"""Turn matches into a score, the candidates concerned and the reasons why.

A post is campaign content when it points at a candidate AND tries to win or lose votes
for them. Evidence adds points; reporting, questions, neutrality talk and criticism take
points away; a support verb right after a negator ("tidak dukung") counts for nothing,
while a prohibition ("jangan pilih 02") is campaigning *against* a candidate and counts
as `oppose_call`. Points ``p`` become a score with ``1 - exp(-p)``: 0.69 points is 0.5.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .match import Match

REFERENCE_RULES = frozenset(
    {"name", "alias", "party", "slogan", "hashtag", "extra", "ballot_call", "ballot_number"}
)
# Reason codes in the order an officer wants to read them.
REASON_CODES = {
    "ballot_call": "ballot_call",
    "slogan": "slogan",
    "hashtag": "hashtag",
    "oppose": "oppose_call",
    "support": "support_verb",
    "call": "call",
    "ballot_number": "ballot_number",
    "alias": "alias",
    "name": "name",
    "party": "party",
    "extra": "extra_term",
    "context": "election_context",
    "negated": "negation",
    "reported": "reported_support",
    "news": "news",
    "neutral": "neutrality",
    "doubt": "doubt",
    "question": "question",
    "headline": "headline",
    "several": "several_candidates",
}
CLAUSE_STOPS = ".,!?;\n"  # a negator does not reach past these
HEADLINE_MARKS = ("http", " - ", ": ")  # a shared headline has a link or a source mark
NEGATION_REACH = 14  # characters between a negator and the verb it cancels ("tidak mau")
CAPS = {
    "support": 1.3,
    "call": 0.5,
    "oppose": 1.0,
    "context": 0.2,
    "news": 1.0,
    "neutral": 1.2,
    "doubt": 0.8,
}


@dataclass(slots=True)
class Result:
    """The verdict on one post (contract: design/SCANNER.md, "Hits")."""

    score: float
    candidates: list[int]
    reasons: list[str]
    spans: list[dict[str, object]]
    matches: list[Match] = field(default_factory=list, repr=False)
    points: dict[str, float] = field(default_factory=dict, repr=False)

    def is_hit(self, threshold: float) -> bool:
        """Flagged at this threshold (a hit always carries at least one span)."""
        return self.score >= threshold and bool(self.spans)


EMPTY = Result(0.0, [], [], [])


def _dedupe(matches: list[Match]) -> list[Match]:
    """Drop a match that lies inside a longer kept one ("menang" in "pasti menang"), or
    inside a kept one of the same rule and length."""
    kept: list[Match] = []
    for m in matches:  # sorted by start, longest first
        start, end = m.start, m.end
        for k in reversed(kept):
            if (
                end <= k.end
                and k.start <= start
                and (k.end - k.start > end - start or k.rule == m.rule)
            ):
                break
        else:
            kept.append(m)
    return kept


_REASON_ITEMS = tuple(REASON_CODES.items())
NEGATIVE = frozenset({"news", "neutral", "doubt", "question", "headline", "several"})
_SPAN_RULE = dict(REASON_CODES)


_WORD = re.compile(r"[^\W\d_][\w'-]*")
_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")


def headline_style(original: str) -> bool:
    """A shared news headline: mostly Title Case words, with a link or a source dash.

    "Prabowo-Gibran Didukung Nahdlatul Wathan di NTB - Kompas TV https://…" is reporting
    even when it names a ticket and says "dukung"; a post in capitals is shouting, not that.
    """
    has_source = any(mark in original for mark in HEADLINE_MARKS)
    if not has_source:
        return False
    words = _WORD.findall(_NOISE.sub(" ", original))
    if len(words) < 5:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    shouting = sum(1 for w in words if w.isupper())
    return capital >= 0.6 * len(words) and shouting < 0.6 * len(words)


def score_matches(text: str, matches: list[Match], original: str | None = None) -> Result:
    """Score one post from its matches (``text`` is the canonical text).

    ``original`` (the text as posted) lets the scorer notice headline style.
    """
    for m in matches:
        if m.primary and m.rule in REFERENCE_RULES:
            break
    else:
        return EMPTY  # nobody is named: whatever the words, it is not about a candidate
    kept = _dedupe(matches)
    negators = [m for m in kept if m.rule == "negator"]
    weights: dict[str, list[float]] = {}
    candidates: set[int] = set()
    spans: list[dict[str, object]] = []
    for m in kept:
        rule = m.rule
        if rule == "negator":
            continue
        if rule == "support" and negators and _negated(text, m, negators):
            rule = "negated"
        elif rule == "support" and _reported(text, m.start):
            rule = "reported"
        elif rule in REFERENCE_RULES:
            candidates.update(m.numbers)
        ws = weights.get(rule)
        if ws is None:
            weights[rule] = [m.weight]
        else:
            ws.append(m.weight)
        spans.append(
            {
                "start": m.orig_start,
                "end": m.orig_end,
                "term": m.term,
                "rule": _SPAN_RULE.get(rule, rule),
            }
        )
    points: dict[str, float] = {}
    positive = negative = 0.0
    named = weights.get("name", []) + weights.get("alias", [])
    for rule, ws in weights.items():
        if rule in ("name", "alias"):
            # a name, a nickname and the pair's names are one reference, not three
            if rule == "alias" and "name" in weights:
                v = 0.0
            else:
                v = max(named) + 0.03 * min(len(named) - 1, 3)
        elif rule in REFERENCE_RULES:
            # repeating a name does not make a post more of a campaign; variety does
            v = max(ws) + 0.05 * min(len(ws) - 1, 3)
        elif rule in ("negated", "reported"):
            v = 0.0
        else:
            v = min(sum(ws), CAPS.get(rule, 1.0))
        points[rule] = v
        if rule in NEGATIVE:
            negative += v
        else:
            positive += v
    if "?" in text:
        points["question"] = 0.3
        negative += 0.3
    if len(candidates) >= 2 and "oppose" not in weights:
        # naming several tickets evenly is how reports and comparisons read
        points["several"] = 0.3 if len(candidates) == 2 else 0.8
        negative += points["several"]
    if original is not None and headline_style(original):
        points["headline"] = 0.9
        negative += 0.9
    if "support" in points or "oppose" in points or "ballot_call" in points:
        # an explicit call outweighs some criticism ("Dinasti? bodo amat, coblos 2!"), but
        # not the form of a news headline, a question or talk about neutrality
        firm = (
            points.get("headline", 0.0) + points.get("neutral", 0.0) + points.get("question", 0.0)
        )
        negative = firm + (negative - firm) * 0.6
    p = positive - negative
    score = 0.0 if p <= 0 else 1.0 - math.exp(-p)
    reasons = [code for key, code in _REASON_ITEMS if key in points]
    return Result(round(score, 4), sorted(candidates), reasons, spans, kept, points)


# "yang dukung X", "dia dukung X", "partai yg ikut mendukung X": someone else's support,
# described rather than asked for.
REPORT_REACH = 14  # characters looked at before a support verb
REPORTERS = frozenset({"yang", "yg", "dia", "mereka", "ikut", "pendukung", "nge", "kubu"})


def _reported(text: str, start: int) -> bool:
    """Whether the support verb at ``start`` describes a third party's support."""
    before = text[max(0, start - REPORT_REACH) : start].split()
    return bool(before) and before[-1] in REPORTERS


def _negated(text: str, verb: Match, negators: list[Match]) -> bool:
    """Whether a negator stands just before ``verb`` in the same clause."""
    for n in negators:
        if n.end <= verb.start and verb.start - n.end <= NEGATION_REACH:
            between = text[n.end : verb.start]
            if not any(c in between for c in CLAUSE_STOPS):
                return True
    return False
