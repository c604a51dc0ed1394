"""LiteralMatcher: every occurrence of many literal strings in one pass (Aho-Corasick, ahocorasick-rs).

Literal word lists never go through a regex alternation: one automaton scans the text once,
whatever the number of words (bench/bench_matcher.py). The automaton is ahocorasick-rs (a Rust
library, maintained, ~2x faster than pyahocorasick on CJK text); the tests hold its occurrences
against pyahocorasick's, the reference (tests/test_matcher.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import ahocorasick_rs as _rs

if TYPE_CHECKING:
    from reportlint.context import Context

#: Word lists up to this many characters in all get a DFA (see LiteralMatcher._build).
DFA_MAX_CHARS = 5000
#: Characters per ahocorasick_rs call on a text it takes as str (see LiteralMatcher._str_hits).
RS_CHUNK = 1 << 20
#: Characters per slice when low_bytes encodes a huge text.
_LOW_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")
_BY_END = itemgetter(1, 0)  # (start, end, value) hits: by end, then start
_END_START = itemgetter(2, 1)  # (index, start, end) hits: likewise
_LOW_BYTES_KEY = "reportlint.low_bytes"


def low_bytes(text: str) -> bytes | None:
    """The low byte of each character's UTF-16 unit, one byte a character; None if some lie beyond the BMP.

    Equal characters have equal low bytes, so a scan for listed characters or words can run on
    these bytes at C speed and check its few candidates against the text. A lone surrogate (a
    str built in code, never decoded text) counts as one unit like any BMP character.
    """
    if len(text) <= _LOW_CHUNK:
        raw = text.encode("utf-16-le", "surrogatepass")  # a copy of a UCS-2 string: no byte swap
        return raw[::2] if len(raw) == 2 * len(text) else None
    parts: list[bytes] = []  # a huge text by slices: no whole UTF-16 copy (twice the text's size) at once
    for i in range(0, len(text), _LOW_CHUNK):
        piece = text[i : i + _LOW_CHUNK]
        raw = piece.encode("utf-16-le", "surrogatepass")
        if len(raw) != 2 * len(piece):
            return None
        parts.append(raw[::2])
    return b"".join(parts)


def document_low_bytes(context: Context) -> bytes | None:
    """``low_bytes`` of the checked document's text, computed once per check and shared by every rule."""
    return context.shared(_LOW_BYTES_KEY, _document_low_bytes)


def _document_low_bytes(doc: Any) -> bytes | None:
    return low_bytes(doc.text)


class LiteralMatcher:
    """Every occurrence of many literal strings, overlapping ones included, ordered by end offset
    (the longer first at one end), each with the value its word maps to.

    For a text in the Basic Multilingual Plane the automaton runs over :func:`low_bytes` (one byte
    a character: a third of UTF-8's bytes for CJK text) and each candidate is checked against its
    words; a text with characters beyond it is scanned as str, by chunks of ``RS_CHUNK``.
    """

    def __init__(self, words: Mapping[str, Any]) -> None:
        self._words = {w: v for w, v in words.items() if w}  # an empty word never matches
        self._built = False
        self._low: Any = None  # ahocorasick_rs over low bytes; False when no word lies in the BMP
        self._groups: list[tuple[tuple[str, Any], ...]] = []  # per low-byte pattern: its (word, value)s
        self._str: Any = None  # ahocorasick_rs over str, for the words without a lone surrogate
        self._str_values: list[Any] = []
        self._overlap = max(map(len, self._words), default=1) - 1  # chunks overlap by the longest word less one

    def _options(self) -> dict[str, Any]:
        # A DFA scans a report 1.4-2x faster than the NFA ahocorasick_rs picks for a few hundred
        # words (the typo dictionary, measured in the full rule sequence), but its table grows by
        # tens of KB a word: only for lists up to DFA_MAX_CHARS.
        small = sum(map(len, self._words)) <= DFA_MAX_CHARS
        return {"matchkind": _rs.MatchKind.Standard, "implementation": _rs.Implementation.DFA if small else None}

    def _build(self) -> None:
        groups: dict[bytes, list[tuple[str, Any]]] = {}
        for word, value in self._words.items():
            raw = word.encode("utf-16-le", "surrogatepass")
            if len(raw) == 2 * len(word):  # a word beyond the BMP never occurs in a text that has low bytes
                groups.setdefault(raw[::2], []).append((word, value))
        self._groups = [tuple(g) for g in groups.values()]
        self._low = _rs.BytesAhoCorasick(list(groups), **self._options()) if groups else False
        self._built = True

    def hits(self, text: str, low: bytes | None = None) -> list[tuple[int, int, Any]]:
        """``list(self.finditer(text))``; ``low`` is ``low_bytes(text)`` when the caller has it
        (:func:`document_low_bytes` shares it across the rules of one check)."""
        if not self._words:
            return []
        if not self._built:
            self._build()
        if low is None:
            low = low_bytes(text)
        if low is None:
            return list(self._str_hits(text))
        if self._low is False:
            return []
        groups, startswith = self._groups, text.startswith
        hits = [(s, e, value) for i, s, e in self._low.find_matches_as_indexes(low, overlapping=True)
                for word, value in groups[i] if startswith(word, s)]
        if len(hits) > 1:
            hits.sort(key=_BY_END)
        return hits

    def finditer(self, text: str, low: bytes | None = None) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) for every occurrence, overlapping ones included, by end offset."""
        if not self._words:
            return iter(())
        if low is None and len(text) > RS_CHUNK:
            low = low_bytes(text)
            if low is None:
                return self._str_hits(text)
        return iter(self.hits(text, low))

    def _str_hits(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """Hits in a text with characters beyond the BMP, a chunk at a time.

        One ahocorasick_rs call copies the text to UTF-8 with an index map: on a 50 MB text that
        is hundreds of MB. Chunks of RS_CHUNK characters (overlapping by the longest word) bound
        it; a match running past a chunk's end waits for the next chunk, so the order stays by end
        offset, the longer first at one end.
        """
        if _SURROGATE.search(text) is not None:
            # Beyond the BMP and a lone surrogate at once: a str built in code, which
            # ahocorasick_rs cannot take. Exact and slow; decoded text never gets here.
            yield from sorted(((i, i + len(w), v) for w, v in self._words.items()
                               for i in _occurrences(text, w)), key=_BY_END)
            return
        if self._str is None:
            # A word with a lone surrogate cannot occur in this text (it has none), nor go to ahocorasick_rs.
            words = {w: v for w, v in self._words.items() if _SURROGATE.search(w) is None}
            self._str_values = list(words.values())
            self._str = _rs.AhoCorasick(list(words), **self._options()) if words else False
        if self._str is False:
            return
        automaton, n, values, overlap = self._str, len(text), self._str_values, self._overlap
        pending: list[tuple[int, int, int]] = []
        pos = 0
        while pos < n:
            end = min(n, pos + RS_CHUNK)
            seg = text if (pos == 0 and end == n) else text[pos : end + overlap]
            batch = pending + [(i, s + pos, e + pos) for i, s, e in automaton.find_matches_as_indexes(seg, overlapping=True)
                               if s + pos < end]
            batch.sort(key=_END_START)
            pending = [h for h in batch if h[2] > end] if end < n else []
            for i, s, e in batch if end == n else (h for h in batch if h[2] <= end):
                yield s, e, values[i]
            pos = end


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i != -1:
        yield i
        i = text.find(word, i + 1)
