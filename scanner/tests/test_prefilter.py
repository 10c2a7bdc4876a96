"""The prefilter never hides a post the careful path would flag."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from scanner import Scanner, Watchlist, synth
from scanner.prefilter import Prefilter

DEVSET = Path(__file__).resolve().parent.parent / "devset"


def _devset() -> list[tuple[str, str]]:
    with open(DEVSET / "posts.csv", newline="", encoding="utf-8") as fh:
        return [(r["watchlist"], r["text"]) for r in csv.DictReader(fh)]


@pytest.mark.parametrize("engine", ["hyperscan", "re2"])
def test_every_hit_of_the_devset_passes_the_prefilter(engine: str) -> None:
    rows = _devset()
    for name in {w for w, _ in rows}:
        sc = Scanner(Watchlist.from_file(DEVSET / "watchlists" / f"{name}.json"))
        if engine == "re2":
            sc.prefilter._db = None
        texts = [t for w, t in rows if w == name]
        flagged, _rare = sc.prefilter.scan(pa.array(texts))
        for text, passed in zip(texts, flagged, strict=True):
            if sc.scan_text(text).is_hit(0.5):
                assert passed, text


def test_hyperscan_and_re2_flag_the_same_synthetic_posts() -> None:
    doc = synth.watchlist(5)
    sc = Scanner(Watchlist.from_json(doc))
    table, _ = synth.posts(5_000, doc, seed=3)
    hs, hs_rare = sc.prefilter.scan(table.column("text"))
    plain = Prefilter(sc.matcher)
    plain._db = None
    re2, _ = plain.scan(table.column("text"))
    assert (hs >= re2).all()
    assert hs.sum() <= re2.sum() * 1.05 + 5
    assert hs_rare.any()
