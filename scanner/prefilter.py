"""The batch prefilter: which posts could possibly be campaign content.

Campaign posts are a few percent of what an officer must look through, so the careful
Python work (normalise → match → score) runs only on posts that this prefilter lets
through. It is built from the same terms as the matcher — one distinctive word of each
primary term, every ballot-number phrase and every disguise `normalise` repairs
(leetspeak, "menaaang", "c o b l o s", fancy Unicode, keycaps) — so a post it rejects
cannot contain any of them.

Hyperscan (Intel's multi-pattern engine) scans a whole Arrow batch in one call, straight
from the array's value buffer (no copy): matches are mapped back to rows with a binary
search over the offsets. Rows follow each other there with nothing in between, so the
patterns it runs do not look past a row's edge; what the row-level patterns say about
row starts and ends (``^``, ``$``, ``\b``) is checked on the bytes around the edges
instead. Without hyperscan, one RE2 alternation per batch runs in Arrow. Rows that need
the full normaliser (links, mentions, disguises) are marked among the flagged ones; all
other rows keep an identity offset map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .lexicon import NUMBER_WORDS
from .match import Matcher
from .normalise import RARE, SLANG
from .patterns import AFTER_WORDS, BETWEEN, CALL_CUES, GLUED, JUST, REF_CUES

hyperscan: Any
try:  # optional at import time so the package still works where the wheel is missing
    import hyperscan
except ImportError:  # pragma: no cover - exercised only without the dependency
    hyperscan = None


def _suffix_free(words: Iterable[str]) -> list[str]:
    """``words`` without those that end with another of them: a search for the rest
    finds those too."""
    ws = set(words)
    return sorted(w for w in ws if not any(w != v and w.endswith(v) for v in ws))


def _ballot_pieces() -> tuple[str, str, str, str, str]:
    """``(digits, number words, cues before a number, cues glued to a number, words
    after a single digit or number word)`` as RE2 alternations, taken from the tables
    `find_ballots` reads, so that every phrase it finds contains one of them."""
    cues = CALL_CUES | REF_CUES | BETWEEN | set(GLUED)
    cues |= {k for k, v in SLANG.items() if v in cues}  # spellings folded by slang
    glued = set(GLUED) | {k for k, v in SLANG.items() if v in GLUED}
    words = list(NUMBER_WORDS) + [k for k, v in SLANG.items() if v in NUMBER_WORDS]
    # Words after a number: those of `JUST` make a call only after "01", which stands
    # alone anyway (`_ballot_signals`[6] flags it); a blank inside one may come from an
    # @mention's "_" ("@pasti_menang").
    after = [re.escape(w).replace(r"\ ", "[ _]") for w in sorted(set(AFTER_WORDS) - JUST)]
    return (
        r"0?[1-9]|[o0][1-9]",
        "|".join(words),
        "|".join(_suffix_free(cues)),
        "|".join(_suffix_free(glued)),
        "|".join(after),
    )


# What may stand between a cue and its number once a post is normalised: `find_ballots`
# skips blanks, tabs and ".:#" (`normalise` folds a run of one mark to one, a link to a
# blank and an @mention's "@" and "_" to blanks); between a number and the word after
# it, blanks and tabs (an "@" opens a mention, which becomes a blank and its word).
_GAP = r"[ .:#\t_@]"
_AFTER_GAP = r"[ \t_@]"
# a link as `normalise` finds it, up to the blank after it (Python's ``re`` only: RE2
# runs on rows whose links were replaced, hyperscan finds where one starts)
_LINK_GAP = r"(?:https?://|www\.)\S+(?!\S)"
_NOT_ALNUM = r"[^a-z0-9]"  # what may stand next to a ballot number (ignoring case)


def _unicode_digits() -> str:
    r"""A class of the digits other than 0-9 that Python's ``\d`` reads as numbers
    (`find_ballots` takes "١" for 1): rows holding one are flagged."""
    codes = [c for c in range(0x80, _DIGIT_LIMIT) if chr(c).isdecimal()]
    ranges: list[tuple[int, int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "[" + "".join(rf"\x{{{a:X}}}-\x{{{b:X}}}" for a, b in ranges) + "]"


_DIGIT_LIMIT = 0x20000  # no decimal digit lies above (checked by the tests)
# A letter that is not ASCII but lowers to ASCII: the Kelvin sign, "k" (matched with its
# case, as ignoring it would match every "k")
_KELVIN = r"(?-i:\x{212A})"


def _ballot_signals(numbers: Iterable[int]) -> list[str]:
    """RE2 pieces that catch every ballot-number phrase the matcher knows, over rows whose
    links were replaced by a blank."""
    digits, words, cues, glued, after = _ballot_pieces()
    end = rf"(?:$|{_NOT_ALNUM})"
    return [
        rf"(?:{glued})(?:{digits}){end}",
        rf"(?:{cues}){_GAP}+(?:{digits}){end}",
        rf"(?:{cues}){_GAP}*(?:{words})\b",
        rf"(?:^|{_NOT_ALNUM})[1-9]{_AFTER_GAP}*(?:{after})",
        rf"(?:{words}){_AFTER_GAP}*(?:{after})",
        rf"#{_GAP}*(?:{digits})",
        rf"(?:^|{_NOT_ALNUM})[o0][1-9](?:$|[^a-z0-9.,:/-]|[.,:/-](?:$|[^0-9]))",
        r"\x{20E3}",
        _KELVIN,
        _unicode_digits(),
    ]


# What hyperscan reports for a pattern, by id (see `Prefilter.scan`).
_FLAG, _FLAG_AT_WORD_END, _DISGUISE, _LINK, _SPACED_START, _NUMBER_WORD, _LINK_GAP_START = range(7)


def _ballot_scan_patterns() -> list[tuple[str, int, int]]:
    """`_ballot_signals` as hyperscan runs them over rows that touch each other, links
    left in place (a link counts as a blank).

    Nothing here looks at the byte before a row's start or after its end: the end of a
    number after a cue is checked on the byte after the match (``_FLAG_AT_WORD_END``),
    and a phrase at the very start or end of a row, where ``^`` and ``$`` matched, is
    found by `_edge_rows`. Inside a row each pattern matches where its signal does. A
    number word ("nomor dua", "dua menang") is looked for from the number words, which
    are rare, by `_CUE_BEFORE_NUMBER_WORD` and `_AFTER_NUMBER_WORD` (hyperscan runs the
    whole phrases slowly). Entries are ``(pattern, kind, length)``, the length being that
    of every match where all matches have one (0 where they differ).
    """
    digits, words, cues, glued, after = _ballot_pieces()
    link = r"(?:https?://|www\.)"
    return [
        # glued and spaced apart: hyperscan runs the halves faster than one pattern; the
        # glued half one cue at a time, which compiles faster than one alternation
        *((rf"{cue}(?:{digits})", _FLAG_AT_WORD_END, 0) for cue in glued.split("|")),
        (rf"(?:{cues}){_GAP}+(?:{digits})", _FLAG_AT_WORD_END, 0),
        *((re.escape(w), _NUMBER_WORD, len(w)) for w in words.split("|")),
        (rf"{_NOT_ALNUM}[1-9]{_AFTER_GAP}*(?:{after})", _FLAG, 0),
        (rf"#{_GAP}*(?:{digits})", _FLAG, 0),
        # the same with a link in the gap, which hyperscan runs slowly: a link start where
        # one may stand sends the row to `_LINK_IN_GAP` (after a cue: a short gap, or a
        # long one whatever follows, which runs faster than any gap)
        (rf"(?:{cues}){_GAP}{{0,6}}{link}", _LINK_GAP_START, 0),
        (rf"(?:{cues}){_GAP}{{7}}", _LINK_GAP_START, 0),
        (rf"#{_GAP}*{link}", _LINK_GAP_START, 0),
        (rf"[1-9]{_AFTER_GAP}*{link}", _LINK_GAP_START, 0),  # also a link glued to it
        (rf"{_NOT_ALNUM}[o0][1-9][^a-z0-9.,:/-]", _FLAG, 4),
        (rf"{_NOT_ALNUM}[o0][1-9][.,:/-][^0-9]", _FLAG, 5),
        (r"\x{20E3}", _FLAG, 3),
        (_KELVIN, _FLAG, 3),
        (_unicode_digits(), _FLAG, 0),  # whole UTF-8 characters never cross a row's edge
    ]


# A ballot number ending a phrase at the very start of a row: `_ballot_signals`[3] there.
_NUMBER_AFTER_AT_START = re.compile(
    rf"[1-9](?:{_AFTER_GAP}|{_LINK_GAP})*(?:{_ballot_pieces()[4]})".encode(),
    re.IGNORECASE,
)
# The two searches below run on a row lower-cased first (see `_lower`), not with
# IGNORECASE: Python's ``re`` then skips most positions by their first byte, which it
# cannot do ignoring case (3-4 times faster on rows of posts).
# A number word ending here, with a cue before it: `_ballot_signals`[2] for number words.
_CUE_BEFORE_NUMBER_WORD = re.compile(
    rf"(?:{_ballot_pieces()[2]})(?:{_GAP}|{_LINK_GAP})*(?:{_ballot_pieces()[1]})\Z".encode()
)
# `_ballot_signals`[1], [3] and [5] with links in place, in a row where a link may stand
# in their gap, or after a number
_LINK_IN_GAP = re.compile(
    (
        rf"(?:{_ballot_pieces()[2]})(?:{_GAP}|{_LINK_GAP})+(?:{_ballot_pieces()[0]})(?![a-z0-9])"
        rf"|(?<![a-z0-9])[1-9](?:{_AFTER_GAP}|{_LINK_GAP})*"
        rf"(?:{_ballot_pieces()[4]})"
        rf"|#(?:{_GAP}|{_LINK_GAP})*(?:{_ballot_pieces()[0]})"
        # a number right before a link, which becomes a blank after it
        r"|[1-9](?:https?://|www\.)"
    ).encode()
)
# A word after a number word, from the number word's end: `_ballot_signals`[4].
_AFTER_NUMBER_WORD = re.compile(
    rf"(?:{_AFTER_GAP}|{_LINK_GAP})*(?:{_ballot_pieces()[4]})".encode(), re.IGNORECASE
)


_SPACED = r"(?:^|\s)(?:\w[ .\-_]){2,}\w(?:\s|$)"  # spaced letters: c o b l o s
_DISGUISES = [
    "|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz"),  # elongation: menaaang
    r"[a-z][013456789@$!]+[a-z]",  # leetspeak inside a word: pr4b0wo
    r"[a-z]{3}[0134]\b",  # leetspeak at the end: jokow1
    r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]",  # fancy Unicode letters
    _SPACED,  # last: hyperscan finds it in two steps (see `_spaced_literals`)
]
# The same for hyperscan over touching rows, as ``(pattern, kind, length)`` (see
# `_ballot_scan_patterns`): ``\b`` is checked on the byte after a match.
_DISGUISE_SCAN = [
    (_DISGUISES[0], _DISGUISE, 3),
    (_DISGUISES[1], _DISGUISE, 0),  # leetspeak inside a word: see `_only_leet_before`
    (r"[a-z]{3}[0134]\b", _DISGUISE, 4),  # at a row's end: see `_edge_rows`
    (_DISGUISES[3], _DISGUISE, 0),  # whole UTF-8 characters never cross a row's edge
]
_LEET_INSIDE = 1  # index in _DISGUISE_SCAN


def _spaced_literals() -> list[bytes]:
    """Literals that every spaced-letter run starts with: a blank, one word character
    and a separator (" c "); a run opening its row has no blank before it and is found
    by `_edge_rows`.

    Hyperscan runs the spaced-letter pattern slowly (it has no literal to look for and
    every blank starts an attempt), so the batch is scanned for these literals instead and
    the exact pattern runs only on the few rows that contain one.
    """
    words = "abcdefghijklmnopqrstuvwxyz0123456789_"
    out = [
        re.escape(blank + w + sep).encode()
        for blank in " \t\n\r\f\v"
        for w in words
        for sep in " .-_"
    ]
    return out


def prefilter_anchors(matcher: Matcher) -> list[str]:
    """The fewest literals such that every primary term contains one of them.

    A full name, nickname, slogan or hashtag always contains one of its longer words, so
    one distinctive word per term is enough for a substring prefilter; words that contain
    another anchor are dropped. Fewer, shorter literals keep RE2's DFA small and fast.
    """
    anchors: set[str] = set()
    for t in matcher.terms:
        if not t.primary:
            continue
        for form in (t.key, t.display.lower()):
            words = [w for w in re.split(r"[^a-z0-9]+", form) if len(w) >= 4]
            if words:
                anchors.add(max(words, key=len))
            elif form == t.key:  # "pdi-p", "sam hc": no long word, keep the whole key
                anchors.add(form.lstrip("#"))
    kept: set[str] = set()
    for a in sorted(anchors, key=len):
        # a word that contains a kept anchor is already covered by it
        if not any(a[i : i + w] in kept for w in range(4, len(a)) for i in range(len(a) - w + 1)):
            kept.add(a)
    return sorted(kept)


# Link starts, to tell link slugs from leetspeak (never flag a row alone): one pattern per
# length, so that a start reported past a row's edge can be told from one inside it.
_URL = r"https?://|www\."
_LINK_STARTS = [b"http://", b"https://", rb"www\."]
_LINK_LENGTHS = [7, 8, 4]
_SPACE = frozenset(b" \t\n\r")


def _byte_table(chars: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(chars)] = True
    return table


_IS_SPACE = _byte_table(bytes(_SPACE))
_IS_WORD = _byte_table(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_IS_DIGIT = _byte_table(b"0123456789")
_IS_NONZERO = _byte_table(b"123456789")
_IS_O_OR_ZERO = _byte_table(b"oO0")
_IS_SEPARATOR = _byte_table(b" .-_")
_IS_ALNUM = _IS_WORD & ~_byte_table(b"_")
_IS_MARK = _byte_table(b".,:/-")  # "01.5", "1/2": no ballot number before a digit
_AFTER_INITIALS = "".join(sorted({w[0] for w in set(AFTER_WORDS) - JUST} | {"h", "w"})).encode()
# bytes after a number word that may open what follows it ("h" and "w": a link)
_MAY_FOLLOW_NUMBER = _byte_table(_AFTER_INITIALS + _AFTER_INITIALS.upper() + b" \t_@")
_CLOSES_NO_NUMBER_WORD = _IS_WORD & ~_MAY_FOLLOW_NUMBER


def _ends_word(data: memoryview, at: int, row_end: int) -> bool:
    """Whether a word ends at ``at`` once links are blanks (the row ends there, no word
    character follows, or a link starts)."""
    if at >= row_end or not _IS_WORD[data[at]]:
        return True
    head = bytes(data[at : min(at + 8, row_end)]).lower()
    return head.startswith((b"http://", b"https://", b"www."))


def _lower(data: memoryview, start: int, end: int) -> bytes:
    """``data[start:end]`` with ASCII letters lower-cased (what IGNORECASE ignores)."""
    return data[start:end].tobytes().lower()


_WINDOW = np.arange(32, dtype=np.int64)  # bytes looked at at once after a link start


def _blank_between(data: memoryview, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether ``data[starts[i]:ends[i]]`` holds a blank, for every i at once.

    The first 32 bytes of every range are looked at with one gather; the few longer
    ranges without a blank in them are finished one by one.
    """
    found = np.zeros(len(starts), dtype=bool)
    buf = np.frombuffer(data, dtype=np.uint8)
    for lo in range(0, len(starts), 8192):  # bounded memory however many matches
        a, b = starts[lo : lo + 8192], ends[lo : lo + 8192]
        pos = a[:, None] + _WINDOW
        inside = pos < b[:, None]
        blank = _IS_SPACE[buf[np.minimum(pos, len(buf) - 1)]] & inside
        found[lo : lo + len(a)] = blank.any(axis=1)
    for i in np.flatnonzero(~found & (ends - starts > len(_WINDOW))).tolist():
        found[i] = bool(_SPACE.intersection(data[int(starts[i]) : int(ends[i])].tobytes()))
    return found


def _to_hyperscan(pattern: str) -> bytes:
    """RE2 syntax → hyperscan over UTF-8 bytes (code points become byte sequences)."""
    return (
        pattern.replace(r"\x{20E3}", r"\xE2\x83\xA3")
        .replace(_KELVIN, r"\xE2\x84\xAA")
        .replace(
            r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]", r"(?:\xF0\x9D[\x90-\x9F]|\xEF[\xBC\xBD])"
        )
        .encode()
    )


class Prefilter:
    """Flags rows of a batch for the careful path, and says which need full normalising."""

    def __init__(self, matcher: Matcher) -> None:
        anchors = [re.escape(a) for a in sorted(prefilter_anchors(matcher), key=len, reverse=True)]
        self.flag_patterns = anchors + _ballot_signals(matcher.numbers)
        self.disguises = list(_DISGUISES)
        # RE2 fallback: terms in the rows as they are (a mention or leetspeak that starts
        # before a link keeps `normalise` from blanking it: "@Aliwww.x#ABADI"), ballot
        # phrases and disguises in the rows with links blanked
        self.anchor_pattern = "|".join(anchors)
        self.pattern = "|".join(_ballot_signals(matcher.numbers) + self.disguises)
        self._db = None
        if hyperscan is not None:
            # one id per expression (hyperscan compiles shared ids much more slowly); what a
            # match of each id means is looked up in `_kind`
            scanned = [
                (re.escape(a), _FLAG, len(a.encode()))
                for a in sorted(prefilter_anchors(matcher), key=len, reverse=True)
            ]
            scanned += _ballot_scan_patterns()
            self._leet_id = len(scanned) + _LEET_INSIDE
            scanned += _DISGUISE_SCAN
            literals = _spaced_literals()
            exprs = [_to_hyperscan(p) for p, _, _ in scanned] + _LINK_STARTS + literals
            kinds = [k for _, k, _ in scanned] + [_LINK] * len(_LINK_STARTS)
            kinds += [_SPACED_START] * len(literals)
            # the spaced-letter pattern itself runs on candidate rows only (see `_spaced`)
            self._spaced_id = len(kinds)
            self._kind = np.array([*kinds, _DISGUISE], dtype=np.int8)
            # bytes matched by the ids whose matches all have one length: such a match must
            # lie inside the row it ends in (one across a row edge is no match of either)
            lengths = [n for _, _, n in scanned] + _LINK_LENGTHS
            self._length = np.zeros(len(self._kind), dtype=np.int64)
            self._length[: len(lengths)] = lengths
            caseless = hyperscan.HS_FLAG_CASELESS
            # code points left in an expression (the digits class) are read as UTF-8
            utf8 = caseless | hyperscan.HS_FLAG_UTF8
            flags = [utf8 if b"\\x{" in e else caseless for e in exprs]
            self._db = _compile(exprs, list(range(len(exprs))), flags)
            self._spaced_db = _compile(
                [_to_hyperscan(_SPACED)],
                [self._spaced_id],
                [caseless | hyperscan.HS_FLAG_MULTILINE],
            )

    def scan(self, texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
        """``(flagged, rare)`` boolean masks for a string array (nulls are never flagged)."""
        if isinstance(texts, pa.ChunkedArray):
            parts = [self.scan(chunk) for chunk in texts.chunks]
            if not parts:
                return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
            return np.concatenate([f for f, _ in parts]), np.concatenate([r for _, r in parts])
        n = len(texts)
        if n == 0:
            return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        if self._db is None:
            no_links = pc.replace_substring_regex(texts, r"(?i)(?:https?://|www\.)\S*", " ")
            flagged = pc.match_substring_regex(no_links, self.pattern, ignore_case=True)
            if self.anchor_pattern:
                terms = pc.match_substring_regex(texts, self.anchor_pattern, ignore_case=True)
                flagged = pc.or_(flagged, terms)
            rare = pc.match_substring_regex(pc.ascii_lower(texts), RARE)
            return (
                np.asarray(flagged.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool),
                np.asarray(rare.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool),
            )
        if texts.type != pa.string():
            texts = texts.cast(pa.string())
        if texts.null_count:  # validated input has none; keep row positions for the rest
            texts = texts.fill_null("")
        offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32)[
            texts.offset : texts.offset + n + 1
        ].astype(np.int64)
        first, last = int(offsets[0]), int(offsets[-1])
        rare = np.zeros(n, dtype=bool)
        if last == first:  # every row is empty
            return np.zeros(n, dtype=bool), rare
        # the rows' bytes as they lie in the array, without a copy; positions below are
        # relative to the first row's start
        data = memoryview(texts.buffers()[2])[first:last]
        buf = np.frombuffer(data, dtype=np.uint8)
        starts = offsets[:-1] - first
        ends = offsets[1:] - first
        ids: list[int] = []
        match_ends: list[int] = []

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ids.append(pid)
            match_ends.append(to)

        # Some thousands of rows at a time: their edges are looked at while their bytes are
        # still in the cache from the scan.
        bases: list[int] = []
        counts: list[int] = []
        edges = []
        for lo in range(0, n, _ROWS_AT_ONCE):
            hi = min(lo + _ROWS_AT_ONCE, n)
            a, b = int(starts[lo]), int(ends[hi - 1])
            found = len(match_ends)
            if b > a:
                self._db.scan(data[a:b], match_event_handler=on_match)
            bases.append(a)
            counts.append(len(match_ends) - found)
            edges.append(_edge_rows(data, starts[lo:hi], ends[lo:hi]))
        flagged, spaced_start, leet_end = (np.concatenate(e) for e in zip(*edges, strict=True))
        pid = np.asarray(ids, dtype=np.intp)
        end = np.asarray(match_ends, dtype=np.int64) + np.repeat(bases, counts)
        rows = np.searchsorted(starts, end - 1, side="right") - 1
        kind = self._kind[pid]
        # a ballot number after a cue ends the match's row, or the byte after it is no
        # letter or digit; a number word is followed by no word character, or perhaps by
        # a word after it ("dua_menang" from "@dua_menang") or a link
        inside = end < ends[rows]
        word_follows = (kind == _FLAG_AT_WORD_END) & inside
        word_follows[word_follows] = _IS_ALNUM[buf[end[word_follows]]]
        number_word = (kind == _NUMBER_WORD) & inside
        number_word[number_word] = _CLOSES_NO_NUMBER_WORD[buf[end[number_word]]]
        keep = ~word_follows & ~number_word & (end - self._length[pid] >= starts[rows])
        # leetspeak inside a word whose letter before the digits lies in the row before:
        # every byte from the row's start up to the last letter is a digit or symbol
        leet = np.flatnonzero(pid == self._leet_id)
        keep[leet] &= ~_only_leet_before(buf, starts[rows[leet]], end[leet] - 1)
        candidates = np.union1d(rows[keep & (kind == _SPACED_START)], np.flatnonzero(spaced_start))
        # number words and links in a gap: asked of rows not flagged otherwise
        words = np.flatnonzero(keep & (kind == _NUMBER_WORD))
        words_rows, words_end = rows[words].tolist(), end[words].tolist()
        link_rows = np.unique(rows[keep & (kind == _LINK_GAP_START)]).tolist()
        keep &= kind < _SPACED_START
        end, rows, kind = end[keep], rows[keep], kind[keep]
        # disguises found apart from the scan: leetspeak ending a row, spaced letters
        extra_rows = [np.flatnonzero(leet_end)]
        extra_ends = [ends[extra_rows[0]]]
        if len(candidates):
            s_end, s_rows = self._spaced(texts, starts, candidates)
            extra_rows.append(s_rows)
            extra_ends.append(s_end)
        rows = np.concatenate([rows, *extra_rows])
        end = np.concatenate([end, *extra_ends])
        kind = np.concatenate([kind, np.full(len(rows) - len(kind), _DISGUISE, dtype=kind.dtype)])
        flagged[rows[kind <= _FLAG_AT_WORD_END]] = True
        disguise = np.flatnonzero(kind == _DISGUISE)
        if len(disguise):
            flagged[self._outside_links(data, end, kind, rows, disguise)] = True
        for row, at in zip(words_rows, words_end, strict=True):
            if flagged[row]:
                continue
            if _AFTER_NUMBER_WORD.match(data, at, ends[row]) or (
                _ends_word(data, at, ends[row])
                and _CUE_BEFORE_NUMBER_WORD.search(_lower(data, starts[row], at))
            ):
                flagged[row] = True
        for row in link_rows:
            if not flagged[row] and _LINK_IN_GAP.search(_lower(data, starts[row], ends[row])):
                flagged[row] = True
        # Which flagged rows need the full normaliser: asked of the few flagged rows only,
        # so that common marks such as "@" cost no callback on every post of the batch.
        picked = np.flatnonzero(flagged)
        if len(picked):
            subset = pc.ascii_lower(texts.take(pa.array(picked)))
            needs = pc.match_substring_regex(subset, RARE).fill_null(False)
            rare[picked] = np.asarray(needs.to_numpy(zero_copy_only=False), dtype=bool)
        return flagged, rare

    def _spaced(
        self, texts: pa.Array, starts: np.ndarray, candidates: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(ends, rows)`` of the spaced-letter pattern in candidate rows.

        The candidate rows are joined by newlines, so the pattern sees each row on its
        own, its start and end included; ends are moved back to batch positions.
        """
        sub = texts.take(pa.array(candidates))
        joined = pc.binary_join(
            pa.ListArray.from_arrays(pa.array([0, len(sub)], pa.int32()), sub), "\n"
        )[0].as_buffer()
        offsets = np.frombuffer(sub.buffers()[1], dtype=np.int32)[
            sub.offset : sub.offset + len(sub) + 1
        ]
        sub_starts = offsets[:-1] - offsets[0] + np.arange(len(sub), dtype=np.int64)
        ends: list[int] = []

        def on_match(_pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ends.append(to)

        self._spaced_db.scan(memoryview(joined), match_event_handler=on_match)
        sub_end = np.asarray(ends, dtype=np.int64)
        k = np.searchsorted(sub_starts, sub_end - 1, side="right") - 1
        rows = candidates[k]
        return sub_end - sub_starts[k] + starts[rows], rows

    def _outside_links(
        self,
        data: memoryview,
        end: np.ndarray,
        kind: np.ndarray,
        rows: np.ndarray,
        disguise: np.ndarray,
    ) -> np.ndarray:
        """Rows of disguise matches that are not inside a link.

        Random link slugs ("t.co/x3c1aB") look like leetspeak; a disguise counts only
        when no link starts earlier in the same run of non-space characters.
        """
        url = np.flatnonzero(kind == _LINK)
        if not len(url):
            return rows[disguise]
        url = url[np.argsort(end[url], kind="stable")]
        url_end = end[url]
        k = np.searchsorted(url_end, end[disguise], side="left") - 1
        d_rows = rows[disguise]
        after_link = (k >= 0) & (rows[url[np.maximum(k, 0)]] == d_rows)
        picked = np.flatnonzero(after_link)
        after_link[picked] = ~_blank_between(data, url_end[k[picked]], end[disguise[picked]])
        return d_rows[~after_link]


_IS_LEET = _byte_table(b"013456789@$!")
_IS_LEET_END = _byte_table(b"0134")
_IS_ALPHA = _byte_table(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LEET_WINDOW = np.arange(8, dtype=np.int64)


def _only_leet_before(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether every byte of ``buf[starts[i]:ends[i]]`` is a leetspeak digit or symbol."""
    inside = starts[:, None] + _LEET_WINDOW < ends[:, None]
    window = _IS_LEET[buf[np.minimum(starts[:, None] + _LEET_WINDOW, len(buf) - 1)]]
    out = (window | ~inside).all(axis=1)
    for i in np.flatnonzero(out & (ends - starts > len(_LEET_WINDOW))).tolist():
        out[i] = bool(_IS_LEET[buf[starts[i] : ends[i]]].all())
    return out


_ROWS_AT_ONCE = 16_384  # rows scanned in one call (about 2 MB); their edges are looked at next


def _pair_table(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Table over a little-endian pair of bytes: ``first[lo] & second[hi]``."""
    return (first[None, :] & second[:, None]).reshape(-1)


# What the first two bytes of a row (or the last two) may begin (or end), looked up at once
_SPACED_OPEN = _pair_table(_IS_WORD, _IS_SEPARATOR)  # "c o b l o s"
_NUMBER_OPEN = _pair_table(_IS_O_OR_ZERO, _IS_NONZERO)  # "O1 …", "01 …"
# "1 menang", "1menang", "01 …", "1 https://… menang"
_NUMBER_AFTER_OPEN = _pair_table(_IS_DIGIT, _MAY_FOLLOW_NUMBER) | _pair_table(
    _byte_table(b"0"), _IS_NONZERO
)
_START_SIGNAL = (
    _SPACED_OPEN | _NUMBER_OPEN.astype(np.uint8) << 1 | _NUMBER_AFTER_OPEN.astype(np.uint8) << 2
)
_NUMBER_END = _pair_table(_IS_O_OR_ZERO, _IS_NONZERO)  # "… O1"
_LEET_END = _pair_table(_IS_ALPHA, _IS_LEET_END)  # "… jokow1"
_NUMBER_MARK_END = _pair_table(_IS_NONZERO, _IS_MARK)  # "… O1."
_END_SIGNAL = (
    _NUMBER_END.astype(np.uint8)
    | _LEET_END.astype(np.uint8) << 1
    | _NUMBER_MARK_END.astype(np.uint8) << 2
)


def _edge_rows(
    data: memoryview, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(flagged, spaced candidates, leetspeak ends)``: what the scan cannot see at edges.

    A row that opens with a ballot number and a word after it ("1 menang"), or opens or
    ends with "O1" / "01" standing alone ("01.", "01 …"), is flagged (`_ballot_signals`
    match there through ``^`` and ``$``); a row that opens with a word character and a
    separator ("c o b…") may open a spaced-letter run; a row that ends in leetspeak
    ("jokow1") has that disguise at its end whatever the next row starts with. Each row's
    first two and last two bytes are read as one 16-bit word each and looked up in a
    table; the few rows that may hold one of these are then looked at more closely.
    """
    n = len(starts)
    flagged = np.zeros(n, dtype=bool)
    if len(data) < 2:  # no row holds two bytes
        return flagged, flagged.copy(), flagged.copy()
    pairs = np.ndarray((len(data) - 1,), dtype="<u2", buffer=data, strides=(1,))
    buf = np.frombuffer(data, dtype=np.uint8)
    length = ends - starts
    # a pair read past a row's end (rows of 0 or 1 byte) is ruled out by the length
    top = len(pairs) - 1
    start_sig = _START_SIGNAL[pairs[np.minimum(starts, top)]]
    end_sig = _END_SIGNAL[pairs[np.maximum(ends - 2, 0)]]
    start_sig[length < 2] = 0
    end_sig[length < 2] = 0
    spaced = (start_sig & 1).astype(bool)

    last = len(buf) - 1

    def before(rows: np.ndarray, at: int) -> np.ndarray:
        """Whether "O1" ending ``at`` bytes before each row's end has no letter or digit
        (or the row's start) before it."""
        return (length[rows] == at) | ~_IS_ALNUM[buf[np.maximum(ends[rows] - at - 1, 0)]]

    # "O1" opening a row: no letter or digit after it, nor a mark and a digit ("01.5")
    rows = np.flatnonzero(start_sig & 2)
    third = buf[np.minimum(starts[rows] + 2, last)]
    fourth = buf[np.minimum(starts[rows] + 3, last)]
    alone = (length[rows] == 2) | ~_IS_ALNUM[third] & ~_IS_MARK[third]
    alone |= _IS_MARK[third] & ((length[rows] == 3) | ~_IS_DIGIT[fourth])
    flagged[rows[alone]] = True
    # "O1" or "O1." closing a row
    rows = np.flatnonzero(end_sig & 1)
    flagged[rows[before(rows, 2)]] = True
    rows = np.flatnonzero(end_sig & 4)
    rows = rows[length[rows] >= 3]
    rows = rows[_IS_O_OR_ZERO[buf[ends[rows] - 3]]]
    flagged[rows[before(rows, 3)]] = True
    for i in np.flatnonzero(start_sig & 4).tolist():
        if _NUMBER_AFTER_AT_START.match(data, starts[i], ends[i]):
            flagged[i] = True
    rows = np.flatnonzero(end_sig & 2)
    rows = rows[length[rows] >= 4]
    alpha = _IS_ALPHA[buf[ends[rows] - 3]] & _IS_ALPHA[buf[ends[rows] - 4]]
    leet_ends = np.zeros(n, dtype=bool)
    leet_ends[rows[alpha]] = True
    return flagged, spaced, leet_ends


def _compile(exprs: list[bytes], ids: list[int], flags: list[int]) -> Any:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=flags)
    return db
