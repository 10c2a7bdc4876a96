"""Normalisation: canonical text and spans that point back into the original."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import Scanner, Watchlist
from scanner.normalise import fold_case, normalise

WATCHLISTS = Path(__file__).resolve().parent.parent / "devset" / "watchlists"


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
