"""Rules on 点号 themselves: doubled, stacked, and a paragraph that starts with one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Applicability, Fix, anchored, lazy, mark

# Stdlib re, written [..][..]+ (= {2,}): sre skips to the first mark with its charset fast path.
_RUN = lazy(re.compile, r"[，。、；：？！][，。、；：？！]+")
# Which mark survives when a mixed run is collapsed: the stronger pause wins.
_RANK = {"？": 6, "！": 6, "。": 5, "；": 4, "：": 3, "，": 2, "、": 1}
_QE_RUN = anchored(regex.compile, r"[？！]{2,}", anchors=["？", "！"])  # round the marks: a long text has some
_PARA_START = lazy(regex.compile, r"[ \t\u3000\u00a0]*([，。、；：？！])")


def _allowed_stack(run: str) -> bool:
    """？ and ！ may stack (GB/T 15834 4.2/4.3): ？？ ！！ up to three, ？！; P102 judges the rest."""
    return set(run) <= {"？", "！"}


@rule(
    "P101",
    "doubled-punctuation",
    "Two 点号 in a row (、、 ，， 。。 ，。 、，)",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.1–4.7 (the 点号: each marks one pause)",
    explanation=(
        "A 点号 marks one pause; two in a row are a typing slip. A run of one repeated mark "
        "is collapsed to one (safe fix). A mixed run such as ，。 keeps the stronger mark "
        "(unsafe fix: the writer must confirm). ？！ and ！！ are allowed (P102 judges them); "
        "。。。 is an ellipsis typed wrong (P111)."
    ),
    bad=[("学习强国、、微博", "学习强国、微博"), ("圆满完成任务。。", "圆满完成任务。"),
         ("完成任务，。下一步", "完成任务。下一步"), ("包括学习、，讨论", "包括学习，讨论")],
    good=["难道不是吗？！", "太好了！！", "学习、讨论。", "他说……", "等待。。。"],
)
def doubled_punctuation(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _RUN.finditer(doc.text):
        run = m.group()
        if _allowed_stack(run) or (len(run) >= 3 and set(run) == {"。"}):
            continue
        if len(set(run)) == 1:
            yield self.finding(m.start(), m.end(), f"{mark(run)}重复，应为{mark(run[0])}", run[0])
        else:
            keep = max(run, key=lambda c: _RANK[c])
            yield self.finding(m.start(), m.end(), f"{mark(run)}标点连用，应保留一个（如{mark(keep)}）",
                               Fix(keep, Applicability.UNSAFE))


@rule(
    "P102",
    "stacked-question-exclamation",
    "More than three stacked ？/！, or ！？ in the wrong order",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.2 and 4.3 (question and exclamation marks: stacked at most three; together written “？！”)",
    explanation=(
        "A question or exclamation mark may be stacked to stress the tone, at most three times; when a "
        "sentence both asks and exclaims, the marks go ？！ (question first). Formal reports rarely need "
        "stacking at all. A run of four or more is reduced to one mark and ！？ is turned round; both fixes are"
        " unsafe, because the writer chooses the tone."
    ),
    bad=[("成效显著！！！！", "成效显著！"), ("真的吗！？", "真的吗？！")],
    good=["真的吗？！", "好！！", "是吗？？？"],
)
def stacked_question_exclamation(self: Rule, doc: Document) -> Iterator[Finding]:
    if not ("？" in doc.text or "！" in doc.text):  # prefilter: one C scan per character
        return
    for m in _QE_RUN.finditer(doc.text):
        run = m.group()
        if len(run) > 3:
            yield self.finding(m.start(), m.end(), f"{mark(run)}叠用过多，公文中用一个即可", run[0])
        elif run == "！？":
            yield self.finding(m.start(), m.end(), "问号与叹号连用应为“？！”", "？！")


@rule(
    "P118",
    "paragraph-starts-with-point",
    "A paragraph that begins with a 点号 (a broken line)",
    severity="warning",
    source="GB/T 15834—2011 (General rules for punctuation) 5.1.1 (a 点号 never begins a line)",
    explanation=(
        "A 点号 (，。、；：？！) follows the words it closes and never begins a line. A paragraph that starts with one"
        " is almost always a sentence broken in two by a stray line end, often from copying out of a PDF. "
        "Join it to the paragraph before; there is no automatic fix, since which line end is stray needs a "
        "look."
    ),
    bad=["深入推进\n，取得明显成效。"],
    good=["深入推进，取得明显成效。", "……等等"],
)
def paragraph_starts_with_point(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    for para in doc.paragraphs:
        m = _PARA_START.match(text, para.start, para.end)
        if m:
            yield self.finding(m.start(1), m.end(1), f"段首出现{mark(m.group(1))}，疑为断行，应与上一段连接")


RULES = [doubled_punctuation, stacked_question_exclamation, paragraph_starts_with_point]
