"""Page layout to text: glyphs placed on pages (PDF, OFD) become paragraphs with a page/line source map.

Readers of fixed-layout formats hand over, page by page, the glyphs (or runs of glyphs)
with their boxes. Here they are grouped into visual lines in reading order (top to
bottom, left to right), running headers, footers and page numbers are dropped, and the
lines of a paragraph that wrapped — within a page or across a page break — are joined
again: rules look for a heading at the start of a paragraph and for punctuation inside
sentences, so they must see the paragraph, never a line cut by the page width.

The result keeps, in a :class:`~reportlint.document.PageMap`, where each visual line
starts in the joined text, so a finding is reported on its page and line.
Geometry only, no parsing: units are the format's own (PDF points, OFD millimetres).
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reportlint.document import Document, PageMap


class Glyph(NamedTuple):
    """A glyph, or a run of glyphs set in one go, and its box (y grows downwards: ``top < bottom``)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Line(NamedTuple):
    """A visual line of a page: its text and the box of its glyphs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Page(NamedTuple):
    width: float
    height: float
    lines: list[Line]
    red_rules: tuple[float, ...] = ()  # tops of red rules across the page (a 版头's 分隔线)


# A page-number line: — 3 —, - 3 -, 第3页, 第3页 共10页, 3/10, Page 3 of 10 (nothing else on the line).
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―─~～·•]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?(?:\s*[/／]\s*\d{1,4})?"
    r"(?:\s*[-—–－―─~～·•])?$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# A heading number at the start of a line: the line starts a paragraph even after a full line
# (GB/T 9704-2012 7.3.3: 一、（一）1.（1）).
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．](?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十百\d]+[章节条])")
_DIGITS = re.compile(r"\d+")
#: How many lines at the top and at the bottom of a page may be header or footer lines.
FURNITURE_LINES = 2


def wide(c: str) -> bool:
    """A character set on the full-width grid (Han, kana, full-width punctuation)."""
    return unicodedata.east_asian_width(c) in ("W", "F")


def _word_char(c: str) -> bool:
    return c.isalnum() and not wide(c)


def group_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Glyphs of one page as visual lines, top to bottom, each left to right.

    Glyphs belong to one line when their vertical centres are within 0.35 of the font
    size of each other. A space is put between two glyphs only where the page had a
    space glyph, or where two Latin letters or digits stand apart by more than 0.2 em
    (a PDF that positions words without space glyphs), or where a gap of over 2 em
    separates table cells or tab stops: the gap that Word and LibreOffice leave between
    Chinese and Latin text (自动调整中文与西文的间距) is not a space in the source.
    """
    items = sorted((g for g in glyphs if g.text), key=lambda g: (g.top + g.bottom) / 2)
    rows: list[list[Glyph]] = []
    centre = 0.0
    for g in items:
        c = (g.top + g.bottom) / 2
        size = g.size or (g.bottom - g.top) or 1.0
        if rows and abs(c - centre) <= 0.35 * size:
            rows[-1].append(g)
        else:
            rows.append([g])
            centre = c
    return [line for row in rows if (line := _make_line(row)) is not None]


def _make_line(row: list[Glyph]) -> Line | None:
    row.sort(key=lambda g: g.x0)
    kept: list[Glyph] = []
    for g in row:
        # Fake bold: the same glyph drawn twice a hair apart (not “ll”: those stand a glyph apart).
        if kept and g.text == kept[-1].text and abs(g.x0 - kept[-1].x0) < 0.25 * max(kept[-1].x1 - kept[-1].x0, 0.01):
            continue
        kept.append(g)
    parts: list[str] = []
    prev: Glyph | None = None
    for g in kept:
        if prev is not None and not prev.text[-1].isspace() and not g.text[0].isspace():
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size) or 1.0
            if gap > 2.0 * em or (gap > 0.2 * em and _word_char(prev.text[-1]) and _word_char(g.text[0])):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    text = "".join(parts).replace("\r", " ").replace("\n", " ")  # a line is one line of the Document's text
    stripped = text.strip()
    if not stripped:
        return None
    visible = [g for g in kept if not g.text.isspace()]
    sizes = [g.size for g in visible if g.size > 0]
    return Line(
        stripped,
        min(g.x0 for g in visible),
        max(g.x1 for g in visible),
        min(g.top for g in visible),
        max(g.bottom for g in visible),
        statistics.median(sizes) if sizes else visible[0].bottom - visible[0].top,
    )


def strip_furniture(pages: Sequence[Page]) -> list[list[Line]]:
    """Each page's lines without running headers, footers and page numbers.

    Only the first and last :data:`FURNITURE_LINES` lines of a page can be furniture: a page
    number (“— 3 —”, “- 3 -”, 第3页, 3/10), or a line repeated at the same height on at
    least half the pages, two at least (digits aside: “第3页” and “第4页” are one footer).
    """
    def key(line: Line) -> str:
        return _DIGITS.sub("#", "".join(line.text.split()))

    edge: Counter[tuple[str, int]] = Counter()
    for page in pages:
        seen = set()
        for line in (*page.lines[:FURNITURE_LINES], *page.lines[-FURNITURE_LINES:]):
            k = (key(line), round(line.top / max(page.height, 1.0) * 100))
            if k not in seen:
                seen.add(k)
                edge[k] += 1

    # A running header or footer is on most pages; a body line that happens to open two pages
    # (“各位代表！” in a 政府工作报告) is not.
    need = max(2, (len(pages) + 1) // 2)

    def furniture(line: Line, page: Page) -> bool:
        if _PAGE_NUMBER.match(line.text):
            return True
        pos = round(line.top / max(page.height, 1.0) * 100)
        k = key(line)
        return sum(edge[(k, p)] for p in (pos - 1, pos, pos + 1)) >= need

    out = []
    for page in pages:
        lines = list(page.lines)
        for _ in range(FURNITURE_LINES):
            if lines and furniture(lines[-1], page):
                lines.pop()
        for _ in range(FURNITURE_LINES):
            if lines and furniture(lines[0], page):
                lines.pop(0)
        out.append(lines)
    return out


class _Margins(NamedTuple):
    left: float
    right: float
    pitch: float  # the usual distance from one line's top to the next's
    indented: bool  # paragraphs open with a first-line indent (most lines after a short line are indented)


def _margins(pages: Sequence[Sequence[Line]]) -> _Margins:
    lines = [line for page in pages for line in page]
    if not lines:
        return _Margins(0.0, 0.0, 0.0, False)
    # The left margin: the leftmost start that many lines share (not a stray line further out).
    starts = Counter(round(line.x0) for line in lines)
    common = [x for x, n in starts.items() if n >= max(2, len(lines) // 10)]
    left = min(common) if common else starts.most_common(1)[0][0]
    # Full lines of justified text all end at the right margin; ragged ones within a character of it.
    right = max(line.x1 for line in lines)
    steps = [b.top - a.top for page in pages for a, b in itertools.pairwise(page) if b.top > a.top]
    pitch = statistics.median(steps) if steps else 0.0
    opening = [b for page in pages for a, b in itertools.pairwise(page) if a.x1 < right - 1.2 * (a.size or 1.0)]
    indented = sum(1 for b in opening if b.x0 > left + 0.5 * (b.size or 1.0)) > len(opening) / 2
    return _Margins(float(left), right, pitch, indented)


def _centred(line: Line, m: _Margins) -> bool:
    """Set in the middle: as far from both margins, and further in than a first-line indent (two characters)."""
    inset, outset = line.x0 - m.left, m.right - line.x1
    return inset > 2.5 * line.size and abs(inset - outset) < line.size


def _full(line: Line, m: _Margins) -> bool:
    """From the left margin to the right one: a line the text wrapped after."""
    return line.x0 <= m.left + 0.5 * line.size and line.x1 >= m.right - 1.2 * line.size


def continues(prev: Line, nxt: Line, m: _Margins, *, same_page: bool) -> bool:
    """True if ``nxt`` carries on the paragraph of ``prev`` (the text wrapped there).

    The paragraph wrapped if ``prev`` runs to the right margin and ``nxt`` starts at the
    left margin, in the same font size, at the usual line distance (any distance across a
    page break), and — in a text without first-line indents — ``nxt`` does not start with a
    heading number. A centred line after a centred or a full one continues it too (a title
    over two lines). A first-line indent (GB/T 9704-2012
    7.3: 首行缩进两字) or a short last line ends a paragraph. In a document without indents a
    paragraph whose last line is full runs on into the next: a full line that ends a sentence
    ends the paragraph about as often as not (measured on the sample printed without indents:
    splitting there broke three paragraphs to mend two), and the heading-number test keeps a
    heading from being swallowed.
    """
    size = max(prev.size, nxt.size) or 1.0
    if abs(prev.size - nxt.size) > 0.15 * size:
        return False
    if same_page and m.pitch and nxt.top - prev.top > 1.35 * m.pitch:
        return False
    if not m.indented and _HEADING_START.match(nxt.text):
        return False  # without indents, only its number tells a heading (in an indented text “一、二期” may open a line)
    if _centred(nxt, m) and (_centred(prev, m) or _full(prev, m)):
        return True  # a centred title over two lines, or the last line of a centred paragraph that wrapped
    return prev.x1 >= m.right - 1.2 * size and nxt.x0 <= m.left + 0.5 * size


def _joiner(a: str, b: str) -> str:
    """What goes between two wrapped lines: nothing in Chinese, a space between Latin words
    (a line breaks at the space between words; a number is never broken, so digits join)."""
    return " " if a[-1].isalpha() and b[0].isalpha() and not wide(a[-1]) and not wide(b[0]) else ""


def masthead_lines(page: Page, lines: Sequence[Line]) -> int:
    """How many of the first page's lines make its 版头 (GB/T 9704-2012 7.2: 发文机关标志, 发文字号,
    签发人 …): those above the red 分隔线 (7.2.4), when that rule is in the page's upper half with
    text on both sides. 0 when there is none."""
    for top in page.red_rules:
        if top > page.height / 2:
            break
        n = 0
        while n < len(lines) and lines[n].bottom <= top + 2:
            n += 1
        if 0 < n < len(lines):
            return n
    return 0


def build_document(path: str, fmt: str, pages: Sequence[Page]) -> Document:
    """The Document of a paged file: paragraphs rejoined, one per line of text, with its :class:`PageMap`.

    A 版头 stays in the text, a line of text per printed line, but in no paragraph: rules that
    scan the text still check it (a 发文字号, S401), while the title and the structure are read
    from the body below it.
    """
    body = strip_furniture(pages)
    head = masthead_lines(pages[0], body[0]) if body else 0
    m = _margins([body[0][head:], *body[1:]] if body else [])
    parts: list[str] = []
    starts: list[int] = []
    page_nos: list[int] = []
    line_nos: list[int] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    para_start = 0
    prev: Line | None = None  # the last line of the paragraph being built
    prev_page = 0
    for page_no, lines in enumerate(body, 1):
        for line_no, line in enumerate(lines, 1):
            in_head = page_no == 1 and line_no <= head
            if prev is not None and not in_head and continues(prev, line, m, same_page=prev_page == page_no):
                sep = _joiner(prev.text, line.text)
            else:
                if prev is not None:
                    spans.append((para_start, pos, ""))
                sep = "\n" if pos else ""
            if sep:
                parts.append(sep)
                pos += len(sep)
            if sep == "\n" or prev is None:
                para_start = pos
            starts.append(pos)
            page_nos.append(page_no)
            line_nos.append(line_no)
            parts.append(line.text)
            pos += len(line.text)
            prev, prev_page = (None if in_head else line), page_no
    if prev is not None:
        spans.append((para_start, pos, ""))
    page_map = PageMap(tuple(starts), tuple(page_nos), tuple(line_nos))
    return Document("".join(parts), path=path, format=fmt, encoding="utf-8", paragraph_spans=spans, page_map=page_map)
