"""Plain-language explanations of a verdict, in Indonesian and English.

An officer (or an ASN checking a draft before posting) must see *why* a text is or is not
campaign content: "Teks ini menyebut nomor urut 2 dan ajakan 'coblos' …".
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import DEFAULT_THRESHOLD, Scanner
from .score import Result
from .watchlist import Watchlist

_ID = {
    "ballot_call": "ajakan memilih nomor urut ({terms})",
    "ballot_number": "nomor urut ({terms})",
    "slogan": "slogan kampanye ({terms})",
    "hashtag": "tagar kampanye ({terms})",
    "oppose_call": "ajakan untuk tidak memilih / menolak calon ({terms})",
    "support_verb": "kata dukungan ({terms})",
    "call": "kata ajakan ({terms})",
    "alias": "julukan calon ({terms})",
    "name": "nama calon ({terms})",
    "party": "partai pengusung ({terms})",
    "extra_term": "istilah pantauan ({terms})",
    "election_context": "konteks pemilihan ({terms})",
    "negation": "dukungan yang disangkal ({terms})",
    "reported_support": "dukungan pihak lain yang diceritakan ({terms})",
    "news": "gaya pemberitaan ({terms})",
    "neutrality": "pembicaraan tentang netralitas ({terms})",
    "doubt": "pertanyaan atau kritik ({terms})",
}
_EN = {
    "ballot_call": "a call to vote for ballot number ({terms})",
    "ballot_number": "a ballot number ({terms})",
    "slogan": "a campaign slogan ({terms})",
    "hashtag": "a campaign hashtag ({terms})",
    "oppose_call": "a call not to vote for / to reject a candidate ({terms})",
    "support_verb": "words of support ({terms})",
    "call": "words of invitation ({terms})",
    "alias": "a candidate's nickname ({terms})",
    "name": "a candidate's name ({terms})",
    "party": "a supporting party ({terms})",
    "extra_term": "a watched term ({terms})",
    "election_context": "election context ({terms})",
    "negation": "negated support ({terms})",
    "reported_support": "someone else's support, reported ({terms})",
    "news": "news-style reporting ({terms})",
    "neutrality": "talk about neutrality ({terms})",
    "doubt": "a question or criticism ({terms})",
}
_LOWERING = {"negation", "reported_support", "news", "neutrality", "doubt"}


@dataclass(frozen=True)
class Explanation:
    """A verdict with reasons in both languages."""

    text: str
    result: Result
    threshold: float
    indonesian: str
    english: str

    @property
    def is_campaign(self) -> bool:
        """Whether the text would be flagged at this threshold."""
        return self.result.is_hit(self.threshold)


def _quote(text: str, spans: list[dict[str, object]], rule: str) -> str:
    seen: list[str] = []
    for s in spans:
        if s["rule"] == rule:
            piece = text[int(str(s["start"])) : int(str(s["end"]))]
            if piece not in seen:
                seen.append(piece)
    return ", ".join(f"'{p}'" for p in seen[:4])


def _join(parts: list[str], word: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def explain_result(
    watchlist: Watchlist, text: str, result: Result, threshold: float = DEFAULT_THRESHOLD
) -> Explanation:
    """Explain an existing verdict on ``text``."""
    up_id: list[str] = []
    down_id: list[str] = []
    up_en: list[str] = []
    down_en: list[str] = []
    for code in result.reasons:
        if code == "question":
            down_id.append("bentuk pertanyaan")
            down_en.append("a question")
            continue
        if code == "several_candidates":
            down_id.append("menyebut beberapa paslon sekaligus")
            down_en.append("several candidates named together")
            continue
        if code == "headline":
            down_id.append("gaya judul berita")
            down_en.append("a news-headline style")
            continue
        terms = _quote(text, result.spans, code)
        if code not in _ID:
            continue
        (down_id if code in _LOWERING else up_id).append(_ID[code].format(terms=terms))
        (down_en if code in _LOWERING else up_en).append(_EN[code].format(terms=terms))
    hit = result.is_hit(threshold)
    names = []
    for n in result.candidates:
        labels = [c.label for c in watchlist.candidates if c.number == n]
        names.append(labels[0] if len(labels) == 1 else str(n))
    pct = round(result.score * 100)
    if not up_id:
        ind = "Teks ini tidak menyebut calon, nomor urut, slogan atau tagar yang dipantau."
        eng = "This text mentions no watched candidate, ballot number, slogan or hashtag."
    else:
        ind = f"Teks ini memuat {_join(up_id, 'dan')}."
        eng = f"This text contains {_join(up_en, 'and')}."
        if down_id:
            ind += f" Yang menurunkan skor: {_join(down_id, 'dan')}."
            eng += f" Lowering the score: {_join(down_en, 'and')}."
    if hit:
        ind += (
            f" Skor {pct}% (ambang {round(threshold * 100)}%): kemungkinan besar "
            f"konten kampanye untuk paslon {', '.join(names)}. ASN sebaiknya tidak "
            "mengunggah, menyukai atau membagikannya."
        )
        eng += (
            f" Score {pct}% (threshold {round(threshold * 100)}%): likely campaign "
            f"content for candidate {', '.join(names)}."
        )
    else:
        ind += f" Skor {pct}% (ambang {round(threshold * 100)}%): tidak ditandai sebagai kampanye."
        eng += f" Score {pct}% (threshold {round(threshold * 100)}%): not flagged as campaigning."
    return Explanation(text, result, threshold, ind, eng)


def explain(
    watchlist: Watchlist,
    text: str,
    threshold: float = DEFAULT_THRESHOLD,
    scanner: Scanner | None = None,
) -> Explanation:
    """Scan one text and explain the verdict (what `netra-scan check` prints)."""
    scanner = scanner or Scanner(watchlist, threshold)
    return explain_result(watchlist, text, scanner.scan_text(text), threshold)
