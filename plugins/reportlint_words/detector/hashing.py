"""Hash keys of token n-grams, computed for every position of a text at once.

The model stores n-gram counts under a 32-bit key (the high half of a 64-bit hash), the
detector looks them up with one ``searchsorted`` per order. The hash is a polynomial over
the token codes followed by the splitmix64 finaliser, so every bit of the key depends on
every token; the order is mixed in, so each order has its own key space. numpy's uint64
arithmetic wraps modulo 2**64, which the hash relies on.
"""

from __future__ import annotations

import numpy as np

_P = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime: an odd multiplier with good bit spread
_S1, _S2, _S3 = np.uint64(30), np.uint64(27), np.uint64(31)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_ORDER = 0x9E3779B97F4A7C15
_HIGH = np.uint64(32)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place on a fresh array."""
    x ^= x >> _S1
    x *= _M1
    x ^= x >> _S2
    x *= _M2
    x ^= x >> _S3
    return x


def key32(h: np.ndarray, order: int) -> np.ndarray:
    """The stored 32-bit key of raw polynomial hashes ``h`` of n-grams of ``order`` tokens."""
    x = h ^ np.uint64((_ORDER * order) & 0xFFFFFFFFFFFFFFFF)
    return (_mix(x) >> _HIGH).astype(np.uint32)


def ngram_hashes(codes: np.ndarray, order: int) -> np.ndarray:
    """Raw polynomial hashes of the n-grams of ``order`` starting at each position (len - order + 1)."""
    c = codes.astype(np.uint64)
    m = c.size - order + 1
    if m <= 0:
        return np.zeros(0, np.uint64)
    h = c[:m].copy()
    for k in range(1, order):
        h *= _P
        h += c[k:k + m]
    return h


def ngram_keys(codes: np.ndarray, order: int) -> np.ndarray:
    """32-bit keys of the n-grams of ``order`` starting at each position of ``codes``."""
    return key32(ngram_hashes(codes, order), order)


def seq_key(seq: str | list[int], salt: int | None = None) -> int:
    """The 32-bit key of one n-gram given as a string or a list of token codes (tests, build).

    ``salt`` is the order mixed into the key (the n-gram's length unless given).
    """
    codes = np.array([ord(c) for c in seq] if isinstance(seq, str) else seq, dtype=np.uint32)
    return int(key32(ngram_hashes(codes, codes.size), salt or codes.size)[0])


#: Word keys live in their own key space, apart from the n-gram orders.
WORD_SALT = 100
#: 公文 terms (the term list of the build) have a key space of their own too.
TERM_SALT = 200


def word_key(word: str) -> int:
    """The 32-bit key of a dictionary word (its characters as tokens)."""
    return seq_key(word, WORD_SALT + len(word))
