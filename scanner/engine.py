"""The scanner proper: vectorised prefilter over Arrow batches, careful scoring after it.

Campaign posts are a few percent of what an officer must look through, so the careful
Python work (normalise → match → score) runs only on posts that a single RE2
alternation, executed in C++ by Arrow over a whole batch, says could contain a watchlist
term, a ballot-number phrase or a disguise (leetspeak, "menaaang", "c o b l o s", fancy
Unicode, keycaps). The prefilter is built from the same terms as the matcher, so a post
it lets through unflagged cannot contain any of them in a form `normalise` would repair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .lexicon import NUMBER_WORDS
from .match import Matcher
from .normalise import RARE, SLANG, normalise
from .score import EMPTY, Result, score_matches
from .watchlist import Watchlist

DEFAULT_THRESHOLD = 0.5

SPAN_TYPE = pa.struct(
    [("start", pa.int32()), ("end", pa.int32()), ("term", pa.string()), ("rule", pa.string())]
)
RESULT_FIELDS = [
    pa.field("id", pa.string()),
    pa.field("score", pa.float32()),
    pa.field("candidates", pa.list_(pa.int32())),
    pa.field("reasons", pa.list_(pa.string())),
    pa.field("spans", pa.list_(SPAN_TYPE)),
]
RESULT_NAMES = frozenset(f.name for f in RESULT_FIELDS)


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


_DISGUISES = [
    "|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz"),  # elongation: menaaang
    r"[a-z][013456789@$!]+[a-z]",  # leetspeak inside a word: pr4b0wo
    r"[a-z]{3}[0134]\b",  # leetspeak at the end: jokow1
    r"(?:^|\s)(?:\w[ .\-_]){2,}\w(?:\s|$)",  # spaced letters: c o b l o s
    r"[\x{1D400}-\x{1D7FF}\x{FF01}-\x{FF5E}]",  # fancy Unicode letters
]


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
    ordered = sorted(anchors, key=len)
    kept: list[str] = []
    for a in ordered:
        if not any(k in a for k in kept):
            kept.append(a)
    return kept


def prefilter_pattern(matcher: Matcher) -> str:
    """One RE2 alternation over lower-cased text that every possible hit satisfies."""
    pieces = [re.escape(a) for a in sorted(prefilter_anchors(matcher), key=len, reverse=True)]
    return "|".join(pieces + _ballot_signals(matcher.numbers) + _DISGUISES)


class Scanner:
    """Scan posts for campaign content of one watchlist (one or many elections)."""

    def __init__(self, watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.watchlist = watchlist
        self.threshold = threshold
        self.matcher = Matcher(watchlist)
        self.prefilter = prefilter_pattern(self.matcher)

    # -- one post at a time -------------------------------------------------------------
    def scan_text(self, text: str, *, rare: bool | None = None) -> Result:
        """Full verdict on one text (no prefilter: used by `check` and the web app)."""
        norm = normalise(text, expand_slang=False, rare=rare)
        return score_matches(norm.text, self.matcher.find(norm))

    def scan_texts(self, texts: Sequence[str]) -> list[Result]:
        """Verdicts for many texts, prefiltered in one vectorised pass."""
        arr = pa.array(list(texts), type=pa.string())
        flagged = self.flag(arr)
        out = [EMPTY] * len(texts)
        for i in np.flatnonzero(flagged):
            out[int(i)] = self.scan_text(texts[int(i)])
        return out

    # -- Arrow batches ------------------------------------------------------------------
    def flag(self, texts: pa.Array) -> np.ndarray:
        """Boolean mask of posts worth a careful look (nulls are never flagged)."""
        if len(texts) == 0:
            return np.zeros(0, dtype=bool)
        mask = pc.match_substring_regex(texts, self.prefilter, ignore_case=True)
        return np.asarray(mask.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)

    def scan_batch(self, batch: pa.RecordBatch, *, all_rows: bool = False) -> pa.Table:
        """Hits of one batch (or every row with ``all_rows``), with pass-through columns."""
        texts = batch.column(batch.schema.get_field_index("text"))
        flagged = np.flatnonzero(self.flag(texts))
        results: list[Result] = []
        rows: list[int] = []
        if len(flagged):
            picked = pc.take(texts, pa.array(flagged))
            # which flagged posts need the full normaliser (links, disguises, keycaps...)
            rare = pc.match_substring_regex(pc.ascii_lower(picked), RARE).to_pylist()
            for i, text, is_rare in zip(flagged, picked.to_pylist(), rare, strict=True):
                r = self.scan_text(text, rare=bool(is_rare))
                if all_rows or r.is_hit(self.threshold):
                    rows.append(int(i))
                    results.append(r)
        if all_rows:
            scored = dict(zip(rows, results, strict=True))
            rows = list(range(batch.num_rows))
            results = [scored.get(i, EMPTY) for i in rows]
        return results_table(batch, rows, results)


def results_table(batch: pa.RecordBatch, rows: list[int], results: list[Result]) -> pa.Table:
    """Arrow table of results for ``rows`` of ``batch``, original columns carried through."""
    idx = pa.array(rows, type=pa.int64())
    ids = pc.cast(pc.take(batch.column(batch.schema.get_field_index("id")), idx), pa.string())
    columns: dict[str, pa.Array] = {
        "id": ids,
        "score": pa.array([r.score for r in results], type=pa.float32()),
        "candidates": pa.array([r.candidates for r in results], type=pa.list_(pa.int32())),
        "reasons": pa.array([r.reasons for r in results], type=pa.list_(pa.string())),
        "spans": pa.array([r.spans for r in results], type=pa.list_(SPAN_TYPE)),
    }
    for name in batch.schema.names:
        if name not in RESULT_NAMES:
            columns[name] = pc.take(batch.column(batch.schema.get_field_index(name)), idx)
    return pa.table(columns)


def empty_results(schema: pa.Schema) -> pa.Table:
    """A zero-row results table for input ``schema``."""
    return results_table(
        schema.empty_table().to_batches(max_chunksize=1)[0]
        if schema.empty_table().num_rows
        else pa.RecordBatch.from_pylist([], schema=schema),
        [],
        [],
    )
