"""ASCII , ; : ? ! ( ) used inside Chinese text instead of the full-width marks."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Applicability, Fix, anchored, has_any, lazy, mark

from ._chars import is_cjk

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# A mark with the spaces an English habit puts around it; the spaces go with the fix.
# Anchored patterns (reportlint.anchors) here: each runs only round the ASCII marks it needs, which a
# Chinese report has few of; a whole pass tried the optional space at every character.
_MARK = anchored(regex.compile, r" ?([,;:?!]) ?", anchors=[",", ";", ":", "?", "!"])
# A bracket pair on one line; judged as a whole so both halves change together.
_PARENS = anchored(regex.compile, r"\(([^()\n]{0,200})\)", anchors=["("])
# URLs and e-mail addresses keep their ASCII marks.
_URL = lazy(regex.compile,
    r"(?:https?://|ftp://|www\.)[^\s\p{Han}，。；）》]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", regex.I
)
_HAN = lazy(regex.compile, r"\p{Han}")
_ENTITY = lazy(regex.compile, r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5})$")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses."""
    if "@" not in text and "://" not in text and not _has_www(text):
        return []
    return [m.span() for m in _URL.finditer(text)]


def _has_www(text: str) -> bool:
    """``"www." in text.lower()``, without lowering a copy of the whole text: each "." is looked at."""
    find = text.find
    i = find(".", 3)
    while i != -1:
        if text[i - 3 : i].lower() == "www":
            return True
        i = find(".", i + 1)
    return False


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True if ``pos`` is inside one of ``spans`` (sorted, disjoint: finditer's), by bisection."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _touches_chinese(text: str, start: int, end: int) -> bool:
    """True if the character before ``start`` or at ``end`` is Han or a Chinese mark."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return is_cjk(before) or is_cjk(after)


def _is_number_mark(text: str, pos: int) -> bool:
    """A , or : between digits: 1,000 / 8:30 / 1:2 (a thousands separator, time or ratio)."""
    return 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and text[pos + 1].isdigit()


def _marks(self: Rule, text: str, urls: list[tuple[int, int]]) -> Iterator[Finding]:
    """Findings for , ; : ? ! touching Chinese text."""
    for m in _MARK.finditer(text):
        pos = m.start(1)
        if _is_number_mark(text, pos) or _in_spans(pos, urls):
            continue
        if m.group(1) == ";" and _ENTITY.search(text, max(0, pos - 10), pos):
            continue  # &nbsp; and &#8220; are HTML residue (family M), not a semicolon
        if m.group(1) == "!" and text.startswith("[", pos + 1):
            continue  # ![图](a.png): Markdown image syntax
        if not _touches_chinese(text, pos, pos + 1):
            continue
        ch = m.group(1)
        # ':' is also used in references and labels: a human confirms its fix (catalogue B01). One
        # severity for every mark: on the clean reports all 345 colons flagged were real defects.
        colon = ch == ":"
        yield self.finding(m.start(), m.end(), f"中文中使用了半角{mark(ch)}，应为全角{mark(_FULL[ch])}",
                           Fix(_FULL[ch], Applicability.UNSAFE if colon else Applicability.SAFE))


def _parens(self: Rule, doc: Document, urls: list[tuple[int, int]]) -> Iterator[Finding]:
    """Findings for ( ) pairs holding or touching Chinese text; heading markers (1) are family S's."""
    text = doc.text
    markers: frozenset[int] | None = None
    for m in _PARENS.finditer(text):
        if _in_spans(m.start(), urls):
            continue
        if m.start() > 0 and text[m.start() - 1] == "]":
            continue  # [文字](链接): a Markdown link target, not a bracket pair of the text
        if markers is None:
            markers = doc.outline.lookalike_marker_offsets
        if m.start() in markers:
            continue
        inner = m.group(1)
        if not (_HAN.search(inner) or _touches_chinese(text, m.start(), m.end())):
            continue
        # ASCII content right after an ASCII word ("f(x)", "Python(3.11)") is code or English.
        if not _HAN.search(inner) and m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        yield self.finding(m.start(), m.end(), "中文中使用了半角括号“()”，应为全角“（）”", f"（{inner}）")


@rule(
    "P105",
    "halfwidth-punctuation",
    "ASCII , ; : ? ! ( ) touching Chinese text",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) chapter 4 (the forms of the marks: Chinese text uses the full-width forms)",
    explanation=(
        "Chinese text uses the full-width marks ，；：？！（）. An ASCII mark next to a Han "
        "character or Chinese mark is replaced (safe; the colon needs a look, so its fix is "
        "unsafe). URLs, e-mail addresses, numbers (1,000 8:30 1:2), list markers such as 1. "
        "and English phrases are left alone; the period is never touched. Every mark has the one "
        "severity: on the clean reports each half-width mark flagged was a real defect."
    ),
    bad=[("加强领导,压实责任;", "加强领导，压实责任；"), ("是否完成?", "是否完成？"),
         ("世界贸易组织(WTO)成员", "世界贸易组织（WTO）成员"), ("时间:2023年", "时间：2023年"),
         ("工作, 成效", "工作，成效")],
    good=["上午8:30开会", "比例为1:2", "共1,000元", "1.加强学习", "访问https://www.gov.cn/a?b=1,c查看",
          "Hello, world!", "函数f(x)的值", "邮箱a.b@gov.cn，电话", "中国&nbsp;人民",
          "如图![示意图](img/a.png)所示"],
)
def halfwidth_punctuation(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    if not has_any(text, ",;:?!("):  # prefilter: every finding holds one of these (a pair holds "(")
        return
    urls = _url_spans(text)
    yield from _marks(self, text, urls)
    yield from _parens(self, doc, urls)


RULES = [halfwidth_punctuation]
