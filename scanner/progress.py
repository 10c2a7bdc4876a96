"""A progress bar on a terminal, silence elsewhere (CI logs, pipes)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(input_path: str) -> Iterator[Callable[[int, int], None]]:
    """Yield ``advance(posts, hits)``; draws on stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda posts, hits: None
        return
    total = None
    if input_path != "-" and input_path.endswith((".parquet", ".pq")):
        import pyarrow.parquet as pq

        total = pq.ParquetFile(input_path).metadata.num_rows
    elif input_path != "-":
        total = None if os.path.getsize(input_path) > 0 else 0
    with Progress(
        TextColumn("scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[hits]} hits"),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("scan", total=total, hits=0)
        hits = 0

        def advance(posts: int, new_hits: int) -> None:
            nonlocal hits
            hits += new_hits
            bar.update(task, advance=posts, hits=hits)

        yield advance
