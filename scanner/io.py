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
from itertools import pairwise
from json.encoder import encode_basestring
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np
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


# Posts read and scanned at a time: large enough to spread each batch's fixed work thin
# (the batch scorer's most of all: it sees only the 2 % of posts flagged), small enough
# (about 36 MB of text; a scan of a million posts peaks at about 520 MB) to keep memory
# flat however large the file. 131,072 cost 5-7 % more time for 130 MB less memory.
DEFAULT_BATCH_SIZE = 262_144


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
    path: str, batch_size: int = DEFAULT_BATCH_SIZE
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
    # valid rows before each malformed one, in file order (see `_csv_row_numbers`)
    valid_before: list[int] = []

    def on_invalid(row: Any) -> str:
        # Arrow counts records from 1 with the header as the first; a data row's number
        # is one less (a record spread over several lines by quoted newlines is one row)
        number = int(row.number) - 1
        valid_before.append(number - 1 - len(valid_before))
        bad.append(BadRow(number, f"malformed CSV row: {row.text[:60]!r}"))
        return "skip"

    try:
        reader = pacsv.open_csv(
            path,
            # one thread: Arrow knows the number of a malformed row only when parsing in order
            read_options=pacsv.ReadOptions(
                block_size=max(1 << 20, batch_size * 256), use_threads=False
            ),
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
    valid = 0
    for b in reader:
        if valid_before:
            rows = _csv_row_numbers(valid, b.num_rows, valid_before)
            b = b.append_column("__row", pa.array(rows, pa.int64()))
        valid += b.num_rows
        yield b, bad[:]
        bad.clear()


def _csv_row_numbers(valid: int, count: int, valid_before: list[int]) -> np.ndarray:
    """Data-row numbers of the ``count`` valid rows after the first ``valid`` ones, given
    how many valid rows stand before each malformed row: the k-th valid row (from 1) is
    row k plus the number of malformed rows before it."""
    k = np.arange(valid + 1, valid + count + 1, dtype=np.int64)
    return k + np.searchsorted(np.asarray(valid_before, dtype=np.int64), k, side="left")


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


# Hits are few per batch (a few hundred of 65,536 posts): held until a row group has at
# least this many rows, so the file gets a handful of row groups, not one per batch.
_ROW_GROUP_ROWS = 65_536

# json.dumps with options builds a new encoder on every call; one of each is enough.
_JSON_ROW = json.JSONEncoder(ensure_ascii=False, default=str)
_JSON_CELL = json.JSONEncoder(ensure_ascii=False)
_FLOAT_WORDS = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


class ResultWriter:
    """Writes results to ``path`` atomically: temp file first, rename when closed cleanly."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fmt = file_format(path) if path != "-" else "jsonl"
        target = Path(path).resolve() if path != "-" else None
        self._tmp: str | None = None
        self._pq: pq.ParquetWriter | None = None
        self._held: list[pa.Table] = []
        self._held_rows = 0
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
                self._held.append(table)
                self._held_rows += table.num_rows
                if self._held_rows >= _ROW_GROUP_ROWS:
                    self._flush()
            return
        fh = self._open_text()
        # Rows as Table.to_pylist gives them: a repeated column name keeps its last column.
        last = {name: i for i, name in enumerate(table.schema.names)}
        if self.fmt == "jsonl":
            fields: list[list[str]] = []
            for name, i in last.items():
                column = table.column(i)
                text = _json_texts(column)
                key = encode_basestring(name) + ": "
                if text is None:
                    fields.append([key + _JSON_ROW.encode(v) for v in column.to_pylist()])
                else:
                    fields.append([key + ("null" if t is None else t) for t in text])
            if not fields:
                fh.write("{}\n" * table.num_rows)
                return
            fh.write("".join("{" + ", ".join(f) + "}\n" for f in zip(*fields, strict=True)))
            return
        import csv

        if self._csv_header is None:
            self._csv_header = table.schema.names
            csv.writer(fh).writerow(self._csv_header)
        cells: list[list[Any]] = []
        for name in self._csv_header:
            if name not in last:
                cells.append([None] * table.num_rows)
                continue
            column = table.column(last[name])
            t = column.type
            text = _json_texts(column) if _is_list(t) or pa.types.is_struct(t) else None
            if text is not None:  # lists and dicts as JSON, nulls as empty cells
                cells.append(text)
            elif _flat(t):
                cells.append(column.to_pylist())
            else:
                cells.append(
                    [
                        _JSON_CELL.encode(v) if isinstance(v, list | dict) else v
                        for v in column.to_pylist()
                    ]
                )
        csv.writer(fh).writerows(zip(*cells, strict=True))

    def _flush(self) -> None:
        if self._held:
            assert self._pq is not None
            self._pq.write_table(
                self._held[0] if len(self._held) == 1 else pa.concat_tables(self._held)
            )
        self._held, self._held_rows = [], 0

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
            self._flush()
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
        self._held, self._held_rows = [], 0
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


def _flat(t: pa.DataType) -> bool:
    """Whether values of ``t`` come to Python as scalars, never as lists or dicts."""
    return bool(
        pa.types.is_boolean(t)
        or pa.types.is_integer(t)
        or pa.types.is_floating(t)
        or pa.types.is_string(t)
        or pa.types.is_large_string(t)
        or pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_fixed_size_binary(t)
        or pa.types.is_temporal(t)
        or pa.types.is_decimal(t)
        or pa.types.is_null(t)
    )


def _is_list(t: pa.DataType) -> bool:
    return bool(pa.types.is_list(t) or pa.types.is_large_list(t))


def _json_texts(column: pa.Array | pa.ChunkedArray) -> list[str | None] | None:
    """Each value as ``json.dumps(value, ensure_ascii=False)`` writes it, None for a null.

    Built from the Arrow arrays a column at a time (strings, integers, floats, booleans and
    lists or structs of them), which on 20,000 hits is several times faster than encoding
    each row's Python objects. None when the column holds any other type.
    """
    if isinstance(column, pa.ChunkedArray):
        out: list[str | None] = []
        for chunk in column.chunks:
            part = _json_texts(chunk)
            if part is None:
                return None
            out += part
        return out
    t = column.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return [None if v is None else encode_basestring(v) for v in column.to_pylist()]
    if pa.types.is_integer(t):
        return [None if v is None else int.__repr__(v) for v in column.to_pylist()]
    if pa.types.is_float64(t) or pa.types.is_float32(t):
        words = _FLOAT_WORDS
        reprs = [None if v is None else float.__repr__(v) for v in column.to_pylist()]
        return [None if r is None else words.get(r, r) for r in reprs]
    if pa.types.is_boolean(t):
        return [None if v is None else "true" if v else "false" for v in column.to_pylist()]
    if _is_list(t):
        items = _json_texts(column.values)
        if items is None:
            return None
        inner = ["null" if x is None else x for x in items]
        offsets = column.offsets.to_pylist()
        out = ["[" + ", ".join(inner[a:b]) + "]" for a, b in pairwise(offsets)]
    elif pa.types.is_struct(t):
        names = [t.field(i).name for i in range(t.num_fields)]
        if not names or len(set(names)) < len(names):
            return None
        fields = []
        for i, name in enumerate(names):
            values = _json_texts(column.field(i))
            if values is None:
                return None
            key = encode_basestring(name) + ": "
            fields.append([key + ("null" if v is None else v) for v in values])
        out = ["{" + ", ".join(f) + "}" for f in zip(*fields, strict=True)]
    else:
        return None
    if column.null_count:
        valid = column.is_valid().to_pylist()
        out = [v if ok else None for v, ok in zip(out, valid, strict=True)]
    return out
