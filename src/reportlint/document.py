"""Document: the decoded text exactly as read, its paragraphs, line index and outline."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlint.outline import Outline


# Not frozen: a frozen dataclass's __init__ costs ~0.6 µs (one object.__setattr__ per field),
# 3.5 times a plain one, and documents have thousands of paragraphs. Hashable as before.
@dataclass(slots=True, unsafe_hash=True)
class Paragraph:
    """A paragraph: ``text == document.text[start:end]`` (line ending excluded). Do not mutate."""

    index: int
    start: int
    end: int
    text: str
    label: str = ""  # where it is in the source, e.g. "table 1, row 2, cell 1" in a .docx


class LineIndex:
    """Offset <-> 1-based (line, column) in characters, by bisection over line starts."""

    __slots__ = ("_starts", "_length", "_text")

    def __init__(self, text: str) -> None:
        # 8 bytes a line in an array, not a list of int objects (36 bytes): a text of 2 million short
        # lines keeps 56 MB less.
        starts = array("q", [0])
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)
        self._text = text

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` (0 <= offset <= len(text))."""
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column."""
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end of a 1-based line, the line ending (``\\n`` or ``\\r\\n``) excluded."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else self._length
        if end > start and self._text[end - 1] == "\r":
            end -= 1
        return start, end


@dataclass(frozen=True)
class PageMap:
    """Where a paged document's text was on its pages (PDF, OFD): a source map of visual lines.

    The reader rejoins a paragraph that wrapped over several lines of the page, so a
    line of ``Document.text`` is a paragraph; ``starts[i]`` is the text offset at which
    the i-th visual line begins, and it was line ``lines[i]`` of page ``pages[i]``
    (1-based, lines counted from the top of the page's text, headers and footers not
    counted). Plain data: picklable, cheap to carry back from a worker process.
    """

    starts: tuple[int, ...]
    pages: tuple[int, ...]
    lines: tuple[int, ...]

    def locate(self, offset: int, *, end: bool = False) -> tuple[int, int, int]:
        """(page, line, column) of ``offset``, 1-based, the column counted in characters.

        An ``end`` offset (exclusive) that falls exactly where a visual line begins belongs
        to the line before it: a span ending at a line wrap ends on that line, not the next.
        """
        starts = self.starts
        if not starts:
            return 1, 1, offset + 1
        i = (bisect.bisect_left(starts, offset) if end else bisect.bisect_right(starts, offset)) - 1
        i = max(i, 0)
        return self.pages[i], self.lines[i], offset - starts[i] + 1


class ReadOnlyMeta(dict[str, Any]):
    """``Document.meta``: a dict that refuses changes (and pickles, unlike a mappingproxy: -j workers send documents back)."""

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("Document.meta is read-only: what a check knows goes in its Context")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyMeta, (dict(self),))


@dataclass(frozen=True, eq=False)
class Document:
    """What rules read: frozen, nothing changes it after the reader made it.

    ``text`` is exactly what was decoded; offsets everywhere are indexes into it.
    ``encoding``/``bom`` say how to write it back; ``skip_spans`` are regions no
    rule reports in (code in Markdown); ``meta`` is what the reader knows about the source
    (a read-only mapping, e.g. the .docx paragraph map). How the document is checked (config,
    report year, shared scans) is not the document's: it is the check's
    :class:`~reportlint.context.Context`. Derived views (``lines``, ``paragraphs``,
    ``outline``) are computed once on first use. ``page_map`` is set by readers of paged
    formats (PDF, OFD): findings are then located by page and line of the page (:class:`PageMap`).
    """

    text: str
    path: str = "<text>"
    format: str = "txt"
    encoding: str = "utf-8"
    bom: bool = False
    paragraph_spans: list[tuple[int, int, str]] | None = None
    skip_spans: tuple[tuple[int, int], ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    page_map: PageMap | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "skip_spans", tuple(self.skip_spans))
        object.__setattr__(self, "meta", ReadOnlyMeta(self.meta))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs in order. Plain text: one per line; blank lines are skipped."""
        text = self.text
        out: list[Paragraph] = []
        if self.paragraph_spans is not None:
            for start, end, label in self.paragraph_spans:
                out.append(Paragraph(len(out), start, end, text[start:end], label))
            return out
        pos = 0
        append = out.append
        for line in text.split("\n"):
            n = len(line)
            if n and not line.isspace():  # line.strip() != "" without building the stripped copy
                if line[-1] == "\r":
                    append(Paragraph(len(out), pos, pos + n - 1, line[:-1]))
                else:
                    append(Paragraph(len(out), pos, pos + n, line))
            pos += n + 1
        return out

    @cached_property
    def outline(self) -> Outline:
        from reportlint.outline import parse_outline

        return parse_outline(self)

    @property
    def title(self) -> Paragraph | None:
        """The first non-blank paragraph, taken as the document title."""
        paras = self.paragraphs
        return paras[0] if paras else None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset``, if any."""
        paras = self.paragraphs
        starts = self.paragraph_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and paras[i].start <= offset <= paras[i].end:
            return paras[i]
        return None

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """The start offset of each paragraph, in order (for bisection)."""
        return [p.start for p in self.paragraphs]

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.lines.line_col(offset)

    def location_label(self, offset: int) -> str:
        """A human label for ``offset`` beyond line:col (a .docx table cell, say)."""
        para = self.paragraph_at(offset)
        return para.label if para else ""
