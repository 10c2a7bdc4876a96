"""The scanner proper: vectorised prefilter over Arrow batches, careful scoring after it.

Campaign posts are a few percent of what an officer must look through, so the careful
Python work (normalise → match → score) runs only on posts that a single RE2
alternation, executed in C++ by Arrow over a whole batch, says could contain a watchlist
term, a ballot-number phrase or a disguise (leetspeak, "menaaang", "c o b l o s", fancy
Unicode, keycaps). The prefilter is built from the same terms as the matcher, so a post
it lets through unflagged cannot contain any of them in a form `normalise` would repair.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .batch import BatchScorer
from .learn import Rescorer
from .match import Matcher
from .normalise import canonical_many, normalise
from .prefilter import Prefilter
from .score import EMPTY, Result, score_matches
from .watchlist import Watchlist

DEFAULT_THRESHOLD = 0.5
_CACHE_SIZE = 50_000  # verdicts kept per scanner; results are pure functions of the text

SPAN_TYPE = pa.struct(
    [("start", pa.int32()), ("end", pa.int32()), ("term", pa.string()), ("rule", pa.string())]
)
RESULT_FIELDS = [
    pa.field("id", pa.string()),
    pa.field("score", pa.float64()),
    pa.field("candidates", pa.list_(pa.int32())),
    pa.field("reasons", pa.list_(pa.string())),
    pa.field("spans", pa.list_(SPAN_TYPE)),
]
RESULT_NAMES = frozenset(f.name for f in RESULT_FIELDS)


class Scanner:
    """Scan posts for campaign content of one watchlist (one or many elections)."""

    def __init__(
        self,
        watchlist: Watchlist,
        threshold: float = DEFAULT_THRESHOLD,
        rescorer: Rescorer | None = None,
    ) -> None:
        self.watchlist = watchlist
        self.threshold = threshold
        self.matcher = Matcher(watchlist)
        self.prefilter = Prefilter(self.matcher)
        self.batch = BatchScorer(self.matcher)
        self._cache: dict[str, Result] = {}
        self.rescorer = rescorer  # optional learned re-scorer (see learn.py)

    # -- one post at a time -------------------------------------------------------------
    def scan_text(self, text: str, *, rare: bool | None = None) -> Result:
        """Full verdict on one text (no prefilter: used by `check` and the web app)."""
        norm = normalise(text, expand_slang=False, rare=rare)
        result = score_matches(norm.text, self.matcher.find(norm), text)
        if self.rescorer is not None:
            return self.rescorer.rescore(result)
        return result

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
        return self.prefilter.scan(texts)[0]

    def scan_batch(self, batch: pa.RecordBatch, *, all_rows: bool = False) -> pa.Table:
        """Hits of one batch (or every row with ``all_rows``), with pass-through columns."""
        texts = batch.column(batch.schema.get_field_index("text"))
        flag_mask, rare_mask = self.prefilter.scan(texts)
        flagged = np.flatnonzero(flag_mask)
        picked: list[str] = pc.take(texts, pa.array(flagged)).to_pylist() if len(flagged) else []
        rare = rare_mask[flagged].tolist()
        parts: list[Part] = []
        one_by_one: Sequence[int] = range(len(flagged))
        if self.rescorer is None and self.batch.enabled and len(flagged):
            canonical, offsets = canonical_many(picked, rare)
            res = self.batch.score_texts(
                picked, canonical, offsets, self.threshold, all_rows=all_rows
            )
            parts.append(
                Part(flagged[res.rows], pa.array(res.score), res.candidates, res.reasons, res.spans)
            )
            one_by_one = res.one_by_one.tolist()
        rows: list[int] = []
        results: list[Result] = []
        with gc_paused():
            for i in one_by_one:
                r = self._scan_cached(picked[i], rare[i])
                if all_rows or (r.score >= self.threshold and r.spans):
                    rows.append(int(flagged[i]))
                    results.append(r)
        parts.append(_part(rows, results))
        if all_rows:
            rest = np.ones(batch.num_rows, dtype=bool)
            rest[flagged] = False
            parts.append(_empty_part(np.flatnonzero(rest)))
        return _assemble(batch, parts)

    def _scan_cached(self, text: str, rare: bool) -> Result:
        # shared and copied posts (retweets, copy-paste campaigns) repeat verbatim
        r = self._cache.get(text)
        if r is None:
            r = self.scan_text(text, rare=rare)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = r
        return r


class Part(NamedTuple):
    """Result columns for some rows of a batch."""

    rows: np.ndarray
    score: pa.Array
    candidates: pa.Array
    reasons: pa.Array
    spans: pa.Array


def _part(rows: list[int], results: list[Result]) -> Part:
    return Part(
        np.array(rows, dtype=np.int64),
        pa.array([r.score for r in results], type=pa.float64()),
        pa.array([r.candidates for r in results], type=pa.list_(pa.int32())),
        pa.array([r.reasons for r in results], type=pa.list_(pa.string())),
        _spans_array(results),
    )


def _empty_part(rows: np.ndarray) -> Part:
    offsets = pa.array(np.zeros(len(rows) + 1, dtype=np.int32))
    return Part(
        rows,
        pa.array(np.zeros(len(rows))),
        pa.ListArray.from_arrays(offsets, pa.array([], pa.int32())),
        pa.ListArray.from_arrays(offsets, pa.array([], pa.string())),
        pa.ListArray.from_arrays(offsets, pa.array([], SPAN_TYPE), type=pa.list_(SPAN_TYPE)),
    )


def _assemble(batch: pa.RecordBatch, parts: list[Part]) -> pa.Table:
    """One table of results in batch order, original columns carried through."""
    rows = np.concatenate([p.rows for p in parts])
    order = pa.array(np.argsort(rows, kind="stable"))
    idx = pa.array(rows[order.to_numpy()], type=pa.int64())
    ids = pc.cast(pc.take(batch.column(batch.schema.get_field_index("id")), idx), pa.string())

    def column(arrays: list[pa.Array], type_: pa.DataType) -> pa.Array:
        return pa.concat_arrays([a.cast(type_) for a in arrays]).take(order)

    columns: dict[str, pa.Array] = {
        "id": ids,
        "score": column([p.score for p in parts], pa.float64()),
        "candidates": column([p.candidates for p in parts], pa.list_(pa.int32())),
        "reasons": column([p.reasons for p in parts], pa.list_(pa.string())),
        "spans": column([p.spans for p in parts], pa.list_(SPAN_TYPE)),
    }
    for name in batch.schema.names:
        if name not in RESULT_NAMES:
            columns[name] = pc.take(batch.column(batch.schema.get_field_index(name)), idx)
    return pa.table(columns)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: scoring allocates many small acyclic objects,
    and letting the collector walk the heap after every few thousand of them costs more
    than the scoring itself. Nested pauses leave the collector to the outermost one."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def results_table(batch: pa.RecordBatch, rows: list[int], results: list[Result]) -> pa.Table:
    """Arrow table of results for ``rows`` of ``batch``, original columns carried through."""
    return _assemble(batch, [_part(rows, results)])


def _spans_array(results: list[Result]) -> pa.Array:
    """``list<struct<start, end, term, rule>>`` built column-wise (much faster than dicts)."""
    spans = [sp for r in results for sp in r.spans]
    offsets = [0]
    total = 0
    for r in results:
        total += len(r.spans)
        offsets.append(total)
    starts = [sp["start"] for sp in spans]
    ends = [sp["end"] for sp in spans]
    terms = [sp["term"] for sp in spans]
    rules = [sp["rule"] for sp in spans]
    values = pa.StructArray.from_arrays(
        [
            pa.array(starts, pa.int32()),
            pa.array(ends, pa.int32()),
            pa.array(terms, pa.string()),
            pa.array(rules, pa.string()),
        ],
        fields=list(SPAN_TYPE),
    )
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values, type=pa.list_(SPAN_TYPE))
