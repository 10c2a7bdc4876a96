"""The Spark engine gives the same hits as the local one (local[*], slow)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scanner import Scanner, Watchlist

pytest.importorskip("pyspark")
pytest.importorskip("pandas", reason="PySpark mapInArrow needs pandas (not yet a dependency)")
WL = (
    Path(__file__).resolve().parent.parent
    / "devset"
    / "watchlists"
    / "pilkada-kota-malang-2024.json"
)


@pytest.mark.slow
def test_spark_engine_matches_local_engine(tmp_path: Path) -> None:
    from scanner.spark import scan_file_spark

    wl = Watchlist.from_file(WL)
    texts = ["Ayo coblos nomor 2, Sam HC!", "hujan deras", "dukung WALI 01 menang", "halo rek"]
    src = tmp_path / "posts.parquet"
    pq.write_table(pa.table({"id": [str(i) for i in range(4)], "text": texts}), src)
    out = tmp_path / "hits.parquet"
    summary = scan_file_spark(wl, str(src), str(out))
    got = sorted(pq.read_table(out).column("id").to_pylist())
    local = Scanner(wl)
    want = sorted(str(i) for i, t in enumerate(texts) if local.scan_text(t).is_hit(0.5))
    assert got == want
    assert summary.posts == 4
