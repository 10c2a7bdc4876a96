"""File in, hits out: the batch pipeline behind `netra-scan scan` and `scan_file`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from .engine import DEFAULT_THRESHOLD, Scanner, gc_paused, results_table
from .io import DEFAULT_BATCH_SIZE, BadRow, ResultWriter, read_batches
from .learn import Rescorer
from .watchlist import Watchlist

Progress = Callable[[int, int], None]  # (posts done in this step, hits in this step)


@dataclass
class Summary:
    """The one-line JSON printed at the end of a scan."""

    posts: int = 0
    hits: int = 0
    seconds: float = 0.0
    posts_per_s: float = 0.0
    skipped: int = 0
    skipped_rows: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON (at most 20 skipped rows are listed by number)."""
        d = asdict(self)
        d["skipped_rows"] = d["skipped_rows"][:20]
        return d


_WORKER: Scanner | None = None


def _init_worker(watchlist: Watchlist, threshold: float, rescorer: Rescorer | None) -> None:
    global _WORKER
    _WORKER = Scanner(watchlist, threshold, rescorer)


def _scan_in_worker(batch: pa.RecordBatch, all_rows: bool) -> pa.Table:
    assert _WORKER is not None
    return _WORKER.scan_batch(batch, all_rows=all_rows)


def scan_file(
    watchlist: Watchlist,
    input_path: str,
    output_path: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    all_rows: bool = False,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    model: str | None = None,
    scanner: Scanner | None = None,
) -> Summary:
    """Scan ``input_path`` and write hits (or every row) to ``output_path``.

    ``model`` is an optional re-scorer written by `netra-scan train`. ``scanner`` is one
    already built for ``watchlist`` (building is a fixed cost per watchlist, which a
    caller scanning many files pays once); its threshold and re-scorer then apply.
    """
    if scanner is not None:
        if model is not None or scanner.watchlist is not watchlist:
            raise ValueError("a prebuilt scanner brings its own watchlist and re-scorer")
        threshold = scanner.threshold
    rescorer = scanner.rescorer if scanner else Rescorer.from_file(model) if model else None
    started = time.perf_counter()
    summary = Summary()
    schema: pa.Schema | None = None
    # The collector stays paused for the whole file, not batch by batch: re-enabled after
    # each batch it would walk that batch's results (still alive) on the next allocation.
    with gc_paused(), _large_buffer_pool(), ResultWriter(output_path) as writer:
        for batch, table, bad in _results(
            watchlist, input_path, threshold, all_rows, workers, batch_size, rescorer, scanner
        ):
            summary.posts += batch
            summary.hits += _hits(table, threshold) if all_rows else table.num_rows
            summary.skipped += len(bad)
            summary.skipped_rows.extend({"row": b.row, "reason": b.reason} for b in bad)
            if table.num_rows:
                writer.write(table)
                schema = table.schema
            if progress:
                progress(batch + len(bad), table.num_rows)
        if writer.rows == 0 and schema is None:
            schema = _empty_schema()
        writer.close(schema)
    summary.seconds = round(time.perf_counter() - started, 3)
    summary.posts_per_s = round(summary.posts / summary.seconds, 1) if summary.seconds else 0.0
    return summary


def _hits(table: pa.Table, threshold: float) -> int:
    """Rows of an every-row table that score at least ``threshold`` (null scores do not)."""
    at_least = pc.greater_equal(table.column("score"), pa.scalar(threshold, pa.float64()))
    return int(pc.sum(at_least.cast(pa.int64())).as_py() or 0)


@contextmanager
def _large_buffer_pool() -> Iterator[None]:
    """Arrow's jemalloc pool for the scan, where the build has it.

    A scan allocates and frees a few large buffers per batch (decoded pages, joined text);
    jemalloc, set up by `scanner._memory` to keep freed pages, hands them to the next
    batch, where the default pool gives them back and the next batch pays for fresh pages
    again: on a million posts the Parquet read took 0.23-0.32 s of CPU with the default
    pool and 0.17-0.20 s with jemalloc. Buffers remember the pool they came from, so
    switching the default for the scan's duration is safe.
    """
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # pragma: no cover - builds without jemalloc
        yield
        return
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _empty_schema() -> pa.Schema:
    empty = pa.RecordBatch.from_pydict(
        {"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}
    )
    return results_table(empty, [], []).schema


def _results(
    watchlist: Watchlist,
    input_path: str,
    threshold: float,
    all_rows: bool,
    workers: int,
    batch_size: int,
    rescorer: Rescorer | None = None,
    scanner: Scanner | None = None,
) -> Iterator[tuple[int, pa.Table, list[BadRow]]]:
    """(posts in batch, results table, skipped rows), in input order."""
    batches = read_batches(input_path, batch_size)
    if workers <= 1:
        if scanner is None:
            scanner = Scanner(watchlist, threshold, rescorer)
        for batch, bad in batches:
            yield batch.num_rows, scanner.scan_batch(batch, all_rows=all_rows), bad
        return
    # Bounded look-ahead keeps memory flat: at most 2 batches per worker in flight.
    with ProcessPoolExecutor(
        workers, initializer=_init_worker, initargs=(watchlist, threshold, rescorer)
    ) as pool:
        pending: list[tuple[int, Future[pa.Table], list[BadRow]]] = []
        for batch, bad in batches:
            pending.append((batch.num_rows, pool.submit(_scan_in_worker, batch, all_rows), bad))
            if len(pending) >= 2 * workers:
                n, fut, b = pending.pop(0)
                yield n, fut.result(), b
        for n, fut, b in pending:
            yield n, fut.result(), b
