"""Dictionary words, for rules that must respect word boundaries (T104, T202).

``data/words.bin`` holds jieba's words of 2-4 Han characters (frequency >= 5; built by
scripts/build_wordlist.py) as sorted CRC-32 keys. It is read on first use with the
standard library's ``array`` (0.5 MB, about a millisecond) and searched with ``bisect``,
so these rules stay light: no numpy, no model. A CRC collision makes a non-word look like
a word, which only ever keeps a rule silent (0.003 % of strings).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "words.bin"
#: Longest dictionary word looked for.
LONGEST = 4


@cache
def _keys() -> array:
    keys = array("I")
    keys.frombytes(DATA.read_bytes())
    if sys.byteorder != "little":
        keys.byteswap()
    return keys


def is_word(s: str) -> bool:
    """True if ``s`` (2-4 characters) is a dictionary word."""
    if not 2 <= len(s) <= LONGEST:
        return False
    keys = _keys()
    k = zlib.crc32(s.encode("utf-8", "surrogatepass"))
    i = bisect_left(keys, k)
    return i < len(keys) and keys[i] == k


def segmentable(s: str) -> bool:
    """True if ``s`` is one dictionary word or a sequence of them (加快推进 = 加快 + 推进)."""
    n = len(s)
    ok = [True] + [False] * n
    for end in range(2, n + 1):
        ok[end] = any(ok[start] and is_word(s[start:end]) for start in range(max(0, end - LONGEST), end - 1))
    return ok[n]


def crossing(text: str, boundary: int, left: int, right: int) -> bool:
    """True if a dictionary word ``text[i:j]`` spans ``boundary`` (i < boundary < j) with
    ``left <= i`` and ``j <= right``: the boundary then cuts a word in two."""
    for i in range(max(left, boundary - LONGEST + 1), boundary):
        for j in range(boundary + 1, min(right, i + LONGEST) + 1):
            if is_word(text[i:j]):
                return True
    return False
