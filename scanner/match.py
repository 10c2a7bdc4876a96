"""Find every watchlist term, ballot phrase and intent cue in one normalised post.

One Aho-Corasick automaton (pyahocorasick, C) holds the literal keys of all terms and
cues; ballot-number phrases are a handful of compiled regular expressions. Matches are
kept only on word boundaries, except inside a hashtag where "#PrabowoGibran2024" must
still reveal "prabowo" and "gibran".
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import ahocorasick

from . import lexicon
from .normalise import IDENTITY, Normalised, collapse_doubles, normalise, phrase_variants
from .patterns import CandidateKey, Term, find_ballots, watchlist_terms
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


class Match(NamedTuple):
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
    primary: bool = True  # False for short or common terms that cannot stand alone
    numbers: frozenset[int] = frozenset()  # ballot numbers of ``candidates``


# What one automaton key means: (is a term, the term or cue kind, rule, weight, whether
# the term folds into a hashtag).
Entry = tuple[bool, Any, str, float, bool]


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
        add_word = auto.add_word
        by_key: dict[str, list[Term]] = {}
        for t in self.terms:
            same = by_key.get(t.key)
            if same is None:
                by_key[t.key] = [t]
            else:
                same.append(t)
        cues = _cue_entries()
        # The automaton maps each key to its number; what the key means lives in lists
        # indexed by that number, shared with the batch scorer (batch.py).
        self.keys: list[str] = []
        self.payloads: list[tuple[int, list[Entry], bool]] = []
        keys = self.keys
        payloads = self.payloads
        for key, same in by_key.items():
            terms = same if len(same) == 1 else _strongest(same)
            entries = [_term_entry(t) for t in terms]
            cue = cues.get(key)
            if cue is not None:
                entries.extend(cue)
            add_word(key, len(keys))
            keys.append(key)
            payloads.append((len(key), entries, True))
        for key, cue in cues.items():
            if key not in by_key:
                add_word(key, len(keys))
                keys.append(key)
                payloads.append((len(key), list(cue), False))
        auto.make_automaton()
        self.automaton = auto

    def find(self, norm: Normalised) -> list[Match]:
        """Every match in one normalised post, sorted by position."""
        text = norm.text
        n = len(text)
        out: list[Match] = []
        payloads = self.payloads
        hits = [(end_idx, payloads[kid]) for end_idx, kid in self.automaton.iter(text)]
        has_tag = "#" in text
        digits = has_tag or _DIGIT.search(text) is not None
        # Most prefiltered posts that are not campaigns name nobody: stop before the
        # per-match work unless a watchlist term or a possible ballot number is present.
        if not digits and not any(p[2] for _, p in hits):
            return out
        span = norm.span
        original = norm.original
        identity = norm.offsets is IDENTITY
        number_words: list[tuple[int, int]] = []
        last_term_end = -1
        for end_idx, (length, payload, has_term) in hits:
            start = end_idx - length + 1
            end = end_idx + 1
            in_tag = has_tag and _inside_hashtag(text, start)
            if in_tag and not _starts_a_word_in_tag(text, start, norm, last_term_end):
                continue  # "raka" inside "#GeRAKAnBerbagi" is not Rakabuming
            if not in_tag:
                # part of a longer word: "amin" in "jamin", "ali" in "kali"
                if start > 0:
                    a, b = text[start - 1], text[start]
                    if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
                        continue
                if end < n:
                    a, b = text[end - 1], text[end]
                    if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
                        continue
            if identity:
                o_start, o_end = start, end
            else:
                o_start, o_end = span(start, end)
            if has_term and end > last_term_end:
                last_term_end = end
            for is_term, value, rule, weight, tag_folds in payload:
                if is_term:
                    term: Term = value
                    if (
                        term.caps_only
                        and not in_tag
                        and not _written_in_capitals(original, o_start, o_end)
                    ):
                        continue
                    if original[o_start : o_start + 1] == "@":
                        # "@prabowo @gibran_tweet" heads every reply in a thread: a name in
                        # an @mention addresses someone rather than promotes them
                        weight = min(weight, 0.12)
                    if in_tag and tag_folds:
                        # a name folded into a hashtag is a rallying tag, not a mention
                        rule, weight = "hashtag", max(weight, 0.5)
                    key, cands, prim, nums = term.key, term.candidates, term.primary, term.numbers
                elif rule == "number":
                    number_words.append((start, end))
                    continue
                else:
                    key, cands, prim, nums = text[start:end], _NOBODY, True, _NO_NUMBERS
                out.append(
                    _new(
                        Match,
                        (start, end, o_start, o_end, rule, key, weight, cands, in_tag, prim, nums),
                    )
                )
        if digits or number_words:
            numbers = self.numbers
            for rule, start, end, num in find_ballots(text, number_words):
                who = numbers.get(num)
                if who is None:
                    continue
                o_start, o_end = span(start, end)
                out.append(
                    Match(
                        start,
                        end,
                        o_start,
                        o_end,
                        rule,
                        text[start:end],
                        BALLOT_WEIGHT[rule],
                        who,
                        text[start] == "#",
                        True,
                        frozenset((num,)),
                    )
                )
        out.sort(key=_position)
        return out

    def find_text(self, text: str) -> tuple[Normalised, list[Match]]:
        """Normalise ``text`` and find its matches."""
        norm = normalise(text, expand_slang=False)
        return norm, self.find(norm)


_DIGIT = re.compile(r"[0-9]")
_NOBODY: frozenset[CandidateKey] = frozenset()
_NO_NUMBERS: frozenset[int] = frozenset()
_new = tuple.__new__  # a Match without the Python-level __new__ frame, in the hot loop
_TAG_KINDS = frozenset({"hashtag", "slogan", "slogan_text", "slogan_word"})
BALLOT_WEIGHT = {"ballot_call": 0.9, "ballot_number": 0.25}
_RULE_OF_KIND = {
    "pair": "name",
    "name_part": "name",
    "name_common": "name",
    "name": "name",
    "alias": "alias",
    "party": "party",
    "slogan": "slogan",
    "slogan_text": "slogan",
    "slogan_word": "slogan",
    "hashtag": "hashtag",
    "extra": "extra",
}


def _term_entry(term: Term) -> Entry:
    """``(is_term, term, rule, weight, folds into a hashtag)`` for a term's key, worked
    out once when the automaton is built rather than for every match."""
    kind = term.kind
    return True, term, _RULE_OF_KIND[kind], term.weight, kind not in _TAG_KINDS


_CUES: dict[str, tuple[Entry, ...]] | None = None


def _cue_entries() -> dict[str, tuple[Entry, ...]]:
    """Every automaton key of the cue tables, number words and negators with its entries
    ``(False, cue kind, cue kind, weight, False)``, in the order the keys are first met.

    The tables are constants of the lexicon, so their spellings (`phrase_variants`,
    `collapse_doubles`) are worked out once per process, when the first matcher is built.
    """
    global _CUES
    if _CUES is None:
        cues: dict[str, list[Entry]] = {}
        for kind, table in CUE_TABLES.items():
            for phrase, weight in table.items():
                for variant in phrase_variants(phrase):
                    for key in {variant, collapse_doubles(variant)}:
                        cues.setdefault(key, []).append((False, kind, kind, weight, False))
        for word in (*lexicon.NUMBER_WORDS, "siji", "loro", "telu", "papat", "limo"):
            cues.setdefault(word, []).append((False, "number", "number", 0.0, False))
        for neg in lexicon.NEGATORS:
            for key in phrase_variants(neg):
                cues.setdefault(key, []).append((False, "negator", "negator", 0.0, False))
        _CUES = {key: tuple(entries) for key, entries in cues.items()}
    return _CUES


def _position(m: Match) -> tuple[int, int]:
    return (m.start, -m.end)


def _strongest(terms: list[Term]) -> list[Term]:
    """One term per key and case rule: "prabowo" as a name part and as a nickname are
    one reference; the strongest reading is kept, with the candidates of all."""
    best: dict[bool, Term] = {}
    for t in terms:
        old = best.get(t.caps_only)
        if old is None:
            best[t.caps_only] = t
        else:
            keep = t if t.weight > old.weight else old
            best[t.caps_only] = Term(
                keep.key,
                keep.kind,
                old.candidates | t.candidates,
                keep.weight,
                keep.display,
                keep.caps_only,
            )
    return list(best.values())


def _starts_a_word_in_tag(text: str, start: int, norm: Normalised, last_term_end: int) -> bool:
    """Inside a hashtag a term must start a word: after "#", at a capital, after a term."""
    if text[start] == "#" or (
        start > 0 and not (text[start - 1].isalnum() or text[start - 1] == "_")
    ):
        return True
    if start == last_term_end:
        return True  # "#prabowogibran": "gibran" follows "prabowo"
    o_start, _ = norm.span(start, start + 1)
    c = norm.original[o_start : o_start + 1]
    return c.isupper() or c.isdigit()


def _inside_hashtag(text: str, start: int) -> bool:
    """Whether canonical position ``start`` lies inside a ``#tag`` token."""
    i = start
    while i > 0 and _is_word_char(text[i - 1]):
        i -= 1
    return (i > 0 and text[i - 1] == "#") or (i < len(text) and text[i] == "#")


def _written_in_capitals(original: str, start: int, end: int) -> bool:
    letters = [c for c in original[start:end] if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
