"""Suspicious positions and their candidate substitutions.

Cheap first: a Han character is suspicious only where the 3-gram centred on it was never
seen in the training reports (95 % of ECSpell's typos, ~4 % of the characters of a clean
report). Its candidates are the characters of its confusion set (same or similar sound,
similar shape) that make the text locally attested again; only those are scored.

Two neighbouring suspicious characters may be one mistyped word (淡味 for 单位): their
candidates are pairs from the two confusion sets that form a bigram the reports contain.
"""

from __future__ import annotations

import numpy as np

from .features import TextCounts
from .hashing import _P, key32
from .model import Model
from .normalize import is_han

#: Kinds of confusion, stored per candidate in ``conf.kinds`` (a shape look-alike needs more evidence).
SAME, FUZZY, SHAPE = 0, 1, 2


def confusion_of(model: Model, chars: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flattened (index into ``chars``, candidate code, kind) of every candidate of every character."""
    keys = model.arrays["conf.chars"]
    start = model.arrays["conf.start"]
    i = np.searchsorted(keys, chars)
    np.minimum(i, keys.size - 1, out=i)
    hit = keys[i] == chars
    lo = np.where(hit, start[i], 0).astype(np.int64)
    hi = np.where(hit, start[np.minimum(i + 1, start.size - 1)], 0).astype(np.int64)
    sizes = hi - lo
    owner = np.repeat(np.arange(chars.size), sizes)
    # the indices lo..hi-1 of each run, without a Python loop
    first = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
    idx = first + np.arange(owner.size)
    return owner, model.arrays["conf.cands"][idx].astype(np.uint32), model.arrays["conf.kinds"][idx]


def suspicious(tc: TextCounts, skip: np.ndarray) -> np.ndarray:
    """Mask of the Han characters inside a never-seen 3-gram, not under ``skip``.

    The first and last tokens have no 3-gram around them; callers pad the text with a break.
    """
    codes = tc.codes
    length = codes.size
    mask = np.zeros(length, bool)
    if length >= 3:
        mask[1:-1] = tc.counts[3] == 0
    return mask & is_han(codes) & ~skip


def _count(model: Model, order: int, h: np.ndarray) -> np.ndarray:
    return model.tables[order].lookup(key32(h, order))


def singles(model: Model, tc: TextCounts, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position, candidate code, kind) of the candidates attested around the position.

    A candidate is kept when the 3-gram centred on it was seen, or both bigrams with its
    neighbours were (its other neighbour may be a typo too).
    """
    owner, cand, kind = confusion_of(model, tc.codes[pos])
    p = pos[owner]
    codes = tc.codes.astype(np.uint64)
    x = cand.astype(np.uint64)
    left = codes[p - 1] * _P + x
    keep = _count(model, 3, left * _P + codes[p + 1]) > 0
    rest = np.flatnonzero(~keep)  # both bigrams asked only where the 3-gram was not seen
    both = _count(model, 2, left[rest]) > 0
    both[both] = _count(model, 2, x[rest[both]] * _P + codes[p[rest[both]] + 1]) > 0
    keep[rest[both]] = True
    return p[keep], cand[keep], kind[keep]


def doubles(model: Model, tc: TextCounts, pos: np.ndarray,
            min_bigram: float = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position, (pairs, 2) candidate codes, kind) for two suspicious characters in a row at pos, pos+1.

    Both characters are replaced; the new pair must be a bigram seen ``min_bigram`` times,
    joined to the left neighbour and to the right one by seen bigrams, and one of the
    3-grams with a neighbour must be seen.
    """
    none = (pos[:0], np.zeros((0, 2), np.uint32), np.zeros(0, np.uint8))
    if pos.size == 0:
        return none
    codes = tc.codes.astype(np.uint64)
    o1, c1, k1 = confusion_of(model, tc.codes[pos])
    ok1 = _count(model, 2, codes[pos[o1] - 1] * _P + c1.astype(np.uint64)) > 0
    o1, c1, k1 = o1[ok1], c1[ok1], k1[ok1]
    o2, c2, k2 = confusion_of(model, tc.codes[pos + 1])
    ok2 = _count(model, 2, c2.astype(np.uint64) * _P + codes[pos[o2] + 2]) > 0
    o2, c2, k2 = o2[ok2], c2[ok2], k2[ok2]
    if o1.size == 0 or o2.size == 0:
        return none
    # all (first, second) combinations of the same position: o1 and o2 are sorted by owner
    n1 = np.bincount(o1, minlength=pos.size)
    n2 = np.bincount(o2, minlength=pos.size)
    s2 = np.concatenate(([0], np.cumsum(n2)[:-1]))
    reps = n2[o1]
    a = np.repeat(np.arange(o1.size), reps)
    run_start = np.repeat(np.cumsum(reps) - reps, reps)
    b = s2[o1[a]] + (np.arange(a.size) - run_start)
    del n1
    x1, x2 = c1[a].astype(np.uint64), c2[b].astype(np.uint64)
    kind = np.maximum(k1[a], k2[b])
    p = pos[o1[a]]
    bi = x1 * _P + x2
    keep = _count(model, 2, bi) >= min_bigram
    p, x1, x2, bi, kind = p[keep], x1[keep], x2[keep], bi[keep], kind[keep]
    left3 = (codes[p - 1] * _P + x1) * _P + x2
    right3 = bi * _P + codes[p + 2]
    keep = (_count(model, 3, left3) > 0) | (_count(model, 3, right3) > 0)
    return p[keep], np.stack([x1[keep], x2[keep]], axis=1).astype(np.uint32), kind[keep]
