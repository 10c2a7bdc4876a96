"""The prefilter never hides a post the careful path would flag."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from scanner import Scanner, Watchlist, synth
from scanner.prefilter import _SPACED, Prefilter, _blank_between

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


def test_blanks_between_link_and_disguise_are_found_at_any_distance() -> None:
    rng = random.Random(9)
    data = "".join(rng.choice("ab \n3") if rng.random() < 0.05 else "x" for _ in range(5000))
    raw = data.encode()
    starts = np.array([rng.randrange(0, 5000) for _ in range(3000)], dtype=np.int64)
    ends = starts + np.array([rng.choice([0, 1, 5, 31, 32, 33, 90]) for _ in starts])
    ends = np.minimum(ends, len(raw))
    got = _blank_between(memoryview(raw), starts, ends)
    for a, b, g in zip(starts.tolist(), ends.tolist(), got.tolist(), strict=True):
        assert g == any(c in b" \t\n\r" for c in raw[a:b]), (a, b)


def test_leetspeak_inside_a_link_is_not_a_disguise_but_after_it_is() -> None:
    sc = Scanner(Watchlist.from_json({"candidates": [{"number": 7, "names": ["Joko Widodo"]}]}))
    slug = "q" * 40
    texts = [
        f"lihat https://t.co/{slug}x3cq",  # a long slug that looks like leetspeak
        f"lihat https://t.co/{slug} lalu k3ren",  # leetspeak past the link
        "lihat https://t.co/x3c1aB",
        "https://t.co/abc j0k0w1 lho",
    ]
    flagged, _ = sc.prefilter.scan(pa.array(texts))
    assert flagged.tolist() == [False, True, False, True]
