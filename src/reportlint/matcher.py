"""LiteralMatcher: every occurrence of many literal strings in one pass (Aho-Corasick, ahocorasick-rs).

Literal word lists never go through a regex alternation: one automaton scans the text once,
whatever the number of words (bench/bench_matcher.py). The automaton is ahocorasick-rs (a Rust
library, maintained, ~2x faster than pyahocorasick on CJK text); the tests hold its occurrences
against pyahocorasick's, the reference (tests/test_matcher.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import ahocorasick_rs as _rs

if TYPE_CHECKING:
    from reportlint.context import Context

#: Word lists up to this many characters in all get a DFA (see LiteralMatcher._build).
DFA_MAX_CHARS = 5000
#: Characters per slice when low_bytes encodes a huge text, and per automaton call on its bytes.
_LOW_CHUNK = 1 << 20
_SCAN_CHUNK = 1 << 20
_BY_END = itemgetter(1, 0)  # (start, end, value) hits: by end, then start
_LOW_BYTES_KEY = "reportlint.low_bytes"


def low_bytes(text: str) -> bytes:
    """The low byte of each character's code point, one byte a character.

    Equal characters have equal low bytes, so a scan for listed characters or words can run on
    these bytes at C speed and check its few candidates against the text. A text in the Basic
    Multilingual Plane is encoded as UTF-16 (the low byte of each unit: a copy of a UCS-2 string,
    no byte swap); a slice with a character beyond it as UTF-32. A lone surrogate (a str built in
    code, never decoded text) is one character like any other. A huge text goes by slices, so no
    whole UTF-16 or UTF-32 copy (two or four times the text) exists at once.
    """
    if len(text) <= _LOW_CHUNK:
        return _low_slice(text)
    return b"".join(_low_slice(text[i : i + _LOW_CHUNK]) for i in range(0, len(text), _LOW_CHUNK))


def _low_slice(piece: str) -> bytes:
    raw = piece.encode("utf-16-le", "surrogatepass")
    if len(raw) == 2 * len(piece):
        return raw[::2]
    return piece.encode("utf-32-le", "surrogatepass")[::4]  # beyond the BMP: one unit a character


def document_low_bytes(context: Context) -> bytes | None:
    """``low_bytes`` of the checked document's text, computed once per check and shared by every
    rule; None for a text over ``_LOW_CHUNK`` characters, which each scan takes by slices instead
    (a 50 MB file's low bytes would be 17 MB held through the check, 34 MB while being joined)."""
    if len(context.document.text) > _LOW_CHUNK:
        return None
    return context.shared(_LOW_BYTES_KEY, _document_low_bytes)


def _document_low_bytes(doc: Any) -> bytes:
    return low_bytes(doc.text)


class LiteralMatcher:
    """Every occurrence of many literal strings, overlapping ones included, ordered by end offset
    (the longer first at one end), each with the value its word maps to.

    The automaton runs over :func:`low_bytes` (one byte a character: a third of UTF-8's bytes for
    CJK text) and each candidate is checked against its words in the text. Texts beyond the Basic
    Multilingual Plane take the same path: an earlier scan of such a text as str made ahocorasick_rs
    copy it to UTF-8 with an index map, ~45 MB more at the peak of a 50 MB file.
    """

    def __init__(self, words: Mapping[str, Any]) -> None:
        self._words = {w: v for w, v in words.items() if w}  # an empty word never matches
        self._built = False
        self._low: Any = None  # ahocorasick_rs over the words' low bytes
        self._groups: list[tuple[tuple[str, Any], ...]] = []  # per low-byte pattern: its (word, value)s
        self._overlap = max(map(len, self._words), default=1) - 1  # slices overlap by the longest word less one

    def _options(self) -> dict[str, Any]:
        # A DFA scans a report 1.4-2x faster than the NFA ahocorasick_rs picks for a few hundred
        # words (the typo dictionary, measured in the full rule sequence), but its table grows by
        # tens of KB a word: only for lists up to DFA_MAX_CHARS.
        small = sum(map(len, self._words)) <= DFA_MAX_CHARS
        return {"matchkind": _rs.MatchKind.Standard, "implementation": _rs.Implementation.DFA if small else None}

    def _build(self) -> None:
        groups: dict[bytes, list[tuple[str, Any]]] = {}
        for word, value in self._words.items():
            groups.setdefault(bytes(ord(c) & 0xFF for c in word), []).append((word, value))
        self._groups = [tuple(g) for g in groups.values()]
        self._low = _rs.BytesAhoCorasick(list(groups), **self._options())
        self._built = True

    def hits(self, text: str, low: bytes | None = None) -> list[tuple[int, int, Any]]:
        """``list(self.finditer(text))``; ``low`` is ``low_bytes(text)`` when the caller has it
        (:func:`document_low_bytes` shares it across the rules of one check)."""
        if not self._words:
            return []
        if not self._built:
            self._build()
        groups, startswith, find = self._groups, text.startswith, self._low.find_matches_as_indexes
        n = len(text)
        if n <= _SCAN_CHUNK:
            if low is None:
                low = low_bytes(text)
            hits = [(s, e, value) for i, s, e in find(low, overlapping=True)
                    for word, value in groups[i] if startswith(word, s)]
        else:
            # A huge text by slices (each with the longest word less one after it, a hit kept by the
            # slice it starts in; the slice's low bytes made here when the caller has none):
            # ahocorasick_rs returns all its candidates at once, ~120 bytes each, and a long
            # report holds hundreds of thousands.
            hits = []
            extend, overlap = hits.extend, self._overlap
            for a in range(0, n, _SCAN_CHUNK):
                b = a + _SCAN_CHUNK
                piece = low[a : b + overlap] if low is not None else _low_slice(text[a : b + overlap])
                extend((s + a, e + a, value) for i, s, e in find(piece, overlapping=True)
                       if s + a < b for word, value in groups[i] if startswith(word, s + a))
        if len(hits) > 1:
            hits.sort(key=_BY_END)
        return hits

    def finditer(self, text: str, low: bytes | None = None) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) for every occurrence, overlapping ones included, by end offset."""
        return iter(self.hits(text, low))


