"""The batch scorer gives every post the verdict `scan_text` gives it, to the last bit.

`BatchScorer` re-expresses `Matcher.find`, `find_ballots` and `score_matches` as array
operations over a whole batch; these tests hold it to the one-by-one path on the
development set, on synthetic batches and on generated posts built from the pieces that
steer the rules (names in and out of hashtags, ballot phrases, negators, reporters,
punctuation, capitals, links, mentions and characters outside ASCII).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner import Scanner, Watchlist, synth
from scanner.batch import _codepoints, _slices
from scanner.normalise import normalise

DEVSET = Path(__file__).resolve().parent.parent / "devset"


def verdicts(scanner: Scanner, texts: list[str]) -> tuple[list[tuple[object, ...]], int]:
    """(score, candidates, reasons, spans) of every post by the batch path, and how many
    posts it left to the one-by-one path (their verdicts come from `scan_text`)."""
    # each post normalised as `scan_text` does it, then scored as one batch
    norms = [normalise(t, expand_slang=False) for t in texts]
    res = scanner.batch.score_texts(
        texts,
        [n.text for n in norms],
        [n.offsets for n in norms],
        scanner.threshold,
        all_rows=True,
    )
    out: list[tuple[object, ...] | None] = [None] * len(texts)
    for k, (i, cands, reasons, spans) in enumerate(
        zip(
            res.rows.tolist(),
            res.candidates.to_pylist(),
            res.reasons.to_pylist(),
            res.spans.to_pylist(),
            strict=True,
        )
    ):
        out[i] = (float(res.score[k]), cands, reasons, spans)
    for i in res.one_by_one.tolist():
        r = scanner.scan_text(texts[i])
        out[i] = (r.score, r.candidates, r.reasons, r.spans)
    assert all(v is not None for v in out), "every post gets a verdict"
    return [v for v in out if v is not None], len(res.one_by_one)


def one_by_one(scanner: Scanner, texts: list[str]) -> list[tuple[object, ...]]:
    return [
        (r.score, r.candidates, r.reasons, r.spans) for r in (scanner.scan_text(t) for t in texts)
    ]


def assert_same(scanner: Scanner, texts: list[str]) -> int:
    got, left = verdicts(scanner, texts)
    want = one_by_one(scanner, texts)
    for text, g, w in zip(texts, got, want, strict=True):
        assert g == w, text
    return left


def devset() -> dict[str, list[str]]:
    by_watchlist: dict[str, list[str]] = defaultdict(list)
    with (DEVSET / "posts.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_watchlist[row["watchlist"]].append(row["text"])
    return by_watchlist


def _as_posted(text: str) -> str:
    return text


_AS_POSTED = _as_posted


@pytest.mark.parametrize("name", sorted(devset()))
@pytest.mark.parametrize(
    "variant",
    [
        _as_posted,
        str.upper,
        lambda t: t.replace(" ", "  "),
        lambda t: "#" + t.replace(" ", ""),  # everything inside one hashtag
        lambda t: t.replace(" ", "\n"),
    ],
    ids=["as-posted", "capitals", "double-spaced", "one-hashtag", "one-word-a-line"],
)
def test_development_set_verdicts_are_identical(name: str, variant: object) -> None:
    scanner = Scanner(Watchlist.from_file(DEVSET / "watchlists" / f"{name}.json"))
    texts = [variant(t) for t in devset()[name]]  # type: ignore[operator]
    left = assert_same(scanner, texts)
    if variant is _AS_POSTED:
        assert left <= len(texts) // 20, "nearly every post is scored as a batch"


@pytest.fixture(scope="module")
def synthetic() -> tuple[Scanner, dict[str, object]]:
    doc = synth.watchlist(6)
    return Scanner(Watchlist.from_json(doc)), doc


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_batches_are_identical(
    synthetic: tuple[Scanner, dict[str, object]], seed: int
) -> None:
    scanner, doc = synthetic
    table, labels = synth.posts(3000, doc, seed=seed)
    texts = table.column("text").to_pylist()
    assert any(labels)
    assert assert_same(scanner, texts) == 0


def test_scan_batch_matches_the_one_by_one_engine(
    synthetic: tuple[Scanner, dict[str, object]],
) -> None:
    scanner, doc = synthetic
    table, _ = synth.posts(4000, doc, seed=9)
    batch = table.to_batches()[0]
    slow = Scanner(scanner.watchlist)
    slow.batch.enabled = False
    for all_rows in (False, True):
        fast_table = scanner.scan_batch(batch, all_rows=all_rows)
        slow_table = slow.scan_batch(batch, all_rows=all_rows)
        assert fast_table.num_rows > 0
        assert fast_table.equals(slow_table)


def test_large_ballot_numbers_fall_back_to_one_by_one() -> None:
    doc = {
        "election": "pileg-2029",
        "candidates": [
            {"number": 70, "names": ["Budi Santosa"]},
            {"number": 3, "names": ["Sari Wulandari"]},
        ],
    }
    scanner = Scanner(Watchlist.from_json(doc))
    assert not scanner.batch.enabled
    texts = ["Ayo pilih nomor 70 Budi Santosa!", "coblos 03 Sari Wulandari", "makan siang"]
    batch = pa.RecordBatch.from_pydict({"id": ["a", "b", "c"], "text": texts})
    hits = scanner.scan_batch(batch).to_pylist()
    assert [h["id"] for h in hits] == ["a", "b"]
    assert hits[0]["candidates"] == [70]


# -- generated posts -----------------------------------------------------------------------
_PIECES = [
    "Wahyu Hidayat",
    "wahyu",
    "WAHYU",
    "Ali Muthohirin",
    "WALI",
    "Abah Anton",
    "abah anton",
    "Sam HC",
    "HC",
    "Heri Cahyono",
    "#MalangBerkelas",
    "#malangberkelas",
    "#WaliWahyuAli",
    "#wahyuali",
    "PKB",
    "Gerindra",
    "coblos",
    "c0bl0s",
    "COBLOSSS",
    "nomor",
    "nomer siji",
    "no.",
    "paslon",
    "urut",
    "01",
    "1",
    "2",
    "03",
    "3️⃣",
    "#02",
    "O1",
    "99",
    "1.5",
    "08.00",
    "2x",
    "٣",
    "menang",
    "pasti menang",
    "aja",
    "lanjutkan",
    "wali kota",
    "dukung",
    "mendukung",
    "pilih",
    "tidak",
    "gak",
    "jangan",
    "tolak",
    "yang",
    "yg",
    "mereka",
    "kata",
    "menurut",
    "netral",
    "katanya",
    "?",
    "!",
    ",",
    ".",
    " - ",
    ": ",
    "\n",
    "@abah_anton",
    "https://t.co/x3c1aB",
    "🔥",
    "İstanbul",
    "ÉLU",
    "bakso",
    "hari ini",
    "menaaang",
    "d u k u n g",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map(
            lambda parts: " ".join(parts)
        ),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(["", " ", "#", "-", "."]), min_size=12, max_size=12),
)
def test_generated_posts_are_identical(posts: list[str], glue: list[str]) -> None:
    scanner = _malang()
    # some pieces glued together ("#wahyuali2", "coblos01") as people type them
    texts = [p.replace(" ", glue[i % len(glue)], i % 3) for i, p in enumerate(posts)]
    assert_same(scanner, texts)


_SCANNER: list[Scanner] = []


def _malang() -> Scanner:
    if not _SCANNER:
        _SCANNER.append(
            Scanner(Watchlist.from_file(DEVSET / "watchlists" / "pilkada-kota-malang-2024.json"))
        )
    return _SCANNER[0]


def test_batch_of_nothing() -> None:
    res = _malang().batch.score_texts([], [], [], 0.5, all_rows=True)
    assert len(res.rows) == 0
    assert len(res.spans) == 0
    assert len(res.one_by_one) == 0
    assert np.asarray(res.score).size == 0


def test_reach_of_negators_and_reporters_is_the_same() -> None:
    """Edges of the windows: a negator 13, 14 or 15 characters before the verb, a
    reporting word cut by the 14-character window, blanks of every kind between."""
    scanner = _malang()
    texts = ["dukung Wahyu Hidayat", "yang dukung Wahyu Hidayat"]  # first of the batch
    for gap in range(0, 16):
        for blank in (" ", "\t", "\u00a0", "\n"):
            word = "sbdfhkmprtvz"[: max(gap - 2, 0)]  # no letter repeated: nothing to fold
            filler = blank + word + blank if gap >= 2 else blank * max(gap, 1)
            texts.append(f"tidak{filler}dukung Wahyu Hidayat coblos 01")
            texts.append(f"yang{filler}dukung Wahyu Hidayat")
            texts.append(f"pendukung{blank * gap}dukung Wahyu Hidayat")
            texts.append(f"kata mereka{blank * gap}dukung Wahyu Hidayat")
            texts.append(f"mereka{filler},dukung Wahyu Hidayat")
    assert assert_same(scanner, texts) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=90),
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=12),
)
def test_slices_of_the_batch_text_are_cut_exactly(text: str, bounds: list[tuple[int, int]]) -> None:
    """Ballot phrases are cut out of the joined text with numpy: the same strings as
    Python's slicing, whatever the characters (NULs, emoji) and lengths."""
    pairs = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in bounds]
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    got = _slices(text, _codepoints(text), a, b).to_pylist()
    assert got == [text[i:j] for i, j in pairs]
