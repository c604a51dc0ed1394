"""Paired marks: balance and nesting of “” ‘’ （） 《》 〈〉 【】 〔〕, their widths and forms."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Paragraph, has_any, lazy, mark

from ._chars import CLOSERS, OPENERS, PAIRS, TERMINAL

_BRACKETS = lazy(re.compile, r"[“”‘’（）《》〈〉【】〔〕]")
_NOT_MARK = lazy(re.compile, r"[^“”‘’（）《》〈〉【】〔〕\n]+")
_BLOCK = 1 << 18  # characters per block of lines in the fast path
# The innermost pairs a balanced sequence of marks is reduced by (‘’ is left out: apostrophes).
_INNER_PAIRS = ("“”", "（）", "《》", "〈〉", "【】", "〔〕")
# "1）" "a）" "一）" as a list marker: at a paragraph start or after a pause, not a pair half.
_LIST_MARKER = lazy(regex.compile, r"(?:^|[\s：；，。、:;,.])[\dA-Za-z一二三四五六七八九十]{1,2}$")
_LEAD = lazy(regex.compile, r"[ \t\u3000\u00a0]*")


def _is_apostrophe(text: str, pos: int) -> bool:
    """’ or ‘ between Latin letters is an apostrophe (China’s), not a quote."""
    return 0 < pos < len(text) - 1 and text[pos - 1].isascii() and text[pos - 1].isalpha() and text[pos + 1].isascii()


# A year cut to two digits takes an apostrophe: ’97中国旅游年, ’98兰交会 (often typed ‘96, and sometimes
# broken from its digits by a line break). The digits may be full-width.
_YEAR_AFTER = lazy(re.compile, r"\s{0,3}[0-9０-９]{2}(?![0-9０-９])")


def _is_year_apostrophe(text: str, pos: int, para_end: int, stack: _OpenMarks) -> bool:
    """’97 or ‘97: an apostrophe before a two-digit year, not a quote. A ’ that can close an open ‘
    closes it (‘两个确立’22次); a ‘ that a later ’ in the paragraph can close opens a quote."""
    if _YEAR_AFTER.match(text, pos + 1) is None:
        return False
    if text[pos] == "’":
        return not (stack and stack.top() == "‘")
    return text.find("’", pos + 1, para_end) == -1


def _first_char(text: str, para: Paragraph) -> tuple[int, str]:
    """Offset and character of the first non-space character of a paragraph."""
    m = _LEAD.match(text, para.start, para.end)
    pos = m.end() if m else para.start
    return pos, text[pos] if pos < para.end else ""


#: Rounds of pair removal by str.replace (C speed, the usual case: nesting is shallow) before the
#: linear stack walk takes over (a deep nest would take one round per level: quadratic).
_REPLACE_ROUNDS = 8
_OPENER_OF = {pair[1]: pair[0] for pair in _INNER_PAIRS}


def _reduce(marks: str) -> str:
    """``marks`` with adjacent pairs (“” （） …) removed, at most _REPLACE_ROUNDS times."""
    for _ in range(_REPLACE_ROUNDS):
        reduced = marks
        for pair in _INNER_PAIRS:
            reduced = reduced.replace(pair, "")
        if reduced == marks:
            break
        marks = reduced
    return marks


def _balanced_lines(marks: str) -> bool:
    """True if every line of ``marks`` (paired marks, no ‘’, and line breaks) nests and closes: one stack walk."""
    stack: list[str] = []
    for ch in marks:
        if ch == "\n":
            if stack:
                return False
        elif ch in _OPENER_OF:
            if not stack or stack.pop() != _OPENER_OF[ch]:
                return False
        else:
            stack.append(ch)
    return not stack


def _nests(marks: str) -> bool:
    """True if ``marks`` (paired marks only, no ‘’) is a properly nested, fully closed sequence.

    The same as removing adjacent pairs until none is left (a sequence reduces to nothing exactly
    when a stack matches it), in linear time whatever the depth.
    """
    return "\n" not in marks and _balanced_lines(_reduce(marks))


def _reduces_to_breaks(marks: str) -> bool:
    """True if removing nested pairs leaves only line breaks (every line's marks nest)."""
    return _balanced_lines(_reduce(marks))


class _OpenMarks:
    """The open marks, innermost last: push, pop the top, and find or remove the innermost mark of a
    kind, in amortised constant time (a list scan per closing mark would be quadratic on a long
    paragraph of unmatched marks)."""

    __slots__ = ("_items", "_alive", "_by_mark", "_live", "_serial")

    def __init__(self) -> None:
        self._items: list[tuple[str, int, int]] = []  # (mark, offset, serial); the top is always alive
        self._alive: list[bool] = []
        self._by_mark: dict[str, list[tuple[int, int]]] = {}  # mark -> (index, serial), newest last
        self._live = 0
        self._serial = 0

    def __bool__(self) -> bool:
        return self._live > 0

    def marks(self) -> list[tuple[str, int]]:
        """The open marks, outermost first."""
        return [(ch, pos) for (ch, pos, _), alive in zip(self._items, self._alive, strict=True) if alive]

    def push(self, ch: str, pos: int) -> None:
        self._serial += 1
        self._by_mark.setdefault(ch, []).append((len(self._items), self._serial))
        self._items.append((ch, pos, self._serial))
        self._alive.append(True)
        self._live += 1

    def top(self) -> str | None:
        return self._items[-1][0] if self._items else None

    def pop(self) -> None:
        self.remove(len(self._items) - 1)

    def remove(self, index: int) -> None:
        self._alive[index] = False
        self._live -= 1
        items, alive = self._items, self._alive
        while items and not alive[-1]:  # keep the top alive; each mark is dropped once
            items.pop()
            alive.pop()

    def innermost(self, ch: str) -> int | None:
        """Index of the innermost open ``ch``, or None."""
        entries = self._by_mark.get(ch)
        items, alive = self._items, self._alive
        while entries:
            index, serial = entries[-1]
            if index < len(items) and items[index][2] == serial and alive[index]:
                return index
            entries.pop()  # closed, removed or dropped: never valid again
        return None


_Problem = tuple[int, int, str, "str | None"]  # start, end, message, unsafe replacement
_QUOTE_PAIRS = {"”": "“", "’": "‘"}
_QUOTE_MARKS = frozenset("“”‘’")


def _quote_slips(text: str, opened: list[tuple[str, int]], orphans: list[tuple[str, int]]) -> tuple[list[_Problem], set[int]]:
    """Quotes typed in the wrong direction, each read as one slip: ”四风“, “两个确立“, ”四风”.

    Returns the problems and the positions they explain. Only close neighbours (no other quote
    between them, at most 30 characters apart) are paired, so a real unbalanced quote still
    reports on its own.
    """
    events = sorted([(pos, ch, True) for ch, pos in opened] + [(pos, ch, False) for ch, pos in orphans])
    out: list[_Problem] = []
    used: set[int] = set()
    for (p1, c1, open1), (p2, c2, open2) in zip(events, events[1:], strict=False):
        if p1 in used or c1 not in _QUOTE_MARKS or c2 not in _QUOTE_MARKS or p2 - p1 > 31:
            continue
        between = text[p1 + 1:p2]
        if not between or _QUOTE_MARKS.intersection(between):
            continue
        if not open1 and open2 and _QUOTE_PAIRS.get(c1) == c2:  # ”四风“
            out.append((p1, p2 + 1, f"引号方向颠倒，应为{mark(c2 + between + c1)}", c2 + between + c1))
        elif open1 and open2 and c1 == c2:  # “两个确立“
            closer = CLOSERS[OPENERS.index(c1)]
            out.append((p2, p2 + 1, f"后引号误作{mark(c2)}，应为{mark(closer)}", closer))
        elif not open1 and not open2 and c1 == c2:  # ”四风”
            out.append((p1, p1 + 1, f"前引号误作{mark(c1)}，应为{mark(_QUOTE_PAIRS[c1])}", _QUOTE_PAIRS[c1]))
        else:
            continue
        used.update((p1, p2))
    return out, used


class _Balance:
    """Walks paragraphs with one stack of open marks, yielding problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.stack = _OpenMarks()
        self.orphans: list[tuple[str, int]] = []  # closing marks with no opening one
        self.markers = doc.outline.lookalike_marker_offsets

    def run(self) -> Iterator[_Problem]:
        """All problems of the document, paragraph by paragraph."""
        if self._every_line_nests():
            return
        paras = self.doc.paragraphs
        text = self.text
        markers = sorted(self.markers)
        for i, para in enumerate(paras):
            if not self.stack and not self.orphans and self._trivially_balanced(text, para, markers):
                continue  # fast path: nothing open before, every pair closes inside, nothing to report
            yield from self._paragraph(para)
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            yield from self._paragraph_end(para, nxt)

    def _every_line_nests(self) -> bool:
        """Whole-document fast path: plain text whose every line's marks nest and close, with no ‘’
        and no heading marker to judge, has nothing to report (its paragraphs are its lines).

        One pass instead of one per paragraph: everything but the marks and line breaks is cut
        out (a negated class runs in sre's tight loop), and since pairs never contain a line
        break, reducing what is left reduces each line on its own.
        """
        if self.doc.paragraph_spans is not None or self.markers:
            return False
        text = self.text
        # By blocks of whole lines on a huge text: sub keeps one string per mark until it joins them.
        start = 0
        while start < len(text):
            end = text.find("\n", start + _BLOCK)
            end = len(text) if end == -1 else end + 1
            marks = _NOT_MARK.sub("", text[start:end] if start or end < len(text) else text)
            if "‘" in marks or "’" in marks or not _reduces_to_breaks(marks):
                return False
            start = end
        return True

    @staticmethod
    def _trivially_balanced(text: str, para: Paragraph, markers: list[int]) -> bool:
        """True if the paragraph's marks nest and close, with no ‘’ and no heading marker to judge."""
        marks = "".join(_BRACKETS.findall(text, para.start, para.end))
        if not marks:
            return True
        if "‘" in marks or "’" in marks or not _nests(marks):
            return False
        i = bisect.bisect_left(markers, para.start)
        return i == len(markers) or markers[i] >= para.end

    def _paragraph(self, para: Paragraph) -> Iterator[_Problem]:
        text = self.text
        for m in _BRACKETS.finditer(text, para.start, para.end):
            ch, pos = m.group(), m.start()
            if (ch in "‘’" and (_is_apostrophe(text, pos) or _is_year_apostrophe(text, pos, para.end, self.stack))) \
                    or pos in self.markers:
                continue
            if ch in OPENERS:
                self.stack.push(ch, pos)
                continue
            yield from self._close(ch, pos, para)

    def _close(self, ch: str, pos: int, para: Paragraph) -> Iterator[_Problem]:
        want = PAIRS[ch]
        if self.stack and self.stack.top() == want:
            self.stack.pop()
            return
        depth = self.stack.innermost(want)
        if depth is not None:
            # Pairs cross (《实施方案（试行》）): one finding here; the inner mark stays open.
            inner = self.stack.top()
            self.stack.remove(depth)
            yield pos, pos + 1, f"{mark(ch)}与{mark(inner)}交叉嵌套，应先闭合{mark(inner)}", None
            return
        # Any match ends at pos (or before a last line break) and is at most 3 characters long, so a
        # window of 4 gives the same answer as searching from the paragraph start (which is quadratic).
        if ch == "）" and _LIST_MARKER.search(self.text, max(para.start, pos - 4), pos):
            return
        self.orphans.append((ch, pos))

    def _paragraph_end(self, para: Paragraph, nxt: Paragraph | None) -> Iterator[_Problem]:
        if not self.stack and not self.orphans:
            return
        last = self.text[para.end - 1].strip() if para.end > para.start else ""
        if nxt is not None and _first_char(self.text, nxt)[1] == "“":
            # A quotation of several paragraphs opens each with “ and closes only at its end
            # (GB/T 15834-2011 4.1.3.2), whether this paragraph ends with 。 or with ，.
            innermost = self.stack.innermost("“")
            if innermost is not None:
                self.stack.remove(innermost)
        if self.stack and nxt is not None and last and last not in TERMINAL:
            # A line ending mid-sentence is a hard-wrapped line: the pair may close on the next one.
            return
        still_open = self.stack.marks()
        slips, explained = _quote_slips(self.text, still_open, self.orphans)
        yield from slips
        for ch, pos in self.orphans:
            if pos not in explained:
                yield pos, pos + 1, f"{mark(ch)}缺少对应的{mark(PAIRS[ch])}", None
        for ch, pos in still_open:
            if pos not in explained:
                yield pos, pos + 1, f"{mark(ch)}未闭合，缺少{mark(CLOSERS[OPENERS.index(ch)])}", None
        self.stack = _OpenMarks()
        self.orphans = []


@rule(
    "P106",
    "unbalanced-pair",
    "Unbalanced or crossed “” ‘’ （） 《》 〈〉 【】 〔〕 within a paragraph",
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.8 (quotation marks), 4.9 (brackets), 4.15 (book-title marks)",
    explanation=(
        "Every opening mark needs its closing mark in the same paragraph, and pairs must nest, "
        "not cross. A quotation of several paragraphs, which opens each paragraph with “ and "
        "closes only at the end of the last (GB/T 15834—2011 4.8.3), is allowed; so are list markers "
        "such as 1）, the apostrophe of a two-digit year (’97) and lines wrapped mid-sentence. A quote "
        "typed in the wrong direction "
        "(”四风“, “两个确立“) is one finding with an unsafe fix."
    ),
    bad=["印发《实施方案（试行》）", "开展“三会一课活动。", ("落实”四风“问题。", "落实“四风”问题。"),
         ("学习“两个确立“。", "学习“两个确立”。"), ("反对”四风”。", "反对“四风”。"), "要求（一是加强学习。"],
    good=["印发《实施方案（试行）》。", "“升学宴”“谢师宴”", "1）加强学习。",
          "他说：“第一段。\n“第二段。”", "China’s 发展。", "包括：a）学习；b）讨论。",
          "抓住’97中国旅游年的契机。", "举办了“‘96年中国度假休闲游”活动。", "提到‘共同富裕’22次。"],
)
def unbalanced_pair(self: Rule, doc: Document) -> Iterator[Finding]:
    for start, end, message, fix in _Balance(doc).run():
        yield self.finding(start, end, message, fix)


# A closing half of the other width: （试行) / (试行）.
_MIXED = lazy(regex.compile, r"（([^（）()\n]{0,80})\)|\(([^（）()\n]{0,80})）")


@rule(
    "P107",
    "mixed-width-pair",
    "The two halves of a bracket pair differ in width: （试行)",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.9 (brackets: both halves of one form)",
    explanation=(
        "The two halves of a bracket pair have the same form. In Chinese text a pair with one full-width and "
        "one ASCII half, such as （试行), is made full-width: （试行）. A heading marker such as （1) is left to "
        "S104, and ASCII pairs such as f(x) are not touched."
    ),
    bad=[("《实施方案（试行)》", "《实施方案（试行）》"), ("方案(试行）", "方案（试行）")],
    good=["方案（试行）", "f(x)"],
)
def mixed_width_pair(self: Rule, doc: Document) -> Iterator[Finding]:
    markers = doc.outline.lookalike_marker_offsets
    if not has_any(doc.text, "()"):  # prefilter: a mixed pair has an ASCII half
        return
    for m in _MIXED.finditer(doc.text):
        if m.start() in markers:
            continue  # a heading marker such as （1) is family S's (S104)
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        yield self.finding(m.start(), m.end(), "括号前后半角、全角不一致，应为全角“（）”", f"（{inner}）")


# A title inside a title on one line: 《关于印发《办法》的通知》.
_NESTED_TITLE = lazy(regex.compile, r"《([^《》\n]*)《([^《》\n]*)》([^《》\n]*)》")


@rule(
    "P108",
    "nested-book-title",
    "A title inside 《》 uses 〈〉, not 《》",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.15.3 (a title inside a title takes the single book-title marks 〈〉)",
    explanation=(
        "When a title contains another title, the outer one takes 《》 and the inner one 〈〉: 《关于印发〈考核办法〉的通知》. "
        "This is very common in 印发 and 转发 notices. The fix turns the inner 《》 into 〈〉; two titles side by "
        "side (《办法》《细则》) are not nested and are left alone."
    ),
    bad=[("《关于印发《考核办法》的通知》", "《关于印发〈考核办法〉的通知》")],
    good=["《关于印发〈考核办法〉的通知》", "《办法》《细则》"],
)
def nested_book_title(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _NESTED_TITLE.finditer(doc.text):
        inner = m.group(2)
        yield self.finding(m.start(2) - 1, m.end(2) + 1, f"书名号内的书名应使用单书名号“〈{inner}〉”", f"〈{inner}〉")


# A quotation inside a quotation on one line: “学习“两个确立”精神”.
_NESTED_QUOTE = lazy(re.compile, r"“([^“”\n]+)“([^“”\n]+)”([^“”\n]+)”")  # stdlib: its literal search is faster


@rule(
    "P109",
    "nested-double-quotes",
    "A quotation inside “” uses ‘’, not “”",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.8.3 (a quotation inside a quotation takes single quotation marks)",
    explanation=(
        "Nested quotations alternate: “…‘…’…”. The fix is unsafe because the same shape "
        "also arises from quotes typed in the wrong direction."
    ),
    bad=[("“学习“两个确立”精神”", "“学习‘两个确立’精神”")],
    good=["“学习‘两个确立’精神”", "“升学宴”“谢师宴”"],
)
def nested_double_quotes(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _NESTED_QUOTE.finditer(doc.text):
        inner = m.group(2)
        yield self.finding(m.start(2) - 1, m.end(2) + 1, f"引号内的引语应使用单引号“‘{inner}’”", f"‘{inner}’")


# ASCII double quotes around Chinese text on one line.
_ASCII_QUOTES = lazy(regex.compile, r'"([^"\n]{1,60})"')
_HAN = lazy(regex.compile, r"\p{Han}")


@rule(
    "P110",
    "ascii-quotes",
    'ASCII "…" around Chinese text instead of “…”',
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.8 (quotation marks: horizontal text uses “” and ‘’)",
    explanation="Horizontal simplified Chinese uses “ ” and ‘ ’. The fix pairs the ASCII quotes; check it.",
    bad=[('开展"三会一课"活动', "开展“三会一课”活动")],
    good=['He said "yes".', "开展“三会一课”活动"],
)
def ascii_quotes(self: Rule, doc: Document) -> Iterator[Finding]:
    if '"' not in doc.text:  # prefilter: one C scan
        return
    for m in _ASCII_QUOTES.finditer(doc.text):
        if not _HAN.search(m.group(1)):
            continue
        yield self.finding(m.start(), m.end(), '中文中使用了英文引号"…"，应为“…”', f"“{m.group(1)}”")


# 《…》 around a meeting, activity, course or project rather than a work (GB/T 15834 A.13).
_TITLE_NOT_WORK = lazy(regex.compile,
    r"《([^《》\n]{2,40}?(?:会议|大会|座谈会|研讨会|活动|培训班|论坛|竞赛|大赛|比赛|评选|晚会|展览|工程|行动|课程))》"
)


@rule(
    "P120",
    "book-title-for-non-work",
    "书名号 around a meeting, activity, course or project name (heuristic, off by default)",
    severity="info",
    default=False,
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) Annex A.13 (book-title marks are for works and documents only)",
    explanation=(
        "书名号 mark works and documents: books, articles, laws, documents, films, songs. The "
        "names of meetings, activities, courses and projects take quotes or nothing. The test "
        "is a heuristic on the last words inside 《》, so the rule is off by default."
    ),
    bad=[("举办《全市廉政知识竞赛》", "举办“全市廉政知识竞赛”"), ("开展《清廉机关创建活动》", "开展“清廉机关创建活动”")],
    good=["印发《关于开展清廉机关创建活动的通知》", "观看《黎明之前》", "学习《民法典》知识竞赛"],
)
def book_title_for_non_work(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _TITLE_NOT_WORK.finditer(doc.text):
        inner = m.group(1)
        yield self.finding(m.start(), m.end(), f"“{inner}”不是作品或文件名称，不用书名号，可改用引号", f"“{inner}”")


RULES = [unbalanced_pair, mixed_width_pair, nested_book_title, nested_double_quotes, ascii_quotes, book_title_for_non_work]
