"""Score a whole batch of flagged posts at once, with the same verdicts as one by one.

`Scanner.scan_text` reads one post at a time: `Matcher.find` collects the evidence and
`score_matches` weighs it. On a million posts the prefilter lets through some twenty
thousand, and reading them one at a time in Python costs more than everything else in
the scan together. Here every rule of `Matcher.find`, `find_ballots` and `score_matches`
is written as an array expression over all matches of all posts of a batch:

* the canonical texts are joined into one string with a newline before, between and
  after them: no key contains one, no rule reads one as part of a word or a gap, and
  the few windows that look left (a reported "yang dukung") stop at the post's start;
* one Aho-Corasick pass over that string finds every key of every post; positions are
  global, and a match belongs to the post whose range holds it;
* character classes (word, letter, digit, capital, blank) come from a table for ASCII
  and from Python's own `str` predicates for the other characters present, so Unicode
  posts are read exactly as `str.isalnum` and friends read them;
* sums are taken in the order the one-by-one code takes them, so scores are equal to the
  last bit, and the final `1 - exp(-p)` and rounding use Python's own `math.exp` and
  `round`.

A post is left to the one-by-one path when its verdict depends on something the arrays
do not model: a hashtag word that counts only because it starts where the previous name
ended ("#prabowogibran"), digits outside ASCII, or a ballot number above 63. Tests
(scanner/tests/test_batch.py) check that both paths agree on every post of the
development set, of synthetic batches and of generated text.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .match import BALLOT_WEIGHT, Matcher
from .normalise import IDENTITY, OffsetMap
from .patterns import (
    AFTER_WORDS,
    BETWEEN,
    CALL_CUES,
    GAP_CHARS,
    GLUED,
    JUST,
    REF_CUES,
    number_value,
)
from .score import (
    CAPS,
    CLAUSE_STOPS,
    HEADLINE_MARKS,
    NEGATION_REACH,
    NEGATIVE,
    REASON_CODES,
    REFERENCE_RULES,
    REPORT_REACH,
    REPORTERS,
    headline_style,
)

RULES = (
    "name",
    "alias",
    "party",
    "slogan",
    "hashtag",
    "extra",
    "ballot_call",
    "ballot_number",
    "support",
    "call",
    "context",
    "oppose",
    "news",
    "neutral",
    "doubt",
    "negator",
    "number",
    "negated",
    "reported",
)
_R = {r: i for i, r in enumerate(RULES)}
_NR = len(RULES)
_IS_REF = np.array([r in REFERENCE_RULES for r in RULES])
_IS_NEG = np.array([r in NEGATIVE for r in RULES])
_CAP = np.array([CAPS.get(r, 1.0) for r in RULES])
_SPAN_RULES = pa.array([REASON_CODES.get(r, r) for r in RULES], pa.string())
# reasons in the order an officer reads them; "question", "several" and "headline" are
# points of the post as a whole, the others are rules of its matches
_REASON_KEYS = list(REASON_CODES)
_REASON_VALUES = pa.array(list(REASON_CODES.values()), pa.string())
_HEADLINE_MARK = re.compile("|".join(re.escape(m) for m in HEADLINE_MARKS))
_MAX_NUMBER = 63  # candidates' ballot numbers are kept as bits of one 64-bit word

# character classes, one bit each
_WORD, _ALPHA, _DIGIT, _UPPER, _SPACE, _PUNCT, _GAP, _SPTAB = (1 << i for i in range(8))
_HASH, _ASCII_DIGIT, _ODD_DIGIT, _AT, _QMARK = (1 << i for i in range(8, 13))


def _class_of(c: str) -> int:
    bits = 0
    if c.isalnum() or c == "_":
        bits |= _WORD
    if c.isalpha():
        bits |= _ALPHA
    if c.isdigit():
        bits |= _DIGIT
    if c.isupper():
        bits |= _UPPER
    if c.isspace():
        bits |= _SPACE
    if c in CLAUSE_STOPS:
        bits |= _PUNCT
    if c in GAP_CHARS:
        bits |= _GAP
    if c in " \t":
        bits |= _SPTAB
    if c == "#":
        bits |= _HASH
    if c == "@":
        bits |= _AT
    if c == "?":
        bits |= _QMARK
    if "0" <= c <= "9":
        bits |= _ASCII_DIGIT
    elif c.isdigit() or c.isdecimal():
        bits |= _ODD_DIGIT  # read by `\d` or `str.isdigit` but not by `[0-9]`
    return bits


_ASCII_CLASSES = np.array([_class_of(chr(i)) for i in range(128)], dtype=np.int32)


def _classes(cp: np.ndarray) -> np.ndarray:
    out = np.empty(len(cp), dtype=np.int32)
    low = cp < 128
    out[low] = _ASCII_CLASSES[cp[low]]
    high = ~low
    if high.any():
        values, inverse = np.unique(cp[high], return_inverse=True)
        table = np.array([_class_of(chr(c)) for c in values.tolist()], dtype=np.int32)
        out[high] = table[inverse]
    return out


def _codepoints(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


class _RunStarts:
    """``r[p]``: where the run of ``inside`` characters ending just before p begins.

    Kept as the sorted positions of the other characters; a lookup is a binary search,
    cheaper than a table over the whole text when only some positions are asked about.
    """

    def __init__(self, inside: np.ndarray) -> None:
        self.breaks = np.flatnonzero(~inside)

    def __getitem__(self, p: np.ndarray) -> np.ndarray:
        k = np.searchsorted(self.breaks, p, side="left") - 1
        return np.where(k >= 0, self.breaks[np.maximum(k, 0)] + 1, 0)


class _Count:
    """How many ``mask`` characters lie in ``[a, b)``, for many ranges at once."""

    def __init__(self, mask: np.ndarray) -> None:
        self.at = np.flatnonzero(mask)

    def __call__(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.at, b) - np.searchsorted(self.at, a)


_WIDTH = 16  # longest cue word compared by `_pack`


def _pack(cp: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each text[a:b] of up to 16 Latin-1 characters as two exact 64-bit keys (n × 2);
    longer or other words get keys no word list holds."""
    n = len(a)
    if n == 0:
        return np.zeros((0, 2), dtype=np.uint64)
    length = b - a
    cols = np.arange(_WIDTH)
    idx = np.minimum(a[:, None] + cols, len(cp) - 1)
    ch = np.where(cols < length[:, None], cp[idx], 0)
    ok = (
        (length <= _WIDTH)
        & (ch < 256).all(axis=1)
        & ((ch > 0) | (cols >= length[:, None])).all(axis=1)
    )
    # sixteen bytes per word, read as two little-endian 64-bit words: byte j of a key is
    # character j (a character above 255 only lands in a key that `ok` voids)
    keys = ch.astype(np.uint8).view("<u8").astype(np.uint64)
    keys[~ok] = np.uint64(0xFFFFFFFFFFFFFFFF)
    return keys


class _Words:
    """A small set of words, tested against many packed words at once (see `_pack`)."""

    def __init__(self, words: Sequence[str]) -> None:
        keys = _pack(_codepoints("\n".join(words)), *_bounds(words))
        short = keys[:, 1] == 0  # up to 8 characters: one key says it all
        self.short = np.sort(keys[short, 0])
        self.long = keys[~short]

    def isin(self, keys: np.ndarray) -> np.ndarray:
        k0 = keys[:, 0]
        at = np.minimum(np.searchsorted(self.short, k0), len(self.short) - 1)
        out = (keys[:, 1] == 0) & (self.short[at] == k0) if len(self.short) else k0 != k0
        for w0, w1 in self.long:
            out |= (k0 == w0) & (keys[:, 1] == w1)
        return out


def _bounds(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.cumsum([0] + [len(w) + 1 for w in words[:-1]]).astype(np.int64)
    return starts, starts + np.array([len(w) for w in words], dtype=np.int64)


@dataclass
class BatchResult:
    """Verdicts of one batch of posts: hits (or every post) as columns, plus the posts
    left to the one-by-one path."""

    rows: np.ndarray  # positions, in the batch given to `score`, of the rows below
    score: np.ndarray
    candidates: pa.Array  # list<int32>
    reasons: pa.Array  # list<string>
    spans: pa.Array  # list<struct<start, end, term, rule>>
    one_by_one: np.ndarray  # positions of posts this path does not score


class _Offsets:
    """`OffsetMap.to_original` for many ranges of a batch at once (global canonical
    positions in, positions in each post's original text out)."""

    def __init__(self, offsets: Sequence[OffsetMap], cs: np.ndarray) -> None:
        self.cs = cs
        mapped = [i for i, m in enumerate(offsets) if m is not IDENTITY]
        self.is_mapped = np.zeros(len(offsets), dtype=bool)
        self.is_mapped[mapped] = True
        maps = [offsets[i] for i in mapped]
        sizes = np.array([len(m.starts) for m in maps], dtype=np.int64)
        chain = itertools.chain.from_iterable
        self.start = np.fromiter(chain(m.starts for m in maps), dtype=np.int64)
        self.start += np.repeat(cs[mapped], sizes)
        self.origin = np.fromiter(chain(m.origins for m in maps), dtype=np.int64)
        self.end = np.fromiter(chain(m.ends for m in maps), dtype=np.int64)
        self.copied = np.fromiter(chain(m.copied for m in maps), dtype=bool)

    def __call__(
        self, row: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        o_start = start - self.cs[row]
        o_end = end - self.cs[row]
        sel = np.flatnonzero(self.is_mapped[row])
        if not len(sel):
            return o_start, o_end
        s, e = start[sel], end[sel]
        g_start, origin, copied = self.start, self.origin, self.copied
        si = np.searchsorted(g_start, s, side="right") - 1
        a = np.where(copied[si], origin[si] + (s - g_start[si]), origin[si])
        ei = np.searchsorted(g_start, np.maximum(e - 1, s), side="right") - 1
        b = np.where(copied[ei], origin[ei] + (e - g_start[ei]), self.end[ei])
        o_start[sel] = a
        o_end[sel] = np.maximum(b, a)
        return o_start, o_end


class BatchScorer:
    """The array form of `Matcher.find` + `score_matches` for one matcher."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.automaton = matcher.automaton
        keys = matcher.keys
        self.keys = pa.array(keys, pa.string())
        nkeys = len(keys)
        self.key_len = np.array([len(k) for k in keys], dtype=np.int64)
        self.key_has_term = np.array([p[2] for p in matcher.payloads], dtype=bool)
        self.key_first = np.zeros(nkeys, dtype=np.int64)
        self.key_count = np.zeros(nkeys, dtype=np.int64)
        is_term: list[bool] = []
        rule: list[int] = []
        weight: list[float] = []
        folds: list[bool] = []
        caps: list[bool] = []
        primary: list[bool] = []
        nums: list[int] = []
        numval: list[int] = []
        for kid, (_length, entries, _has) in enumerate(matcher.payloads):
            self.key_first[kid] = len(rule)
            self.key_count[kid] = len(entries)
            for term_flag, value, r, w, f in entries:
                is_term.append(term_flag)
                rule.append(_R[r])
                weight.append(w)
                folds.append(f)
                caps.append(bool(term_flag and value.caps_only))
                primary.append(bool(value.primary) if term_flag else True)
                nums.append(_bits(value.numbers) if term_flag else 0)
                numval.append((number_value(keys[kid]) or 0) if r == "number" else 0)
        self.e_term = np.array(is_term, dtype=bool)
        self.e_rule = np.array(rule, dtype=np.int64)
        self.e_weight = np.array(weight, dtype=np.float64)
        self.e_folds = np.array(folds, dtype=bool)
        self.e_caps = np.array(caps, dtype=bool)
        self.e_primary = np.array(primary, dtype=bool)
        self.e_nums = np.array(nums, dtype=np.uint64)
        self.e_numval = np.array(numval, dtype=np.int64)
        self.ballot_numbers = _bits(frozenset(matcher.numbers))
        # the arrays model ballot numbers as bits; a watchlist with larger ones is read
        # one post at a time
        self.enabled = all(n <= _MAX_NUMBER for n in matcher.numbers)
        self.call_cues = _Words(sorted(CALL_CUES))
        self.between = _Words(sorted(BETWEEN))
        self.ref_cues = _Words(sorted(REF_CUES))
        self.glued = _Words(list(GLUED))
        self.glued_call = _Words(["coblos", "pilih"])
        self.reporters = _Words(sorted(REPORTERS))
        self.after = [np.array([ord(c) for c in w], dtype=np.int64) for w in AFTER_WORDS]
        self.after_just = np.array([w in JUST for w in AFTER_WORDS])
        self.after_width = max(len(w) for w in AFTER_WORDS)

    # ---------------------------------------------------------------------------------
    def score_texts(
        self,
        originals: Sequence[str],
        texts: Sequence[str],
        offsets: Sequence[OffsetMap],
        threshold: float,
        *,
        all_rows: bool = False,
    ) -> BatchResult:
        """Verdicts (hits only, or every post with ``all_rows``) for posts given as their
        original texts, canonical texts and offset maps (see `normalise.canonical_many`)."""
        n = len(texts)
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        cs = np.empty(n, dtype=np.int64)  # where each canonical text starts in ``big``
        if n:
            cs[0] = 1
            np.cumsum(lens[:-1] + 1, out=cs[1:])
            cs[1:] += 1
        big = "\n" + "\n".join(texts) + "\n\n"
        cp = _codepoints(big)
        cls = _classes(cp)
        word = (cls & _WORD) != 0
        alpha = (cls & _ALPHA) != 0

        olens = np.fromiter(map(len, originals), dtype=np.int64, count=n)
        os_ = np.empty(n, dtype=np.int64)
        if n:
            os_[0] = 1
            np.cumsum(olens[:-1] + 1, out=os_[1:])
            os_[1:] += 1
        ocls = _classes(_codepoints("\n" + "\n".join(originals) + "\n\n"))

        # classes present in each post (the newline after a post adds none of these)
        in_row = np.bitwise_or.reduceat(cls, cs) if n else np.zeros(0, dtype=np.int32)
        has_tag = (in_row & _HASH) != 0
        digits = has_tag | ((in_row & _ASCII_DIGIT) != 0)
        one_by_one = (in_row & _ODD_DIGIT) != 0
        question = (in_row & _QMARK) != 0

        # -- every key of every post ----------------------------------------------------
        flat = np.fromiter(itertools.chain.from_iterable(self.automaton.iter(big)), dtype=np.int64)
        h_end = flat[0::2] + 1
        h_kid = flat[1::2]
        h_start = h_end - self.key_len[h_kid]
        h_row = np.searchsorted(cs, h_start, side="right") - 1
        term_hit = self.key_has_term[h_kid]
        named = np.zeros(n, dtype=bool)
        named[h_row[term_hit]] = True
        # `find` stops early when a post has neither a term nor a digit nor a "#"
        alive = digits | named

        starts_word = _RunStarts(word)
        starts_alpha = _RunStarts(alpha)
        starts_nonspace = _RunStarts((cls & _SPACE) == 0)
        hash_at = (cls & _HASH) != 0

        ts = starts_word[h_start]
        in_tag = has_tag[h_row] & (hash_at[ts - 1] | hash_at[ts])
        to_original = _Offsets(offsets, cs)
        o_start, o_end = to_original(h_row, h_start, h_end)
        o_first = ocls[np.minimum(os_[h_row] + o_start, len(ocls) - 1)]
        o_first = np.where(o_start < olens[h_row], o_first, 0)
        inside = word[h_start - 1] & word[h_start] | (word[h_end - 1] & word[h_end])
        tag_ok = hash_at[h_start] | ~word[h_start - 1] | ((o_first & (_UPPER | _DIGIT)) != 0)
        tag_doubt = in_tag & ~tag_ok
        if tag_doubt.any():
            # "#prabowogibran": "gibran" counts when it starts where a kept name ended,
            # which depends on the order of reading; such posts go one by one
            term_ends = np.zeros(len(cp) + 1, dtype=bool)
            term_ends[h_end[term_hit]] = True
            doubtful = tag_doubt & term_ends[h_start]
            one_by_one[h_row[doubtful]] = True
        keep = alive[h_row] & np.where(in_tag, tag_ok, ~inside)

        # -- from keys to evidence -------------------------------------------------------
        kh = np.flatnonzero(keep)
        count = self.key_count[h_kid[kh]]
        e_hit = np.repeat(kh, count)
        first = np.repeat(np.cumsum(count) - count, count)
        e = self.key_first[h_kid[e_hit]] + np.arange(len(e_hit)) - first
        e_rule = self.e_rule[e]
        e_weight = self.e_weight[e].copy()
        e_is_term = self.e_term[e]
        e_in_tag = in_tag[e_hit]
        e_row = h_row[e_hit]
        e_os = o_start[e_hit]
        e_oe = o_end[e_hit]
        a = os_[e_row] + e_os
        b = os_[e_row] + e_oe
        asks = np.flatnonzero(self.e_caps[e] & ~e_in_tag)
        drop = np.zeros(len(e), dtype=bool)
        if len(asks):
            letter = (ocls & _ALPHA) != 0
            letters, lower = _Count(letter), _Count(letter & ((ocls & _UPPER) == 0))
            a, b = a[asks], b[asks]
            drop[asks] = (letters(a, b) == 0) | (lower(a, b) > 0)  # not written in capitals
        at_sign = e_is_term & ((o_first[e_hit] & _AT) != 0)
        e_weight = np.where(at_sign, np.minimum(e_weight, 0.12), e_weight)
        folds = e_is_term & e_in_tag & self.e_folds[e]
        e_rule = np.where(folds, _R["hashtag"], e_rule)
        e_weight = np.where(folds, np.maximum(e_weight, 0.5), e_weight)
        is_number = e_rule == _R["number"]
        m_sel = ~drop & ~is_number
        nw = np.flatnonzero(is_number & ~drop)

        # -- ballot numbers ----------------------------------------------------------------
        b_row, b_start, b_end, b_rule, b_num = self._ballots(
            cp, cls, cs, alive, starts_alpha, h_row[e_hit[nw]], h_start[e_hit[nw]],
            h_end[e_hit[nw]], self.e_numval[e[nw]],
        )  # fmt: skip
        b_os, b_oe = to_original(b_row, b_start, b_end)

        # -- all evidence, in reading order --------------------------------------------------
        row = np.concatenate([e_row[m_sel], b_row])
        start = np.concatenate([h_start[e_hit[m_sel]], b_start])
        end = np.concatenate([h_end[e_hit[m_sel]], b_end])
        rule = np.concatenate([e_rule[m_sel], b_rule])
        weight = np.concatenate(
            [e_weight[m_sel], np.where(b_rule == _R["ballot_call"], BALLOT_WEIGHT["ballot_call"],
                                       BALLOT_WEIGHT["ballot_number"])]
        )  # fmt: skip
        primary = np.concatenate([self.e_primary[e[m_sel]], np.ones(len(b_row), dtype=bool)])
        nums = np.concatenate(
            [self.e_nums[e[m_sel]], np.left_shift(np.uint64(1), b_num.astype(np.uint64))]
        )
        ostart = np.concatenate([e_os[m_sel], b_os])
        oend = np.concatenate([e_oe[m_sel], b_oe])
        term = np.concatenate([h_kid[e_hit[m_sel]], -1 - np.arange(len(b_row))])
        seq = np.arange(len(row))
        order = np.lexsort((seq, -end, start, row))
        row, start, end, rule, weight, primary, nums, ostart, oend, term = (
            x[order] for x in (row, start, end, rule, weight, primary, nums, ostart, oend, term)
        )

        # -- weighing -------------------------------------------------------------------------
        has_ref = np.zeros(n, dtype=bool)
        has_ref[row[primary & _IS_REF[rule]]] = True
        dropped = _nested(row, start, end, rule)
        kept = ~dropped & has_ref[row]
        row, start, end, rule, weight, nums, ostart, oend, term = (
            x[kept] for x in (row, start, end, rule, weight, nums, ostart, oend, term)
        )
        support = np.flatnonzero(rule == _R["support"])
        if len(support):
            rule = rule.copy()
            negated = self._negated(cls, row, start, end, rule, support)
            rule[support[negated]] = _R["negated"]
            rest = support[~negated]
            reported = self._reported(cp, cls, cs, starts_nonspace, row[rest], start[rest])
            rule[rest[reported]] = _R["reported"]
        spans = rule != _R["negator"]
        row, start, end, rule, weight, nums, ostart, oend, term = (
            x[spans] for x in (row, start, end, rule, weight, nums, ostart, oend, term)
        )

        cand = np.zeros(n, dtype=np.uint64)
        ref = _IS_REF[rule]
        np.bitwise_or.at(cand, row[ref], nums[ref])
        ncand = _popcount(cand)
        key = row * _NR + rule
        cnt = np.bincount(key, minlength=n * _NR).reshape(n, _NR)
        total = np.bincount(key, weights=weight, minlength=n * _NR).reshape(n, _NR)
        top_flat = np.full(n * _NR, -np.inf)
        first_flat = np.full(n * _NR, np.iinfo(np.int64).max)
        if len(key):
            by_key = np.argsort(key, kind="stable")
            keys, group = np.unique(key[by_key], return_index=True)
            top_flat[keys] = np.maximum.reduceat(weight[by_key], group)
            first_flat[keys] = by_key[group]  # the stable sort keeps the first one first
        top = top_flat.reshape(n, _NR)
        seen_first = first_flat.reshape(n, _NR)
        present = cnt > 0

        value = np.zeros((n, _NR))
        name, alias = _R["name"], _R["alias"]
        n_named = cnt[:, name] + cnt[:, alias]
        top_named = np.maximum(top[:, name], top[:, alias])
        named_value = top_named + 0.03 * np.minimum(n_named - 1, 3)
        value[:, name] = named_value
        value[:, alias] = np.where(present[:, name], 0.0, named_value)
        for r in ("party", "slogan", "hashtag", "extra", "ballot_call", "ballot_number"):
            j = _R[r]
            value[:, j] = top[:, j] + 0.05 * np.minimum(cnt[:, j] - 1, 3)
        for r in ("support", "call", "context", "oppose", "news", "neutral", "doubt"):
            j = _R[r]
            value[:, j] = np.minimum(total[:, j], _CAP[j])
        value = np.where(present, value, 0.0)

        # points add up in the order the rules first appear, as the one-by-one sum does
        positive = np.zeros(n)
        negative = np.zeros(n)
        by_first = np.argsort(seen_first, axis=1, kind="stable")
        rows_idx = np.arange(n)
        for rank in range(int(present.sum(axis=1).max(initial=0))):
            r_k = by_first[:, rank]
            here = present[rows_idx, r_k]
            v_k = value[rows_idx, r_k]
            neg = _IS_NEG[r_k]
            positive = positive + np.where(here & ~neg, v_k, 0.0)
            negative = negative + np.where(here & neg, v_k, 0.0)
        q_pts = np.where(question, 0.3, 0.0)
        negative = negative + q_pts
        several = (ncand >= 2) & ~present[:, _R["oppose"]]
        several_pts = np.where(ncand == 2, 0.3, 0.8)
        negative = negative + np.where(several, several_pts, 0.0)
        headline = np.zeros(n, dtype=bool)
        # a headline has a link, " - " or ": " (see `headline_style`); only those are read
        joined = "\n".join(originals)
        marks = [m.start() for m in _HEADLINE_MARK.finditer(joined)]
        if marks:
            row_of_mark = np.searchsorted(os_ - 1, np.array(marks), side="right") - 1
            for at in np.unique(row_of_mark).tolist():
                if has_ref[at]:
                    headline[at] = headline_style(originals[at])
        negative = negative + np.where(headline, 0.9, 0.0)
        firm_rule = present[:, _R["support"]] | present[:, _R["oppose"]]
        firm_rule |= present[:, _R["ballot_call"]]
        firm = (
            np.where(headline, 0.9, 0.0)
            + np.where(present[:, _R["neutral"]], value[:, _R["neutral"]], 0.0)
            + q_pts
        )
        negative = np.where(firm_rule, firm + (negative - firm) * 0.6, negative)
        p = positive - negative
        scores = np.zeros(n)
        positive_rows = np.flatnonzero(has_ref & (p > 0))
        # the one-by-one formula, once per distinct sum (posts share a few hundred sums)
        sums, which = np.unique(p[positive_rows], return_inverse=True)
        distinct = np.array([round(1.0 - math.exp(-x), 4) for x in sums.tolist()])
        scores[positive_rows] = distinct[which] if len(sums) else 0.0

        n_spans = np.bincount(row, minlength=n)
        hit = (scores >= threshold) & (n_spans > 0)
        if not self.enabled:
            one_by_one[:] = True
        out = ~one_by_one & (np.ones(n, dtype=bool) if all_rows else hit)
        out_rows = np.flatnonzero(out)

        # -- columns -------------------------------------------------------------------------
        reason_bits = np.zeros((n, len(_REASON_KEYS)), dtype=bool)
        for col, reason in enumerate(_REASON_KEYS):
            if reason in _R:
                reason_bits[:, col] = present[:, _R[reason]] & has_ref
        reason_bits[:, _REASON_KEYS.index("question")] = question & has_ref
        reason_bits[:, _REASON_KEYS.index("several")] = several & has_ref
        reason_bits[:, _REASON_KEYS.index("headline")] = headline & has_ref
        reasons = _lists(reason_bits[out_rows], _REASON_VALUES)
        numbers = np.arange(_MAX_NUMBER + 1, dtype=np.uint64)
        cand_bits = ((cand[out_rows][:, None] >> numbers[None, :]) & np.uint64(1)).astype(bool)
        cand_bits &= has_ref[out_rows][:, None]
        candidates = _lists(cand_bits, pa.array(np.arange(_MAX_NUMBER + 1), pa.int32()))

        chosen = out[row] & has_ref[row]
        s_row = row[chosen]
        s_term = term[chosen]
        ballot = s_term < 0
        ballot_terms = _slices(big, cp, start[chosen][ballot], end[chosen][ballot])
        term_ids = np.where(ballot, len(self.keys) + np.cumsum(ballot) - 1, s_term)
        term_values = pa.concat_arrays([self.keys, ballot_terms])
        spans_of_row = np.bincount(s_row, minlength=n)[out_rows]
        list_offsets = np.zeros(len(out_rows) + 1, dtype=np.int32)
        np.cumsum(spans_of_row, out=list_offsets[1:])
        values = pa.StructArray.from_arrays(
            [
                pa.array(ostart[chosen], pa.int32()),
                pa.array(oend[chosen], pa.int32()),
                term_values.take(pa.array(term_ids, pa.int64())),
                _SPAN_RULES.take(pa.array(rule[chosen], pa.int64())),
            ],
            names=["start", "end", "term", "rule"],
        )
        span_lists = pa.ListArray.from_arrays(pa.array(list_offsets, pa.int32()), values)
        return BatchResult(
            out_rows,
            scores[out_rows],
            candidates,
            reasons,
            span_lists,
            np.flatnonzero(one_by_one),
        )

    # ---------------------------------------------------------------------------------
    def _after(self, cp: np.ndarray, cls: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, ...]:
        """`_AFTER.match(text, at)` for many positions: (matched, end, word is "just")."""
        n = len(at)
        found = np.zeros(n, dtype=bool)
        end = np.zeros(n, dtype=np.int64)
        just = np.zeros(n, dtype=bool)
        if not n:
            return found, end, just
        last = len(cp) - 1
        # skip blanks and tabs: no word starts with one, so the regex never backtracks
        p = at.copy()
        while True:
            blank = (cls[np.minimum(p, last)] & _SPTAB) != 0
            if not blank.any():
                break
            p = p + blank
        window = cp[np.minimum(p[:, None] + np.arange(self.after_width + 1), last)]
        word_at = (_ASCII_CLASSES[np.minimum(window, 127)] & _WORD) != 0
        wide = window >= 128
        if wide.any():
            word_at[wide] = (_classes(window[wide]) & _WORD) != 0
        for w, is_just in zip(self.after, self.after_just, strict=True):
            size = len(w)
            ok = ~found & (window[:, :size] == w).all(axis=1) & ~word_at[:, size]
            found |= ok
            end = np.where(ok, p + size, end)
            just = np.where(ok, is_just, just)
        return found, end, just

    def _ballots(
        self,
        cp: np.ndarray,
        cls: np.ndarray,
        cs: np.ndarray,
        alive: np.ndarray,
        starts_alpha: _RunStarts,
        nw_row: np.ndarray,
        nw_start: np.ndarray,
        nw_end: np.ndarray,
        nw_num: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`find_ballots` for every post: (row, start, end, rule, number)."""
        digit = (cls & _ASCII_DIGIT) != 0
        isdigit = (cls & _DIGIT) != 0
        alpha = (cls & _ALPHA) != 0
        gap = (cls & _GAP) != 0
        last = len(cp) - 1
        d_start = np.flatnonzero(digit[1:] & ~digit[:-1]) + 1
        d_end = np.flatnonzero(digit[:-1] & ~digit[1:]) + 1
        d_row = np.searchsorted(cs, d_start, side="right") - 1
        ln = d_end - d_start
        first = cp[d_start] - 48
        second = cp[np.minimum(d_start + 1, last)] - 48
        ok = alive[d_row] & (ln <= 2)
        ok &= ~((ln == 2) & (first != 0))
        ok &= ~((ln == 1) & (first == 0)) & ~((ln == 2) & (first == 0) & (second == 0))
        after0 = cp[np.minimum(d_end, last)]
        in_set = np.isin(after0, [ord(c) for c in ".,:/-"])
        ok &= ~(in_set & isdigit[np.minimum(d_end + 1, last)])
        ok &= ~(np.isin(cp[d_start - 1], [ord(c) for c in ".,:/-"]) & isdigit[d_start - 2])
        ok &= ~(alpha[np.minimum(d_end, last)] & (cp[d_start - 1] != ord("#")))
        d_num = np.where(ln == 1, first, first * 10 + second)
        sel = np.flatnonzero(ok)
        row = np.concatenate([d_row[sel], nw_row])
        s = np.concatenate([d_start[sel], nw_start])
        e = np.concatenate([d_end[sel], nw_end])
        num = np.concatenate([d_num[sel], nw_num])
        is_digit = np.concatenate([np.ones(len(sel), dtype=bool), np.zeros(len(nw_row), bool)])
        valid = (num >= 1) & (num <= _MAX_NUMBER)
        # numbers no candidate carries name nobody
        valid &= ((np.uint64(self.ballot_numbers) >> np.minimum(num, 63).astype(np.uint64))
                  & np.uint64(1)).astype(bool)  # fmt: skip
        keep = np.flatnonzero(valid)
        row, s, e, num, is_digit = row[keep], s[keep], e[keep], num[keep], is_digit[keep]

        def skip_gap(end: np.ndarray, limit: int) -> np.ndarray:
            i = end.copy()
            for _ in range(limit):
                move = gap[i - 1]
                if not move.any():
                    break
                still = (end - i < limit) & move
                i = i - still
            return i

        n = len(row)
        rule = np.full(n, -1, dtype=np.int64)
        begin = s.copy()
        stop = e.copy()
        done = np.zeros(n, dtype=bool)
        call, number = _R["ballot_call"], _R["ballot_number"]

        g = skip_gap(s, 4)
        # "#01"
        first_hash = np.full(n, -1, dtype=np.int64)
        for k in range(3, -1, -1):
            pos = g + k
            here = (pos < s) & ((cls[np.minimum(pos, last)] & _HASH) != 0)
            first_hash = np.where(here, pos, first_hash)
        hashed = is_digit & (first_hash >= 0)
        rule[hashed] = call
        begin[hashed] = first_hash[hashed]
        done |= hashed
        # glued: "coblos01"
        glued = ~done & alpha[s - 1]
        w = starts_alpha[s]
        gw = _pack(cp, w, s)
        is_glued = glued & self.glued.isin(gw)
        rule[is_glued] = np.where(self.glued_call.isin(gw[is_glued]), call, number)
        begin[is_glued] = w[is_glued]
        done |= glued
        # a cue word before the number
        w1 = starts_alpha[g]
        has_word1 = ~done & (w1 < g) & (g < s)
        word1 = _pack(cp, w1, g)
        g0 = skip_gap(w1, 2)
        w0 = starts_alpha[g0]
        word0 = _pack(cp, np.where(g0 < w1, w0, g0), g0)
        call1 = self.call_cues.isin(word1)
        between1 = self.between.isin(word1)
        call0 = self.call_cues.isin(word0)
        between0 = self.between.isin(word0)
        a_case = has_word1 & call1
        rule[a_case] = call
        begin[a_case] = w1[a_case]
        done |= a_case
        b_case = has_word1 & ~done & between1 & call0
        rule[b_case] = call
        begin[b_case] = w0[b_case]
        done |= b_case
        c_try = has_word1 & ~done & between1 & between0
        g00 = skip_gap(w0, 2)
        w00 = starts_alpha[g00]
        c_case = c_try & (g00 < w0) & self.call_cues.isin(_pack(cp, w00, g00))
        rule[c_case] = call
        begin[c_case] = w00[c_case]
        done |= c_case
        follows = np.zeros(n, dtype=bool)
        follow_end = np.zeros(n, dtype=np.int64)
        follow_just = np.zeros(n, dtype=bool)
        open_ = np.flatnonzero(~done)
        follows[open_], follow_end[open_], follow_just[open_] = self._after(cp, cls, e[open_])
        d_case = has_word1 & ~done & self.ref_cues.isin(word1)
        begin[d_case] = np.where(self.ref_cues.isin(word0[d_case]), w0[d_case], w1[d_case])
        rule[d_case] = np.where(follows[d_case], call, number)
        stop[d_case] = np.where(follows[d_case], follow_end[d_case], e[d_case])
        done |= d_case
        zero_padded = (e - s == 2) & (cp[s] == ord("0"))
        tail = ~done & follows & (~follow_just | zero_padded)
        rule[tail] = call
        stop[tail] = follow_end[tail]
        done |= tail
        bare = ~done & is_digit & zero_padded
        rule[bare] = number
        done |= bare
        found = rule >= 0
        return row[found], begin[found], stop[found], rule[found], num[found]

    def _negated(
        self,
        cls: np.ndarray,
        row: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        rule: np.ndarray,
        support: np.ndarray,
    ) -> np.ndarray:
        """For each support verb: does a negator stand just before it in its clause?

        Only the nearest negator ending before the verb can: one further away is further
        than the reach whenever the nearest is, and has any stop the nearest has between.
        """
        negator_end = np.sort(end[rule == _R["negator"]])
        if not len(negator_end):
            return np.zeros(len(support), dtype=bool)
        verb = start[support]
        k = np.searchsorted(negator_end, verb, side="right") - 1
        near = negator_end[np.maximum(k, 0)]
        stops = _Count((cls & _PUNCT) != 0)
        # the newline between posts is a stop, so a negator of the post before never counts
        return (k >= 0) & (verb - near <= NEGATION_REACH) & (stops(near, verb) == 0)

    def _reported(
        self,
        cp: np.ndarray,
        cls: np.ndarray,
        cs: np.ndarray,
        starts_nonspace: _RunStarts,
        row: np.ndarray,
        start: np.ndarray,
    ) -> np.ndarray:
        """For each support verb: is the word before it "yang", "dia", "mereka" …?"""
        if not len(row):
            return np.zeros(0, dtype=bool)
        nonspace = np.flatnonzero((cls & _SPACE) == 0)
        window = np.maximum(cs[row], start - REPORT_REACH)
        # the newline before a post is a blank, so a post's first word is found
        k = np.searchsorted(nonspace, start, side="left") - 1
        b = np.where(k >= 0, nonspace[np.maximum(k, 0)] + 1, 0)
        has_token = b > window
        a = np.maximum(starts_nonspace[b], window)
        words = _pack(cp, np.where(has_token, a, start), np.where(has_token, b, start))
        return has_token & self.reporters.isin(words)


def _bits(numbers: frozenset[int]) -> int:
    out = 0
    for n in numbers:
        if 0 <= n <= _MAX_NUMBER:
            out |= 1 << n
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    count = np.zeros(len(x), dtype=np.int64)
    y = x.copy()
    while y.any():
        count += (y & np.uint64(1)).astype(np.int64)
        y >>= np.uint64(1)
    return count


def _nested(row: np.ndarray, start: np.ndarray, end: np.ndarray, rule: np.ndarray) -> np.ndarray:
    """`score._dedupe` for matches sorted by (row, start, longest first): which lie in an
    earlier match of their post that is longer, or of the same span and rule.

    Positions are global and posts do not overlap, so matches of earlier posts all end
    before this one starts and never count.
    """
    n = len(row)
    if not n:
        return np.zeros(0, dtype=bool)
    # an earlier match starting further left and ending no earlier contains it, longer
    furthest = np.maximum.accumulate(end)
    new_start = np.ones(n, dtype=bool)
    new_start[1:] = start[1:] != start[:-1]
    group = np.maximum.accumulate(np.where(new_start, np.arange(n), 0))
    before_group = np.where(group > 0, furthest[np.maximum(group - 1, 0)], -1)
    dropped = before_group >= end
    # the same start: the first of the group is the longest
    dropped |= end[group] > end
    # the same span and rule as an earlier one
    same = np.ones(n, dtype=bool)
    same[1:] = (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    span_group = np.cumsum(same)
    _, first = np.unique(span_group * _NR + rule, return_index=True)
    repeat = np.ones(n, dtype=bool)
    repeat[first] = False
    return dropped | repeat


_SLICE_WIDTH = 64  # longest slice `_slices` gathers with numpy


def _slices(text: str, cp: np.ndarray, a: np.ndarray, b: np.ndarray) -> pa.Array:
    """``text[a[i]:b[i]]`` for every i, as a string array (``cp``: the text's code points).

    The code points of every slice are gathered at once into a fixed-width UTF-32 array,
    which numpy reads as strings (the zeros padding a shorter slice are not part of it);
    slices that are longer, or that end in a NUL, are cut one by one.
    """
    width = int((b - a).max(initial=0))
    if width > _SLICE_WIDTH or (cp[b[b > a] - 1] == 0).any():
        return pa.array(
            [text[i:j] for i, j in zip(a.tolist(), b.tolist(), strict=True)], pa.string()
        )
    if width == 0:
        return pa.array([""] * len(a), pa.string())
    at = a[:, None] + np.arange(width)
    chars = np.where(at < b[:, None], cp[np.minimum(at, len(cp) - 1)], 0).astype("<u4")
    return pa.array(chars.view(f"<U{width}").ravel(), pa.string())


def _lists(bits: np.ndarray, values: pa.Array) -> pa.Array:
    """A list array whose i-th list holds ``values[j]`` for every set ``bits[i, j]``."""
    offsets = np.zeros(len(bits) + 1, dtype=np.int32)
    np.cumsum(bits.sum(axis=1), out=offsets[1:])
    picked = np.nonzero(bits)[1]
    return pa.ListArray.from_arrays(
        pa.array(offsets, pa.int32()), values.take(pa.array(picked, pa.int64()))
    )
