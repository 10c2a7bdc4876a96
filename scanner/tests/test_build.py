"""Building a matcher from a watchlist gives exactly the terms, keys, entries and automaton
of the reference derivation below.

``reference_*`` is the term derivation and automaton build as they were before the build
was made cheaper (one `normalise_term` per use, cue spellings worked out per build, one
`Term` per merge step), kept here verbatim so that every later change to the build can be
checked against it: same `Term` objects in the same order (down to the order in which their
candidate sets iterate), same keys, same entries, same automaton.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path
from typing import Any

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import lexicon, synth
from scanner.lexicon import COMMON_NAMES, COMMON_WORDS, NAME_TITLES
from scanner.match import _RULE_OF_KIND, _TAG_KINDS, CUE_TABLES, Matcher
from scanner.normalise import collapse_doubles, normalise_term, phrase_variants
from scanner.patterns import WEIGHTS, Term, candidate_terms, watchlist_terms
from scanner.watchlist import Candidate, Watchlist

WATCHLISTS = Path(__file__).resolve().parent.parent / "devset" / "watchlists"


# --- reference derivation (frozen copy; do not change) -----------------------------------


def reference_variants(key: str) -> set[str]:
    return {key, collapse_doubles(key)}


def reference_is_acronym(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def reference_candidate_terms(c: Candidate) -> list[Term]:
    who = frozenset({(c.election, c.number)})
    terms: list[Term] = []

    def add(raw: str, kind: str, key: str | None = None, caps: bool = False) -> None:
        k = key if key is not None else normalise_term(raw)
        if len(k.replace(" ", "")) < 2:
            return
        for v in reference_variants(k):
            terms.append(Term(v, kind, who, WEIGHTS[kind], raw, caps))

    for name in c.names:
        add(name, "name")
        for part in re.split(r"[\s\-–.,]+", normalise_term(name)):
            part = part.strip("'")
            if len(part) < 3 or part in NAME_TITLES:
                continue
            kind = "name_common" if part in COMMON_NAMES or part in COMMON_WORDS else "name_part"
            add(part, kind, part)
    if len(c.names) >= 2:
        heads = [normalise_term(n).split()[-1] for n in c.names if normalise_term(n)]
        firsts = [normalise_term(n).split()[0] for n in c.names if normalise_term(n)]
        for a, b in ((heads[0], heads[1]), (firsts[0], firsts[1])):
            if a not in NAME_TITLES and b not in NAME_TITLES:
                add(f"{a} {b}", "pair", f"{a} {b}")
                add(f"{a}-{b}", "pair", f"{a}-{b}")
                add(f"{a}{b}", "pair", f"{a}{b}")
    for alias in c.aliases:
        key = normalise_term(alias)
        caps = reference_is_acronym(alias) or (key in COMMON_WORDS and reference_is_acronym(alias))
        if key in COMMON_WORDS and not caps:
            continue
        add(alias, "alias", key, caps)
        words = key.split()
        if len(words) > 1 and words[0] in NAME_TITLES and words[-1] not in COMMON_WORDS:
            continue
    for party in c.parties:
        key = normalise_term(party)
        caps = reference_is_acronym(party)
        if key in COMMON_WORDS:
            add(party, "party", f"partai {key}")
            continue
        add(party, "party", key, caps)
        if "-" in key or " " in key:
            add(party, "party", re.sub(r"[\s\-]", "", key), caps)
    for slogan in c.slogans:
        key = normalise_term(slogan)
        add(slogan, "slogan_text" if " " in key else "slogan_word", key)
        add(slogan, "slogan", "#" + re.sub(r"\W", "", key))
    for tag in c.hashtags:
        key = normalise_term(tag if tag.startswith("#") else "#" + tag)
        add(tag, "hashtag", key)
    return terms


def reference_watchlist_terms(w: Watchlist) -> list[Term]:
    merged: dict[tuple[str, str, bool], Term] = {}
    for c in w.candidates:
        for t in reference_candidate_terms(c):
            k = (t.key, t.kind, t.caps_only)
            old = merged.get(k)
            if old is None:
                merged[k] = t
            else:
                merged[k] = Term(
                    t.key,
                    t.kind,
                    old.candidates | t.candidates,
                    t.weight,
                    old.display,
                    t.caps_only,
                )
    for extra in w.extra_terms:
        key = normalise_term(extra)
        if len(key) >= 3:
            merged[(key, "extra", False)] = Term(key, "extra", frozenset(), WEIGHTS["extra"], extra)
    return list(merged.values())


def reference_entry(payload: tuple[str, Any]) -> tuple[bool, Any, str, float, bool]:
    kind, value = payload
    if kind == "term":
        return True, value, _RULE_OF_KIND[value.kind], value.weight, value.kind not in _TAG_KINDS
    cue_kind, weight = value
    return False, cue_kind, cue_kind, weight, False


def reference_strongest_terms(payload: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    best: dict[bool, Term] = {}
    rest = [p for p in payload if p[0] != "term"]
    for _, t in (p for p in payload if p[0] == "term"):
        old = best.get(t.caps_only)
        if old is None:
            best[t.caps_only] = t
        else:
            keep = t if t.weight > old.weight else old
            best[t.caps_only] = Term(
                keep.key,
                keep.kind,
                old.candidates | t.candidates,
                keep.weight,
                keep.display,
                keep.caps_only,
            )
    return [("term", t) for t in best.values()] + rest


def reference_build(watchlist: Watchlist) -> dict[str, Any]:
    """What `Matcher.__init__` built: terms, numbers, keys, payloads and automaton."""
    terms = reference_watchlist_terms(watchlist)
    numbers: dict[int, frozenset[tuple[str, int]]] = {}
    for c in watchlist.candidates:
        numbers[c.number] = numbers.get(c.number, frozenset()) | {(c.election, c.number)}
    auto: Any = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, Any]]] = {}
    for t in terms:
        entries.setdefault(t.key, []).append(("term", t))
    for kind, table in CUE_TABLES.items():
        for phrase, weight in table.items():
            for variant in phrase_variants(phrase):
                for key in {variant, collapse_doubles(variant)}:
                    entries.setdefault(key, []).append(("cue", (kind, weight)))
    for word in (*lexicon.NUMBER_WORDS, "siji", "loro", "telu", "papat", "limo"):
        entries.setdefault(word, []).append(("cue", ("number", 0.0)))
    for neg in lexicon.NEGATORS:
        for key in phrase_variants(neg):
            entries.setdefault(key, []).append(("cue", ("negator", 0.0)))
    keys: list[str] = []
    payloads: list[tuple[int, list[Any], bool]] = []
    for key, payload in entries.items():
        payload = reference_strongest_terms(payload)
        has_term = any(kind == "term" for kind, _ in payload)
        auto.add_word(key, len(keys))
        keys.append(key)
        payloads.append((len(key), [reference_entry(p) for p in payload], has_term))
    auto.make_automaton()
    return {
        "terms": terms,
        "numbers": numbers,
        "keys": keys,
        "payloads": payloads,
        "automaton": auto,
    }


# --- comparison --------------------------------------------------------------------------


def exact(value: Any) -> Any:
    """``value`` with every Term and set spelled out in iteration order, for comparing
    not only equality but the order in which later code will see the parts."""
    if isinstance(value, Term):
        return (
            "Term",
            value.key,
            value.kind,
            exact(value.candidates),
            value.weight,
            value.display,
            value.caps_only,
            value.primary,
            exact(value.numbers),
        )
    if isinstance(value, (frozenset, set)):
        return (type(value).__name__, *value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(exact(v) for v in value))
    if isinstance(value, dict):
        return ("dict", *((exact(k), exact(v)) for k, v in value.items()))
    return (type(value).__name__, value)


def automaton_contents(auto: Any) -> tuple[Any, ...]:
    return (
        auto.kind,
        auto.store,
        len(auto),
        list(auto.items()),
        auto.get_stats(),
    )


def assert_same_build(watchlist: Watchlist) -> None:
    try:
        ref = reference_build(watchlist)
    except Exception as exc:  # the reference refuses some odd watchlists: so must we
        with pytest.raises(type(exc)):
            Matcher(watchlist)
        with pytest.raises(type(exc)):
            watchlist_terms(watchlist)
        return
    m = Matcher(watchlist)
    assert m.terms == ref["terms"]
    assert exact(m.terms) == exact(ref["terms"])
    assert [hash(t) for t in m.terms] == [hash(t) for t in ref["terms"]]
    assert pickle.loads(pickle.dumps(m.terms)) == ref["terms"]  # noqa: S301 - own data
    assert exact(watchlist_terms(watchlist)) == exact(ref["terms"])
    assert exact(m.numbers) == exact(ref["numbers"])
    assert m.keys == ref["keys"]
    assert m.payloads == ref["payloads"]
    assert exact(m.payloads) == exact(ref["payloads"])
    assert automaton_contents(m.automaton) == automaton_contents(ref["automaton"])
    for c in watchlist.candidates:
        assert exact(candidate_terms(c)) == exact(reference_candidate_terms(c))


# --- devset and synthetic watchlists -----------------------------------------------------


@pytest.mark.parametrize("path", sorted(WATCHLISTS.glob("*.json")), ids=lambda p: p.stem)
def test_devset_watchlist_builds_as_reference(path: Path) -> None:
    assert_same_build(Watchlist.from_file(path))


def test_devset_watchlists_together_build_as_reference() -> None:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(WATCHLISTS.glob("*.json"))]
    assert_same_build(Watchlist.from_json({"elections": docs + docs}))


@pytest.mark.parametrize(("k", "seed"), [(1, 7), (2, 3), (5, 7), (13, 1), (40, 7), (80, 11)])
def test_synthetic_watchlist_builds_as_reference(k: int, seed: int) -> None:
    assert_same_build(Watchlist.from_json(synth.watchlist(k, seed=seed)))


def test_repeated_builds_are_identical() -> None:
    wl = Watchlist.from_json(synth.watchlist(6))
    a, b = Matcher(wl), Matcher(wl)
    assert exact(a.terms) == exact(b.terms)
    assert exact(a.payloads) == exact(b.payloads)
    assert automaton_contents(a.automaton) == automaton_contents(b.automaton)
    assert a.payloads[0][1] is not b.payloads[0][1]  # each matcher owns its lists
    assert a.payloads[-1][1] is not b.payloads[-1][1]


# --- generated watchlists ----------------------------------------------------------------

PIECES = [
    "H.",
    "Dr.",
    "Prof.",
    "Ir.",
    "K.H.",
    "KH",
    "Hj.",
    "S.E.",
    "M.Si",
    "dr.",
    "Mas",
    "Abah",
    "Abdul",
    "Al-Habsyi",
    "O'Neil",
    "Ma'ruf",
    "'Amin'",
    "Ayatulllah",
    "Ayatullah",
    "Anies",
    "Muhaimin",
    "Prabowo",
    "Gibran",
    "Rakabuming",
    "Wahyu",
    "Anton",
    "Ali",
    "Sam",
    "HC",
    "AMIN",
    "ABADI",
    "A",
    "B.",
    "x",
    "Müller",
    "Ñoño",
    "Çelik",
    "Đặng",
    "İbrahim",
    "straße",
    "Ｇｉｂｒａｎ",
    "ǅemal",
    "Zoë",
    "Jean-Luc",
    "Wahyu–Ali",
    "PDI-P",
    "PKS",
    "Partai",
    "Maju",
    "Perubahan",
    "Indonesia Maju",
    "#AMIN",
    "#01",
    "01",
    "2",
    "tidak",
    "coblos",
    "makan",
    "nomor",
    "gas",
    "jaya",
    "b4pak",
    "Raka",
    "L0ve",
    "1️⃣",
    "AAAAH",
    "Kiiiiki",
    "Ⅻ",
    "Ｇｏｌｋａｒ",
]
LETTERS = "aAbBhHiIkKmMnNoOrRsSwWyYzZéÉüÜßñçİıłŁđĐ-'.–, #_0123"

word = st.sampled_from(PIECES) | st.text(alphabet=LETTERS, min_size=1, max_size=7)
phrase = st.lists(word, min_size=1, max_size=4).flatmap(
    lambda ws: st.sampled_from([" ", "-", " - ", "  ", ". "]).map(lambda sep: sep.join(ws))
)
shared = st.sampled_from(["Prabowo Subianto", "H. Anies Baswedan", "Wahyu Hidayat", "Ali"])
blank = st.sampled_from([" ", "\t", " \t "])  # nothing left once normalised
name = shared | phrase


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    return Candidate(
        election=draw(st.sampled_from(["pilpres", "pilkada-a", "pilkada-b"])),
        number=draw(st.integers(1, 5)),
        # now and then a name with nothing left once normalised: the pair has no surname
        names=tuple(draw(st.lists(name, min_size=1, max_size=3)))
        + ((draw(blank),) if draw(st.integers(0, 29)) == 17 else ()),
        aliases=tuple(draw(st.lists(name, max_size=3))),
        parties=tuple(draw(st.lists(st.sampled_from(PIECES) | phrase, max_size=3))),
        slogans=tuple(draw(st.lists(phrase, max_size=2))),
        hashtags=tuple(draw(st.lists(word | phrase, max_size=2))),
    )


@st.composite
def watchlists(draw: st.DrawFn) -> Watchlist:
    cands = draw(st.lists(candidates(), min_size=1, max_size=6))
    if draw(st.booleans()):  # the same candidate in another election, or twice
        c = draw(st.sampled_from(cands))
        cands.append(
            Candidate("pilkada-z", c.number, c.names, c.aliases, c.parties, c.slogans, c.hashtags)
        )
        cands.append(c)
    return Watchlist(
        elections=tuple(dict.fromkeys(c.election for c in cands)),
        candidates=tuple(cands),
        extra_terms=tuple(draw(st.lists(name, max_size=3))),
    )


@settings(max_examples=200, deadline=None)
@given(watchlists())
def test_generated_watchlist_builds_as_reference(watchlist: Watchlist) -> None:
    assert_same_build(watchlist)
