"""The batch prefilter: which posts could possibly be campaign content.

Campaign posts are a few percent of what an officer must look through, so the careful
Python work (normalise → match → score) runs only on posts that this prefilter lets
through. It is built from the same terms as the matcher — one distinctive word of each
primary term, every ballot-number phrase and every disguise `normalise` repairs
(leetspeak, "menaaang", "c o b l o s", fancy Unicode, keycaps) — so a post it rejects
cannot contain any of them.

Hyperscan (Intel's multi-pattern engine) scans a whole Arrow batch in one call: the
batch's strings are joined with newlines, matches are mapped back to rows with a binary
search over the offsets. Without hyperscan, one RE2 alternation per batch runs in Arrow.
The same pass also marks rows that need the full normaliser (links, mentions, disguises);
all other rows keep an identity offset map.
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

hyperscan: Any
try:  # optional at import time so the package still works where the wheel is missing
    import hyperscan
except ImportError:  # pragma: no cover - exercised only without the dependency
    hyperscan = None


def _ballot_signals(numbers: Iterable[int]) -> list[str]:
    """RE2 pieces that catch every ballot-number phrase the matcher knows."""
    words = list(NUMBER_WORDS) + [k for k, v in SLANG.items() if v in NUMBER_WORDS]
    nums = r"(?:0?[1-9]|[o0][1-9]|" + "|".join(words) + ")"
    cues = (
        r"coblos|cblos|nyoblos|pilih|plih|milih|dukung|menangkan|contreng|centang|salam|"
        r"nomor|nomer|nmr|nmor|no|paslon|pasangan|urut|calon|capres|cawapres|kandidat"
    )
    after = r"menang|mnang|juara|jaya|lanjut|presiden|wali ?kota|bupati|gubernur|jari|harga mati"
    return [
        rf"(?:{cues})[ .:#]*{nums}\b",
        rf"(?:^|[^\w.,])0?[1-9] *(?:{after})",
        r"#\s*0?[1-9]",
        r"(?:^|[^\w.,:/-])[o0][1-9](?:$|[^\w.,:/-])",
        r"\x{20E3}",
    ]


_SPACED = r"(?:^|\s)(?:\w[ .\-_]){2,}\w(?:\s|$)"  # spaced letters: c o b l o s
_DISGUISES = [
    "|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz"),  # elongation: menaaang
    r"[a-z][013456789@$!]+[a-z]",  # leetspeak inside a word: pr4b0wo
    r"[a-z]{3}[0134]\b",  # leetspeak at the end: jokow1
    r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]",  # fancy Unicode letters
    _SPACED,  # last: hyperscan finds it in two steps (see `_spaced_literals`)
]


def _spaced_literals() -> list[bytes]:
    """Literals that every spaced-letter run starts with: a blank, one word character
    and a separator (" c "), or a word character and a separator opening the buffer.

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


# Row-level signals that only decide which normaliser to use (never flag a row alone).
_URL = r"https?://|www\."
_RARE_ONLY = [_URL]  # link starts, to tell link slugs from leetspeak
_SPACE = frozenset(b" \t\n\r")
_IS_SPACE = np.zeros(256, dtype=bool)
_IS_SPACE[list(_SPACE)] = True
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
        .replace(
            r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]", r"(?:\xF0\x9D[\x90-\x9F]|\xEF[\xBC\xBD])"
        )
        .encode()
    )


class Prefilter:
    """Flags rows of a batch for the careful path, and says which need full normalising."""

    def __init__(self, matcher: Matcher) -> None:
        self.flag_patterns = [
            re.escape(a) for a in sorted(prefilter_anchors(matcher), key=len, reverse=True)
        ] + _ballot_signals(matcher.numbers)
        self.disguises = list(_DISGUISES)
        self.pattern = "|".join(self.flag_patterns + self.disguises)  # RE2 fallback
        self._db = None
        if hyperscan is not None:
            # ids: flag patterns, disguises (the spaced one, last, is reported by the second
            # step only), link starts, then the literals that make a row a spaced candidate
            one_step = self.flag_patterns + self.disguises[:-1]
            flags = hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_MULTILINE
            exprs = [_to_hyperscan(p) for p in one_step + _RARE_ONLY]
            exprs += _spaced_literals()
            exprs.append(rb"^\w[ .\-_]")  # a run opening the buffer has no blank before it
            all_flags = [flags] * (len(exprs) - 1) + [hyperscan.HS_FLAG_CASELESS]
            ids = [*range(len(one_step)), len(one_step) + 1]
            # distinct ids for the literals: hyperscan compiles shared ids much more slowly
            ids += range(len(one_step) + 2, len(one_step) + 2 + len(exprs) - len(ids))
            self._db = _compile(exprs, ids, all_flags)
            self._spaced_db = _compile([_to_hyperscan(_SPACED)], [len(one_step)], [flags])
            self._n_flag = len(self.flag_patterns)
            self._n_flag_rare = len(self.flag_patterns) + len(self.disguises)
            self._url_id = self._n_flag_rare
            self._spaced_candidate_id = self._n_flag_rare + 1  # and every id after it

    def scan(self, texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """``(flagged, rare)`` boolean masks for a string array (nulls are never flagged)."""
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks()
        n = len(texts)
        if n == 0:
            return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        if self._db is None:
            no_links = pc.replace_substring_regex(texts, r"(?:https?://|www\.)\S*", " ")
            flagged = pc.match_substring_regex(no_links, self.pattern, ignore_case=True)
            rare = pc.match_substring_regex(pc.ascii_lower(texts), RARE)
            return (
                np.asarray(flagged.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool),
                np.asarray(rare.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool),
            )
        if texts.type != pa.string():
            texts = texts.cast(pa.string())
        if texts.null_count:  # validated input has none; keep row positions for the rest
            texts = pa.array([t or "" for t in texts.to_pylist()], pa.string())
        joined = pc.binary_join(
            pa.ListArray.from_arrays(pa.array([0, n], pa.int32()), texts), "\n"
        )[0].as_buffer()
        offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32)[
            texts.offset : texts.offset + n + 1
        ]
        # row i starts at offsets[i] - offsets[0] + i in the joined text (one "\n" per row)
        starts = offsets[:-1] - offsets[0] + np.arange(n, dtype=np.int32)
        ids: list[int] = []
        ends: list[int] = []

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ids.append(pid)
            ends.append(to)

        data = memoryview(joined)  # zero-copy: hyperscan reads Arrow's buffer directly
        self._db.scan(data, match_event_handler=on_match)
        flagged = np.zeros(n, dtype=bool)
        rare = np.zeros(n, dtype=bool)
        if not ends:
            return flagged, rare
        end = np.asarray(ends, dtype=np.int64)
        pid = np.asarray(ids)
        rows = np.searchsorted(starts, end - 1, side="right") - 1
        candidates = pid >= self._spaced_candidate_id
        if candidates.any():
            s_pid, s_end, s_rows = self._spaced(texts, starts, np.unique(rows[candidates]))
            keep = ~candidates
            pid = np.concatenate([pid[keep], s_pid])
            end = np.concatenate([end[keep], s_end])
            rows = np.concatenate([rows[keep], s_rows])
        flagged[rows[pid < self._n_flag]] = True
        disguise = np.flatnonzero((pid >= self._n_flag) & (pid < self._n_flag_rare))
        if len(disguise):
            flagged[self._outside_links(data, end, pid, rows, disguise)] = True
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
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(pattern ids, ends, rows)`` of the spaced-letter pattern in candidate rows.

        The candidate rows are joined by newlines as the whole batch is, so the pattern
        sees each row exactly as in one pass; ends are moved back to batch positions.
        """
        sub = texts.take(pa.array(candidates))
        joined = pc.binary_join(
            pa.ListArray.from_arrays(pa.array([0, len(sub)], pa.int32()), sub), "\n"
        )[0].as_buffer()
        offsets = np.frombuffer(sub.buffers()[1], dtype=np.int32)[
            sub.offset : sub.offset + len(sub) + 1
        ]
        sub_starts = offsets[:-1] - offsets[0] + np.arange(len(sub), dtype=np.int32)
        ids: list[int] = []
        ends: list[int] = []

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ids.append(pid)
            ends.append(to)

        self._spaced_db.scan(memoryview(joined), match_event_handler=on_match)
        sub_end = np.asarray(ends, dtype=np.int64)
        k = np.searchsorted(sub_starts, sub_end - 1, side="right") - 1
        rows = candidates[k]
        return np.asarray(ids, dtype=np.int64), sub_end - sub_starts[k] + starts[rows], rows

    def _outside_links(
        self,
        data: memoryview,
        end: np.ndarray,
        pid: np.ndarray,
        rows: np.ndarray,
        disguise: np.ndarray,
    ) -> np.ndarray:
        """Rows of disguise matches that are not inside a link.

        Random link slugs ("t.co/x3c1aB") look like leetspeak; a disguise counts only
        when no link starts earlier in the same run of non-space characters.
        """
        url = np.flatnonzero(pid == self._url_id)
        if not len(url):
            return rows[disguise]
        url_end = end[url]
        k = np.searchsorted(url_end, end[disguise], side="left") - 1
        d_rows = rows[disguise]
        after_link = (k >= 0) & (rows[url[np.maximum(k, 0)]] == d_rows)
        picked = np.flatnonzero(after_link)
        after_link[picked] = ~_blank_between(data, url_end[k[picked]], end[disguise[picked]])
        return d_rows[~after_link]


def _compile(exprs: list[bytes], ids: list[int], flags: list[int]) -> Any:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=flags)
    return db
