"""The prefilter never hides a post the careful path would flag."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pyarrow as pa
import pytest

from scanner import Scanner, Watchlist, synth
from scanner.prefilter import _SPACED, Prefilter

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


def test_spaced_letters_are_found_in_two_steps_exactly_as_in_one() -> None:
    """Spaced letters ("c o b l o s") are looked for through literals first; the rows
    flagged must be exactly those where the spaced-letter pattern (or elongation, the
    only other disguise these letters can form) matches, wherever the row sits."""
    sc = Scanner(Watchlist.from_json({"candidates": [{"number": 7, "names": ["Joko Widodo"]}]}))
    spaced = re.compile(_SPACED, re.MULTILINE | re.ASCII)
    elongated = re.compile("aaa|bbb", re.IGNORECASE)
    rng = random.Random(5)
    texts = [
        "".join(rng.choice("aAb .-_\n\t") for _ in range(rng.randint(0, 12))) for _ in range(6000)
    ]
    for size in (1, 3, 6000):  # small batches put many rows at the start of a buffer
        for i in range(0, len(texts), size):
            chunk = texts[i : i + size]
            flagged, _ = sc.prefilter.scan(pa.array(chunk))
            for text, got in zip(chunk, flagged.tolist(), strict=True):
                want = bool(spaced.search(text) or elongated.search(text))
                assert got == want, repr(text)
