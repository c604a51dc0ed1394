"""Stray spaces next to full-width marks and between Han characters."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import SPACE, anchored, has_any, lazy, mark

from ._chars import CLOSERS, OPENERS, POINTS, is_cjk

# One or two spaces with a non-space on both sides. Longer runs, tabs and leading or
# trailing whitespace are layout (indentation, signature and date lines), never flagged.
# (The match starts at the space; the caller checks the left side.) [^SPACE] is regex's \S.
# Both gap patterns run only round the spaces (reportlint.anchors): sre cannot skip ahead to a class
# under a repeat, so a whole pass tried every character (~3 ms per MB of a report with no space).
_SPACES = [" ", "\u3000", "\u00a0"]
_GAP = anchored(re.compile, rf"[ \u3000\u00a0]{{1,2}}(?=[^{SPACE}])", anchors=_SPACES)
# A paragraph with a tab or three spaces in a row is laid out by hand (tables, 落款).
_LAYOUT = lazy(regex.compile, r"\S(?:\t|[ \u3000\u00a0]{3,})\S")
# Between Han characters: exactly one space, with a Han run on each side.
_HAN_GAP = anchored(regex.compile, r"(?<=\p{Han})[ \u3000\u00a0](?=\p{Han})", anchors=_SPACES)
_HAN_RUN_BEFORE = lazy(regex.compile, r"\p{Han}+$")
_HAN_RUN_AFTER = lazy(regex.compile, r"\p{Han}+")
_AFTER_MARKS = POINTS + CLOSERS + OPENERS
_CELL_BARS = "|｜│┃"
_BEFORE_MARKS = POINTS + CLOSERS


# An HTML comment left in the text (<!-- 图为某某作报告。 -->) is markup, reported whole by M102; the
# spaces of its syntax and of its caption are not gaps in running text.
_COMMENT = lazy(re.compile, r"<!--(?:(?!-->).){0,1000}?-->", re.DOTALL)


def _comment_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _COMMENT.finditer(text)] if "<!--" in text else []


def _layout_paragraphs(doc: Document) -> list[tuple[int, int]]:
    """Spans of paragraphs laid out with runs of spaces or tabs."""
    return sorted((p.start, p.end) for p in doc.paragraphs if _laid_out(p.text))


def _laid_out(para: str) -> bool:
    """_LAYOUT.search(para), asked only when the paragraph has a tab or three spaces at all."""
    if "\t" not in para and para.count(" ") + para.count("\u3000") + para.count("\u00a0") < 3:
        return False
    return _LAYOUT.search(para) is not None


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """True if ``offset`` falls in one of ``spans`` (sorted, disjoint: paragraphs in order), by bisection."""
    i = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _gap_side(prev: str, nxt: str) -> str | None:
    """The mark a gap sits next to, as a message fragment, or None if the gap is fine."""
    if prev in _CELL_BARS or nxt in _CELL_BARS:
        return None  # table cell padding: | 完成。 |
    if prev in _AFTER_MARKS:
        return f"{mark(prev)}后"
    if nxt in _BEFORE_MARKS:
        return f"{mark(nxt)}前"
    if nxt in OPENERS and is_cjk(prev):
        return f"{mark(nxt)}前"
    return None


@rule(
    "P103",
    "space-around-punctuation",
    "A space before or after a full-width punctuation mark",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 5.1 (a full-width mark takes one character cell)",
    explanation=(
        "A full-width mark already fills a character cell, so a space before or after it "
        "is a typing slip (often from pasting). Indentation at the start of a paragraph "
        "(full-width spaces in .docx and .txt), trailing spaces, runs of three or more "
        "spaces and paragraphs laid out with tabs are left alone."
    ),
    bad=[("召开年轻干部集体廉政谈话会 。组织", "召开年轻干部集体廉政谈话会。组织"),
         ("工作 ，成效", "工作，成效"), ("如下： 一是", "如下：一是"), ("开展 “三会一课”", "开展“三会一课”")],
    good=["\u3000\u3000一、总体情况", "工作，成效。 ", "单位：XX局      2023年12月5日",
          "使用 Python 处理", "引言 (English) text", "| 完成。 | “十四五” |", "<!-- 市长作政府工作报告。 -->"],
)
def space_around_punctuation(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    layout: list[tuple[int, int]] | None = None
    if not has_any(text, " \u3000\u00a0"):  # prefilter: one C scan per space character
        return
    for m in _GAP.finditer(text):
        if m.start() == 0 or text[m.start() - 1].isspace():
            continue
        side = _gap_side(text[m.start() - 1], text[m.end()])
        if side is None or (m.end() - m.start() == 2 and side.endswith("后")):
            continue  # two spaces after a mark (如下：  一是) may be layout; before a mark never is
        if side.endswith("前") and _after_link(text, m.start()):
            continue  # https://x.gov.cn/a?b=1 。: the space keeps the mark out of the address
        if layout is None:
            layout = _layout_paragraphs(doc) + _comment_spans(text)
        if _inside(m.start(), layout):
            continue
        yield self.finding(m.start(), m.end(), f"{side}多余空格，应删除", "")


def _after_link(text: str, gap: int) -> bool:
    """True if the token before ``gap`` is a web address, e-mail address or URL-like path."""
    start = max(0, gap - 300)
    ws = max(text.rfind(" ", start, gap), text.rfind("\u3000", start, gap), text.rfind("\n", start, gap))
    token = text[ws + 1 : gap] if ws != -1 else text[start:gap]
    return "://" in token or token.startswith("www.") or ("@" in token and "." in token)


def _looks_like_names(text: str, start: int, end: int) -> bool:
    """Short Han runs on a side (2-3 characters: names, 职务 lists) make the space deliberate."""
    before = _HAN_RUN_BEFORE.search(text, max(0, start - 8), start)
    after = _HAN_RUN_AFTER.match(text, end, end + 8)
    left = len(before.group()) if before else 0
    right = len(after.group()) if after else 0
    return left < 4 or right < 4


# Jointly issued documents name their organs separated by one space, in titles and citations alike
# (中共中央 国务院关于……的意见; 《中共佛山市委 佛山市人民政府关于……》), the practice of 联合行文 titles
# (GB/T 9704-2012 7.3.1: the title names the issuing organs).
_ORGAN_END = lazy(regex.compile, r"(?:中央|委|委员会|人民政府|政府|国务院|办公厅|办公室)$")
_ORGAN_NEXT = lazy(regex.compile, r"(?:中共|国务院|中央)|\p{Han}{1,10}?(?:人民政府|委员会|办公厅|办公室|政府)")


def _joint_organs(text: str, start: int, end: int) -> bool:
    """True if the space separates two issuing organs of a jointly issued document."""
    return (_ORGAN_END.search(text, max(0, start - 12), start) is not None
            and _ORGAN_NEXT.match(text, end, end + 14) is not None)


@rule(
    "P104",
    "space-between-han",
    "A single space between two Han characters in running text",
    severity="warning",
    fixable="safe",
    source="Proofreading practice: Chinese running text has no spaces between characters",
    explanation=(
        "Chinese running text has no spaces between characters; a lone space inside a "
        "sentence is usually left by pasting or line joining. Only a space between two runs "
        "of four or more Han characters in a prose paragraph is flagged: name lists "
        "(张三 李四), titles, signature lines and hand-laid-out paragraphs are left alone."
    ),
    bad=[("我们坚持全面从严 治党不动摇，取得成效。", "我们坚持全面从严治党不动摇，取得成效。")],
    good=["出席：张三 李四 王五。", "关于 2023年工作", "全面从严 治党", "\u3000\u3000坚持全面从严治党，取得成效。",
          "贯彻《中共佛山市委 佛山市人民政府关于建设人才高地的意见》，取得成效。"],
)
def space_between_han(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    if not has_any(text, " \u3000\u00a0"):  # prefilter: one C scan per space character
        return
    prose: dict[int, bool] = {}  # paragraph index -> judged once, not once per space (linear time)
    comments: list[tuple[int, int]] | None = None
    for m in _HAN_GAP.finditer(text):
        para = doc.paragraph_at(m.start())
        if para is None:
            continue
        ok = prose.get(para.index)
        if ok is None:
            # Prose only (a title or signature has no ，), not a short line, not hand-laid-out.
            ok = prose[para.index] = len(para.text) >= 15 and "，" in para.text and not _laid_out(para.text)
        if not ok or _looks_like_names(text, m.start(), m.end()) or _joint_organs(text, m.start(), m.end()):
            continue
        if comments is None:
            comments = _comment_spans(text)
        if _inside(m.start(), comments):
            continue
        yield self.finding(m.start(), m.end(), "汉字之间多余空格，应删除", "")


RULES = [space_around_punctuation, space_between_han]
