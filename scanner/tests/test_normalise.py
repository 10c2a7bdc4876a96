"""Normalisation: canonical text and spans that point back into the original."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import Scanner, Watchlist, synth
from scanner.normalise import (
    _EVENT_KINDS,
    _LEET,
    IDENTITY,
    RARE,
    SLANG,
    Normalised,
    OffsetMap,
    _possible_kinds,
    canonical_many,
    fold_case,
    normalise,
    normalise_many,
)

DEVSET = Path(__file__).resolve().parent.parent / "devset"
WATCHLISTS = DEVSET / "watchlists"


@lru_cache(maxsize=1)
def _malang() -> Scanner:
    return Scanner(Watchlist.from_file(WATCHLISTS / "pilkada-kota-malang-2024.json"))


WORDS = [
    "coblos",
    "pilih",
    "Prabowo",
    "pr4b0wo",
    "menaaang",
    "c o b l o s",
    "yg",
    "gak",
    "1️⃣",
    "O1",
    "@budi_x",
    "https://t.co/ab",
    "!!!",
    "kadit",
    "𝐏𝐫𝐚𝐛𝐨𝐰𝐨",
    "nomer",
    "siji",
]


def test_elongation_leetspeak_and_spacing_are_undone() -> None:
    assert (
        normalise("COBLOSSS pr4b0wo menaaang", expand_slang=False).text == "coblos prabowo menang"
    )
    assert normalise("c o b l o s 0 1").text.startswith("coblos")


def test_slang_and_walikan_expand_when_asked() -> None:
    assert normalise("kadit pilih yg gak jelas").text == "tidak pilih yang tidak jelas"


def test_keycap_and_letter_o_become_ballot_numbers() -> None:
    assert "01" in normalise("1️⃣").text
    assert normalise("O1 menang").text == "01 menang"


def test_links_are_blanked_and_mentions_keep_their_words() -> None:
    n = normalise("cek https://t.co/x @Prabowo_Gibran")
    assert "t.co" not in n.text
    assert "prabowo gibran" in n.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=12), st.booleans()
)
def test_every_canonical_word_maps_back_to_its_source(parts: list[str], slang: bool) -> None:
    text = " ".join(parts)
    n = normalise(text, expand_slang=slang)
    for m in re.finditer(r"\w+", n.text):
        a, b = n.span(*m.span())
        assert 0 <= a <= b <= len(text)
        source = text[a:b]
        # what the matcher saw comes from exactly this piece of the original
        assert normalise(source, expand_slang=slang).text.strip() != "" or m.group() == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF), max_size=60))
def test_plain_text_offsets_are_identity(text: str) -> None:
    n = normalise(text, expand_slang=False, rare=False)
    for m in re.finditer(r"\w+", n.text):
        a, b = n.span(*m.span())
        # fold_case, not lower(): "İ" lowers to two code points and is kept as written
        assert fold_case(text)[a:b] == m.group()


PIECES = [
    "Ayo",
    "coblos",
    "COBLOSSS",
    "c o b l o s",
    "nomor",
    "nomer",
    "siji",
    "01",
    "O1",
    "1️⃣",
    "#02",
    "paslon 3",
    "Sam HC",
    "WALI",
    "w4l1",
    "Abah Anton",
    "Dimyati",
    "menaaang",
    "#MalangBerkelas",
    "Malang Berkelas",
    "jangan pilih",
    "gak",
    "dukung",
    "@sam_hc",
    "https://t.co/x1y2",
    "𝐖𝐀𝐋𝐈",
    "yg",
    "!!!",
    "Heri Cahyono",
    "pr4b0wo",
    "ABADI",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=5), min_size=1, max_size=10),
    st.sampled_from([" ", "  ", ", ", "\n"]),
)
def test_every_span_is_what_the_matcher_saw(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    result = _malang().scan_text(text)
    for span in result.spans:
        start, end = int(str(span["start"])), int(str(span["end"]))
        assert 0 <= start < end <= len(text)
        piece = normalise(text[start:end], expand_slang=False).text
        # the original piece, normalised again, reads as the term that was matched
        assert re.sub(r"\s+", "", str(span["term"])) in re.sub(r"\s+", "", piece), (text, span)


# --- Reference: the normaliser as it was before the batch path and the RE2 gates ---------
# A frozen copy of the per-post algorithm (one Python pattern per event kind, each behind
# its own gate, run over the whole text). `normalise` and `normalise_many` must give
# exactly what it gives, field by field.

_REF_KEYCAP = "\ufe0f?\u20e3"
_REF_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("url", re.compile(r"(?:https?://|www\.)\S+"), re.compile(r"http|www\.")),
    ("mention", re.compile(r"(?<![\w@])@\w+"), re.compile("@")),
    ("keycap", re.compile(rf"[0-9#]{_REF_KEYCAP}"), re.compile("\u20e3")),
    ("fancy", re.compile(r"[\U0001D400-\U0001D7FF\uFF01-\uFF5E]+"), None),
    (
        "spaced",
        re.compile(r"(?<![^\s#])(?:[a-z0-9][ .\-_]){2,}[a-z0-9](?![^\s!?,;:])"),
        re.compile(r"[ .\-_][a-z0-9][ .\-_]"),
    ),
    ("elong", re.compile(r"([a-z])\1{2,}|([^\w\s])\2+"), None),
    ("ozero", re.compile(r"(?<![\w#])o(?=[1-9]\b)"), re.compile(r"o[1-9]")),
    (
        "leet",
        re.compile(
            r"(?<![\w@$])[a-z]*[a-z][013456789@$!]+[a-z][a-z013456789@$]*"
            r"|(?<![\w@$])[a-z]{3,}[0134](?!\w)"
        ),
        re.compile(r"[a-z][013456789@$!]"),
    ),
)
_REF_SLANG = (
    "word",
    re.compile(rf"\b(?:{'|'.join(sorted(SLANG, key=len, reverse=True))})\b"),
    None,
)
_REF_ORDER = {k: i for i, (k, _, _) in enumerate((*_REF_KINDS, _REF_SLANG))}
_REF_RARE = re.compile(
    RARE.replace(r"\x{20E3}", "\u20e3")
    .replace(r"\x{1D400}", "\U0001d400")
    .replace(r"\x{1D7FF}", "\U0001d7ff")
    .replace(r"\x{FF01}", "\uff01")
    .replace(r"\x{FF5E}", "\uff5e")
)


def _ref_fold_case(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _ref_replacement(kind: str, s: str) -> str | None:
    if kind == "word":
        return SLANG.get(s)
    if kind == "url":
        return " "
    if kind == "mention":
        return " " + s[1:].replace("_", " ")
    if kind == "keycap":
        return f" 0{s[0]} " if s[0] not in "0#" else s[0]
    if kind == "fancy":
        return unicodedata.normalize("NFKC", s).lower()
    if kind == "spaced":
        return re.sub(r"[ .\-_]", "", s)
    if kind == "elong":
        return s[0]
    if kind == "ozero":
        return "0"
    if kind == "leet":
        return s.translate(_LEET)
    return None


def _ref_events(low: str, expand_slang: bool) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, int, str, str]] = []
    kinds = (*_REF_KINDS, _REF_SLANG) if expand_slang else _REF_KINDS
    for kind, rx, gate in kinds:
        if gate is not None and gate.search(low) is None:
            continue
        for m in rx.finditer(low):
            rep = _ref_replacement(kind, m.group())
            if rep is not None:
                found.append((m.start(), -m.end(), _REF_ORDER[kind], kind, rep))
    found.sort()
    out: list[tuple[int, int, str, str]] = []
    last = 0
    for start, neg_end, _, kind, rep in found:
        if start >= last:
            out.append((start, -neg_end, kind, rep))
            last = -neg_end
    return out


def reference_normalise(
    text: str, *, expand_slang: bool = True, rare: bool | None = None
) -> Normalised:
    """The normaliser before the batch path: the oracle for the tests below."""
    low = _ref_fold_case(text)
    if not expand_slang:
        if rare is None:
            rare = _REF_RARE.search(low) is not None
        if not rare:
            return Normalised(text, low, OffsetMap((), (), (), ()))
    out: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    ends: list[int] = []
    copied: list[bool] = []
    pos = 0
    length = 0
    for a, b, _kind, rep in _ref_events(low, expand_slang):
        if a > pos:
            starts.append(length)
            origins.append(pos)
            ends.append(a)
            copied.append(True)
            out.append(low[pos:a])
            length += a - pos
        starts.append(length)
        origins.append(a)
        ends.append(b)
        copied.append(False)
        out.append(rep)
        length += len(rep)
        pos = b
    if not starts:
        return Normalised(text, low, OffsetMap((), (), (), ()))
    if pos < len(low):
        starts.append(length)
        origins.append(pos)
        ends.append(len(low))
        copied.append(True)
        out.append(low[pos:])
    return Normalised(
        text, "".join(out), OffsetMap(tuple(starts), tuple(origins), tuple(ends), tuple(copied))
    )


def _assert_same(got: Normalised, want: Normalised) -> None:
    # repr as well as ==: True == 1, but a map of ints where bools belong is a change
    assert got == want, (want.original, got, want)
    assert repr(got) == repr(want), (want.original, got, want)


def _assert_batch_agrees(texts: Sequence[str], flags: Sequence[bool]) -> None:
    """`normalise_many` and `canonical_many` give what the reference gives post by post."""
    want = [
        reference_normalise(text, expand_slang=False, rare=is_rare)
        for text, is_rare in zip(texts, flags, strict=True)
    ]
    many = normalise_many(texts, flags)
    assert len(many) == len(texts)
    for got, expected in zip(many, want, strict=True):
        _assert_same(got, expected)
    canonical, offsets = canonical_many(texts, flags)
    assert canonical == [n.text for n in want]
    assert offsets == [n.offsets for n in want]
    assert repr(offsets) == repr([n.offsets for n in want])


def _assert_all_paths_agree(texts: Sequence[str]) -> None:
    """Every way of normalising ``texts`` gives what the reference gives."""
    for text in texts:
        for expand_slang in (True, False):
            for rare in (None, True, False):
                _assert_same(
                    normalise(text, expand_slang=expand_slang, rare=rare),
                    reference_normalise(text, expand_slang=expand_slang, rare=rare),
                )
    flags = [_REF_RARE.search(_ref_fold_case(t)) is not None for t in texts]
    for rare_flags in ([True] * len(texts), flags, [i % 3 != 1 for i in range(len(texts))]):
        _assert_batch_agrees(texts, rare_flags)


def _devset_texts() -> list[str]:
    with (DEVSET / "posts.csv").open(newline="", encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def test_devset_normalises_as_before() -> None:
    texts = _devset_texts()
    assert len(texts) > 500
    _assert_all_paths_agree(texts)


@pytest.mark.parametrize("seed", [1, 11, 29, 4242])
def test_synthetic_posts_normalise_as_before(seed: int) -> None:
    doc = synth.watchlist(5)
    table, _ = synth.posts(3000, doc, seed=seed)
    campaigns, _ = synth.posts(1500, doc, seed=seed + 1, campaign_share=0.6)
    texts = table.column("text").to_pylist() + campaigns.column("text").to_pylist()
    _assert_all_paths_agree(texts)


def test_prefiltered_rare_posts_normalise_as_before() -> None:
    """The posts and rare flags `normalise_many` is given in a scan."""
    doc = synth.watchlist(5)
    table, _ = synth.posts(20_000, doc, seed=7, campaign_share=0.2)
    texts = table.column("text")
    flagged, rare = Scanner(Watchlist.from_json(doc)).prefilter.scan(texts)
    picked = np.flatnonzero(flagged)
    chosen = texts.take(picked).to_pylist()
    flags = rare[picked]
    assert flags.any()
    assert not flags.all()
    _assert_batch_agrees(chosen, flags.tolist())
    for got, text, is_rare in zip(normalise_many(chosen, flags), chosen, flags, strict=True):
        _assert_same(got, reference_normalise(text, expand_slang=False, rare=bool(is_rare)))


# Text rich in the events the normaliser repairs, and in the characters at their edges.
EVENT_PIECES = [
    "coblos",
    "COBLOSSS",
    "menaaang",
    "aaa",
    "pr4b0wo",
    "c0bl0s",
    "w4l1",
    "s@ya",
    "$am",
    "pil!h",
    "menang1",
    "mantap3",
    "O1",
    "o2",
    "#o3",
    "c o b l o s",
    "p.r.a.b.o.w.o",
    "a-b-c",
    "x_y_z",
    "1 2 3",
    "@budi_x",
    "@@x",
    "a@b",
    "https://t.co/ab",
    "http://x",
    "www.x.id",
    "1\ufe0f\u20e3",
    "2\u20e3",
    "#\ufe0f\u20e3",
    "0\u20e3",
    "\U0001d40f\U0001d42b\U0001d41a",
    "\U0001d7ce\U0001d7cf",
    "\uff50\uff52\uff41",
    "\uff30\uff11",
    "\U0001f525\U0001f525",
    "\U0001f1ee\U0001f1e9",
    "!!!",
    "??",
    "...",
    "--",
    "İstanbul",
    "ßüß",
    "éé",
    "yg",
    "gak",
    "kadit",
    "nomer",
]
EVENT_CHARS = (
    "abcoilsetgxyzABCOIS0123456789@$!#?.,;:-_ \n\t\x0b\x1c\x85\xa0\u2003"
    "\u20e3\ufe0f\U0001d400\U0001d41a\U0001d7ff\uff01\uff41\uff5e\U0001f525"
    "İßéÉ"
)
event_text = st.lists(
    st.sampled_from(EVENT_PIECES) | st.text(alphabet=EVENT_CHARS, max_size=8), max_size=12
).flatmap(lambda parts: st.sampled_from(["", " ", ".", "\n", "#"]).map(lambda sep: sep.join(parts)))


@settings(max_examples=1500, deadline=None)
@given(event_text)
def test_event_rich_text_normalises_as_before(text: str) -> None:
    for expand_slang in (True, False):
        _assert_same(
            normalise(text, expand_slang=expand_slang),
            reference_normalise(text, expand_slang=expand_slang),
        )
    _assert_same(
        normalise_many([text], [True])[0], reference_normalise(text, expand_slang=False, rare=True)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(event_text, max_size=25), st.lists(st.booleans(), min_size=25, max_size=25))
def test_batches_of_event_rich_text_normalise_as_before(
    texts: list[str], flags: list[bool]
) -> None:
    _assert_batch_agrees(texts, flags[: len(texts)])


@settings(max_examples=1500, deadline=None)
@given(event_text | st.text(max_size=40))
def test_gates_bound_every_match_of_every_kind(text: str) -> None:
    """A kind whose RE2 gate rejects a text has no match in it, and every match of a kind
    the gates let through starts inside the bounds they give."""
    low = fold_case(text)
    possible = _possible_kinds([low])
    assert possible is not None
    bounds = {kind: (first, stop) for kind, _, first, stop in possible[0]}
    for kind, rx, _ in _EVENT_KINDS:
        for m in rx.finditer(low):
            assert kind in bounds, (kind, text)
            first, stop = bounds[kind]
            assert first <= m.start() < stop, (kind, text, m.span(), bounds[kind])


def test_batch_edge_cases() -> None:
    assert normalise_many([], []) == []
    assert canonical_many([], []) == ([], [])
    with pytest.raises(ValueError, match="rare"):
        normalise_many(["a"], [])
    with pytest.raises(ValueError, match="rare"):
        canonical_many(["a", "b"], [True])
    # a lone surrogate has no UTF-8 form: the batch still gives the per-post answer
    texts = ["c o b l o s \ud800", "menaaang", "plain"]
    _assert_batch_agrees(texts, [True, True, False])
    assert normalise_many(texts, [True, True, False])[0].text == "coblos \ud800"
    assert normalise_many(["plain"], [False])[0].offsets is IDENTITY
