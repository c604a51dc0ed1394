"""Score features of single-character substitutions, computed for a whole text at once.

The language model is a character n-gram model with stupid backoff (Brants et al. 2007):
the score of a token is ``log(count(ngram) / count(context))`` at the longest order seen,
lowered by ``log 0.4`` for each order backed off. The detector looks at a position only
where the text is improbable (the 3-gram around it was never seen), tries the characters
of its confusion set there, and measures for each candidate how much the scores of the
tokens whose context it changes improve. Counts of every n-gram covering the position,
before and after, go to the classifier too.

A substituted n-gram's hash comes from the original's in O(1): the hash is a polynomial
in the token codes (hashing.py), so replacing one code adds ``(new - old) * P**e``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .hashing import _P, key32, ngram_hashes
from .model import Model

_LOG_BACKOFF = float(np.log(0.4))
_POW = [np.uint64(pow(int(_P), k, 1 << 64)) for k in range(8)]


@dataclass
class TextCounts:
    """Per-position counts and LM scores of one text's tokens."""

    codes: np.ndarray
    hashes: dict[int, np.ndarray]  # order -> raw hash of the n-gram starting at each position
    counts: dict[int, np.ndarray]  # order -> count of the n-gram starting at each position
    logp: np.ndarray  # stupid-backoff score of each token given its history


def text_counts(model: Model, codes: np.ndarray) -> TextCounts:
    """Hashes, counts and LM scores of every n-gram of ``codes``."""
    hashes, counts = {}, {}
    for n in model.tables:
        h = ngram_hashes(codes, n)
        hashes[n] = h
        counts[n] = model.tables[n].lookup(key32(h, n))
    return TextCounts(codes, hashes, counts, _logp(model, counts, codes.size))


def _ending(counts: dict[int, np.ndarray], n: int, length: int) -> np.ndarray:
    """Count of the n-gram ending at each position (0 where it would start before the text)."""
    out = np.zeros(length, np.float32)
    if n - 1 < length:
        out[n - 1:] = counts[n]
    return out


def _logp(model: Model, counts: dict[int, np.ndarray], length: int) -> np.ndarray:
    """Stupid-backoff log score of each token given up to max_order - 1 tokens before it."""
    top = model.max_order
    total = np.float32(model.meta["total"])
    out = np.full(length, np.log(0.5 / total) + (top - 1) * _LOG_BACKOFF, np.float32)
    done = np.zeros(length, bool)
    for n in range(top, 0, -1):
        num = _ending(counts, n, length)
        if n > 1:
            den = np.zeros(length, np.float32)
            den[1:] = _ending(counts, n - 1, length)[:-1]
        else:
            den = np.full(length, total, np.float32)
        ok = ~done & (num > 0) & (den > 0)
        out[ok] = np.log(np.minimum(num[ok] / den[ok], 1.0)) + (top - n) * _LOG_BACKOFF
        done |= ok
    return out


def substituted_counts(model: Model, tc: TextCounts, pos: np.ndarray, new: np.ndarray) -> dict[int, np.ndarray]:
    """Counts of the n-grams covering ``pos .. pos+w-1`` after writing ``new`` (pairs, w) there.

    Returns order -> array (pairs, order + w - 1): column k is the n-gram starting at
    ``pos - order + 1 + k`` (0 where that n-gram falls outside the text).
    """
    length = tc.codes.size
    width = new.shape[1]
    old = tc.codes[pos[:, None] + np.arange(width)[None, :]]
    delta = new.astype(np.uint64) - old.astype(np.uint64)  # wraps: modular arithmetic
    out = {}
    for n, table in model.tables.items():
        res = np.zeros((pos.size, n + width - 1), np.float32)
        for k in range(n + width - 1):
            s = pos - (n - 1) + k  # start of the n-gram
            ok = (s >= 0) & (s + n <= length)
            if not ok.any():
                continue
            h = tc.hashes[n][s[ok]]
            for t in range(width):
                # pos+t is token n-1-(k-t) of the n-gram: its code is multiplied by P**(k-t)
                if 0 <= k - t <= n - 1:
                    h = h + delta[ok, t] * _POW[k - t]
            res[ok, k] = table.lookup(key32(h, n))
        out[n] = res
    return out


def original_counts(tc: TextCounts, pos: np.ndarray, n: int, width: int = 1) -> np.ndarray:
    """Counts of the same n-grams in the original text, same layout as substituted_counts."""
    length = tc.codes.size
    res = np.zeros((pos.size, n + width - 1), np.float32)
    for k in range(n + width - 1):
        s = pos - (n - 1) + k
        ok = (s >= 0) & (s + n <= length)
        res[ok, k] = tc.counts[n][s[ok]]
    return res


def logp_after(model: Model, tc: TextCounts, pos: np.ndarray, sub: dict[int, np.ndarray], width: int = 1) -> np.ndarray:
    """LM scores of the tokens whose history the substitution touches, shape (pairs, width + max_order - 1).

    Column d is the token pos + d; columns past the end of the text hold 0 (as in :func:`logp_before`).
    """
    top = model.max_order
    total = np.float32(model.meta["total"])
    length = tc.codes.size
    span = width + top - 1
    out = np.zeros((pos.size, span), np.float32)
    floor = np.float32(np.log(0.5 / total) + (top - 1) * _LOG_BACKOFF)

    def count(n: int, s: np.ndarray, k: int) -> np.ndarray:
        """Count of the n-gram starting at s = pos - n + 1 + k: from ``sub`` if it covers the change."""
        if 0 <= k <= n + width - 2:
            return sub[n][:, k]
        ok = (s >= 0) & (s + n <= length)
        return np.where(ok, tc.counts[n][np.clip(s, 0, max(0, length - n))], np.float32(0))

    for d in range(span):  # the token j = pos + d
        valid = pos + d < length
        score = np.full(pos.size, floor, np.float32)
        done = ~valid
        for n in range(top, 0, -1):
            s = pos + d - n + 1  # the n-gram ending at j is column d of its order
            num = count(n, s, d)
            # its context, the (n-1)-gram ending at j-1, starts at s too: column d-1 of order n-1
            den = count(n - 1, s, d - 1) if n > 1 else np.full(pos.size, total, np.float32)
            ok = ~done & (num > 0) & (den > 0) & (s >= 0)
            ratio = np.minimum(num / np.where(den > 0, den, np.float32(1)), np.float32(1))
            score = np.where(ok, np.log(np.maximum(ratio, np.float32(1e-30))) + np.float32((top - n) * _LOG_BACKOFF),
                             score)
            done = done | ok
        out[:, d] = np.where(valid, score, np.float32(0))
    return out


def logp_before(model: Model, tc: TextCounts, pos: np.ndarray, width: int = 1) -> np.ndarray:
    """The original LM scores of the same tokens as :func:`logp_after`."""
    span = width + model.max_order - 1
    length = tc.codes.size
    j = pos[:, None] + np.arange(span)[None, :]
    valid = j < length
    return np.where(valid, tc.logp[np.minimum(j, length - 1)], 0).astype(np.float32)
