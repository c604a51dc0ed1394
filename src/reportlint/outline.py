"""Heading hierarchy parser: 一、 （一） 1. （1） at paragraph starts -> a Section tree.

GB/T 9704-2012 7.3.3 fixes the body levels: 一、 → （一） → 1. → （1）. The parser
also recognises the common lookalikes (half-width brackets, ㈠, ⑴, 1．, 1、, 一.)
so that structure rules can judge them; ``Heading.form`` records which was used.
A heading may stand alone or open a body paragraph: its title runs to the first
sentence end (。！？) or the end of the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from reportlint.lazyre import lazy

if TYPE_CHECKING:
    from reportlint.document import Document

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

#: Canonical marker form per level (G9704 7.3.3).
CANONICAL_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）", 5: "①"}

# One alternation, tried once per paragraph. Named groups say which shape matched.
_HEADING = lazy(regex.compile,
    r"""
    (?P<lead>[ \t\u3000]*(?:\*\*|__)?)  # Markdown bold around a heading: **一、总体情况**
    (?:
        (?P<l1>[一二三四五六七八九十]{1,3})(?P<p1>[、.．，,：:])
        (?![一二三四五六七八九十]{1,3}[、，,])  # 一、二、三产业 is a list, not a heading
      | (?P<o2>[（(])(?P<l2>[一二三四五六七八九十]{1,3})(?P<c2>[）)])(?P<p2>[、.．，,]?)
      | (?P<l2c>[\u3220-\u3229])(?P<p2c>[、.．，,]?)
      | (?P<o4>[（(])(?P<l4>\d{1,2})(?P<c4>[）)])(?P<p4>[、.．，,]?)
      | (?P<l4c>[\u2474-\u2487])(?P<p4c>[、.．，,]?)
      | (?P<l3>\d{1,2})(?P<p3>[.．、])(?!\d(?!\d{3}年))  # 1.5倍, 1、2月 are not headings; 1.2023年… is
      | (?P<l4h>\d{1,2})(?P<c4h>[）)])
      | (?P<l5>[\u2460-\u2473])(?P<p5>[、.．，,]?)
    )
    """,
    regex.VERBOSE,
)
_SENTENCE_END = lazy(regex.compile, r"[。！？!?]")
# 一、二季度 / 三、四月份 / 一、二年级: two adjacent numerals joined by 、 (G15834 4.5.3.4), not
# a heading. Only the next numeral counts: 三、二季度工作安排 is heading 三.
# Only time and grade words follow: 二、三项重点工作 may well be heading 二 (a lost heading would
# make S101 report a gap).
_ADJACENT_PAIR = lazy(regex.compile, r"[二三四五六七八九十](?=季度|年级|月|产业|等奖)")
#: What may follow a numeral or a closing bracket in a marker (the last character of a form).
_MARKER_PUNCT = frozenset("、.．，,：:")


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


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading at the start of a paragraph."""

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

    @cached_property
    def lookalike_marker_offsets(self) -> frozenset[int]:
        """Offsets inside non-standard heading markers ((1) （一) 1）): the structure family
        reports and fixes those, so punctuation and number rules leave the characters alone."""
        return frozenset(i for h in self.headings if not h.canonical for i in range(h.marker_start, h.marker_end))

    def sections(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        stack = list(reversed(self.roots))
        while stack:
            sec = stack.pop()
            yield sec
            stack.extend(reversed(sec.children))


def _form(m: regex.Match[str]) -> tuple[int, str, str]:
    """Level, numeral text and marker form of a heading match."""
    g = m.groupdict()
    if g["l1"]:
        return 1, g["l1"], "一" + g["p1"]
    if g["l2"]:
        return 2, g["l2"], g["o2"] + "一" + g["c2"] + g["p2"]
    if g["l2c"]:
        return 2, str(ord(g["l2c"]) - 0x3220 + 1), "㈠" + g["p2c"]
    if g["l4"]:
        return 4, g["l4"], g["o4"] + "1" + g["c4"] + g["p4"]
    if g["l4c"]:
        return 4, str(ord(g["l4c"]) - 0x2474 + 1), "⑴" + g["p4c"]
    if g["l3"]:
        return 3, g["l3"], "1" + g["p3"]
    if g["l4h"]:
        return 4, g["l4h"], "1" + g["c4h"]
    return 5, str(ord(g["l5"]) - 0x2460 + 1), "①" + g["p5"]


def match_heading(text: str, offset: int, paragraph: int) -> Heading | None:
    """The heading opening ``text`` (a paragraph starting at ``offset``), if any."""
    m = _HEADING.match(text)
    if m is None:
        return None
    level, numeral, form = _form(m)
    number = int(numeral) if numeral.isdigit() else chinese_number(numeral)
    if number is None or number == 0:
        return None
    rest_start = m.end()
    if rest_start >= len(text):
        return None  # a bare marker is not a heading
    if level == 1 and (pair := _ADJACENT_PAIR.match(text, rest_start)) and _CN_DIGITS.get(pair.group()) == number + 1:
        return None
    end_m = _SENTENCE_END.search(text, rest_start)
    title_end = end_m.start() if end_m else len(text)
    inline = end_m is not None and text[end_m.end() :].strip() != ""
    lead = len(m.group("lead"))
    return Heading(
        level=level,
        number=number,
        form=form,
        marker=text[lead:rest_start],
        marker_start=offset + lead,
        marker_end=offset + rest_start,
        title=text[rest_start:title_end],
        title_start=offset + rest_start,
        title_end=offset + title_end,
        paragraph=paragraph,
        inline=inline,
    )


def parse_outline(document: Document) -> Outline:
    """Find every heading and build the section tree (levels may be skipped)."""
    headings: list[Heading] = []
    for para in document.paragraphs:
        if "table" in para.label:
            continue  # numbered rows of a .docx table are not the body hierarchy
        h = match_heading(para.text, para.start, para.index)
        if h is not None:
            headings.append(h)
    roots: list[Section] = []
    stack: list[Section] = []
    text_end = len(document.text)
    for h in headings:
        sec = Section(h, h.marker_start, text_end)
        while stack and stack[-1].level >= h.level:
            closed = stack.pop()
            closed.end = h.marker_start
        if stack:
            sec.parent = stack[-1]
            stack[-1].children.append(sec)
        else:
            roots.append(sec)
        stack.append(sec)
    return Outline(headings, roots)
