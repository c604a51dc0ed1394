"""Markdown suppression comments (disable / enable / disable-next-line) and RL001 for unused ones.

    <!-- reportlint-disable T101 -->           off from here …
    <!-- reportlint-enable T101 -->            … to here (or the end of the file)
    <!-- reportlint-disable-next-line M101 --> off on the next line only

Codes are separated by commas or spaces and may be prefixes (``P1``) or rule
names; no code means every rule. Only Markdown has them: a .txt or .docx is
never written into, so config (``per-file-ignores``, ``accept``) and the
baseline do that job there. Directives inside code are ignored.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from reportlint.document import Document
from reportlint.engine import locate
from reportlint.lazyre import lazy
from reportlint.rules import Applicability, Finding, Fix, Rule, rule

_DIRECTIVE = lazy(regex.compile, r"<!--[ \t]*reportlint-(disable-next-line|disable|enable)\b([^>]*?)[ \t]*-->")
_SEP = lazy(regex.compile, r"[\s,，]+")
ALL = "ALL"


@dataclass
class Directive:
    """One suppression comment: its kind, span, selectors, and which selectors were used."""

    kind: str  # "disable", "enable" or "disable-next-line"
    start: int
    end: int
    selectors: tuple[str, ...]
    used: set[str] = field(default_factory=set)
    # For disable: where each selector's region ends (an enable's start, or the end of the text).
    until: dict[str, int] = field(default_factory=dict)
    line: int = 0  # disable-next-line: the 1-based line it covers


def _matches(selector: str, code: str, name: str) -> bool:
    return selector == ALL or code.startswith(selector) or selector == name


class _Covering:
    """Sorted spans, asked whether one other than ``(start, end)`` itself covers ``[start, end)``,
    in O(log n) (testing every span for every comment would be quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []  # reach[i]: the furthest end among spans[:i + 1]
        for _, e in self.spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def covers(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, start)  # spans[:before] start before ``start``
        if before and self.reach[before - 1] >= end:
            return True
        upto = bisect.bisect_right(self.starts, start)  # spans[before:upto] start at ``start``, ends ascending
        return upto > before and self.spans[upto - 1][1] > end


def _in_code(start: int, end: int, skip: _Covering) -> bool:
    """True when the comment lies inside a larger skipped span (fenced or inline code)."""
    return skip.covers(start, end)


def parse_directives(doc: Document) -> list[Directive]:
    """Every suppression comment of a Markdown document, with disable regions resolved."""
    out: list[Directive] = []
    open_: dict[str, Directive] = {}
    skip = _Covering(doc.skip_spans)
    for m in _DIRECTIVE.finditer(doc.text):
        if _in_code(m.start(), m.end(), skip):
            continue
        sels = tuple(s for s in _SEP.split(m.group(2).strip()) if s) or (ALL,)
        d = Directive(m.group(1), m.start(), m.end(), sels)
        if d.kind == "disable":
            for s in sels:
                open_.setdefault(s, d)
        elif d.kind == "enable":
            closing = list(open_) if sels == (ALL,) else [s for s in sels if s in open_]
            for s in closing:
                open_.pop(s).until[s] = d.start
                d.used.add(ALL if sels == (ALL,) else s)
        else:
            d.line = doc.lines.line_col(d.end)[0] + 1
        out.append(d)
    for s, d in open_.items():
        d.until[s] = len(doc.text)
    return out


def _suppressed(f: Finding, directives: Sequence[Directive]) -> bool:
    hit = False
    for d in directives:
        if d.kind == "disable-next-line":
            if f.line != d.line:
                continue
            sels = [s for s in d.selectors if _matches(s, f.code, f.name)]
        elif d.kind == "disable":
            sels = [s for s in d.selectors if d.end <= f.start < d.until.get(s, -1) and _matches(s, f.code, f.name)]
        else:
            continue
        if sels:
            d.used.update(sels)
            hit = True
    return hit


@rule(
    "RL001",
    "unused-suppression",
    "A reportlint-disable/enable comment in Markdown that suppresses nothing",
    severity="warning",
    fixable="unsafe",
    source="reportlint's own rule, after ruff's RUF100 and pylint's useless-suppression",
    explanation=(
        "A suppression comment that no longer silences any finding of a rule that ran "
        "(the text was corrected, or the code is wrong) hides future problems and misleads "
        "readers of the source. An enable without a matching disable, or a code that names "
        "no rule, is reported too. Codes of rules not enabled in this run are not judged. "
        "The fix (unsafe) deletes a comment none of whose codes is used."
    ),
    bad=[
        ("<!-- reportlint-enable M101 -->\n正文。\n", "正文。\n"),
        "<!-- reportlint-disable-next-line X999 -->\n正文。\n",
    ],
    good=["正文。\n", "<!-- 说明：这是普通注释 -->\n正文。\n", "`<!-- reportlint-enable M101 -->` 的写法\n"],
)
def unused_suppression(self: Rule, doc: Document) -> Iterator[Finding]:
    """Found by :func:`apply_suppressions`, which sees every other rule's findings first."""
    return iter(())


def _md_examples(r: Rule) -> Rule:
    """The examples are Markdown: only Markdown carries suppression comments."""
    return dataclasses.replace(r, examples=tuple(dataclasses.replace(e, filename="example.md") for e in r.examples))


unused_suppression = _md_examples(unused_suppression)
RULES: tuple[Rule, ...] = (unused_suppression,)


def _delete_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The comment's span, widened to its whole line when nothing else is on it."""
    ls = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", end)
    le = len(text) if nl == -1 else nl
    if text[ls:start].strip() or text[end:le].strip():
        return start, end
    return ls, (le + 1 if nl != -1 else le)


def _unused(d: Directive, selected: Sequence[Rule], known: Mapping[str, Rule]) -> Iterator[tuple[str, bool]]:
    """(message, fixable) for what is wrong with a directive; nothing when it did its job."""

    def names(s: str, rules: Iterable[Rule]) -> bool:
        return any(_matches(s, r.code, r.name) for r in rules)

    if d.kind == "enable":
        for s in d.selectors:
            if s not in d.used:
                label = "" if s == ALL else f" {s}"
                yield f"“reportlint-enable{label}”之前没有对应的 reportlint-disable，应删除", True
        return
    for s in d.selectors:
        if s in d.used:
            continue
        if s != ALL and not names(s, known.values()):
            yield f"抑制注释中的“{s}”不是已知的规则代码或名称", False
        elif names(s, selected):
            what = "所有规则" if s == ALL else s
            yield f"抑制注释未抑制任何结果（{what}），应删除", True


def apply_suppressions(
    doc: Document, findings: Sequence[Finding], selected: Sequence[Rule], known: Mapping[str, Rule]
) -> list[Finding]:
    """Drop findings silenced by comments; add RL001 findings for comments that silenced nothing."""
    directives = parse_directives(doc)
    if not directives:
        return list(findings)
    kept = [f for f in findings if f.code == "RL001" or not _suppressed(f, directives)]
    rl = next((r for r in selected if r.code == "RL001"), None)
    if rl is None:
        return kept
    extra: list[Finding] = []
    for d in directives:
        problems = list(_unused(d, selected, known))
        if not problems:
            continue
        whole = len(problems) == len(d.selectors) and all(fixable for _, fixable in problems)
        fix = None
        if whole:
            s, e = _delete_span(doc.text, d.start, d.end)
            fix = Fix("", Applicability.UNSAFE, start=s, end=e)
        extra.append(rl.finding(d.start, d.end, "；".join(m for m, _ in problems), fix))
    if not extra:
        return kept
    merged = kept + locate(doc, extra)
    merged.sort(key=lambda f: (f.start, f.end, f.code))
    return merged
