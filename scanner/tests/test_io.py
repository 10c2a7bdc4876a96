"""Reading posts and writing hits: what is read, skipped and written, in every format."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner import Scanner, Watchlist, scan_file, synth
from scanner import io as sio
from scanner.io import BadRow, ResultWriter, read_batches
from scanner.pipeline import _hits

WL_PATH = Path(__file__).resolve().parent.parent / "devset" / "watchlists"


@pytest.fixture(scope="module")
def malang() -> Watchlist:
    return Watchlist.from_file(WL_PATH / "pilkada-kota-malang-2024.json")


# --- reading ---------------------------------------------------------------------------


def one_call_per_batch(path: str, batch_size: int) -> Iterator[tuple[pa.RecordBatch, list]]:
    """Each batch the Parquet reader gives, checked on its own."""
    row = 0
    for raw in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield sio._validate(raw, row)
        row += raw.num_rows


def assert_reads_as_expected(path: str, batch_size: int) -> None:
    """Rows with an id and a text are kept in order; the others are reported by row number."""
    table = pq.read_table(path)
    ids = pc.cast(table.column("id"), pa.string()).to_pylist()
    texts = table.column("text").to_pylist()
    want_bad = [
        BadRow(i + 1, "missing id" if not x else "missing text")
        for i, (x, t) in enumerate(zip(ids, texts, strict=True))
        if not x or not t
    ]
    keep = [i for i, (x, t) in enumerate(zip(ids, texts, strict=True)) if x and t]
    batches = list(read_batches(path, batch_size))
    assert [b for _, bad in batches for b in bad] == want_bad
    assert sum(b.num_rows for b, _ in batches) == len(keep)
    assert all(b.num_rows <= batch_size for b, _ in batches)
    if batches:
        got = pa.Table.from_batches([b for b, _ in batches])
        assert got.to_pylist() == table.take(pa.array(keep, pa.int64())).to_pylist()


maybe_text = st.one_of(st.none(), st.just(""), st.text(max_size=30))


@st.composite
def posts_tables(draw: st.DrawFn) -> pa.Table:
    n = draw(st.integers(0, 200))
    ids = draw(
        st.lists(
            st.one_of(st.none(), st.just(""), st.text(min_size=1, max_size=8)),
            min_size=n,
            max_size=n,
        )
    )
    texts = draw(st.lists(maybe_text, min_size=n, max_size=n))
    cols: dict[str, pa.Array] = {
        "id": pa.array(ids, pa.string()),
        "text": pa.array(texts, pa.string()),
    }
    if draw(st.booleans()):
        likes = draw(st.lists(st.one_of(st.none(), st.integers(-5, 5)), min_size=n, max_size=n))
        cols["likes"] = pa.array(likes, pa.int64())
    if draw(st.booleans()):
        platform = draw(st.lists(st.sampled_from(["x", "fb", "tiktok"]), min_size=n, max_size=n))
        cols["platform"] = pa.array(platform).dictionary_encode()
    if draw(st.booleans()):
        tags = draw(
            st.lists(
                st.one_of(st.none(), st.lists(st.text(max_size=3), max_size=3)),
                min_size=n,
                max_size=n,
            )
        )
        cols["tags"] = pa.array(tags, pa.list_(pa.string()))
    return pa.table(cols)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=posts_tables(), row_group=st.integers(8, 250), batch_size=st.integers(1, 400))
def test_parquet_rows_are_kept_or_reported(
    table: pa.Table, row_group: int, batch_size: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "posts.parquet")
        pq.write_table(table, path, row_group_size=row_group, compression="lz4")
        assert_reads_as_expected(path, batch_size)


@pytest.mark.parametrize("seed", [3, 11])
def test_synthetic_posts_are_read_whole(tmp_path: Path, seed: int) -> None:
    table, _ = synth.posts(5000, synth.watchlist(3), seed=seed)
    path = str(tmp_path / "posts.parquet")
    pq.write_table(table, path, compression="lz4", use_dictionary=["platform"], row_group_size=1700)
    for batch_size in (999, 4096, 65_536):
        assert_reads_as_expected(path, batch_size)


def test_every_batch_but_the_last_is_full(tmp_path: Path) -> None:
    n = 10_000
    table = pa.table(
        {"id": [f"p{i}" for i in range(n)], "text": ["kata " * (i % 40) + "x" for i in range(n)]}
    )
    path = str(tmp_path / "posts.parquet")
    pq.write_table(table, path, row_group_size=777)
    sizes = [b.num_rows for b, _ in read_batches(path, 3000)]
    assert sizes == [3000, 3000, 3000, 1000]


def test_parquet_bad_rows_are_reported_by_row_number(tmp_path: Path) -> None:
    ids: list[str | None] = [f"p{i}" for i in range(1, 5001)]
    texts: list[str | None] = [f"post {i}" for i in range(1, 5001)]
    ids[0] = None  # row 1
    texts[1] = ""  # row 2
    ids[2999] = ""  # row 3000, at the end of the first batch
    texts[3000] = None  # row 3001, at the start of the second
    texts[4999] = None  # the last row
    path = str(tmp_path / "posts.parquet")
    pq.write_table(pa.table({"id": ids, "text": texts}), path, row_group_size=1234)
    batches = list(read_batches(path, 3000))
    bad = [b for _, rows in batches for b in rows]
    assert bad == [
        BadRow(1, "missing id"),
        BadRow(2, "missing text"),
        BadRow(3000, "missing id"),
        BadRow(3001, "missing text"),
        BadRow(5000, "missing text"),
    ]
    kept = [i for b, _ in batches for i in b.column("id").to_pylist()]
    assert len(kept) == 4995
    assert {"p3", "p4999"} <= set(kept)
    assert "p3001" not in kept


def test_empty_parquet_file_gives_no_batches(tmp_path: Path) -> None:
    path = str(tmp_path / "posts.parquet")
    pq.write_table(
        pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), path
    )
    assert list(read_batches(path)) == []


def test_parquet_ids_that_are_numbers_are_read_as_text(tmp_path: Path) -> None:
    path = str(tmp_path / "posts.parquet")
    pq.write_table(pa.table({"id": [7, None, 9], "text": ["a", "b", None]}), path)
    [(batch, bad)] = list(read_batches(path))
    assert batch.column("id").to_pylist() == ["7"]
    assert bad == [BadRow(2, "missing id"), BadRow(3, "missing text")]


def test_jsonl_bad_rows_are_reported_by_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [
        json.dumps({"id": "1", "text": "a"}),
        "{broken",
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "5", "text": ""}),
        json.dumps({"id": None, "text": "b"}),
        json.dumps({"id": 7, "text": "c", "likes": 3}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = list(read_batches(str(path), 2))
    bad = sorted((b for _, rows in batches for b in rows), key=lambda b: b.row)
    assert bad == [
        BadRow(2, "invalid JSON: Expecting property name enclosed in double quotes"),
        BadRow(4, "not a JSON object"),
        BadRow(5, "missing text"),
        BadRow(6, "missing id"),
    ]
    kept = [i for b, _ in batches for i in b.column("id").to_pylist()]
    assert kept == ["1", "7"]
    assert all("__row" not in b.schema.names for b, _ in batches)


def test_csv_bad_rows_are_reported_by_data_row(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text('id,text\n1,halo\n2,\n,tanpa id\n4,"dua\nbaris"\n5,ok\n', encoding="utf-8")
    [(batch, bad)] = list(read_batches(str(path)))
    assert bad == [BadRow(2, "missing text"), BadRow(3, "missing id")]
    assert batch.column("text").to_pylist() == ["halo", "dua\nbaris", "ok"]


def test_csv_rows_after_malformed_ones_keep_their_numbers(tmp_path: Path) -> None:
    """A malformed row is reported by its own number, and the rows after it keep theirs,
    across read blocks and records spread over lines by quoted newlines."""
    lines = ["id,text"]
    expected: list[BadRow] = []
    kept: list[str] = []
    for row in range(1, 40_001):
        if row % 997 == 0:
            lines.append(f"{row},koma,lebih")
            expected.append(BadRow(row, f"malformed CSV row: '{row},koma,lebih'"))
        elif row % 1_009 == 0:
            lines.append(f"{row},")
            expected.append(BadRow(row, "missing text"))
        elif row % 13 == 0:
            lines.append(f'{row},"baris\nkedua {"x" * 40}"')
            kept.append(str(row))
        else:
            lines.append(f"{row},pesan biasa nomor {row} {'y' * 40}")
            kept.append(str(row))
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = list(read_batches(str(path), 1_000))
    assert len(batches) > 1  # the file spans several read blocks (of 1 MB at least)
    bad = [b for _, rows in batches for b in rows]
    assert sorted(bad, key=lambda b: b.row) == expected
    assert [i for b, _ in batches for i in b.column("id").to_pylist()] == kept
    assert all("__row" not in b.schema.names for b, _ in batches)


# --- writing ---------------------------------------------------------------------------


def reference_text(tables: list[pa.Table], fmt: str) -> str:
    """CSV or JSONL as written row by row before (to_pylist, json.dumps per row or cell)."""
    out = io.StringIO(newline="")
    header: list[str] | None = None
    for table in tables:
        rows = table.to_pylist()
        if fmt == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
            continue
        if header is None:
            header = table.schema.names
            csv.writer(out).writerow(header)
        w = csv.writer(out)
        for r in rows:
            w.writerow(
                [
                    json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                    for v in (r.get(k) for k in header)
                ]
            )
    return out.getvalue()


def written(tables: list[pa.Table], path: Path, schema: pa.Schema | None = None) -> None:
    with ResultWriter(str(path)) as w:
        for t in tables:
            w.write(t)
        w.close(schema)
    assert w.rows == sum(t.num_rows for t in tables)


def hits_of(malang: Watchlist, texts: list[str]) -> pa.Table:
    batch = pa.record_batch(
        {
            "id": [f"p{i}" for i in range(len(texts))],
            "text": texts,
            "platform": [["x", "fb", None][i % 3] for i in range(len(texts))],
        }
    )
    return Scanner(malang).scan_batch(batch, all_rows=True)


ODD = pa.table(
    {
        "id": ["a", "b", None],
        "score": [0.1, None, float("nan")],
        "spans": pa.array([[{"s": 1, "t": 'x"y'}], [], None]),
        "when": pa.array([datetime.datetime(2024, 1, 1, 12), None, datetime.datetime(2025, 2, 2)]),
        "amount": pa.array([decimal.Decimal("1.50"), None, decimal.Decimal("-3")]),
        "attrs": pa.array([[("k", 1)], None, []], pa.map_(pa.string(), pa.int64())),
        "platform": pa.array(["p", "q", "p"]).dictionary_encode(),
        "raw": pa.array([b"\x00\xff", None, b"ok"]),
        "flag": [True, None, False],
        "text": ['ünï,cøde\n"kutip"', "", "tab\there\r\n"],
    }
)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_output_is_byte_for_byte_what_it_was(
    tmp_path: Path, malang: Watchlist, fmt: str
) -> None:
    hits = hits_of(malang, ["Ayo coblos 01 WALI!", "makan bakso", "pilih nomor 2, Sam HC!", ""])
    dup = pa.Table.from_arrays(
        [pa.array([1, 2]), pa.array(["x", "y"]), pa.array([[1], None])], names=["a", "a", "l"]
    )
    other = pa.table({"id": ["c"], "extra": [[1, 2]], "text": ["z"]})  # a later JSONL batch
    for tables in ([hits, hits.slice(1)], [ODD, ODD.slice(2), other], [dup], [hits.slice(0, 0)]):
        out = tmp_path / f"out.{fmt}"
        written(tables, out)
        assert out.read_bytes() == reference_text(tables, fmt).encode("utf-8")


spans = st.lists(
    st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {
                "start": st.one_of(st.none(), st.integers(0, 99)),
                "term": st.one_of(st.none(), st.text(max_size=6)),
                "ok": st.one_of(st.none(), st.booleans()),
                "weight": st.floats(width=32),
            }
        ),
    ),
    max_size=3,
)


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.text(min_size=1, max_size=5),
                "score": st.one_of(st.none(), st.floats()),
                "reasons": st.one_of(st.none(), st.lists(st.text(max_size=6), max_size=3)),
                "spans": st.one_of(st.none(), spans),
                "grid": st.lists(
                    st.one_of(st.none(), st.lists(st.integers(-(2**63), 2**63 - 1), max_size=2))
                ),
                "note": st.one_of(st.none(), st.text(max_size=20)),
                "n": st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)),
                "flag": st.one_of(st.none(), st.booleans()),
            }
        ),
        max_size=40,
    ),
    split=st.integers(0, 40),
)
def test_text_output_matches_row_by_row_writing(rows: list[dict[str, Any]], split: int) -> None:
    table = pa.Table.from_pylist(rows) if rows else pa.table({"id": pa.array([], pa.string())})
    tables = [table.slice(0, split), table.slice(split)]
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("csv", "jsonl"):
            out = Path(tmp) / f"out.{fmt}"
            written(tables, out)
            assert out.read_bytes() == reference_text(tables, fmt).encode("utf-8")


def reference_parquet(tables: list[pa.Table], path: Path) -> pa.Table:
    """What the file read back as when each table was written as its own row group."""
    with pq.ParquetWriter(str(path), tables[0].schema, compression="snappy") as w:
        for t in tables:
            w.write_table(t.cast(tables[0].schema))
    return pq.read_table(path)


def test_parquet_output_holds_the_same_table(tmp_path: Path, malang: Watchlist) -> None:
    hits = hits_of(malang, ["Ayo coblos 01 WALI!", "makan bakso", "pilih nomor 2, Sam HC!"] * 50)
    out = tmp_path / "hits.parquet"
    for tables in (
        [hits.slice(i, 7) for i in range(0, hits.num_rows, 7)],
        [ODD, ODD.slice(0, 0), ODD.slice(1)],
    ):
        written(tables, out)
        got = pq.read_table(out)
        want = reference_parquet(tables, tmp_path / "want.parquet")
        assert got.schema.equals(want.schema, check_metadata=True)
        assert repr(got.to_pylist()) == repr(want.to_pylist())  # NaN scores compare too
    assert pq.read_table(out, columns=["text"]).column(0).to_pylist()[0] == ODD["text"][0].as_py()


def test_parquet_output_is_cut_into_row_groups_of_bounded_size(tmp_path: Path) -> None:
    table = pa.table({"id": [str(i) for i in range(1000)], "score": [0.5] * 1000})
    out = tmp_path / "hits.parquet"
    with mock.patch.object(sio, "_ROW_GROUP_ROWS", 300):
        written([table.slice(i, 100) for i in range(0, 1000, 100)], out)
    meta = pq.ParquetFile(out).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [300, 300, 300, 100]
    assert pq.read_table(out).equals(table)


def test_parquet_batches_with_another_schema_are_cast(tmp_path: Path) -> None:
    first = pa.table({"id": ["a"], "n": pa.array([1], pa.int64())})
    later = pa.table({"id": ["b"], "n": pa.array([2], pa.int32())})
    out = tmp_path / "hits.parquet"
    written([first, later], out)
    assert pq.read_table(out).equals(
        pa.table({"id": ["a", "b"], "n": pa.array([1, 2], pa.int64())})
    )


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_no_hits_still_gives_a_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"hits.{fmt}"
    schema = pa.schema([("id", pa.string()), ("score", pa.float64())])
    written([], out, schema)
    if fmt == "parquet":
        assert pq.read_table(out).schema.equals(schema)
        assert pq.read_table(out).num_rows == 0
    else:
        assert out.read_text(encoding="utf-8") == ""
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def write_then_fail(path: str, table: pa.Table) -> None:
    with ResultWriter(path) as w:
        w.write(table)
        w.write(table)
        raise RuntimeError("stopped")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_failed_write_leaves_no_file(tmp_path: Path, fmt: str) -> None:
    table = pa.table({"id": ["a", "b"], "score": [0.9, 0.7]})
    with pytest.raises(RuntimeError, match="stopped"):
        write_then_fail(str(tmp_path / f"hits.{fmt}"), table)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_interrupted_scan_leaves_no_output_in_any_format(
    tmp_path: Path, malang: Watchlist, fmt: str
) -> None:
    src = tmp_path / "posts.parquet"
    pq.write_table(
        pa.table({"id": ["a", "b"], "text": ["coblos 3 ABADI", "Ayo coblos 01 WALI!"]}), src
    )
    out = tmp_path / f"hits.{fmt}"
    seen = []

    def boom(posts: int, hits: int) -> None:
        seen.append(hits)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_file(malang, str(src), str(out), batch_size=1, progress=boom)
    assert seen[0] > 0  # a batch of hits was handed to the writer first
    assert list(tmp_path.iterdir()) == [src]


# --- end to end ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [5, 23])
def test_scan_file_writes_what_scanning_each_batch_gives(tmp_path: Path, seed: int) -> None:
    doc = synth.watchlist(3)
    watchlist = Watchlist.from_json(doc)
    table, _ = synth.posts(6000, doc, seed=seed)
    ids = table.column("id").to_pylist()
    texts = table.column("text").to_pylist()
    for i in range(0, 6000, 97):
        ids[i] = None if i % 2 else ""
    for i in range(31, 6000, 211):
        texts[i] = None if i % 2 else ""
    table = table.set_column(0, "id", pa.array(ids, pa.string()))
    table = table.set_column(1, "text", pa.array(texts, pa.string()))
    src = tmp_path / "posts.parquet"
    pq.write_table(table, src, compression="lz4", use_dictionary=["platform"], row_group_size=2500)

    scanner = Scanner(watchlist)
    want_bad: list[dict[str, object]] = []
    parts = []
    for good, bad in one_call_per_batch(str(src), 1000):
        want_bad += [{"row": b.row, "reason": b.reason} for b in bad]
        hits = scanner.scan_batch(good)
        if hits.num_rows:
            parts.append(hits)
    want = pa.concat_tables(parts)

    for fmt in ("parquet", "jsonl", "csv"):
        out = tmp_path / f"hits.{fmt}"
        summary = scan_file(watchlist, str(src), str(out), batch_size=1000)
        assert summary.posts == 6000 - len(want_bad)
        assert summary.hits == want.num_rows > 0
        assert summary.skipped == len(want_bad)
        assert summary.skipped_rows == want_bad
        if fmt == "parquet":
            assert pq.read_table(out).equals(want)
        else:
            assert out.read_bytes() == reference_text(parts, fmt).encode("utf-8")


def test_every_row_output_counts_hits_by_threshold() -> None:
    table = pa.table({"score": pa.array([0.5, 0.49, None, float("nan"), 1.0, 0.0])})
    assert _hits(table, 0.5) == 2
    assert _hits(table.slice(0, 0), 0.5) == 0
    chunked = pa.concat_tables([table, table])
    assert _hits(chunked, 0.0) == 8


def test_scan_of_every_row_reports_hits_over_threshold(tmp_path: Path, malang: Watchlist) -> None:
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,text\n1,Ayo coblos 01 WALI!\n2,makan bakso\n3,pilih nomor 2 Sam HC\n", encoding="utf-8"
    )
    out = tmp_path / "all.parquet"
    summary = scan_file(malang, str(src), str(out), all_rows=True)
    scores = pq.read_table(out).column("score").to_pylist()
    assert len(scores) == 3
    assert summary.hits == sum(1 for s in scores if s is not None and s >= 0.5)
