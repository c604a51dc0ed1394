"""Heading rules S101-S105: numbering continuity, nesting order, marker punctuation and glyphs, consistency.

All of them read ``doc.outline`` (parsed once per document) and judge the body
hierarchy of GB/T 9704-2012 7.3.3: 一、 → （一） → 1. → （1）.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import CANONICAL_FORMS, Heading, Outline, Section

_CN_NUMERALS = "〇一二三四五六七八九"
_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}


def to_chinese(n: int) -> str:
    """Chinese numeral for 1..99 as used in markers (一, 十, 十一, 二十三)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_NUMERALS[ones]
    head = "" if tens == 1 else _CN_NUMERALS[tens]
    return head + "十" + (_CN_NUMERALS[ones] if ones else "")


def marker_text(level: int, n: int) -> str:
    """The canonical marker of ``level`` with number ``n`` (一、 （二） 3. （4） ⑤)."""
    if level == 1:
        return f"{to_chinese(n)}、"
    if level == 2:
        return f"（{to_chinese(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"{n}"


def show(h: Heading) -> str:
    """How a message names a heading: its marker as written."""
    return f"“{h.marker.strip()}”"


# -- S101 continuity -------------------------------------------------------------------------


def _inverted_parents(outline: Outline) -> set[int]:
    """ids of sections whose children start deeper than a later child (1. before （一）: S102)."""
    bad: set[int] = set()
    for sec in outline.sections():
        if sec.children and any(c.level < sec.children[0].level for c in sec.children):
            bad.add(id(sec))
    return bad


def _under_inversion(sec: Section | None, bad: set[int]) -> bool:
    """True if ``sec`` or an ancestor is an inverted parent (continuity there is S102's business)."""
    while sec is not None:
        if id(sec) in bad:
            return True
        sec = sec.parent
    return False


def _sibling_groups(outline: Outline) -> Iterator[tuple[Section | None, list[Heading]]]:
    """(parent, headings of one level under it, in order) for the roots and every section."""
    parents: list[tuple[Section | None, list[Section]]] = [(None, outline.roots)]
    parents.extend((sec, sec.children) for sec in outline.sections() if sec.children)
    for parent, children in parents:
        by_level: dict[int, list[Heading]] = {}
        for child in children:
            by_level.setdefault(child.level, []).append(child.heading)
        for heads in by_level.values():
            yield parent, heads


def _run_in_marker(level: int, n: int) -> str:
    """A pattern for marker ``n`` of ``level`` written inside a paragraph, after a sentence end or a space."""
    if level == 1:
        body = f"{to_chinese(n)}[、，,.．]"
    elif level == 2:
        body = f"[（(]{to_chinese(n)}[）)]"
    elif level in (3, 4):
        # An Arabic marker may also follow the run-in title with no separator at all (“……综合实力1.推进
        # 重大项目”): not after a digit, and followed by a Han character or a quote, so 增长1.5% never counts.
        body = rf"{n}[.．、]" if level == 3 else rf"[（(]{n}[）)]"
        return rf"(?<![0-9０-９.．]){body}(?=[\u4e00-\u9fff“‘《])"
    else:
        body = re.escape(marker_text(5, n))
    return rf"(?:^|[。；：:！？!?;\s])[ \t\u3000]*{body}"


def _missing_markers_run_in(text: str, start: int, end: int, level: int, numbers: range) -> bool:
    """True if the markers ``numbers`` all stand, in order, inside the text between two headings: a
    heading run into the paragraph before it (lost line break), so the numbering itself has no gap."""
    if not numbers or len(numbers) > 5:
        return False
    pos = start
    for n in numbers:
        m = re.compile(_run_in_marker(level, n)).search(text, pos, end)
        if m is None:
            return False
        pos = m.end()
    return True


def _continuity_problem(prev: Heading | None, h: Heading, has_parent: bool) -> str | None:
    """Why ``h`` does not follow ``prev`` (None: it does, or a restart at 1 that may open a new list)."""
    if prev is None:
        if has_parent and h.number != 1:
            return f"序号{show(h)}是本层第一个，应从“{marker_text(h.level, 1).rstrip('、.')}”开始"
        return None
    if h.number == prev.number + 1:
        return None  # the usual case: no message to build
    want = marker_text(h.level, prev.number + 1).rstrip("、.")
    if h.number == prev.number:
        return f"序号{show(h)}与上一个重复，应为“{want}”"
    if h.number > prev.number + 1:
        return f"序号{show(h)}不连续：上一个是{show(prev)}，应为“{want}”"
    if h.number < prev.number and h.number != 1:
        return f"序号{show(h)}顺序颠倒：上一个是{show(prev)}，应为“{want}”"
    return None


def _level_predecessors(outline: Outline) -> dict[int, Heading]:
    """id(heading) -> the heading of the same level before it in the document, whatever its parent."""
    last: dict[int, Heading] = {}
    out: dict[int, Heading] = {}
    for h in outline.headings:
        before = last.get(h.level)
        if before is not None:
            out[id(h)] = before
        last[h.level] = h
    return out


def _continuous_levels(outline: Outline, groups: list[tuple[Section | None, list[Heading]]],
                       before: dict[int, Heading]) -> set[int]:
    """Levels the document numbers straight through across parents (一、 1.–7. 二、 8.–15.): a common
    and valid scheme for 民生实事 and glossary lists. Evidence: a parent's first child continues the
    number of the same level under the previous parent."""
    levels = set()
    for parent, heads in groups:
        first = heads[0]
        if parent is None or first.number == 1:
            continue
        prev = before.get(id(first))
        if prev is not None and prev.number == first.number - 1:
            levels.add(first.level)
    return levels


@rule(
    "S101",
    "heading-number-gap",
    "Sibling headings skip or repeat a number (一、二、四、; （二）（二）)",
    severity="warning",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.3 (heading levels); Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): paragraph order must be accurate",
    explanation=(
        "Headings of one level under the same parent count 一、二、三… or 1. 2. 3. with no gap "
        "and no repeat; numbering restarts under each new parent. A list that starts again at 1 "
        "under the same parent is taken as a new list and not reported. Headings under an "
        "inverted hierarchy (S102) are left to S102."
    ),
    bad=["一、总体情况\n二、主要做法\n四、下步打算", "一、做法\n（一）学习\n（二）教育\n（二）检查"],
    good=["一、做法\n（一）学习\n（二）教育\n二、问题\n（一）思想\n（二）作风", "一、情况\n1.学习\n2.教育\n二、打算"],
)
def heading_number_gap(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report gaps, repeats and out-of-order numbers among sibling headings."""
    outline = doc.outline
    if not outline.headings:
        return
    inverted = _inverted_parents(outline)
    groups = list(_sibling_groups(outline))
    before = _level_predecessors(outline)
    continuous = _continuous_levels(outline, groups, before)
    text = doc.text
    for parent, heads in groups:
        if _under_inversion(parent, inverted):
            continue
        if doc.format == "md" and all(h.number == 1 for h in heads):
            continue  # Markdown's lazy list numbering: 1. 1. 1. renders 1. 2. 3.
        prev: Heading | None = None
        for h in heads:
            # Numbered straight through across parents: the first child continues the previous parent's list.
            ref = before.get(id(h)) if prev is None and h.level in continuous and h.number != 1 else prev
            problem = _continuity_problem(ref, h, parent is not None)
            if problem and h.number != (ref.number if ref else 0):
                # Missing numbers written inside the paragraph before (a heading run into it) are no gap.
                low = ref.number + 1 if ref is not None and h.number > ref.number else 1
                start = ref.marker_end if ref is not None else (parent.heading.marker_end if parent else 0)
                if _missing_markers_run_in(text, start, h.marker_start, h.level, range(low, h.number)):
                    problem = None
            if problem:
                yield self.finding(h.marker_start, h.marker_end, problem)
            prev = h


# -- S102 nesting order -------------------------------------------------------------------------


@rule(
    "S102",
    "heading-level-inverted",
    "A deeper marker holds a shallower one (1. items, then （一） under the same 一、)",
    severity="warning",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.3 (heading levels go 一、 （一） 1. （1）)",
    explanation=(
        "Levels go 一、 → （一） → 1. → （1）. A level may be skipped (一、 then 1.), but under one "
        "parent the first child fixes the deepest level used: a later child of a shallower level "
        "(（一） after 1.) inverts the order. Reported once per parent."
    ),
    bad=["一、做法\n1.学习\n2.教育\n（一）检查\n（二）整改"],
    good=["一、做法\n（一）学习\n1.集中学\n2.自学\n（二）教育", "一、做法\n1.学习\n2.教育\n二、问题\n（一）思想"],
)
def heading_level_inverted(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report the first child shallower than its parent's first child."""
    for sec in doc.outline.sections():
        if not sec.children:
            continue
        first = sec.children[0].heading
        for child in sec.children[1:]:
            h = child.heading
            if h.level < first.level:
                yield self.finding(
                    h.marker_start,
                    h.marker_end,
                    f"层次颠倒：{show(h)}（{_LEVEL_NAMES[h.level]}）出现在{show(first)}（{_LEVEL_NAMES[first.level]}）之后，"
                    f"同属{show(sec.heading)}；应依次用“一、”“（一）”“1.”“（1）”",
                )
                break


# -- S103 / S104 marker punctuation and glyphs ---------------------------------------------------


_CANONICAL_BODY = {2: "（一）", 3: "1.", 4: "（1）"}  # the marker without its punctuation, per level


def _glyph_fix(h: Heading) -> tuple[int, int, str] | None:
    """(start, end, canonical) for a marker whose numeral or brackets are lookalikes, else None."""
    level = h.level
    canonical_body = _CANONICAL_BODY.get(level)
    if canonical_body is None:
        return None
    form = h.form
    if level == 3:
        if form == canonical_body or h.punct == "、":
            return None  # 1、 is punctuation (S103), not a glyph
        return h.marker_start, h.marker_end, marker_text(level, h.number)
    punct = h.punct
    if form[: len(form) - len(punct)] == canonical_body:
        return None
    return h.marker_start, h.marker_end - len(punct), marker_text(level, h.number)


@rule(
    "S104",
    "heading-marker-glyph",
    "A heading marker uses a lookalike glyph: (一) ㈠ (1) ⑴ 1） 1．",
    severity="info",
    fixable="safe",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.3 (the heading markers 一、 （一） 1. （1）)",
    explanation=(
        "The body levels are written （一） and （1） with full-width brackets, and 1. with the "
        "ASCII full stop. Half-width brackets, enclosed characters ㈠ ⑴, a lone closing bracket 1） "
        "and the full-width stop 1． are lookalikes; the fix writes the standard marker at the "
        "paragraph start. Severity info: the common case, 1． with a full-width dot, differs from 1. "
        "only in width and is a style variant (it must not outrank S103's 1、, a real error)."
    ),
    bad=[("(一)加强学习", "（一）加强学习"), ("⑴落实责任", "（1）落实责任"), ("㈡强化监督", "（二）强化监督"),
         ("1．学习", "1.学习"), ("3）整改", "（3）整改")],
    good=["（一）加强学习", "（1）落实责任", "1.学习", "在(一)中提到"],
)
def heading_marker_glyph(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report lookalike marker glyphs with a safe fix to the standard marker."""
    for h in doc.outline.headings:
        fix = _glyph_fix(h)
        if fix is not None:
            start, end, new = fix
            yield self.finding(start, end, f"序号{show(h)}写法不规范，应为“{new}”", new)


def _punct_fix(h: Heading) -> tuple[str, str] | None:
    """(replacement, message) for wrong punctuation after a marker, else None."""
    p = h.punct
    if h.level == 1 and p and p != "、":
        return "、", f"“{to_chinese(h.number)}”后应用顿号“、”，不用“{p}”"
    if h.level == 3 and p == "、":
        return ".", f"阿拉伯数字序号后应用“.”，不用“、”：“{h.number}.”"
    if h.level in (2, 4, 5) and p:
        return "", f"括号或圈码序号后不加标点，“{h.marker.strip()}”应为“{h.marker.strip()[:-1]}”"
    return None


@rule(
    "S103",
    "heading-marker-punct",
    "Wrong punctuation after a heading marker: 一. 一， （一）、 1、 （1）、",
    severity="error",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) Annex B.3 (punctuation after sequence markers); GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.3",
    explanation=(
        "一 takes 、; 1 takes the ASCII full stop; bracketed and circled markers take nothing. "
        "The fix changes only the punctuation right after the marker at the paragraph start. "
        "An error: 1、 is common in practice, but GB/T 15834-2011 B.3 is explicit, and on the clean "
        "reports every flagged marker was a real departure from it."
    ),
    bad=[("一.总体情况", "一、总体情况"), ("一，总体情况", "一、总体情况"), ("（一）、加强学习", "（一）加强学习"),
         ("1、学习", "1.学习"), ("（1）、落实", "（1）落实"), ("①、检查", "①检查")],
    good=["一、总体情况", "（一）加强学习", "1.学习", "（1）落实", "①检查", "一、二季度完成", "1、2月份完成"],
)
def heading_marker_punct(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report wrong punctuation after markers with a safe fix."""
    for h in doc.outline.headings:
        fix = _punct_fix(h)
        if fix is not None:
            new, message = fix
            yield self.finding(h.punct_start, h.marker_end, message, new)


# -- S105 consistency ---------------------------------------------------------------------------


@rule(
    "S105",
    "heading-form-mixed",
    "One heading level is written in several marker forms across the document",
    severity="warning",
    default=False,
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.3 (one marker form per level)",
    explanation=(
        "A level keeps one marker form through the whole document: not 1. in one part and 1、 "
        "in another, not （一） beside (一). One finding per level, at the first heading whose form "
        "differs from the level's most used form, counting each form. Off by default: S103 and "
        "S104 already flag every non-standard marker one by one; turn this on (and S103 off) for a "
        "house style that tolerates 1、 but wants one form used throughout."
    ),
    bad=["一、情况\n1.学习\n2.教育\n二、做法\n1、检查\n2、整改"],
    good=["一、情况\n1.学习\n2.教育\n二、做法\n1.检查\n2.整改"],
)
def heading_form_mixed(self: Rule, doc: Document) -> Iterator[Finding]:
    """Report levels written in more than one marker form."""
    by_level: dict[int, list[Heading]] = {}
    for h in doc.outline.headings:
        by_level.setdefault(h.level, []).append(h)
    for level, heads in sorted(by_level.items()):
        counts = Counter(h.form for h in heads)
        if len(counts) < 2:
            continue
        # Dominant form: the most used; the standard form wins a tie (it is the suggestion anyway).
        dominant = max(counts, key=lambda f: (counts[f], f == CANONICAL_FORMS[level]))
        odd = next(h for h in heads if h.form != dominant)
        tally = "、".join(f"“{f}”{n}处" for f, n in counts.most_common())
        yield self.finding(
            odd.marker_start,
            odd.marker_end,
            f"{_LEVEL_NAMES[level]}序号形式不统一（{tally}），应统一（标准形式为“{CANONICAL_FORMS[level]}”）",
        )


RULES = [heading_number_gap, heading_level_inverted, heading_marker_punct, heading_marker_glyph, heading_form_mixed]
