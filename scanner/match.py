"""Find every watchlist term, ballot phrase and intent cue in one normalised post.

One Aho-Corasick automaton (pyahocorasick, C) holds the literal keys of all terms and
cues; ballot-number phrases are a handful of compiled regular expressions. Matches are
kept only on word boundaries, except inside a hashtag where "#PrabowoGibran2024" must
still reveal "prabowo" and "gibran".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from . import lexicon
from .normalise import Normalised, collapse_doubles, normalise
from .patterns import BALLOT_PATTERNS, CandidateKey, Term, number_value, watchlist_terms
from .watchlist import Watchlist

CUE_TABLES: dict[str, dict[str, float]] = {
    "support": lexicon.SUPPORT,
    "call": lexicon.CALL,
    "context": lexicon.CONTEXT,
    "oppose": lexicon.OPPOSE,
    "news": lexicon.NEWS,
    "neutral": lexicon.NEUTRAL,
    "doubt": lexicon.DOUBT,
}


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of evidence, with its place in the canonical and the original text."""

    start: int  # canonical
    end: int
    orig_start: int  # original text, what the UI highlights
    orig_end: int
    rule: str  # name, alias, party, slogan, hashtag, ballot_call, support, news, ...
    term: str  # what was recognised, in canonical form
    weight: float
    candidates: frozenset[CandidateKey] = frozenset()
    in_hashtag: bool = False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class Matcher:
    """All patterns of one watchlist, ready to run over many posts."""

    def __init__(self, watchlist: Watchlist) -> None:
        self.watchlist = watchlist
        self.terms = watchlist_terms(watchlist)
        self.numbers: dict[int, frozenset[CandidateKey]] = {}
        for c in watchlist.candidates:
            self.numbers[c.number] = self.numbers.get(c.number, frozenset()) | {
                (c.election, c.number)
            }
        auto: Any = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, Any]]] = {}
        for t in self.terms:
            entries.setdefault(t.key, []).append(("term", t))
        for kind, table in CUE_TABLES.items():
            for phrase, weight in table.items():
                for key in {phrase, collapse_doubles(phrase)}:
                    entries.setdefault(key, []).append(("cue", (kind, weight)))
        for neg in lexicon.NEGATORS:
            entries.setdefault(neg, []).append(("cue", ("negator", 0.0)))
        for key, payload in entries.items():
            auto.add_word(key, (len(key), payload))
        auto.make_automaton()
        self._auto = auto

    def find(self, norm: Normalised) -> list[Match]:
        """Every match in one normalised post, sorted by position."""
        text = norm.text
        n = len(text)
        out: list[Match] = []
        for end_idx, (length, payload) in self._auto.iter(text):
            start = end_idx - length + 1
            end = end_idx + 1
            in_tag = _inside_hashtag(text, start)
            if not in_tag and (
                (start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]))
                or (end < n and _is_word_char(text[end]) and _is_word_char(text[end - 1]))
            ):
                continue  # part of a longer word: "amin" in "jamin", "ali" in "kali"
            o_start, o_end = norm.span(start, end)
            for kind, value in payload:
                if kind == "term":
                    term: Term = value
                    if term.caps_only and not _written_in_capitals(norm.original, o_start, o_end):
                        if not in_tag:
                            continue
                    rule = "name" if term.kind in ("name_part", "name_common") else term.kind
                    weight = term.weight
                    if in_tag and term.kind not in ("hashtag", "slogan"):
                        # a name folded into a hashtag is a rallying tag, not a mention
                        rule, weight = "hashtag", max(weight, 0.5)
                    out.append(
                        Match(start, end, o_start, o_end, rule, term.key, weight,
                              term.candidates, in_tag)
                    )
                else:
                    cue_kind, weight = value
                    out.append(Match(start, end, o_start, o_end, cue_kind, text[start:end],
                                     weight, frozenset(), in_tag))
        for rule, rx in BALLOT_PATTERNS:
            for m in rx.finditer(text):
                num = number_value(m.group("num"))
                if num is None or num not in self.numbers:
                    continue
                start, end = m.span()
                o_start, o_end = norm.span(start, end)
                weight = 0.9 if rule == "ballot_call" else 0.25
                out.append(Match(start, end, o_start, o_end, rule, text[start:end].strip(),
                                 weight, self.numbers[num], text[start] == "#"))
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def find_text(self, text: str) -> tuple[Normalised, list[Match]]:
        """Normalise ``text`` and find its matches."""
        norm = normalise(text)
        return norm, self.find(norm)


def _inside_hashtag(text: str, start: int) -> bool:
    """Whether canonical position ``start`` lies inside a ``#tag`` token."""
    i = start
    while i > 0 and _is_word_char(text[i - 1]):
        i -= 1
    return (i > 0 and text[i - 1] == "#") or (i < len(text) and text[i] == "#")


def _written_in_capitals(original: str, start: int, end: int) -> bool:
    letters = [c for c in original[start:end] if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
