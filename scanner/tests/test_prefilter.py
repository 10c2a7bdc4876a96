"""The prefilter never hides a post the careful path would flag."""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path
from unittest import mock

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner import Scanner, Watchlist, synth
from scanner.lexicon import NUMBER_WORDS
from scanner.normalise import RARE
from scanner.patterns import AFTER_WORDS, BETWEEN, CALL_CUES, GLUED, REF_CUES
from scanner.prefilter import _DIGIT_LIMIT, _SPACED, Prefilter, _blank_between

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


# -- rows that touch: the batch is scanned in place, with nothing between rows ------------

_PILPRES = DEVSET / "watchlists" / "pilpres-2024.json"
# signals of every kind, each as it may open or close a post
_SIGNALS = [
    "prabowo",  # a watchlist term
    "coblos 02",  # a ballot call
    "nomor dua",
    "no.3",
    "2 menang",
    "01 jaya",
    "#2",
    "O1",
    "01",
    "3\u20e3",  # keycap
    "menaaang",  # elongation
    "pr4b0wo",  # leetspeak inside a word
    "jokow1",  # leetspeak ending a word
    "c o b l o s",  # spaced letters
    "c.o.b",
    "\U0001d40f\U0001d42b",  # fancy letters
    "\uff50\uff52\uff41",  # full-width letters
    "://pr4b0wo",  # leetspeak that a link start in the row before must not hide
    ".jokow1",
]
# what may stand next to a signal, inside its row or in the neighbouring row
_NEIGHBOURS = [
    *("", "a", "x1", "9", "_", ".", " ", "\n", "é", "🙏", "#", "/", "o", "0"),
    *("https://t.co/x", "http", "https", "www", "ww"),
]


def _padded(texts: list[str]) -> list[str]:
    """Each row between newlines: how a row was seen when the batch was joined."""
    return ["\n" + t + "\n" for t in texts]


def _row_alone(sc: Scanner, texts: list[str]) -> list[bool]:
    """Flags of each row scanned between newlines; the same as RE2's, which runs the
    prefilter's expressions row by row, for rows without links (RE2 drops links first)."""
    alone = [bool(sc.prefilter.scan(pa.array([t]))[0][0]) for t in _padded(texts)]
    plain = Prefilter(sc.matcher)
    plain._db = None
    re2 = plain.scan(pa.array(texts))[0].tolist()
    for text, hs, rx in zip(texts, alone, re2, strict=True):
        assert hs == rx or "http" in text or "www." in text, repr(text)
    return alone


def test_a_signal_at_the_edge_of_a_row_is_found_whatever_touches_it() -> None:
    sc = Scanner(Watchlist.from_file(_PILPRES))
    texts = []
    for sig in _SIGNALS:
        for nb in _NEIGHBOURS:
            texts += [sig, sig + " " + nb, nb + " " + sig, nb + sig, sig + nb]
    alone = _row_alone(sc, texts)
    assert sum(alone) > len(texts) // 3
    rng = random.Random(1)
    for trial in range(30):
        order = list(range(len(texts)))
        rng.shuffle(order)
        # neighbours that end or start with word characters, digits, "." and the like
        batch = []
        for i in order:
            batch += [rng.choice(_NEIGHBOURS) + rng.choice(_NEIGHBOURS), texts[i]]
        flagged = sc.prefilter.scan(pa.array(batch))[0]
        for k, i in enumerate(order):
            if alone[i]:
                assert flagged[2 * k + 1], (trial, repr(texts[i]), repr(batch[2 * k]))


def test_signals_at_the_start_and_end_of_a_batch_and_in_tiny_rows() -> None:
    sc = Scanner(Watchlist.from_file(_PILPRES))
    for sig in _SIGNALS:
        for batch in (
            [sig],
            [sig, "x"],
            ["x", sig],
            ["", sig, ""],
            ["a", "", "b", sig + "x1", "é" * 3 + sig],
            ["", "", ""],
            ["a", "b", "1"],
        ):
            want = _row_alone(sc, batch)
            got = sc.prefilter.scan(pa.array(batch))[0].tolist()
            assert all(g >= w for g, w in zip(got, want, strict=True)), batch
            assert [g for g, t in zip(got, batch, strict=True) if len(t) <= 1] == [
                False for t in batch if len(t) <= 1
            ]


def test_sliced_chunked_and_large_string_arrays_give_the_same_rows() -> None:
    sc = Scanner(Watchlist.from_file(_PILPRES))
    rng = random.Random(4)
    texts = [
        rng.choice(_NEIGHBOURS) + rng.choice(_SIGNALS + _NEIGHBOURS) + rng.choice(_NEIGHBOURS)
        for _ in range(3000)
    ]
    whole, whole_rare = sc.prefilter.scan(pa.array(texts))
    assert (whole >= np.array(_row_alone(sc, texts))).all()
    arr = pa.array(texts)
    for lo, hi in ((1, 2999), (17, 18), (500, 2100), (2999, 3000)):
        part, part_rare = sc.prefilter.scan(arr.slice(lo, hi - lo))
        assert part.tolist() == whole[lo:hi].tolist()
        assert part_rare.tolist() == whole_rare[lo:hi].tolist()
    # scanned some rows at a time, the edges of those runs falling anywhere
    with mock.patch("scanner.prefilter._ROWS_AT_ONCE", 97):
        small, small_rare = sc.prefilter.scan(arr)
    assert small.tolist() == whole.tolist()
    assert small_rare.tolist() == whole_rare.tolist()
    chunked = pa.chunked_array([arr.slice(0, 1000), arr.slice(1000, 1), arr.slice(1001)])
    got, got_rare = sc.prefilter.scan(chunked)
    assert got.tolist() == whole.tolist()
    assert got_rare.tolist() == whole_rare.tolist()
    empty = sc.prefilter.scan(pa.chunked_array([], pa.string()))
    assert len(empty[0]) == len(empty[1]) == 0
    large, _ = sc.prefilter.scan(pa.array(texts, pa.large_string()))
    assert large.tolist() == whole.tolist()
    with_nulls = pa.array([None, *texts[:50], None])
    nulls, _ = sc.prefilter.scan(with_nulls)
    assert nulls.tolist() == [False, *whole[:50].tolist(), False]


def test_rows_are_flagged_exactly_as_when_each_stands_alone_on_synthetic_posts() -> None:
    """Rows scanned where they lie in the batch are flagged as each row between newlines,
    and the rows needing the full normaliser are those `normalise` itself would pick."""
    doc = synth.watchlist(6)
    sc = Scanner(Watchlist.from_json(doc))
    for seed in (1, 2):
        table, _ = synth.posts(4_000, doc, seed=seed)
        texts = table.column("text").to_pylist()
        flagged, rare = sc.prefilter.scan(table.column("text"))
        assert flagged.tolist() == _row_alone(sc, texts)
        needs = pc.match_substring_regex(pc.ascii_lower(table.column("text")), RARE)
        assert rare.tolist() == (flagged & np.asarray(needs.to_numpy())).tolist()


# -- ballot phrases: every one `find_ballots` reads passes, links, tabs and all ------------

_MALANG = DEVSET / "watchlists" / "pilkada-kota-malang-2024.json"


def _malang_pieces() -> list[str]:
    doc = json.loads(_MALANG.read_text(encoding="utf-8"))
    out: list[str] = []
    for c in doc["candidates"]:
        for key in ("names", "aliases", "parties", "slogans", "hashtags"):
            for v in c[key]:
                out += [v, v.lower(), v.split()[0]]
    return out


_CUES = [*sorted(CALL_CUES | REF_CUES | BETWEEN | set(GLUED)), "nmor", "nomor urut", "no. urut"]
_NUMBERS = [
    *(str(n) for n in range(0, 11)),
    *(f"0{n}" for n in range(0, 10)),
    *("o1", "O2", "o3", "001", "12", "1.5", "2/3", "08.00"),
    *NUMBER_WORDS[:5],
    *("siji", "loro", "telu", "Dua", "TIGA"),
    *("2\u20e3", "1\ufe0f\u20e3", "\u0661", "\U0001d7cf"),
]
_GAPS = [
    *("", " ", "  ", "   ", "     ", "\t", "\t\t", " \t ", ".", "..", "...", "....", ": "),
    *("#", " # ", "##", ":", ",", "-", "/", "_", "__", "!!", "?", "\n", " - ", "@"),
    *(" https://t.co/x ", "https://t.co/Ab3", " www.x.id/2 ", "http://a.b", " @budi ", "@x_"),
]
_WORDS = ["ayo", "kita", "hari", "ini", "jangan", "tidak", "berita", "2024", "rp 5", "jam 8"]
_PIECES = st.sampled_from(_CUES) | st.sampled_from(_NUMBERS) | st.sampled_from(AFTER_WORDS)
_PIECES |= st.sampled_from(_GAPS) | st.sampled_from(_WORDS) | st.sampled_from(_malang_pieces())
# written in any case: "NOMOR https://t.co/x 2", "Coblos Dua"
_CASED = _PIECES.flatmap(lambda p: st.sampled_from([p, p.upper(), p.title()]))
_POSTS = st.lists(_CASED, min_size=1, max_size=7).map("".join)


@pytest.fixture(scope="module")
def malang() -> Scanner:
    return Scanner(Watchlist.from_file(_MALANG))


@pytest.fixture(scope="module")
def pilpres() -> Scanner:
    return Scanner(Watchlist.from_file(_PILPRES))


_RE2: dict[int, Prefilter] = {}


def _missed(sc: Scanner, texts: list[str], engine: str = "hyperscan") -> list[str]:
    """Texts in which the careful path finds spans although the prefilter drops them."""
    prefilter = sc.prefilter
    if engine == "re2":
        prefilter = _RE2.get(id(sc.matcher)) or _RE2.setdefault(
            id(sc.matcher), Prefilter(sc.matcher)
        )
        prefilter._db = None
    flagged = prefilter.scan(pa.array(texts))[0].tolist()
    return [t for t, f in zip(texts, flagged, strict=True) if not f and sc.scan_text(t).spans]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_POSTS, min_size=1, max_size=12))
def test_every_post_with_spans_passes_the_prefilter(malang: Scanner, texts: list[str]) -> None:
    """Posts built from cues, numbers, gaps, links and names, several to an array so that
    rows touch each other: whatever the careful path finds spans in is flagged."""
    assert _missed(malang, texts) == []
    # and each post as the first, last and only row of a batch
    for text in texts[:2]:
        assert _missed(malang, [text]) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_POSTS, min_size=1, max_size=12))
def test_re2_flags_every_post_with_spans_too(malang: Scanner, texts: list[str]) -> None:
    assert _missed(malang, texts, "re2") == []


_HOLES = [
    "coblos\t1",  # a tab between cue and number
    "coblos https://t.co/x 2",  # a link becomes a blank
    "1 https://t.co/x menang",
    "# https://t.co/x 1",
    "pilihan 2",  # a call cue of `find_ballots`
    "pilihanku 3",
    "sekali putaran 01...",  # "01" before "..."
    "... 3 sekali putaran",  # a word after the number from `AFTER_WORDS`
    "02 pasti menang",
    "03 the best",
    "nomor\t\t2",  # spans below the hit threshold
    "coblos...... 1",  # a run of one mark is folded to one
    "coblos 1_",  # "_" ends no ballot number
    "@pilih_2 ya",  # a mention's "_" becomes a blank
    # number words count where a digit or a name is around
    "@dua_jari 2024",
    "dua menang 2024",  # a number word before a word after it
    "nomor https://t.co/x dua 2024",
    "satuhttps://t.co/x menang 2024",
    "coblos 1https://t.co/x",  # a link glued to the number
    "x_01 sekali",
    "a.01",
    "ok,01 ya",
    "#\u0661",  # a digit Python reads as one
    "\u212aandidat 2",  # the Kelvin sign lowers to "k"
    # capitals, wherever the rows are looked at again one by one
    "NOMOR https://t.co/x 2",
    "Coblos HTTPS://T.CO/X 2",
    "NOMOR https://t.co/x DUA 2024",
    "2 HTTPS://T.CO/X MENANG",
    "#HTTPS://T.CO/X 1",
]


@pytest.mark.parametrize("engine", ["hyperscan", "re2"])
@pytest.mark.parametrize("text", _HOLES)
def test_ballot_phrases_once_missed_are_flagged(
    malang: Scanner, pilpres: Scanner, engine: str, text: str
) -> None:
    for sc in (malang, pilpres):
        assert sc.scan_text(text).spans, text  # each is a phrase the careful path reads
        for batch in ([text], ["x", text, "y1"], ["coblos", text, "01"]):
            assert _missed(sc, batch, engine) == [], batch


def test_no_decimal_digit_lies_beyond_the_class_looked_for() -> None:
    r"""The class of digits is built from ``str.isdecimal`` below a limit: ``\d`` of
    `find_ballots` matches exactly those, and nothing above it."""
    digit = re.compile(r"\d")
    assert not any(digit.match(chr(c)) for c in range(_DIGIT_LIMIT, sys.maxunicode + 1))
    for c in range(0x80, _DIGIT_LIMIT):
        assert bool(digit.match(chr(c))) == chr(c).isdecimal(), hex(c)


def test_hyperscan_and_re2_agree_on_generated_posts_without_links(malang: Scanner) -> None:
    rng = random.Random(12)
    pool = _CUES + _NUMBERS + list(AFTER_WORDS) + _WORDS + _malang_pieces()
    pool += [g for g in _GAPS if "http" not in g and "www" not in g]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(4000)]
    alone = _row_alone(malang, texts)  # hyperscan and RE2 agree row by row
    assert sum(alone) > len(texts) // 4
    got = malang.prefilter.scan(pa.array(texts))[0]
    assert (got >= np.array(alone)).all()


def test_re2_finds_terms_after_a_link_that_a_mention_or_leetspeak_swallows(
    malang: Scanner,
) -> None:
    """`normalise` blanks a link only where no mention or leetspeak starts before it; RE2,
    which blanks links itself, looks for terms in the rows as they are."""
    texts = ["@Aliwww.a.bpaslon#abadi", "juarapkn7http://x.id#ABADIhari##"]
    for text in texts:
        assert malang.scan_text(text).spans, text
    assert _missed(malang, texts, "re2") == []
    assert _missed(malang, texts) == []
