"""Heading hierarchy parser: 一、 （一） 1. （1） at paragraph starts -> a Section tree.

GB/T 9704-2012 7.3.3 fixes the body levels: 一、 → （一） → 1. → （1）. The parser
also recognises the common lookalikes (half-width brackets, ㈠, ⑴, 1．, 1、, 一.)
so that structure rules can judge them; ``Heading.form`` records which was used.
A heading may stand alone or open a body paragraph: its title runs to the first
sentence end (。！？) or the end of the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from reportlint.chars import DIGIT
from reportlint.lazyre import lazy

if TYPE_CHECKING:
    from reportlint.document import Document

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

#: Canonical marker form per level (G9704 7.3.3).
CANONICAL_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）", 5: "①"}

# One alternation, tried once per paragraph. Named groups say which shape matched. Stdlib re
# (several times faster than `regex` here) with [DIGIT] for `regex`'s Unicode \d.
_HEADING = lazy(re.compile,
    r"""
    (?P<lead>[ \t\u3000]*(?:\*\*|__)?)  # Markdown bold around a heading: **一、总体情况**
    (?:
        (?P<l1>[一二三四五六七八九十]{1,3})(?P<p1>[、.．，,：:])
        (?![一二三四五六七八九十]{1,3}[、，,])  # 一、二、三产业 is a list, not a heading
      | (?P<o2>[（(])(?P<l2>[一二三四五六七八九十]{1,3})(?P<c2>[）)])(?P<p2>[、.．，,]?)
      | (?P<l2c>[\u3220-\u3229])(?P<p2c>[、.．，,]?)
      | (?P<o4>[（(])(?P<l4>[DIGIT]{1,2})(?P<c4>[）)])(?P<p4>[、.．，,]?)
      | (?P<l4c>[\u2474-\u2487])(?P<p4c>[、.．，,]?)
      | (?P<l3>[DIGIT]{1,2})(?P<p3>[.．、])(?![DIGIT](?![DIGIT]{3}年))  # 1.5倍, 1、2月 are not headings; 1.2023年… is
      | (?P<l4h>[DIGIT]{1,2})(?P<c4h>[）)])
      | (?P<l5>[\u2460-\u2473])(?P<p5>[、.．，,]?)
    )
    """.replace("DIGIT", DIGIT),
    re.VERBOSE,
)
# Every branch closes with its punctuation group, so ``lastindex`` names the branch matched:
# lastindex -> (level, group of the numeral, form builder from the groups tuple).
_ENCLOSED = {9: 0x3220, 15: 0x2474, 21: 0x2460}  # enclosed numerals: the code point of 1 (㈠ ⑴ ①)
_BRANCHES: dict[int, tuple[int, int, Callable[[tuple[str, ...]], str]]] = {
    3: (1, 1, lambda g: "一" + g[2]),
    7: (2, 4, lambda g: g[3] + "一" + g[5] + g[6]),
    9: (2, 7, lambda g: "㈠" + g[8]),
    13: (4, 10, lambda g: g[9] + "1" + g[11] + g[12]),
    15: (4, 13, lambda g: "⑴" + g[14]),
    17: (3, 15, lambda g: "1" + g[16]),
    19: (4, 17, lambda g: "1" + g[18]),
    21: (5, 19, lambda g: "①" + g[20]),
}
#: Characters a heading paragraph can open with (what _HEADING's first element can match):
#: the cheap test that spares the regex call for most paragraphs.
_FIRST = frozenset(
    " \t\u3000*_一二三四五六七八九十（("
    + "".join(chr(c) for c in range(0x3220, 0x322A))
    + "".join(chr(c) for c in range(0x2460, 0x2488))
    + "".join(chr(c) for lo, hi in re.findall(r"\\[uU]([0-9a-f]+)-\\[uU]([0-9a-f]+)", DIGIT)
              for c in range(int(lo, 16), int(hi, 16) + 1))
)
_SENTENCE_END = lazy(re.compile, r"[。！？!?]")
# A level-3 marker directly followed by a number ("15.10大产业项目", "3.630攻坚", "9、8个重点示范镇")
# reads like a decimal or a 1、2 list, so _HEADING refuses it; parse_outline accepts it only where
# the numbering around it says it is the next marker (see _resolve_number_led).
_NUMBER_LED = lazy(re.compile, r"([ \t\u3000]*(?:\*\*|__)?)([DIGIT]{1,2})([.．、])(?=[DIGIT])".replace("DIGIT", DIGIT))
# 一、二季度 / 三、四月份 / 一、二年级: two adjacent numerals joined by 、 (G15834 4.5.3.4), not
# a heading. Only the next numeral counts: 三、二季度工作安排 is heading 三.
# Only time and grade words follow: 二、三项重点工作 may well be heading 二 (a lost heading would
# make S101 report a gap).
_PAIR_WORDS = ("季度", "年级", "月", "产业", "等奖")
#: What may follow a numeral or a closing bracket in a marker (the last character of a form).
_MARKER_PUNCT = frozenset("、.．，,：:")


@lru_cache(maxsize=4096)  # few distinct numerals recur in every document
def chinese_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (一, 十一, 二十三, 一百零五); None if not one."""
    if not s:
        return None
    if all(c in _CN_DIGITS for c in s) and len(s) == 1:
        return _CN_DIGITS[s]
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


# Not frozen, like Paragraph: a frozen dataclass's __init__ pays an object.__setattr__ per field
# (11 here). Hashable as before; nobody mutates a heading.
@dataclass(slots=True, unsafe_hash=True)
class Heading:
    """A numbered heading at the start of a paragraph. Do not mutate."""

    level: int
    number: int
    form: str  # the marker shape, e.g. "一、", "一.", "(一)", "（一）", "㈠", "1.", "1、", "（1）", "⑴", "1）"
    marker: str  # the marker text as written, punctuation included
    marker_start: int
    marker_end: int
    title: str
    title_start: int
    title_end: int
    paragraph: int
    inline: bool  # body text follows the title in the same paragraph

    @property
    def canonical(self) -> bool:
        return self.form == CANONICAL_FORMS[self.level]

    @property
    def punct(self) -> str:
        """The punctuation written after the numeral or bracket (``、`` in 一、, ``、`` in （一）、), or ''."""
        return self.form[-1] if self.form[-1] in _MARKER_PUNCT else ""

    @property
    def punct_start(self) -> int:
        """Offset of :attr:`punct` (== ``marker_end`` when there is none)."""
        return self.marker_end - len(self.punct)


@dataclass(eq=False)
class Section:
    """A heading with the text it governs, up to the next heading of the same or a higher level."""

    heading: Heading
    start: int
    end: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level


@dataclass
class Outline:
    """All headings in order, and the section tree they make."""

    headings: list[Heading]
    roots: list[Section]
    #: Every section in document order (parse_outline records it as it builds the tree).
    order: list[Section] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def lookalike_marker_offsets(self) -> frozenset[int]:
        """Offsets inside non-standard heading markers ((1) （一) 1）): the structure family
        reports and fixes those, so punctuation and number rules leave the characters alone."""
        odd = [h for h in self.headings if not h.canonical]
        if not odd:
            return frozenset()  # the usual case
        return frozenset(i for h in odd for i in range(h.marker_start, h.marker_end))

    def sections(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        if self.order is not None:
            return iter(self.order)  # depth first is the order the sections were made in
        return self._walk()

    def _walk(self) -> Iterator[Section]:
        stack = list(reversed(self.roots))
        while stack:
            sec = stack.pop()
            yield sec
            stack.extend(reversed(sec.children))


_Search = Callable[[str, int], "re.Match[str] | None"]


def _heading(
    text: str, offset: int, paragraph: int, match: Callable[[str], re.Match[str] | None], search: _Search
) -> Heading | None:
    """:func:`match_heading` without the first-character test (the caller made it).

    ``match`` and ``search`` are the bound methods of _HEADING and _SENTENCE_END, looked up once
    per document: each attribute access on a lazy pattern is a Python call.
    """
    m = match(text)
    if m is None:
        return None
    g = m.groups()
    branch = m.lastindex or 0  # never None: every branch has groups
    level, group, form = _BRANCHES[branch]
    numeral = g[group]
    enclosed = _ENCLOSED.get(branch)
    if enclosed is not None:
        number = ord(numeral) - enclosed + 1
    else:
        value = int(numeral) if numeral.isdigit() else chinese_number(numeral)
        if not value:
            return None  # not a numeral, or 0
        number = value
    rest_start = m.end()
    if rest_start >= len(text):
        return None  # a bare marker is not a heading
    if level == 1 and _CN_DIGITS.get(text[rest_start]) == number + 1 and text.startswith(_PAIR_WORDS, rest_start + 1):
        return None
    end_m = search(text, rest_start)
    if end_m is None:
        title_end = len(text)
        inline = False
    else:
        title_end = end_m.start()
        inline = text[title_end + 1 :].strip() != ""
    lead = len(g[0])
    return Heading(
        level,
        number,
        form(g),
        text[lead:rest_start],
        offset + lead,
        offset + rest_start,
        text[rest_start:title_end],
        offset + rest_start,
        offset + title_end,
        paragraph,
        inline,
    )


def _number_led(text: str, offset: int, paragraph: int, search: _Search) -> Heading | None:
    """A level-3 heading whose marker is followed by a number (a candidate: see _resolve_number_led)."""
    m = _NUMBER_LED.match(text)
    if m is None:
        return None
    number = int(m.group(2))
    if not number:
        return None
    rest_start = m.end()
    end_m = search(text, rest_start)
    title_end = len(text) if end_m is None else end_m.start()
    inline = end_m is not None and text[title_end + 1 :].strip() != ""
    lead = len(m.group(1))
    return Heading(3, number, "1" + m.group(3), text[lead:rest_start], offset + lead, offset + rest_start,
                   text[rest_start:title_end], offset + rest_start, offset + title_end, paragraph, inline)


def _resolve_number_led(headings: list[Heading], candidates: list[tuple[int, Heading]]) -> list[Heading]:
    """Merge the number-led candidates that continue the level-3 numbering: N after N-1, or N before N+1.

    ``15.10大产业项目`` between 14. and 16. is item 15 followed by “10大”; a paragraph opening with a
    decimal (``2.5万人…``) has no such neighbours and stays body text.
    """
    out: list[Heading] = []
    last3: Heading | None = None
    i = 0
    for pos, cand in candidates:
        while i < pos:
            out.append(headings[i])
            if headings[i].level == 3:
                last3 = headings[i]
            i += 1
        nxt = headings[pos] if pos < len(headings) else None
        if (last3 is not None and last3.number == cand.number - 1) or (
            nxt is not None and nxt.level == 3 and nxt.number == cand.number + 1
        ):
            out.append(cand)
            last3 = cand
    out.extend(headings[i:])
    return out


def match_heading(text: str, offset: int, paragraph: int) -> Heading | None:
    """The heading opening ``text`` (a paragraph starting at ``offset``), if any."""
    if not text or text[0] not in _FIRST:
        return None
    return _heading(text, offset, paragraph, _HEADING.match, _SENTENCE_END.search)


def parse_outline(document: Document) -> Outline:
    """Find every heading and build the section tree (levels may be skipped)."""
    headings: list[Heading] = []
    candidates: list[tuple[int, Heading]] = []
    first = _FIRST
    match, search = _HEADING.match, _SENTENCE_END.search
    for para in document.paragraphs:
        text = para.text
        if not text or text[0] not in first:
            continue  # most paragraphs: no marker can start here
        if "table" in para.label:
            continue  # numbered rows of a .docx table are not the body hierarchy
        h = _heading(text, para.start, para.index, match, search)
        if h is not None:
            headings.append(h)
        elif text.lstrip(" \t\u3000*_")[:1].isdigit():
            cand = _number_led(text, para.start, para.index, search)
            if cand is not None:
                candidates.append((len(headings), cand))
    if candidates:
        headings = _resolve_number_led(headings, candidates)
    roots: list[Section] = []
    stack: list[Section] = []
    order: list[Section] = []
    text_end = len(document.text)
    for h in headings:
        sec = Section(h, h.marker_start, text_end)
        order.append(sec)
        while stack and stack[-1].level >= h.level:
            closed = stack.pop()
            closed.end = h.marker_start
        if stack:
            sec.parent = stack[-1]
            stack[-1].children.append(sec)
        else:
            roots.append(sec)
        stack.append(sec)
    return Outline(headings, roots, order)
