"""lint(document, rules) -> findings and problems: pure, no I/O."""

from __future__ import annotations

import bisect
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from reportlint import deadline
from reportlint.context import Context
from reportlint.document import Document, PageMap
from reportlint.errors import ReportlintError
from reportlint.i18n import gettext
from reportlint.rules import Finding, Fix, Rule, Severity, takes_context
from reportlint.windows import merge


@dataclass(frozen=True)
class Problem:
    """An error that stopped (part of) the check of one file: exit code 2."""

    path: str
    message: str
    detail: str = ""  # a traceback, shown with --verbose

    def __str__(self) -> str:
        from reportlint.i18n import gettext as _

        return f"{self.path}: " + _("error: {message}").format(message=self.message)


@dataclass
class LintResult:
    """What checking one file gave."""

    path: str
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fixed: int = 0


class _Spans:
    """Sorted, merged spans with an O(log n) overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged = merge(spans)
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        return i >= 0 and self.ends[i] > start


def _accepted_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for w in words:
        if not w:
            continue
        i = text.find(w)
        while i != -1:
            spans.append((i, i + len(w)))
            i = text.find(w, i + 1)
    return spans


def _inside(spans: _Spans, start: int, end: int) -> bool:
    i = bisect.bisect_right(spans.starts, start) - 1
    return i >= 0 and spans.ends[i] >= end


def lint(
    document: Document,
    rules: Sequence[Rule],
    *,
    context: Context | None = None,
    skip_spans: Iterable[tuple[int, int]] = (),
    accept: Iterable[str] = (),
    drop: Callable[[Finding], bool] | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Run every rule; drop findings in skipped or accepted spans; locate and sort the rest.

    ``context`` carries the settings of this check (made from the default config when absent).
    A rule that raises, or yields something that is not a Finding inside the text,
    becomes a Problem naming the rule and its plugin; the other rules still run.
    """
    if context is None:
        context = Context(document)
    text_len = len(document.text)
    skip = _Spans([*document.skip_spans, *skip_spans])
    accepted = _Spans(_accepted_spans(document.text, accept))
    findings: list[Finding] = []
    problems: list[Problem] = []
    # Per-finding work is kept to a few attribute reads: the common, well-formed finding
    # (a plain Finding, int offsets inside the text, no fix or a plain Fix) skips _invalid.
    overlaps_skip = skip.overlaps if skip else None
    with deadline.document_deadline():
        _run_rules(document, context, rules, text_len, overlaps_skip, accepted, drop, findings, problems)
    return locate(document, findings), problems


def _run_rules(
    document: Document,
    context: Context,
    rules: Sequence[Rule],
    text_len: int,
    overlaps_skip: Callable[[int, int], bool] | None,
    accepted: _Spans,
    drop: Callable[[Finding], bool] | None,
    findings: list[Finding],
    problems: list[Problem],
) -> None:
    """The rule loop of :func:`lint`: each rule's findings checked and filtered, its failures made Problems."""
    for rule, check, new_letter, wants_context in _plan(rules):
        if new_letter:
            context.next_family()
        try:
            for f in check(rule, document, context) if wants_context else check(rule, document):
                if not (
                    type(f) is Finding
                    and type(f.start) is int
                    and type(f.end) is int
                    and 0 <= f.start <= f.end <= text_len
                    and f.fix is None
                    and type(f.message) is str
                    and type(f.severity) is Severity
                ):
                    reason = _invalid(f, text_len)
                    if reason:
                        raise _BadFinding(f, reason)
                if overlaps_skip is not None and overlaps_skip(f.start, f.end):
                    continue
                if accepted and _inside(accepted, f.start, f.end):
                    continue
                if drop is not None:
                    try:
                        dropped = drop(f)
                    except Exception as exc:  # a crashing filter hook is not the rule's fault: report once, stop filtering
                        problems.append(
                            Problem(
                                document.path,
                                gettext("a reportlint_filter_finding hook crashed on a finding of rule {code}: {reason}").format(code=rule.code, reason=f"{type(exc).__name__}: {exc}"),
                                traceback.format_exc(),
                            )
                        )
                        drop, dropped = None, False
                    if dropped:
                        continue
                findings.append(f)
        except _BadFinding as exc:
            problems.append(
                Problem(
                    document.path,
                    gettext("rule {code} {name} ({plugin}) returned an invalid finding: {reason}").format(code=rule.code, name=rule.name, plugin=_plugin(rule), reason=exc.reason),
                    f"the invalid value: {exc.value!r:.2000}",
                )
            )
        except deadline.RuleTimeout:
            problems.append(
                Problem(
                    document.path,
                    gettext("rule {code} {name} ({plugin}) was stopped: checking this file took longer than {seconds:g} s").format(
                        code=rule.code, name=rule.name, plugin=_plugin(rule), seconds=deadline.DOCUMENT_TIMEOUT),
                )
            )
            deadline.rearm()
        except ReportlintError as exc:
            problems.append(Problem(document.path, str(exc)))
        except Exception as exc:  # a crashing rule must not take the others down
            problems.append(
                Problem(
                    document.path,
                    gettext("rule {code} {name} ({plugin}) crashed: {reason}").format(code=rule.code, name=rule.name, plugin=_plugin(rule), reason=f"{type(exc).__name__}: {exc}"),
                    traceback.format_exc(),
                )
            )


_Step = tuple[Rule, Callable[..., Iterable[Finding]], bool, bool]
_PLANS: dict[int, tuple[tuple[Rule, ...], list[_Step]]] = {}


def _plan(rules: Sequence[Rule]) -> list[_Step]:
    """(rule, its check function, whether its code letter differs from the rule before, whether the
    function takes the Context), per rule.

    Built once per rule list (the same list object serves every file), so the per-document loop
    does no slicing and calls each check function directly, not through Rule.check. Rules run
    grouped by code (D…, G…, …) and a family's shared scans (Context.memo) serve that family: the
    engine drops them at each change of letter, which keeps peak memory on a huge file at the
    largest family's scans, not their sum (a later asker just recomputes).
    """
    key = tuple(rules)  # compared element by element (identity first): a list changed in place is seen
    cached = _PLANS.get(id(rules))
    if cached is not None and cached[0] == key:
        return cached[1]
    plan = []
    letter = ""
    for rule in rules:
        # A Rule subclass may override check(); only the plain one is bypassed.
        if type(rule).check is Rule.check:
            check, wants = rule.check_fn, takes_context(rule.check_fn)
        else:
            check = type(rule).check
            wants = takes_context(check)
        plan.append((rule, check, rule.code[:1] != letter, wants))
        letter = rule.code[:1]
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(rules)] = (key, plan)
    return plan


def _plugin(rule: Rule) -> str:
    return f"plugin {rule.plugin!r}" if rule.plugin else (rule.origin or "unknown plugin")


class _BadFinding(Exception):
    def __init__(self, value: object, reason: str) -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason


def _is_offset(value: object) -> bool:
    return type(value) is int  # not bool, float or None: formatters slice the text with it


def _invalid(f: object, text_len: int) -> str:
    """Why a value a rule yielded cannot be reported ('' if it can), in one short phrase."""
    if not isinstance(f, Finding):
        return f"{type(f).__name__} {f!r:.60}, not a Finding"
    if not (_is_offset(f.start) and _is_offset(f.end)):
        return f"offsets {f.start!r:.20}..{f.end!r:.20} are not integers"
    if not 0 <= f.start <= f.end <= text_len:
        return f"span {f.start}..{f.end} is outside the text (0..{text_len})"
    if not isinstance(f.message, str) or not isinstance(f.severity, Severity):
        return "message must be a str and severity a Severity"
    if f.fix is not None:
        if not isinstance(f.fix, Fix) or not isinstance(f.fix.replacement, str):
            return f"fix {f.fix!r:.60} is not a Fix with a str replacement"
        fs, fe = f.fix_span()
        if not (_is_offset(fs) and _is_offset(fe) and 0 <= fs <= fe <= text_len):
            return f"fix span {fs!r:.20}..{fe!r:.20} is outside the text (0..{text_len})"
    return ""


def locate(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """Fill path, line and column (1-based, in characters) and sort by position then code."""
    path = document.path
    if document.page_map is not None:
        return _locate_paged(document.page_map, path, findings)
    line_col = document.lines.line_col
    out = []
    for f in findings:
        line, col = line_col(f.start)
        end_line, end_col = line_col(f.end)
        if type(f) is Finding:  # the constructor directly: dataclasses.replace introspects every call
            out.append(Finding(f.code, f.name, f.message, f.start, f.end, f.severity, f.fix, path, line, col, end_line, end_col))
        else:
            out.append(replace(f, path=path, line=line, column=col, end_line=end_line, end_column=end_col))
    out.sort(key=_position)
    return out


def _locate_paged(page_map: PageMap, path: str, findings: Iterable[Finding]) -> list[Finding]:
    """:func:`locate` for a paged document: page, line of the page and column, from its source map."""
    out = []
    for f in findings:
        page, line, col = page_map.locate(f.start)
        end_page, end_line, end_col = page_map.locate(f.end, end=f.end > f.start)
        out.append(replace(f, path=path, line=line, column=col, end_line=end_line, end_column=end_col, page=page, end_page=end_page))
    out.sort(key=_position)
    return out


def _position(f: Finding) -> tuple[int, int, str]:
    """Sort key of findings: position, then code."""
    return f.start, f.end, f.code
