"""Indonesian social-media normalisation that remembers where every character came from.

Campaign posts are written to be read by people, not matched by machines: "COBLOSSS
noMOR 1!!!", "pr4b0wo", "c o b l o s", "yg", "gk", Malang's boso walikan ("kadit" for
"tidak", "sam" for "mas"), keycap emoji "1️⃣", links and @mentions. `normalise` turns a
post into one canonical lower-case string and keeps an `OffsetMap` so that every match
found in the canonical string can be reported as a span of the ORIGINAL text, which is
what the review UI highlights.

The transformation is a list of *events* found by one regular expression per kind of
event over the lower-cased text; text between events is copied unchanged. Most posts
have a handful of events, so the cost is a few microseconds and the map is a few tuples,
not one entry per character. `normalise_many` (and `canonical_many`) give the same for a
batch of posts, first asking RE2, over all of them at once, which kinds each post can
contain and where; most posts flagged as rare turn out to contain none.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

# Leetspeak digits and symbols that stand for letters inside a word.
_LEET = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "0": "o",
        "1": "i",
        "3": "e",
        "5": "s",
        "$": "s",
        "7": "t",
        "9": "g",
        "6": "g",
        "8": "b",
        "!": "i",
    }
)

# Slang, abbreviations, Javanese and Malang walikan that matter for reading intent:
# negation, calls, pronouns and the city itself. Keys are whole lower-case tokens.
SLANG: dict[str, str] = {
    # negation and prohibition
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "nda": "tidak",
    "ora": "tidak",
    "kadit": "tidak",
    "gausah": "tidak usah",
    "gaush": "tidak usah",
    "ngapain": "buat apa",
    "jgn": "jangan",
    "jngn": "jangan",
    "ojo": "jangan",
    "ojok": "jangan",
    "durung": "belum",
    "aja": "saja",
    # everyday abbreviations
    "yg": "yang",
    "bgt": "banget",
    "dgn": "dengan",
    "utk": "untuk",
    "untk": "untuk",
    "krn": "karena",
    "karna": "karena",
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "blm": "belum",
    "sm": "sama",
    "tp": "tapi",
    "tpi": "tapi",
    "dr": "dari",
    "dri": "dari",
    "kl": "kalau",
    "kalo": "kalau",
    "klo": "kalau",
    "jd": "jadi",
    "jdi": "jadi",
    "lg": "lagi",
    "org": "orang",
    "sy": "saya",
    "gw": "saya",
    "gue": "saya",
    "aku": "saya",
    "ak": "saya",
    "km": "kamu",
    "lu": "kamu",
    "lo": "kamu",
    "pd": "pada",
    "dlm": "dalam",
    "bs": "bisa",
    "bsa": "bisa",
    "hrs": "harus",
    "msh": "masih",
    "ayok": "ayo",
    "ayuk": "ayo",
    "yuk": "ayo",
    "yok": "ayo",
    "kuy": "ayo",
    "hayuk": "ayo",
    "pilkda": "pilkada",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "nmor": "nomor",
    "dukungg": "dukung",
    "cblos": "coblos",
    "nyoblos": "coblos",
    "nyoblosh": "coblos",
    "pilihh": "pilih",
    "plih": "pilih",
    "mnang": "menang",
    "mng": "menang",
    # Javanese numbers as spoken in Malang and Kediri
    "siji": "satu",
    "loro": "dua",
    "telu": "tiga",
    "papat": "empat",
    "limo": "lima",
    # boso walikan (Malang reversed slang)
    "ayas": "saya",
    "umak": "kamu",
    "sam": "mas",
    "ngalam": "malang",
    "nawak": "kawan",
    "kera": "arek",
    "ebes": "bapak",
    "oyi": "iya",
    "kodew": "wedok",
    "uklam": "mlaku",
    "itreng": "ngerti",
    "nakam": "makan",
    "tahes": "sehat",
    "kane": "enak",
}

_NUMBER_KEYCAP = "\ufe0f?\u20e3"
_SLANG_WORDS = "|".join(sorted(SLANG, key=len, reverse=True))

# Each event kind has its own small regular expression and a cheap gate (false when the
# text cannot contain the kind), so a post pays only for the kinds it can contain. Order
# matters when two events start at one place.
_EVENT_KINDS: tuple[tuple[str, re.Pattern[str], Callable[[str], object] | None], ...] = (
    ("url", re.compile(r"(?:https?://|www\.)\S+"), re.compile(r"http|www\.").search),
    ("mention", re.compile(r"(?<![\w@])@\w+"), lambda low: "@" in low),
    # a lone keycap such as 1️⃣ is how ballot numbers are drawn in posters
    ("keycap", re.compile(rf"[0-9#]{_NUMBER_KEYCAP}"), lambda low: "\u20e3" in low),
    # letters written in fancy Unicode (𝐏𝐫𝐚𝐛𝐨𝐰𝐨, ｐｒａｂｏｗｏ) fold to ASCII
    ("fancy", re.compile(r"[\U0001D400-\U0001D7FF\uFF01-\uFF5E]+"), lambda low: not low.isascii()),
    # "c o b l o s", "p.r.a.b.o.w.o": three or more single characters spaced out
    (
        "spaced",
        re.compile(r"(?<![^\s#])(?:[a-z0-9][ .\-_]){2,}[a-z0-9](?![^\s!?,;:])"),
        re.compile(r"[ .\-_][a-z0-9][ .\-_]").search,
    ),
    # a letter or punctuation mark repeated three times or more: "menaaang", "!!!"
    ("elong", re.compile(r"([a-z])\1{2,}|([^\w\s])\2+"), None),
    # O1 / o2: a letter O typed for the zero of a ballot number
    ("ozero", re.compile(r"(?<![\w#])o(?=[1-9]\b)"), re.compile(r"o[1-9]").search),
    # leetspeak: a digit or symbol between letters, or ending a longer word
    (
        "leet",
        re.compile(
            r"(?<![\w@$])[a-z]*[a-z][013456789@$!]+[a-z][a-z013456789@$]*"
            r"|(?<![\w@$])[a-z]{3,}[0134](?!\w)"
        ),
        re.compile(r"[a-z][013456789@$!]").search,
    ),
)
_SLANG_EVENT = ("word", re.compile(rf"\b(?:{_SLANG_WORDS})\b"), None)
_EVENT_ORDER = {k: i for i, (k, _, _) in enumerate((*_EVENT_KINDS, _SLANG_EVENT))}

# Cheap test for the rare events above; most posts have none and keep an identity map.
RARE = (
    r"https?:|www\.|@|\x{20E3}|[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]|"
    + "|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz")
    + r"|[!?.,]{2}|[a-z][013456789@$!]+[a-z]|[a-z]{3}[0134]|\w[ .\-_]\w[ .\-_]\w|o[1-9]"
)
_RARE = re.compile(
    RARE.replace(r"\x{20E3}", "\u20e3")
    .replace(r"\x{1D400}", "\U0001d400")
    .replace(r"\x{1D7FF}", "\U0001d7ff")
    .replace(r"\x{FF01}", "\uff01")
    .replace(r"\x{FF5E}", "\uff5e")
)


def _events(low: str, expand_slang: bool) -> list[tuple[int, int, str, str]]:
    """Non-overlapping ``(start, end, kind, replacement)`` events, in text order."""
    found: list[tuple[int, int, int, str, str]] = []
    kinds = (*_EVENT_KINDS, _SLANG_EVENT) if expand_slang else _EVENT_KINDS
    for kind, rx, gate in kinds:
        if gate is not None and not gate(low):
            continue
        for m in rx.finditer(low):
            rep = _replacement(kind, m.group())
            if rep is not None:
                found.append((m.start(), -m.end(), _EVENT_ORDER[kind], kind, rep))
    return _first_come(found)


def _events_from(
    low: str, kinds: Sequence[tuple[str, re.Pattern[str], int, int]]
) -> list[tuple[int, int, str, str]]:
    """`_events` (without slang) given the only kinds that can occur in ``low``.

    Each kind comes with ``first`` and ``stop``: its matches start at ``first`` or later
    and before ``stop``. The pattern is searched from ``first`` (lookbehinds still see the
    text before it) until a match ends at ``stop`` or later, as no other can follow it.
    """
    found: list[tuple[int, int, int, str, str]] = []
    for kind, rx, pos, stop in kinds:
        order = _EVENT_ORDER[kind]
        while pos < stop:
            m = rx.search(low, pos)
            if m is None:
                break
            rep = _replacement(kind, m.group())
            pos = m.end()
            if rep is not None:
                found.append((m.start(), -pos, order, kind, rep))
    return _first_come(found)


def _first_come(found: list[tuple[int, int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep the events that start after the previous kept one ends: first start wins,
    then the longest, then the kind listed first."""
    found.sort()
    out: list[tuple[int, int, str, str]] = []
    last = 0
    for start, neg_end, _, kind, rep in found:
        if start >= last:
            out.append((start, -neg_end, kind, rep))
            last = -neg_end
    return out


# What each event kind needs, in RE2 syntax, so that `normalise_many` can ask every post
# of a batch at once (Arrow's vectorised RE2) which kinds it can contain. A gate must
# match every text in which its kind's pattern finds a match; it may match more. RE2 has
# no lookarounds or back-references, so each lookbehind becomes "start of text or one
# character outside the ASCII ones it rules out" (and likewise for lookaheads), and a
# repeated letter or mark is spelled out as the triples and pairs it can be. Only ASCII
# classes are used, so the gates do not depend on either engine's Unicode tables.
_MARK_PAIRS = "|".join(
    f"\\x{{{ord(c):02x}}}{{2}}" for c in map(chr, range(128)) if re.fullmatch(r"[^\w\s]", c)
)
_EVENT_GATES: dict[str, str] = {
    "url": r"https?://|www\.",
    "mention": r"(?:^|[^a-z0-9_@])@",
    "keycap": r"[0-9#]\x{FE0F}?\x{20E3}",
    "fancy": r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]",
    "spaced": r"(?:^|[^a-z0-9_.\-])(?:[a-z0-9][ .\-_]){2,}[a-z0-9](?:$|[^a-z0-9_.\-])",
    "elong": "|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz")
    + f"|{_MARK_PAIRS}|[^\\x00-\\x7f]{{2}}",
    "ozero": r"(?:^|[^a-z0-9_#])o[1-9](?:$|[^a-z0-9_])",
    "leet": r"(?:^|[^a-z0-9_@$])[a-z]+[013456789@$!]+[a-z]"
    r"|(?:^|[^a-z0-9_@$])[a-z]{3,}[0134](?:$|[^a-z0-9_])",
}
_ANY_EVENT_GATE = "|".join(f"(?:{_EVENT_GATES[kind]})" for kind, _, _ in _EVENT_KINDS)
# kinds seldom seen in one post, asked together first
_SELDOM = ("url", "mention", "keycap", "fancy", "ozero")
_SELDOM_GATE = "|".join(f"(?:{_EVENT_GATES[kind]})" for kind in _SELDOM)
# Where each kind's matches stop: patterns searched in the REVERSED text. Every match of
# the kind contains the end of a match of (the unreversed) pattern, or ends with it, so
# the last such end bounds where the kind's matches start.
_EVENT_TAILS: dict[str, str] = {
    "url": r"//:s?ptth|\.www",
    "mention": "@",
    "keycap": r"\x{20E3}\x{FE0F}?[0-9#]",
    "fancy": _EVENT_GATES["fancy"],
    "spaced": r"[a-z0-9](?:[ .\-_][a-z0-9]){2,}(?:$|[^a-z0-9_.\-])",
    "elong": _EVENT_GATES["elong"],  # runs read the same both ways
    "ozero": r"o(?:$|[^a-z0-9_#])",
    "leet": r"[a-z][013456789@$!]+[a-z]|[0134][a-z]{3}",
}


def _possible_kinds(
    lows: list[str],
) -> list[list[tuple[str, re.Pattern[str], int, int]]] | None:
    """For each lower-cased text, the event kinds it can contain, each with bounds on
    where its matches start (see `_events_from`); None if the texts cannot be asked at once.

    The bounds come from RE2 as byte offsets. A character takes one to four bytes in
    UTF-8, so a byte offset is an upper bound of the character offset, and a quarter of
    it a lower bound (for ASCII text the two are equal).
    """
    try:
        array = pa.array(lows, pa.string())
    except (UnicodeEncodeError, pa.ArrowException):  # lone surrogates have no UTF-8 form
        return None
    out: list[list[tuple[str, re.Pattern[str], int, int]]] = [[] for _ in lows]
    any_event = pc.match_substring_regex(array, _ANY_EVENT_GATE)
    picked = np.flatnonzero(np.asarray(any_event.to_numpy(zero_copy_only=False), dtype=bool))
    if not len(picked):
        return out
    subset = array.take(pa.array(picked))
    reversed_subset = pc.utf8_reverse(subset)
    size = pc.binary_length(subset).to_numpy(zero_copy_only=False)
    seldom = pc.match_substring_regex(subset, _SELDOM_GATE).to_numpy(zero_copy_only=False)
    seldom_rows = np.flatnonzero(seldom)
    for kind, rx, _ in _EVENT_KINDS:
        rows = seldom_rows if kind in _SELDOM else None
        if rows is not None and not len(rows):
            continue
        ask = subset if rows is None else subset.take(pa.array(rows))
        # a match of the kind starts where its gate's first match starts or one later
        first = pc.find_substring_regex(ask, _EVENT_GATES[kind]).to_numpy(zero_copy_only=False)
        hits = np.flatnonzero(first >= 0)
        if not len(hits):
            continue
        first = first[hits]
        if rows is not None:
            hits = rows[hits]
        tail = pc.find_substring_regex(reversed_subset.take(pa.array(hits)), _EVENT_TAILS[kind])
        stop = size[hits] - tail.to_numpy(zero_copy_only=False)
        for i, a, b in zip(picked[hits].tolist(), first.tolist(), stop.tolist(), strict=True):
            out[i].append((kind, rx, a if lows[i].isascii() else a // 4, b))
    return out


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps a range of the canonical text back to the original text.

    ``starts[i]`` is where segment i begins in the canonical text, ``origins[i]`` where it
    came from in the original, ``ends[i]`` where its origin ends; ``copied[i]`` says
    whether the segment is a verbatim copy (positions map one to one) or a replacement
    (any position inside maps to the whole original piece).
    """

    starts: tuple[int, ...]
    origins: tuple[int, ...]
    ends: tuple[int, ...]
    copied: tuple[bool, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` covering canonical ``[start, end)``."""
        if not self.starts:
            return start, end
        i = max(bisect_right(self.starts, start) - 1, 0)
        o_start = self.origins[i] + (start - self.starts[i]) if self.copied[i] else self.origins[i]
        j = max(bisect_right(self.starts, max(end - 1, start)) - 1, 0)
        o_end = self.origins[j] + (end - self.starts[j]) if self.copied[j] else self.ends[j]
        return o_start, max(o_end, o_start)


IDENTITY = OffsetMap((), (), (), ())


@dataclass(frozen=True, slots=True)
class Normalised:
    """A canonical text plus the way back to the original."""

    original: str
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the canonical range ``[start, end)``."""
        return self.offsets.to_original(start, end)


def fold_case(text: str) -> str:
    """Lower-case without changing the length (a few Unicode letters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _replacement(kind: str, s: str) -> str | None:
    """Canonical text for one event, or None to copy it unchanged."""
    if kind == "word":
        return SLANG.get(s)
    if kind == "url":
        return " "
    if kind == "mention":
        # "@Prabowo_Gibran" still names someone; "_" would glue the words together
        return " " + s[1:].replace("_", " ")
    if kind == "keycap":
        return f" 0{s[0]} " if s[0] not in "0#" else s[0]
    if kind == "fancy":
        return unicodedata.normalize("NFKC", s).lower()
    if kind == "spaced":
        return re.sub(r"[ .\-_]", "", s)
    if kind == "elong":
        return s[0]
    if kind == "ozero":
        return "0"
    if kind == "leet":
        return s.translate(_LEET)
    return None


def normalise(text: str, *, expand_slang: bool = True, rare: bool | None = None) -> Normalised:
    """Canonical form of ``text`` used for matching, with its offset map.

    ``expand_slang=False`` leaves slang words as written (the matcher knows their
    variants, which keeps the map an identity for most posts); ``rare=False`` says the
    caller already knows (from the vectorised prefilter) that no rare event is present.
    """
    low = fold_case(text)
    if not expand_slang:
        if rare is None:
            rare = _RARE.search(low) is not None
        if not rare:
            return Normalised(text, low, IDENTITY)
    canonical, offsets = _rewrite(low, _events(low, expand_slang))
    return Normalised(text, canonical, offsets)


def normalise_many(
    texts: Sequence[str], rare: Sequence[bool] | npt.NDArray[np.bool_]
) -> list[Normalised]:
    """``[normalise(t, expand_slang=False, rare=r) for t, r in zip(texts, rare)]``, cheaper.

    The event gates are asked of all rare posts at once (RE2 over an Arrow array), so a
    post runs only the patterns of the kinds it can contain; most contain none.
    """
    canonical, offsets = canonical_many(texts, rare)
    return [Normalised(text, c, o) for text, c, o in zip(texts, canonical, offsets, strict=True)]


def canonical_many(
    texts: Sequence[str], rare: Sequence[bool] | npt.NDArray[np.bool_]
) -> tuple[list[str], list[OffsetMap]]:
    """The canonical texts and offset maps of `normalise_many`, without the objects."""
    if len(texts) != len(rare):
        raise ValueError(f"{len(texts)} texts but {len(rare)} rare flags")
    canonical = [fold_case(text) for text in texts]
    offsets = [IDENTITY] * len(texts)
    picked = [i for i, is_rare in enumerate(rare) if is_rare]
    if not picked:
        return canonical, offsets
    possible = _possible_kinds([canonical[i] for i in picked])
    for j, i in enumerate(picked):
        low = canonical[i]
        if possible is None:
            events = _events(low, False)
        elif possible[j]:
            events = _events_from(low, possible[j])
        else:
            continue
        canonical[i], offsets[i] = _rewrite(low, events)
    return canonical, offsets


def _rewrite(low: str, events: list[tuple[int, int, str, str]]) -> tuple[str, OffsetMap]:
    """``low`` with ``events`` replaced, and the map back to the original text."""
    if not events:
        return low, IDENTITY
    out: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    ends: list[int] = []
    copied: list[bool] = []
    pos = 0  # next original index not yet emitted
    length = 0  # canonical length so far
    for a, b, _kind, rep in events:
        if a > pos:
            starts.append(length)
            origins.append(pos)
            ends.append(a)
            copied.append(True)
            out.append(low[pos:a])
            length += a - pos
        starts.append(length)
        origins.append(a)
        ends.append(b)
        copied.append(False)
        out.append(rep)
        length += len(rep)
        pos = b
    if pos < len(low):
        starts.append(length)
        origins.append(pos)
        ends.append(len(low))
        copied.append(True)
        out.append(low[pos:])
    return "".join(out), OffsetMap(tuple(starts), tuple(origins), tuple(ends), tuple(copied))


def normalise_term(term: str) -> str:
    """Canonical form of a watchlist term, so it meets the text on equal terms."""
    return re.sub(r"\s+", " ", normalise(term, expand_slang=False).text).strip()


_SLANG_OF: dict[str, list[str]] = {}
for _k, _v in SLANG.items():
    if " " not in _v:
        _SLANG_OF.setdefault(_v, []).append(_k)


def phrase_variants(phrase: str, limit: int = 32) -> set[str]:
    """``"jangan pilih"`` → also ``"jgn pilih"``, ``"ojo pilih"``, ``"jangan plih"`` …

    The matcher leaves slang as written (so offsets stay trivial) and instead looks for
    every way a cue phrase is commonly typed.
    """
    out = [""]
    for word in phrase.split(" "):
        options = [word, *_SLANG_OF.get(word, [])]
        out = [f"{o} {w}".strip() for o in out for w in options][:limit]
    for k, v in SLANG.items():  # multi-word expansions: "gausah" for "tidak usah"
        if " " in v and v in phrase:
            out.append(phrase.replace(v, k))
    return set(out)


def collapse_doubles(term: str) -> str:
    """``"ayatullah"`` → ``"ayatulah"``: the form an elongated spelling collapses to."""
    return re.sub(r"([a-z])\1+", r"\1", term)
