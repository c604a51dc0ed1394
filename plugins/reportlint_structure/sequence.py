"""Sequence-word rules S111-S113: 一是/二是, 第一/第二, 其一/其二 continuity, series mixing, announced counts."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple, TypeVar

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import SPACE, Context, chinese_number

T = TypeVar("T")

# A sequence word opens a clause: paragraph start, or after a clause mark or an opening quote/bracket.
# "再三是" or "统一是" do not count (preceded by Han); "第一书记", "第一时间" do not (no mark after).
# The words, at the start of the text or after one of _OPEN (`regex`'s \s, so line starts too):
#     [一-十]{1,2}是 | 第[一-十]{1,2}(?=[，,、：:])(?![，,、][一-十]) | 其[一-十]{1,2}(?=[，,、：:是])
#   | 首先(?=[，,]) | (?:其次|再次)(?=[，,])
# A word holds no mark, so two words never overlap: the words are exactly the places where one
# matches. Each kind is found by its own stdlib re pattern led by a literal (是, 第, 其, 首, 再),
# which sre finds ~5x faster than a leading character class or lookbehind (the old single
# `regex` pattern); the results are merged by offset.
_N = "一二三四五六七八九十"
_OPEN = r"[。；;：:，,！？!?" + SPACE + r"“（(]"
_NUMERALS = frozenset(_N)


def _at_start(word: str) -> str:
    """A lookbehind: ``word`` (just matched) stands at the start of the text or after a mark."""
    return rf"(?:(?<={_OPEN}{word})|(?<=^{word}))"


# 是 of 一是/十一是: the numerals are before it, seen by the lookbehind.
_SHI = rf"是(?:(?<={_OPEN}[{_N}]是)|(?<={_OPEN}[{_N}][{_N}]是)|(?<=^[{_N}]是)|(?<=^[{_N}][{_N}]是))"
# Not an ordinal pair: 第三、第四批 (the first of 第三批、第四批 shortened) is no sequence word.
_DI = rf"第{_at_start('第')}[{_N}]{{1,2}}(?=[，,、：:])(?![，,、][{_N}])(?![，,、]第[{_N}]{{1,2}}[^，,、：:{_N}])"
_QI = rf"其{_at_start('其')}(?:(?P<qi>[{_N}]{{1,2}})(?=[，,、：:是])|次(?=[，,]))"
# 首先 and 再次 match their first character only (sre scans for a one-character literal faster).
_SHOUXIAN = rf"首(?=先[，,]){_at_start('首')}"
_ZAICI = rf"再(?=次[，,]){_at_start('再')}"

# "以下三个方面", "如下四点", "主要有五项": a pointer word (以下 如下 下列 下面 主要有 主要是 主要包括
# 主要表现为 主要表现在), then a count, then what is counted. Two patterns led by a literal (下, 主)
# find them far faster than one alternation; a claim holds neither 下 nor 主 past its pointer word,
# so claims never overlap and the two lists merge by offset. ``back``: the pointer word began one
# character before 下 (以下, 如下).
_CLAIM_TAIL = r"(?P<n>[两二三四五六七八九十]{1,2})(?:个|项|条|点)?(?:方面|点|项|条|措施|工作|问题|任务|举措)"
_CLAIM_XIA = r"下(?:(?<=[以如]下)(?P<back>)|[列面])" + _CLAIM_TAIL
_CLAIM_ZHUYAO = r"主(?=要)要(?:有|是|包括|表现为|表现在)" + _CLAIM_TAIL


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns above, compiled on first use (a lazy pattern costs a Python call per access)."""
    return tuple(re.compile(p) for p in (_SHI, _DI, _QI, _SHOUXIAN, _ZAICI, _CLAIM_XIA, _CLAIM_ZHUYAO))


def _claims(text: str) -> list[tuple[int, int, str]]:
    """(start, end, count numeral) of every announced count, in order."""
    xia, zhuyao = _patterns()[5:]
    out = [(m.start() - (m.group("back") is not None), m.end(), m.group("n")) for m in xia.finditer(text)]
    more = [(m.start(), m.end(), m.group("n")) for m in zhuyao.finditer(text)]
    if more:
        out.extend(more)
        out.sort()
    return out


_SERIES_NAMES = {"shi": "是", "di": "第", "qi": "其"}


class SeqWord(NamedTuple):
    """One sequence word: series ("shi", "di", "qi", "shouxian", "qici"), number, span, paragraph.

    A NamedTuple: built for every word of every document, it costs a third of a frozen dataclass.
    """

    series: str
    number: int
    start: int
    end: int
    paragraph: int
    text: str


def seq_words(ctx: Context) -> list[SeqWord]:
    """Every sequence word of the document, in order: three rules read them, one scan (Context.memo) serves all."""
    return ctx.memo("structure.seq_words", _scan_seq_words)


def _scan_seq_words(doc: Document) -> list[SeqWord]:
    """Every sequence word, in order of offset (the grammar is in the comment above _N)."""
    text = doc.text
    shi, di, qi_, shouxian, zaici = _patterns()[:5]
    # No `in` prefilters: each literal-led finditer costs what `in` does.
    shi_at = [m.start() for m in shi.finditer(text)]
    others = [*di.finditer(text), *qi_.finditer(text), *shouxian.finditer(text), *zaici.finditer(text)]
    if not shi_at and not others:
        return []
    starts = doc.paragraph_starts
    bisect_right = bisect.bisect_right
    number = chinese_number
    new = tuple.__new__  # SeqWord(...) without its Python-level __new__, as SeqWord._make does
    words: list[SeqWord] = []
    for p in shi_at:
        start = p - 2 if p >= 2 and text[p - 2] in _NUMERALS else p - 1  # 十一是 or 一是
        words.append(new(SeqWord, ("shi", number(text[start:p]) or 0, start, p + 1,
                                   bisect_right(starts, start) - 1, text[start : p + 1])))
    if not others:
        return words
    for m in others:
        start, end = m.start(), m.end()
        first = text[start]
        if first == "第":
            series, n = "di", number(text[start + 1 : end]) or 0
        elif first == "其":
            qi = m.group("qi")
            series, n = ("qici", 2) if qi is None else ("qi", number(qi) or 0)
        else:  # 首先, 再次: the pattern matched the first character
            end = start + 2
            series, n = ("shouxian", 1) if first == "首" else ("qici", 3)
        words.append(new(SeqWord, (series, n, start, end, bisect_right(starts, start) - 1, text[start:end])))
    words.sort(key=lambda w: w.start)
    return words


def _heading_paragraphs(doc: Document) -> set[int]:
    """Indexes of paragraphs that open with a numbered heading (a run of sequence words ends there)."""
    return {h.paragraph for h in doc.outline.headings}


def _label(series: str, n: int) -> str:
    """The sequence word numbered ``n`` in ``series`` (三是, 第三, 其三)."""
    from reportlint_structure.headings import to_chinese

    if series == "shi":
        return f"{to_chinese(n)}是"
    if series == "di":
        return f"第{to_chinese(n)}"
    return f"其{to_chinese(n)}"


class _Runs:
    """One series' stack of open runs (the last word of each, innermost last). The innermost run
    below the top at a given number is found by its number, not by scanning the stack (a paragraph
    of many 一是 pushes a run for each: scanning them for every word would be quadratic)."""

    __slots__ = ("words", "serials", "by_number", "serial")

    def __init__(self) -> None:
        self.words: list[SeqWord] = []
        self.serials: list[int] = []  # which write each slot holds
        self.by_number: dict[int, list[tuple[int, int]]] = {}  # number -> (slot, write), oldest first
        self.serial = 0

    def __bool__(self) -> bool:
        return bool(self.words)

    def top(self) -> SeqWord:
        return self.words[-1]

    def _write(self, slot: int, w: SeqWord) -> None:
        self.serial += 1
        if slot == len(self.words):
            self.words.append(w)
            self.serials.append(self.serial)
        else:
            self.words[slot] = w
            self.serials[slot] = self.serial
        self.by_number.setdefault(w.number, []).append((slot, self.serial))

    def push(self, w: SeqWord) -> None:
        self._write(len(self.words), w)

    def replace_top(self, w: SeqWord) -> None:
        self._write(len(self.words) - 1, w)

    def clear(self) -> None:
        self.truncate(0)

    def truncate(self, n: int) -> None:
        del self.words[n:]
        del self.serials[n:]

    def below_top(self, number: int) -> int | None:
        """The slot of the innermost run under the top whose last word is ``number``, or None.

        A slot's entry is valid while the slot holds that write; valid entries lie in slot order
        (a later write to a lower slot means the slots above were dropped), so the last valid one
        is the innermost. Invalid entries are dropped as met: each once.
        """
        entries = self.by_number.get(number)
        top = len(self.words) - 1
        held = None
        found = None
        while entries:
            slot, serial = entries[-1]
            if slot <= top and self.serials[slot] == serial:
                if slot < top:
                    found = slot
                    break
                held = entries.pop()  # the top itself is not a candidate; put back below
                continue
            entries.pop()
        if held is not None:
            assert entries is not None
            entries.append(held)
        return found


@rule(
    "S111",
    "sequence-word-gap",
    "Sequence words skip or repeat: 一是…二是…四是, 第一…第三",
    severity="warning",
    fixable="safe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): paragraph order must be accurate",
    explanation=(
        "一是/二是…, 第一/第二… and 其一/其二… count without gap or repeat inside a paragraph, "
        "or across a run of adjacent paragraphs that each carry the series (a closing part often "
        "puts 一是…四是 one per paragraph). A run ends at a heading or a paragraph without the series; "
        "a new 一是 starts a new run. Across paragraphs only gaps and repeats are reported. A missing "
        "word written with a space inside (三 是) is reported as that space, not as a gap; an ordinal "
        "pair such as 第三、第四批 is not a sequence word."
    ),
    bad=["一是加强学习；二是强化教育；四是严格考核。", "第一，统一思想。第三，狠抓落实。",
         "一是加强学习。\n三是严格考核。", ("一是加强学习；二是强化教育。三 是严格考核；四是狠抓落实。",
                                      "一是加强学习；二是强化教育。三是严格考核；四是狠抓落实。")],
    good=["一是加强学习；二是强化教育；三是严格考核。", "一是加强学习。\n二是强化教育。\n三是严格考核。",
          "坚持一是一、二是二。", "他是第一书记，第三次来到这里。", "一是学习。二是教育。\n（二）检查\n一是明察。二是暗访。",
          "第一，统一思想；第二，狠抓落实。第四、第五批试点已启动。"],
)
def sequence_word_gap(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report breaks in 一是/第一/其一 series within a paragraph or a run of adjacent paragraphs."""
    heading_paras = _heading_paragraphs(doc)
    # Per series, a stack of open runs (last word of each): an inner list inside an item
    # (一是…：一是…二是…三是…；二是…) resumes the outer run instead of counting as a break.
    runs: dict[str, _Runs] = {}
    for w in seq_words(ctx):
        if w.series not in _SERIES_NAMES:
            continue
        stack = runs.setdefault(w.series, _Runs())
        if stack:
            prev = stack.top()
            same_para = prev.paragraph == w.paragraph
            adjacent = w.paragraph == prev.paragraph + 1 and w.paragraph not in heading_paras
            if not (same_para or adjacent):
                stack.clear()
        if not stack or w.number == 1:
            stack.push(w)
            continue
        prev = stack.top()
        if w.number == prev.number + 1:
            stack.replace_top(w)
            continue
        outer = stack.below_top(w.number - 1)
        if outer is not None:
            stack.truncate(outer + 1)
            stack.replace_top(w)
            continue
        stack.replace_top(w)
        spaced = _spaced_word(doc.text, prev, w)
        if spaced is not None:
            # The missing word is there with a space inside (四 是): that space is the defect.
            start, end = spaced
            yield self.finding(start, end, f"序列词“{doc.text[start:end]}”中间有多余空格，应为"
                               f"“{_label(w.series, prev.number + 1)}”", _label(w.series, prev.number + 1))
            continue
        problem = _gap_problem(prev, w, prev.paragraph == w.paragraph)
        if problem:
            yield self.finding(w.start, w.end, problem)


def _spaced_word(text: str, prev: SeqWord, w: SeqWord) -> tuple[int, int] | None:
    """The span of the one missing word between ``prev`` and ``w`` written with spaces inside
    (四 是, 第 三), or None."""
    if w.number != prev.number + 2:
        return None
    label = _label(w.series, prev.number + 1)
    pattern = r"[ \u3000\u00a0]*".join(map(re.escape, label))
    for m in re.finditer(pattern, text[prev.end : w.start]):
        if len(m.group()) > len(label):
            return prev.end + m.start(), prev.end + m.end()
    return None


def _gap_problem(prev: SeqWord, w: SeqWord, same_para: bool) -> str | None:
    """Why ``w`` cannot follow ``prev`` in one run; None for a smaller number in a new paragraph."""
    want = prev.number + 1
    if w.number == prev.number:
        what = "重复"
    elif w.number > want:
        what = "不连续"
    elif same_para:
        what = "顺序颠倒"
    else:
        return None  # a smaller number in the next paragraph may open another list
    return f"序列词“{w.text}”{what}：前一个是“{prev.text}”，应为“{_label(w.series, want)}”"


@rule(
    "S112",
    "sequence-series-mixed",
    "A list switches series: 一是…其次, 第一…其次",
    severity="warning",
    source="Proofreading practice: one list keeps one series of sequence words",
    explanation=(
        "其次/再次 continue a list opened by 首先. After 一是 or 第一 in the same paragraph, with no "
        "首先 before it, 其次 mixes two series; keep one (一是…二是, 首先…其次). 其次 alone, or after "
        "首先, is not reported."
    ),
    bad=["一是加强学习；其次，强化教育。", "第一，统一思想。其次，狠抓落实。"],
    good=["首先，统一思想。其次，狠抓落实。", "其次，要狠抓落实。", "一是加强学习。\n其次，强化教育。"],
)
def sequence_series_mixed(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report 其次/再次 following a 一是/第一 series in the same paragraph without 首先."""
    opened: dict[int, SeqWord] = {}  # paragraph -> first opener of another series
    has_shouxian: set[int] = set()
    for w in seq_words(ctx):
        if w.series == "shouxian":
            has_shouxian.add(w.paragraph)
        elif w.series in _SERIES_NAMES:
            opened.setdefault(w.paragraph, w)
        elif w.series == "qici" and w.paragraph in opened and w.paragraph not in has_shouxian:
            first = opened[w.paragraph]
            yield self.finding(
                w.start, w.end,
                f"序列词混用：前面用“{first.text}”，此处用“{w.text}”；应统一为“一是、二是”或“首先、其次”",
            )


@dataclass(frozen=True, slots=True)
class _Index:
    """What S113 looks items up in, built once per document."""

    head_paras: list[int]
    heading_paras: set[int]
    words: list[SeqWord]
    word_starts: list[int]



def _from(items: Sequence[T], start: int) -> Iterator[T]:
    """``items[start:]`` one by one, without a copy: islice would step over the first ``start`` items
    each time, quadratic when called for every claim of a long text."""
    for i in range(start, len(items)):
        yield items[i]


def _heading_items(doc: Document, idx: _Index, nxt: int) -> int | None:
    """Headings of one level starting at 1 in paragraph ``nxt``, counted to the next shallower one."""
    headings = doc.outline.headings
    first = bisect.bisect_left(idx.head_paras, nxt)
    if first >= len(headings) or headings[first].paragraph != nxt or headings[first].number != 1:
        return None
    level = headings[first].level
    count = 0
    for h in _from(headings, first):
        if h.level < level:
            break
        if h.level == level:
            if h.number != count + 1:
                return None  # broken numbering is S101's business
            count += 1
    return count


# The first item run into the claim's own paragraph (……以下八个方面的工作：一、认真解决……): the
# items are that level's headings, the first of them inside the paragraph.
_RUN_IN_FIRST = re.compile(r"[^。；，]{0,6}?[：:][ \u3000]*(一、|（一）|1[.．])")
_RUN_IN_LEVEL = {"一、": 1, "（一）": 2, "1.": 3, "1．": 3}


def _run_in_items(doc: Document, idx: _Index, para_index: int, offset: int) -> int | None:
    """Items when the first one is run into the claim's paragraph: 1 + the headings 二, 三… of its level after it."""
    m = _RUN_IN_FIRST.match(doc.text, offset)
    if m is None:
        return None
    level = _RUN_IN_LEVEL[m.group(1)]
    count = 1
    for h in _from(doc.outline.headings, bisect.bisect_right(idx.head_paras, para_index)):
        if h.level < level:
            break
        if h.level == level:
            if h.number != count + 1:
                break
            count += 1
    return count if count > 1 else None


def _items_after(doc: Document, idx: _Index, para_index: int, offset: int) -> int | None:
    """How many items follow a claim ending at ``offset`` in paragraph ``para_index``; None if unclear.

    Items are a heading run starting at 1 in the next paragraph (its siblings of that level), or
    a 一是/第一/其一 run starting at 1 right after the claim (same paragraph or the next one).
    """
    nxt = para_index + 1
    run_in = _run_in_items(doc, idx, para_index, offset)
    if run_in is not None:
        return run_in
    if para_index + 1 in idx.heading_paras:
        return _heading_items(doc, idx, nxt)
    first = bisect.bisect_left(idx.word_starts, offset)
    words = (w for w in _from(idx.words, first) if w.series in _SERIES_NAMES)
    opener = next(words, None)
    if opener is None or opener.number != 1 or opener.paragraph not in (para_index, nxt):
        return None
    count = 1
    last_para = opener.paragraph
    for w in words:
        if w.series != opener.series:
            continue
        if w.paragraph > last_para + 1 or (w.paragraph != last_para and w.paragraph in idx.heading_paras):
            break
        if w.number != count + 1:
            if w.number == 1:
                break  # a new list
            return None  # broken series is S111's business
        count += 1
        last_para = w.paragraph
    return count


@rule(
    "S113",
    "announced-count-mismatch",
    "An announced count (以下三个方面) differs from the number of items that follow",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): numbers must be accurate",
    explanation=(
        "A count announced with 以下/如下/下列/主要有 must equal the items that follow: a run of "
        "headings starting at 1 in the next paragraph, or a 一是/第一 series starting right after the "
        "claim. Vague counts (几个方面) and items that cannot be counted cleanly are not reported."
    ),
    bad=["主要做了以下三个方面工作：一是加强学习；二是强化教育。", "重点抓好以下四项工作：\n一、学习\n二、教育\n三、考核",
         "重点抓好以下四个方面的工作：一、学习。\n二、教育\n三、考核"],
    good=["主要做了以下三个方面工作：一是加强学习；二是强化教育；三是严格考核。",
          "重点抓好以下三个方面的工作：一、加强学习。\n一是集中学。二是自学。\n二、强化教育\n三、严格考核",
          "重点做好以下几个方面工作：\n一是学习。\n二是教育。", "我们在三个方面取得成效：一是学习；二是教育。"],
)
def announced_count_mismatch(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Report announced counts that differ from the items that follow."""
    text = doc.text
    idx: _Index | None = None
    for start, end, numeral in _claims(text):
        claimed = chinese_number(numeral.replace("两", "二"))
        if not claimed:
            continue
        if idx is None:
            words = seq_words(ctx)
            heads = doc.outline.headings
            idx = _Index([h.paragraph for h in heads], {h.paragraph for h in heads}, words, [w.start for w in words])
        para = bisect.bisect_right(doc.paragraph_starts, start) - 1
        found = _items_after(doc, idx, para, end)
        if found is None or found == claimed or found < 2:
            continue
        yield self.finding(start, end, f"“{text[start:end]}”与后文条目数不符：后文列了{found}项")


RULES = [sequence_word_gap, sequence_series_mixed, announced_count_mismatch]
