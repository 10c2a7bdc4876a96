"""From a watchlist to the patterns a human officer would look for.

Every pattern is a `Term`: a canonical string (see `normalise`), what kind of evidence it
is, which candidates it points at and how much it weighs. Users never write regexes:
names, name parts, nicknames, acronyms, parties, slogans, hashtags and ballot-number
phrases ("coblos 01", "nomor satu", "nomer siji", "paslon 2", "01 menang", "#01", "1️⃣",
"O1") are all derived here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
        object.__setattr__(
            self,
            "primary",
            self.kind not in ("name_common", "slogan_word") and len(self.key.replace(" ", "")) >= 4,
        )
        object.__setattr__(self, "numbers", frozenset(n for _, n in self.candidates))


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
    return {key, collapse_doubles(key)}


def _is_acronym(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def candidate_terms(c: Candidate) -> list[Term]:
    """Every literal term that points at candidate ``c``."""
    who = frozenset({(c.election, c.number)})
    terms: list[Term] = []

    def add(raw: str, kind: str, key: str | None = None, caps: bool = False) -> None:
        k = key if key is not None else normalise_term(raw)
        if len(k.replace(" ", "")) < 2:
            return
        for v in _variants(k):
            terms.append(Term(v, kind, who, WEIGHTS[kind], raw, caps))

    for name in c.names:
        add(name, "name")
        for part in re.split(r"[\s\-–.,]+", normalise_term(name)):
            part = part.strip("'")
            if len(part) < 3 or part in NAME_TITLES:
                continue
            kind = "name_common" if part in COMMON_NAMES or part in COMMON_WORDS else "name_part"
            add(part, kind, part)
        # "Wahyu Hidayat–Ali Muthohirin" is often written as the pair's surnames joined
    if len(c.names) >= 2:
        heads = [normalise_term(n).split()[-1] for n in c.names if normalise_term(n)]
        firsts = [normalise_term(n).split()[0] for n in c.names if normalise_term(n)]
        for a, b in ((heads[0], heads[1]), (firsts[0], firsts[1])):
            if a not in NAME_TITLES and b not in NAME_TITLES:
                add(f"{a} {b}", "pair", f"{a} {b}")
                add(f"{a}-{b}", "pair", f"{a}-{b}")
                add(f"{a}{b}", "pair", f"{a}{b}")  # "allin prabowogibran", "@prabowogibran"
    for alias in c.aliases:
        key = normalise_term(alias)
        caps = _is_acronym(alias) or (key in COMMON_WORDS and _is_acronym(alias))
        if key in COMMON_WORDS and not caps:
            continue  # a nickname that is an ordinary word cannot be matched safely
        add(alias, "alias", key, caps)
        words = key.split()
        if len(words) > 1 and words[0] in NAME_TITLES and words[-1] not in COMMON_WORDS:
            continue
    for party in c.parties:
        key = normalise_term(party)
        caps = _is_acronym(party)
        if key in COMMON_WORDS:
            add(party, "party", f"partai {key}")
            continue
        add(party, "party", key, caps)
        if "-" in key or " " in key:
            add(party, "party", re.sub(r"[\s\-]", "", key), caps)
    for slogan in c.slogans:
        key = normalise_term(slogan)
        add(slogan, "slogan_text" if " " in key else "slogan_word", key)
        add(slogan, "slogan", "#" + re.sub(r"\W", "", key))
    for tag in c.hashtags:
        key = normalise_term(tag if tag.startswith("#") else "#" + tag)
        add(tag, "hashtag", key)
    return terms


def watchlist_terms(w: Watchlist) -> list[Term]:
    """All literal terms of a watchlist; one key may point at several candidates."""
    merged: dict[tuple[str, str, bool], Term] = {}
    for c in w.candidates:
        for t in candidate_terms(c):
            k = (t.key, t.kind, t.caps_only)
            old = merged.get(k)
            if old is None:
                merged[k] = t
            else:
                merged[k] = Term(
                    t.key,
                    t.kind,
                    old.candidates | t.candidates,
                    t.weight,
                    old.display,
                    t.caps_only,
                )
    for extra in w.extra_terms:
        key = normalise_term(extra)
        if len(key) >= 3:
            merged[(key, "extra", False)] = Term(key, "extra", frozenset(), WEIGHTS["extra"], extra)
    return list(merged.values())


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


def _skip_gap(text: str, end: int, limit: int = 4) -> int:
    """Move left over spaces and ``.:#`` (at most ``limit`` characters)."""
    i = end
    while i > 0 and end - i < limit and text[i - 1] in " .:#\t":
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
