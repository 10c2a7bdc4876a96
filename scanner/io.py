"""Reading posts and writing hits: CSV, JSONL or Parquet, streamed in batches.

Memory stays flat however large the input: files are read batch by batch and results are
appended batch by batch. Output goes to a temporary file beside the target and is renamed
only when the scan finishes, so an interrupted scan never leaves a half-written file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


class InputError(ValueError):
    """The posts file cannot be read at all (a bad row is reported, not raised)."""


@dataclass(frozen=True)
class BadRow:
    """A row that was skipped, with its 1-based row number and why."""

    row: int
    reason: str


def file_format(path: str) -> str:
    """``csv``, ``jsonl`` or ``parquet`` from the extension; ``-`` means JSONL on stdin."""
    if path == "-":
        return "jsonl"
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown extension (use .csv, .jsonl or .parquet)")
    return fmt


def read_batches(
    path: str, batch_size: int = 65_536
) -> Iterator[tuple[pa.RecordBatch, list[BadRow]]]:
    """Valid rows of ``path`` in batches, each with the rows it had to skip."""
    fmt = file_format(path)
    if path != "-" and not Path(path).is_file():
        raise InputError(f"{path}: no such file")
    row = 0
    for raw, bad in _raw_batches(path, fmt, batch_size):
        good, more_bad = _validate(raw, row)
        row += raw.num_rows
        yield good, bad + more_bad


def _raw_batches(
    path: str, fmt: str, batch_size: int
) -> Iterator[tuple[pa.RecordBatch, list[BadRow]]]:
    if fmt == "parquet":
        try:
            # a memory map lets the decoder read pages in place instead of copying them
            pf = pq.ParquetFile(path, memory_map=True)
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
        _require_columns(path, pf.schema_arrow.names)
        for b in pf.iter_batches(batch_size=batch_size):
            yield b, []
    elif fmt == "csv":
        yield from _csv_batches(path, batch_size)
    else:
        yield from _jsonl_batches(path, batch_size)


def _require_columns(path: str, names: list[str]) -> None:
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise InputError(f"{path}: missing required column(s): {', '.join(missing)}")


def _csv_batches(path: str, batch_size: int) -> Iterator[tuple[pa.RecordBatch, list[BadRow]]]:
    bad: list[BadRow] = []

    def on_invalid(row: Any) -> str:
        bad.append(BadRow(int(row.number or 0), f"malformed CSV row: {row.text[:60]!r}"))
        return "skip"

    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=max(1 << 20, batch_size * 256)),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={"id": pa.string(), "text": pa.string()},
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from exc
    _require_columns(path, reader.schema.names)
    for b in reader:
        yield b, bad[:]
        bad.clear()


def _jsonl_batches(path: str, batch_size: int) -> Iterator[tuple[pa.RecordBatch, list[BadRow]]]:
    stream: IO[str] = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        rows: list[dict[str, Any]] = []
        bad: list[BadRow] = []
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                bad.append(BadRow(lineno, f"invalid JSON: {exc.msg}"))
                continue
            if not isinstance(obj, dict):
                bad.append(BadRow(lineno, "not a JSON object"))
                continue
            obj["__row"] = lineno
            rows.append(obj)
            if len(rows) >= batch_size:
                yield _rows_to_batch(rows), bad
                rows, bad = [], []
        if rows or bad:
            yield _rows_to_batch(rows), bad
    finally:
        if stream is not sys.stdin:
            stream.close()


def _rows_to_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    keys: dict[str, None] = {"id": None, "text": None}
    for r in rows:
        keys.update(dict.fromkeys(r))
    cols: dict[str, pa.Array] = {}
    for k in keys:
        values = [r.get(k) for r in rows]
        if k in ("id", "text"):
            values = [None if v is None else str(v) for v in values]
        try:
            cols[k] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            cols[k] = pa.array([None if v is None else json.dumps(v) for v in values])
    return pa.RecordBatch.from_pydict(cols)


def _validate(batch: pa.RecordBatch, first_row: int) -> tuple[pa.RecordBatch, list[BadRow]]:
    """Drop rows without an id or text; report them by row number (1-based, data rows).

    Only offsets and validity bitmaps are read (byte lengths, null counts), never the
    text itself: this runs on every post, so it must cost next to nothing.
    """
    if batch.num_rows == 0:
        return batch, []
    id_i = batch.schema.get_field_index("id")
    text_i = batch.schema.get_field_index("text")
    ids = batch.column(id_i)
    texts = batch.column(text_i)
    if ids.type not in (pa.string(), pa.large_string()):
        ids = pc.cast(ids, pa.string())
        batch = batch.set_column(id_i, "id", ids)
    if texts.type not in (pa.string(), pa.large_string()):
        texts = pc.cast(texts, pa.string())
        batch = batch.set_column(text_i, "text", texts)
    id_len = pc.binary_length(ids)
    text_len = pc.binary_length(texts)
    fine = (
        ids.null_count == 0
        and texts.null_count == 0
        and pc.min(id_len).as_py() > 0
        and pc.min(text_len).as_py() > 0
    )
    bad: list[BadRow] = []
    if fine:
        good = batch
    else:
        ok = pc.and_(pc.greater(id_len, 0), pc.greater(text_len, 0)).fill_null(False)
        good = batch.filter(ok)
        rows_col = (
            batch.column(batch.schema.get_field_index("__row"))
            if "__row" in batch.schema.names
            else None
        )
        id_ok = pc.greater(id_len, 0).fill_null(False).to_pylist()
        for i, row_ok in enumerate(ok.to_pylist()):
            if not row_ok:
                row = int(rows_col[i].as_py()) if rows_col is not None else first_row + i + 1
                bad.append(BadRow(row, "missing text" if id_ok[i] else "missing id"))
    if "__row" in good.schema.names:
        good = good.drop_columns(["__row"])
    return good, bad


class ResultWriter:
    """Writes results to ``path`` atomically: temp file first, rename when closed cleanly."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fmt = file_format(path) if path != "-" else "jsonl"
        target = Path(path).resolve() if path != "-" else None
        self._tmp: str | None = None
        self._pq: pq.ParquetWriter | None = None
        self._fh: IO[str] | None = None
        self._csv_header: list[str] | None = None
        self.rows = 0
        if target is not None:
            if not target.parent.is_dir():
                raise InputError(f"{path}: output folder does not exist")
            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".part", dir=target.parent
            )
            os.close(fd)

    def write(self, table: pa.Table) -> None:
        """Append one table of results."""
        self.rows += table.num_rows
        if self.fmt == "parquet":
            if self._pq is None:
                assert self._tmp is not None
                self._pq = pq.ParquetWriter(self._tmp, table.schema, compression="snappy")
            elif table.schema != self._pq.schema:
                table = table.cast(self._pq.schema)
            if table.num_rows:
                self._pq.write_table(table)
            return
        fh = self._open_text()
        rows = table.to_pylist()
        if self.fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        else:
            import csv

            if self._csv_header is None:
                self._csv_header = table.schema.names
                csv.writer(fh).writerow(self._csv_header)
            w = csv.writer(fh)
            for r in rows:
                w.writerow(
                    [
                        json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                        for v in (r.get(k) for k in self._csv_header)
                    ]
                )

    def _open_text(self) -> IO[str]:
        if self._fh is None:
            if self._tmp is None:
                self._fh = sys.stdout
            else:
                self._fh = open(self._tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        return self._fh

    def close(self, schema: pa.Schema | None = None) -> None:
        """Finish and move the file into place."""
        if self.fmt == "parquet" and self._pq is None and schema is not None and self._tmp:
            self._pq = pq.ParquetWriter(self._tmp, schema)
        if self._pq is not None:
            self._pq.close()
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        elif self._tmp and self.fmt != "parquet" and self._fh is None:
            Path(self._tmp).write_text("", encoding="utf-8")
        if self._tmp:
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> None:
        """Throw the partial output away."""
        if self._pq is not None:
            self._pq.close()
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        if self._tmp and os.path.exists(self._tmp):
            os.unlink(self._tmp)
        self._tmp = None

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
