"""From a watchlist to the patterns a human officer would look for.

Every pattern is a `Term`: a canonical string (see `normalise`), what kind of evidence it
is, which candidates it points at and how much it weighs. Users never write regexes:
names, name parts, nicknames, acronyms, parties, slogans, hashtags and ballot-number
phrases ("coblos 01", "nomor satu", "nomer siji", "paslon 2", "01 menang", "#01", "1️⃣",
"O1") are all derived here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from .lexicon import COMMON_NAMES, COMMON_WORDS, NAME_TITLES, NUMBER_WORDS
from .normalise import collapse_doubles, normalise_term
from .watchlist import Candidate, Watchlist

CandidateKey = tuple[str, int]  # (election slug, ballot number)


@dataclass(frozen=True, slots=True)
class Term:
    """One literal pattern over canonical text."""

    key: str  # canonical text to find
    kind: str  # name | name_part | name_common | alias | party | slogan | hashtag | extra
    candidates: frozenset[CandidateKey]
    weight: float
    display: str  # as written in the watchlist, for explanations
    caps_only: bool = False  # acronyms such as "AMIN" count only when written in capitals
    # Can stand as the reference of a hit; short or common terms only support one: "PKS",
    # "HC" or a common first name such as "Wahyu" say little on their own, and keeping
    # them out lets the prefilter stay small and exact.
    primary: bool = field(init=False)
    numbers: frozenset[int] = field(init=False)  # ballot numbers, precomputed for scoring

    def __post_init__(self) -> None:
        object.__setattr__(self, "primary", _is_primary(self.kind, self.key))
        object.__setattr__(self, "numbers", frozenset(n for _, n in self.candidates))


def _is_primary(kind: str, key: str) -> bool:
    """Whether a term of this kind and key can stand as the reference of a hit."""
    return kind not in ("name_common", "slogan_word") and len(key.replace(" ", "")) >= 4


# A watchlist gives thousands of terms; `_make_term` fills a Term's slots directly, with
# the values `Term(...)` would give them, without the dataclass __init__ and
# __post_init__ frames.
_TERM_FIELDS = ("key", "kind", "candidates", "weight", "display", "caps_only", "primary", "numbers")
if tuple(f.name for f in fields(Term)) != _TERM_FIELDS:  # pragma: no cover
    raise RuntimeError("Term fields changed: _make_term must set the new ones")
(
    _set_key,
    _set_kind,
    _set_candidates,
    _set_weight,
    _set_display,
    _set_caps_only,
    _set_primary,
    _set_numbers,
) = (Term.__dict__[name].__set__ for name in _TERM_FIELDS)
_new = object.__new__


def _make_term(
    key: str,
    kind: str,
    candidates: frozenset[CandidateKey],
    weight: float,
    display: str,
    caps_only: bool,
    numbers: frozenset[int],
) -> Term:
    """``Term(key, kind, candidates, weight, display, caps_only)``, where ``numbers`` is
    ``frozenset(n for _, n in candidates)``, worked out once by the caller."""
    t = _new(Term)
    _set_key(t, key)
    _set_kind(t, kind)
    _set_candidates(t, candidates)
    _set_weight(t, weight)
    _set_display(t, display)
    _set_caps_only(t, caps_only)
    _set_primary(t, _is_primary(kind, key))
    _set_numbers(t, numbers)
    return t


# Evidence weights: points that add up to the score (see score.py). A name alone must not
# reach the threshold; a slogan, campaign hashtag or ballot call nearly does by itself.
WEIGHTS = {
    "name": 0.30,
    "pair": 0.55,  # head and deputy named together, the way a ticket is promoted
    "name_part": 0.22,
    "name_common": 0.05,
    "alias": 0.30,
    "party": 0.12,
    "slogan": 0.90,  # as a hashtag (#MalangBerkelas): written to rally
    "slogan_text": 0.45,  # in running text: "Indonesia Maju" is also everyday talk
    "slogan_word": 0.15,  # a one-word slogan ("Perubahan") only supports other evidence
    "hashtag": 0.90,
    "extra": 0.10,
}


def _variants(key: str) -> set[str]:
    """The key and its collapsed spelling, so "ayatulllah" and "ayatulah" both meet it."""
    if _DOUBLED.search(key) is None:
        return {key}  # nothing to collapse: ``collapse_doubles(key) == key``
    return {key, collapse_doubles(key)}


# A letter written twice in a row: exactly where `collapse_doubles` changes a key.
_DOUBLED = re.compile(r"([a-z])\1")


def _is_acronym(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


_NAME_SPLIT = re.compile(r"[\s\-–.,]+")
_SPACE_OR_HYPHEN = re.compile(r"[\s\-]")
_NON_WORD = re.compile(r"\W")


class _Memo:
    """Canonical forms already worked out while deriving the terms of one watchlist:
    candidates share names, parties and words, and every name is needed several times
    over (whole, split into parts, first and last word of a pair)."""

    __slots__ = ("canonical",)

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}

    def norm(self, raw: str) -> str:
        k = self.canonical.get(raw)
        if k is None:
            k = self.canonical[raw] = normalise_term(raw)
        return k


def candidate_terms(c: Candidate) -> list[Term]:
    """Every literal term that points at candidate ``c``."""
    return _candidate_terms(c, _Memo())


def _candidate_terms(c: Candidate, memo: _Memo) -> list[Term]:
    who = frozenset({(c.election, c.number)})
    numbers = frozenset(n for _, n in who)
    terms: list[Term] = []
    append = terms.append
    norm = memo.norm

    def add(raw: str, kind: str, key: str | None = None, caps: bool = False) -> None:
        k = key if key is not None else norm(raw)
        if len(k.replace(" ", "")) < 2:
            return
        weight = WEIGHTS[kind]
        for v in _variants(k):
            append(_make_term(v, kind, who, weight, raw, caps, numbers))

    for name in c.names:
        add(name, "name")
        for part in _NAME_SPLIT.split(norm(name)):
            part = part.strip("'")
            if len(part) < 3 or part in NAME_TITLES:
                continue
            kind = "name_common" if part in COMMON_NAMES or part in COMMON_WORDS else "name_part"
            add(part, kind, part)
        # "Wahyu Hidayat–Ali Muthohirin" is often written as the pair's surnames joined
    if len(c.names) >= 2:
        canon = [k for k in map(norm, c.names) if k]
        heads = [k.split()[-1] for k in canon]
        firsts = [k.split()[0] for k in canon]
        for a, b in ((heads[0], heads[1]), (firsts[0], firsts[1])):
            if a not in NAME_TITLES and b not in NAME_TITLES:
                add(f"{a} {b}", "pair", f"{a} {b}")
                add(f"{a}-{b}", "pair", f"{a}-{b}")
                add(f"{a}{b}", "pair", f"{a}{b}")  # "allin prabowogibran", "@prabowogibran"
    for alias in c.aliases:
        key = norm(alias)
        caps = _is_acronym(alias) or (key in COMMON_WORDS and _is_acronym(alias))
        if key in COMMON_WORDS and not caps:
            continue  # a nickname that is an ordinary word cannot be matched safely
        add(alias, "alias", key, caps)
    for party in c.parties:
        key = norm(party)
        caps = _is_acronym(party)
        if key in COMMON_WORDS:
            add(party, "party", f"partai {key}")
            continue
        add(party, "party", key, caps)
        if "-" in key or " " in key:
            add(party, "party", _SPACE_OR_HYPHEN.sub("", key), caps)
    for slogan in c.slogans:
        key = norm(slogan)
        add(slogan, "slogan_text" if " " in key else "slogan_word", key)
        add(slogan, "slogan", "#" + _NON_WORD.sub("", key))
    for tag in c.hashtags:
        add(tag, "hashtag", norm(tag if tag.startswith("#") else "#" + tag))
    return terms


def watchlist_terms(w: Watchlist) -> list[Term]:
    """All literal terms of a watchlist; one key may point at several candidates."""
    memo = _Memo()
    # first term of each (key, kind, case rule), with the candidates of all of them
    merged: dict[tuple[str, str, bool], tuple[Term, frozenset[CandidateKey] | None]] = {}
    for c in w.candidates:
        for t in _candidate_terms(c, memo):
            k = (t.key, t.kind, t.caps_only)
            old = merged.get(k)
            if old is None:
                merged[k] = (t, None)
            else:
                first, cands = old
                merged[k] = (first, (first.candidates if cands is None else cands) | t.candidates)
    out: dict[tuple[str, str, bool], Term] = {
        k: t if cands is None else Term(t.key, t.kind, cands, t.weight, t.display, t.caps_only)
        for k, (t, cands) in merged.items()
    }
    for extra in w.extra_terms:
        key = memo.norm(extra)
        if len(key) >= 3:
            out[(key, "extra", False)] = Term(key, "extra", frozenset(), WEIGHTS["extra"], extra)
    return list(out.values())


# Ballot-number phrases: "coblos 01", "no. 1", "nomor satu", "nomer siji", "paslon 2",
# "01 menang", "#01", a keycap (normalised to "01") and "O1" (normalised to "01"). They are
# found from the numbers outward: a post has few numbers, and looking at the words just
# before and after each one is much cheaper than running phrase patterns over the post.
_JAVANESE = {"siji": 1, "loro": 2, "telu": 3, "papat": 4, "limo": 5}
# a cue that is itself a call to vote → ballot_call
CALL_CUES = frozenset(
    {
        "coblos",
        "cblos",
        "nyoblos",
        "dicoblos",
        "pilih",
        "plih",
        "memilih",
        "dipilih",
        "dukung",
        "mendukung",
        "menangkan",
        "memenangkan",
        "menangin",
        "contreng",
        "centang",
        "salam",
        "pilihan",
        "pilihanku",
    }
)
# words that may stand between a call and the number: "coblos nomor urut 2"
BETWEEN = frozenset({"nomor", "nomer", "no", "nmr", "paslon", "urut"})
# a cue that only names the ballot entry → ballot_number (news also says "nomor urut 2")
REF_CUES = frozenset(
    {
        "nomor",
        "nomer",
        "nmr",
        "no",
        "urut",
        "paslon",
        "pasangan",
        "calon",
        "capres",
        "cawapres",
        "kandidat",
        "cawali",
    }
)
GLUED = ("coblos", "pilih", "nomor", "nomer", "paslon", "no")
# Words after a number that make it a call ("02 menang"), tried in this order.
AFTER_WORDS = (
    "pasti menang",
    "menang telak",
    "menang",
    "juara",
    "jaya",
    "lanjutkan",
    "lanjut",
    "sekali putaran",
    "satu putaran",
    "presidenku",
    "presiden",
    "wali kota",
    "walikota",
    "bupati",
    "gubernur",
    "hebat",
    "terbaik",
    "pilihanku",
    "jari",
    "harga mati",
    "all in",
    "the best",
    "di hati",
    "menuju",
    "aja",
    "saja",
    "wae",
    "ae",
)
_AFTER = re.compile(r"[ \t]*(?:" + "|".join(re.escape(w) for w in AFTER_WORDS) + r")\b")
# "01 aja" is a vote, "beli 1 aja" is shopping and "3 terbaik" a ranking: words that are
# not about elections only make a ballot call after a zero-padded number
JUST = frozenset(
    {
        "aja",
        "saja",
        "wae",
        "ae",
        "hebat",
        "terbaik",
        "the best",
        "di hati",
        "menuju",
        "jaya",
        "juara",
        "lanjut",
        "all in",
    }
)
_DIGITS = re.compile(r"\d+")


def _last_word(text: str, end: int) -> int:
    """Start of the run of letters that ends at ``end``."""
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


GAP_CHARS = " .:#\t"  # what may stand between a cue and its number: "no. 1", "#02"


def _skip_gap(text: str, end: int, limit: int = 4) -> int:
    """Move left over spaces and ``.:#`` (at most ``limit`` characters)."""
    i = end
    while i > 0 and end - i < limit and text[i - 1] in GAP_CHARS:
        i -= 1
    return i


def find_ballots(text: str, number_words: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """``(rule, start, end, number)`` for every ballot-number phrase in canonical text."""
    tokens: list[tuple[int, int, int, bool]] = []
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        tok = m.group()
        if len(tok) > 2 or (len(tok) == 2 and tok[0] != "0") or tok in ("0", "00"):
            continue
        after = text[e : e + 2]
        if after[:1] in ".,:/-" and after[1:2].isdigit():
            continue  # 1.5, 08.00, 1/2, 2-1
        if s >= 2 and text[s - 1] in ".,:/-" and text[s - 2].isdigit():
            continue
        if after[:1].isalpha() and text[s - 1 : s] != "#":
            continue  # 2x, 5rb
        tokens.append((s, e, int(tok), True))
    for s, e in number_words:
        tokens.append((s, e, number_value(text[s:e]) or 0, False))
    out: list[tuple[str, int, int, int]] = []
    for s, e, num, is_digit in tokens:
        if num < 1:
            continue
        g = _skip_gap(text, s)
        gap = text[g:s]
        if is_digit and "#" in gap:
            out.append(("ballot_call", g + gap.index("#"), e, num))
            continue
        if s > 0 and text[s - 1].isalpha():  # glued: "coblos01"
            w = _last_word(text, s)
            if text[w:s] in GLUED:
                rule = "ballot_call" if text[w:s] in ("coblos", "pilih") else "ballot_number"
                out.append((rule, w, e, num))
            continue
        w1 = _last_word(text, g)
        word1 = text[w1:g]
        if word1 and g < s:
            g0 = _skip_gap(text, w1, 2)
            w0 = _last_word(text, g0)
            word0 = text[w0:g0] if g0 < w1 else ""
            if word1 in CALL_CUES:
                out.append(("ballot_call", w1, e, num))
                continue
            if word1 in BETWEEN and word0 in CALL_CUES:
                out.append(("ballot_call", w0, e, num))
                continue
            if word1 in BETWEEN and word0 in BETWEEN:
                g00 = _skip_gap(text, w0, 2)
                w00 = _last_word(text, g00)
                if g00 < w0 and text[w00:g00] in CALL_CUES:
                    out.append(("ballot_call", w00, e, num))
                    continue
            if word1 in REF_CUES:
                begin = w0 if word0 in REF_CUES else w1
                follow = _AFTER.match(text, e)
                if follow is not None:  # "nomer 3 wae", "no 2 menang"
                    out.append(("ballot_call", begin, follow.end(), num))
                else:
                    out.append(("ballot_number", begin, e, num))
                continue
        tail_cue = _AFTER.match(text, e)
        if tail_cue is not None and (
            tail_cue.group().strip() not in JUST or (e - s == 2 and text[s] == "0")
        ):
            out.append(("ballot_call", s, tail_cue.end(), num))
            continue
        if is_digit and e - s == 2 and text[s] == "0":
            out.append(("ballot_number", s, e, num))
    return out


def number_value(token: str) -> int | None:
    """``"01"`` → 1, ``"tiga"`` → 3; None when the token is not a ballot number."""
    if token.isdigit():
        return int(token)
    if token in NUMBER_WORDS:
        return NUMBER_WORDS.index(token) + 1
    return _JAVANESE.get(token)


# Literal cue words the scorer weighs; one automaton finds them with the watchlist terms.
@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that says something about intent (support, negation, news...)."""

    key: str
    kind: str  # support | call | praise | context | negator | prohibit | oppose | news ...
    weight: float
