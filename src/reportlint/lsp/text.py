"""An open document's text as the editor has it: LSP edits applied, offsets <-> LSP positions.

reportlint counts in characters (code points); LSP positions count code units of the
negotiated encoding, UTF-16 unless the client offers another (LSP 3.17, ``positionEncoding``),
so a character outside the BMP before a finding is two units on the wire and one offset here.
Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (LSP 3.17 "Text Documents"): not at U+2028, form
feed or the other breaks ``str.splitlines`` knows, which is why this module, not pygls's
workspace, keeps the text (a report with a stray U+2028 would otherwise drift out of sync).
This module knows nothing of pygls or lsprotocol.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator

#: LSP line breaks; ``\r\n`` first so it counts once.
_EOL = re.compile(r"\r\n|\n|\r")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(s: str, encoding: str) -> int:
    """Code units of ``s`` in ``encoding``."""
    if encoding == UTF16:
        n = len(s)
        return n if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2
    if encoding == UTF8:
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s)


def _chars(line: str, units: int, encoding: str) -> int:
    """How many characters of ``line`` the first ``units`` code units cover; a position inside a
    character (between the halves of a surrogate pair) is taken as the character's end."""
    if units <= 0:
        return 0
    if encoding == UTF32 or line.isascii() or _units(line, encoding) == len(line):
        return min(units, len(line))
    seen = 0
    for i, ch in enumerate(line):
        if seen >= units:
            return i
        seen += _units(ch, encoding)
    return len(line)


class TextBuffer:
    """A document's text with its LSP line starts; changed by LSP content changes."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offsets where lines start (the first is 0)."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _EOL.finditer(self.text))]
        return self._starts

    def _line_bounds(self, line: int) -> tuple[int, int]:
        """Start and end (line break excluded) of a 0-based line."""
        starts = self.starts
        start = starts[line]
        if line + 1 < len(starts):
            end = starts[line + 1] - 1
            if end > start and self.text[end - 1] == "\r" and self.text[end] == "\n":
                end -= 1
        else:
            end = len(self.text)
        return start, end

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position; past the end of a line means its end, past the last line the text's end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self._line_bounds(line)
        return start + _chars(self.text[start:end], character, self.encoding)

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP (line, character) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start, end = self._line_bounds(line)
        offset = min(offset, end)  # inside a \r\n: the line's end
        return line, _units(self.text[start:offset], self.encoding)

    def apply(self, start: tuple[int, int] | None, end: tuple[int, int] | None, new_text: str) -> None:
        """One content change: the range ``start``-``end`` replaced, or (no range) the whole text."""
        if start is None or end is None:
            self.text = new_text
        else:
            a = self.offset(*start)
            b = max(a, self.offset(*end))
            self.text = self.text[:a] + new_text + self.text[b:]
        self._starts = None


def text_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement) in ``old``'s offsets turning ``old`` into ``new``.

    Lines are matched first (difflib), then each changed block is trimmed to the characters
    that differ, so a fix shows as the few characters it changes, not as a rewritten document
    (the cursor and undo history of the editor stay where they were).
    """
    if old == new:
        return []
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    a_starts = [0]
    for line in a:
        a_starts.append(a_starts[-1] + len(line))
    out: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            continue
        start, end = a_starts[i1], a_starts[i2]
        removed, added = old[start:end], "".join(b[j1:j2])
        out.extend(_trimmed(start, removed, added))
    return out


def _trimmed(start: int, removed: str, added: str) -> Iterator[tuple[int, int, str]]:
    """One edit replacing ``removed`` (at ``start``) by ``added``, without their common ends."""
    p = 0
    limit = min(len(removed), len(added))
    while p < limit and removed[p] == added[p]:
        p += 1
    s = 0
    while s < limit - p and removed[len(removed) - 1 - s] == added[len(added) - 1 - s]:
        s += 1
    yield start + p, start + len(removed) - s, added[p : len(added) - s]
