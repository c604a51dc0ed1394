"""The typo detector: suspicious positions, candidate substitutions, features, decision.

``analyse`` does everything up to the feature matrix (the build script trains the classifier
on its output for texts with injected typos); ``detect`` scores the candidates and returns
the positions whose best candidate passes the model's threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import candidates as cand
from . import guards, trees
from .features import (
    _POW,
    TextCounts,
    logp_after,
    logp_before,
    original_counts,
    substituted_counts,
    text_counts,
)
from .hashing import _P, TERM_SALT, WORD_SALT, key32, ngram_hashes
from .model import Model
from .normalize import BREAK, is_han, tokens

#: Names of the classifier's features, in column order.
FEATURES = (
    "gain", "gain_self", "gain_after",
    "orig_bigram_left", "orig_bigram_right", "cand_bigram_left", "cand_bigram_right",
    "cand_trigram_mid", "cand_trigram_left", "cand_trigram_right", "orig_trigram_left", "orig_trigram_right",
    "cand_4gram", "cand_5gram", "orig_unigram", "cand_unigram", "orig_doc_count",
    "orig_word", "cand_word", "edge_left", "edge_right", "width2", "cand_inner_bigram", "orig_4gram",
    "n_candidates", "margin", "kind_fuzzy", "kind_shape", "bigram_gain_min", "trigram_gain_min",
    "place_after", "orig_place_score", "orig_term", "cand_term",
)
#: Suffixes of place names (村, 镇, 街道, 社区 …): a character just before one is often part of a name.
PLACE_SUFFIXES = "村镇乡县区市州省旗盟街路巷道港湾岛屿山岭岗峰河江湖海溪泉桥园寺塔庄坝洲坪湖"
NF = len(FEATURES)
#: Lengths of the terms looked up for the orig_term / cand_term features.
TERM_LENGTHS = (2, 3, 4, 5, 6, 7, 8)
#: A text of fewer tokens is not judged.
MIN_TOKENS = 2


@dataclass
class Settings:
    """The cheap filters in front of the classifier (stored in the model's meta)."""

    min_bigram_gain: float = 1.0  # log-count gain of the two bigrams with the neighbours
    min_gain: float = 3.0  # LM log-score gain of the substitution
    rare_char: float = 2000.0  # a character seen fewer times in the reports is a name if it recurs
    double_word: float = 5.0  # an original pair with this word frequency is not a 2-character typo
    guard_headings: float = 0.0  # skip short lines without sentence punctuation (costs recall, saves little)
    guard_names: float = 1.0  # skip a name set apart by a space (市长 王君)
    # Off (0) in models built before them, so those keep their behaviour:
    rare_unseen: float = 0.0  # 1: a rare character counts as recurring only by its occurrences in unseen 3-grams
    recurring_seen: float = 0.0  # > 0: a recurring bigram seen this often in the reports is no name

    @classmethod
    def of(cls, model: Model) -> Settings:
        return cls(**{k: float(v) for k, v in model.meta.get("settings", {}).items()})


@dataclass
class Scored:
    """Candidate substitutions of one width: token positions, new codes (n, width), features."""

    pos: np.ndarray
    new: np.ndarray
    X: np.ndarray

    @property
    def width(self) -> int:
        return int(self.new.shape[1])


@dataclass
class Analysis:
    codes: np.ndarray
    offsets: np.ndarray  # offset in the text of each token (the padding breaks get -1 and len(text))
    groups: list[Scored]


def _word_best(model: Model, tc: TextCounts, pos: np.ndarray, new: np.ndarray | None, width: int,
               cache: dict[int, np.ndarray]) -> np.ndarray:
    """Highest dictionary frequency of a 2-4 character word covering the span (after ``new`` if given)."""
    return _cover(lambda k, n: model.words.lookup(k), WORD_SALT, (2, 3, 4), tc, pos, new, width, cache)


def _term_best(model: Model, tc: TextCounts, pos: np.ndarray, new: np.ndarray | None, width: int,
               cache: dict[int, np.ndarray]) -> np.ndarray:
    """Length of the longest 公文 term (the build's term list, 2-8 characters) covering the span."""
    keys = model.arrays.get("terms.keys")
    if keys is None or keys.size == 0:
        return np.zeros(pos.size, np.float32)

    def length_if_term(k: np.ndarray, n: int) -> np.ndarray:
        i = np.minimum(np.searchsorted(keys, k), keys.size - 1)
        return np.where(keys[i] == k, np.float32(n), np.float32(0))

    return _cover(length_if_term, TERM_SALT, TERM_LENGTHS, tc, pos, new, width, cache)


def _cover(value: Callable[[np.ndarray, int], np.ndarray], salt: int, orders: tuple[int, ...], tc: TextCounts, pos: np.ndarray, new: np.ndarray | None,
           width: int, cache: dict[int, np.ndarray]) -> np.ndarray:
    """Highest ``value(keys, n)`` of the n-grams (n in ``orders``) covering the span, after ``new`` if given."""
    codes = tc.codes
    length = codes.size
    best = np.zeros(pos.size, np.float32)
    c64 = codes.astype(np.uint64)
    for n in orders:
        hashes = tc.hashes.get(n)
        if hashes is None:
            hashes = cache.get(n)
            if hashes is None:
                hashes = cache[n] = ngram_hashes(codes, n)
        for k in range(n + width - 1):
            s = pos - (n - 1) + k
            ok = (s >= 0) & (s + n <= length)
            if not ok.any():
                continue
            h = hashes[s[ok]]
            if new is not None:
                for t in range(width):
                    if 0 <= k - t <= n - 1:
                        h = h + (new[ok, t].astype(np.uint64) - c64[pos[ok] + t]) * _POW[k - t]
            k32 = key32(h, salt + n)
            best[ok] = np.maximum(best[ok], value(k32, n))
    return best


def _prefilter(model: Model, tc: TextCounts, pos: np.ndarray, new: np.ndarray, kind: np.ndarray, st: Settings):
    """Keep the candidates whose bigrams and LM score improve enough; return them with their counts."""
    width = new.shape[1]
    if pos.size == 0:
        return None
    lg = np.log1p
    o2 = original_counts(tc, pos, 2, width)
    # the two outer bigrams first: two look-ups a candidate
    codes = tc.codes.astype(np.uint64)
    left = model.tables[2].lookup(key32(codes[pos - 1] * _P + new[:, 0].astype(np.uint64), 2))
    right = model.tables[2].lookup(key32(new[:, -1].astype(np.uint64) * _P + codes[pos + width], 2))
    keep = lg(left) + lg(right) - lg(o2[:, 0]) - lg(o2[:, -1]) >= st.min_bigram_gain
    pos, new, kind = pos[keep], new[keep], kind[keep]
    if pos.size == 0:
        return None
    sub = substituted_counts(model, tc, pos, new)
    after = logp_after(model, tc, pos, sub, width)
    before = logp_before(model, tc, pos, width)
    gain = (after - before).sum(1)
    keep = gain >= st.min_gain
    if not keep.any():
        return None
    return pos[keep], new[keep], kind[keep], {n: a[keep] for n, a in sub.items()}, after[keep], before[keep]


def _features(model: Model, tc: TextCounts, pos: np.ndarray, new: np.ndarray, kind: np.ndarray,
              sub: dict[int, np.ndarray], after: np.ndarray, before: np.ndarray, dc: np.ndarray,
              cache: dict[int, np.ndarray]) -> np.ndarray:
    width = new.shape[1]
    lg = np.log1p
    o = {n: original_counts(tc, pos, n, width) for n in (2, 3, 4)}
    X = np.zeros((pos.size, NF), np.float32)
    g = after - before
    X[:, 0] = g.sum(1)
    X[:, 1] = g[:, :width].sum(1)
    X[:, 2] = g[:, width:].sum(1)
    X[:, 3] = lg(o[2][:, 0])
    X[:, 4] = lg(o[2][:, -1])
    X[:, 5] = lg(sub[2][:, 0])
    X[:, 6] = lg(sub[2][:, -1])
    X[:, 7] = lg(sub[3][:, 1:1 + width].max(1))
    X[:, 8] = lg(sub[3][:, 0])
    X[:, 9] = lg(sub[3][:, -1])
    X[:, 10] = lg(o[3][:, 0])
    X[:, 11] = lg(o[3][:, -1])
    X[:, 12] = lg(sub[4].max(1))
    X[:, 13] = lg(sub[model.max_order].max(1))
    span = pos[:, None] + np.arange(width)[None, :]
    X[:, 14] = lg(tc.counts[1][span].min(1))
    X[:, 15] = lg(sub[1].min(1))
    X[:, 16] = np.log(dc[span].min(1))
    X[:, 17] = lg(_word_best(model, tc, pos, None, width, cache))
    X[:, 18] = lg(_word_best(model, tc, pos, new, width, cache))
    han = is_han(tc.codes)
    X[:, 19] = ~han[pos - 1]
    X[:, 20] = ~han[pos + width]
    X[:, 21] = width - 1
    if width == 2:
        X[:, 22] = lg(sub[2][:, 1])
    X[:, 23] = lg(o[4].max(1))
    X[:, 26] = kind == cand.FUZZY
    X[:, 27] = kind == cand.SHAPE
    # a correction mends both sides: the smaller of the left and right improvements
    X[:, 28] = np.minimum(X[:, 5] - X[:, 3], X[:, 6] - X[:, 4])
    X[:, 29] = np.minimum(X[:, 8] - X[:, 10], X[:, 9] - X[:, 11])
    suffix = np.isin(tc.codes, model.arrays["place.suffixes"])
    X[:, 30] = suffix[pos + width] | suffix[np.minimum(pos + width + 1, tc.codes.size - 1)]
    X[:, 31] = _place_score(model, tc.codes[span]).max(1)
    X[:, 32] = _term_best(model, tc, pos, None, width, cache)
    X[:, 33] = _term_best(model, tc, pos, new, width, cache)
    _group(pos, X)
    return X


def _place_score(model: Model, chars: np.ndarray) -> np.ndarray:
    """How often each character is followed by a place suffix in the reports (0-1, quantised)."""
    keys = model.arrays["place.chars"]
    i = np.minimum(np.searchsorted(keys, chars), keys.size - 1)
    return np.where(keys[i] == chars, model.arrays["place.score"][i].astype(np.float32) / 255, 0)


def _group(pos: np.ndarray, X: np.ndarray) -> None:
    """Per position: the number of candidates and each one's gain margin over the best other one."""
    order = np.lexsort((-X[:, 0], pos))
    p = pos[order]
    gain = X[order, 0]
    first = np.ones(p.size, bool)
    first[1:] = p[1:] != p[:-1]
    group = np.cumsum(first) - 1
    size = np.bincount(group)
    heads = np.flatnonzero(first)
    second = np.zeros(heads.size, np.float32)
    nxt = heads + 1
    has = nxt < p.size
    has[has] = p[nxt[has]] == p[heads[has]]
    second[has] = gain[nxt[has]]
    top = gain[heads]
    margin = np.where(first, gain - np.maximum(second[group], 0), gain - top[group])
    X[order, 24] = np.log(size[group])
    X[order, 25] = margin


def analyse(model: Model, text: str) -> Analysis:
    """Candidates and their features for every suspicious position of ``text``."""
    st = Settings.of(model)
    codes, offsets = tokens(text)
    if codes.size < MIN_TOKENS:  # one character has no context to judge it by (and no 2-gram to count)
        return Analysis(codes, offsets, [])
    codes = np.concatenate(([BREAK], codes, [BREAK])).astype(np.uint32)
    offsets = np.concatenate(([-1], offsets, [len(text)]))
    tc = text_counts(model, codes)
    length = codes.size
    dc = guards.doc_counts(codes)
    # A name recurs in contexts the reports never saw (珞南街 ... 珞南); a typo's character recurs
    # elsewhere in ordinary words (发掌 ... 掌握), and a common bigram recurs by chance (中心成市 ... 中心成为).
    seen2 = tc.counts[2] >= st.recurring_seen if st.recurring_seen else None
    skip = guards.quoted(codes) | guards.recurring(tc.hashes[2], length, seen2)
    if st.guard_headings:
        skip |= guards.headings(codes)
    if st.guard_names:
        raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
        skip |= guards.after_space(raw, codes, offsets)
    skip |= guards.place_abbreviations(codes, model.arrays["gazetteer.abbr"])
    if st.rare_unseen:
        unseen = np.zeros(length, bool)
        unseen[1:-1] = tc.counts[3] == 0
        skip |= (guards.counts_among(codes, unseen) >= 2) & (tc.counts[1] < st.rare_char)
    else:
        skip |= (dc >= 2) & (tc.counts[1] < st.rare_char)
    susp = cand.suspicious(tc, skip)
    groups: list[Scored] = []
    cache: dict[int, np.ndarray] = {}
    p1, c1, k1 = cand.singles(model, tc, np.flatnonzero(susp))
    pre = _prefilter(model, tc, p1, c1[:, None], k1, st)
    if pre is not None:
        groups.append(Scored(pre[0], pre[1], _features(model, tc, *pre, dc, cache)))
    pairs = np.flatnonzero(susp[:-1] & susp[1:])
    if pairs.size:
        # an original pair that is a known word or a seen bigram is not a two-character typo
        bigram = tc.counts[2][pairs]
        w2 = model.words.lookup(key32(tc.hashes[2][pairs], WORD_SALT + 2))
        pairs = pairs[(bigram < 3) & (w2 < st.double_word)]
        p2, c2, k2 = cand.doubles(model, tc, pairs)
        pre = _prefilter(model, tc, p2, c2, k2, st)
        if pre is not None:
            groups.append(Scored(pre[0], pre[1], _features(model, tc, *pre, dc, cache)))
    return Analysis(codes, offsets, groups)


def probability(model: Model, X: np.ndarray) -> np.ndarray:
    """The classifier's probability that each candidate is the correction of a typo."""
    return trees.probability(model.arrays, model.meta, X)


@dataclass(frozen=True)
class Hit:
    """A probable typo: text[start:end] should be ``suggestion``."""

    start: int
    end: int
    suggestion: str
    probability: float


def detect(model: Model, text: str, threshold: float | None = None) -> list[Hit]:
    """Positions whose best candidate reaches the threshold, in text order, not overlapping."""
    th = float(model.meta["threshold"]) if threshold is None else threshold
    an = analyse(model, text)
    best: dict[int, Hit] = {}
    for g in an.groups:
        prob = probability(model, g.X)
        for i in np.flatnonzero(prob >= th):
            p = int(g.pos[i])
            start = int(an.offsets[p])
            end = int(an.offsets[p + g.width - 1]) + 1
            hit = Hit(start, end, "".join(map(chr, g.new[i])), float(prob[i]))
            old = best.get(start)
            if old is None or hit.probability > old.probability:
                best[start] = hit
    out: list[Hit] = []
    for hit in sorted(best.values(), key=lambda h: (-h.probability, h.start)):
        if all(hit.end <= o.start or hit.start >= o.end for o in out):
            out.append(hit)
    return sorted(out, key=lambda h: h.start)
