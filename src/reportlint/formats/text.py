"""Human output: ``path:line:col: CODE message``, the source with the span underlined, a closing summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position, suggestion
from reportlint.i18n import gettext as _
from reportlint.i18n import ngettext
from reportlint.rules import Finding
from reportlint.textwidth import width

#: Characters of context shown either side of a span on long lines (a 公文 paragraph is one line).
CONTEXT = 24
#: Colours by severity (click.style names).
_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}
#: C0 controls and DEL shown as their Control Pictures (U+2400…): visible, one column, caret stays aligned.
_VISIBLE = {i: 0x2400 + i for i in range(0x20)} | {0x7F: 0x2421}
_VISIBLE[ord("\t")] = ord(" ")


def _style(text: str, ctx: FormatContext, **style: object) -> str:
    if not ctx.color or not text:
        return text
    import click

    return click.style(text, **style)  # type: ignore[arg-type]


def _excerpt(result: LintResult, f: Finding, ctx: FormatContext) -> list[str]:
    doc = result.document
    if doc is None:
        return []
    text = doc.text
    text_line = doc.lines.line_col(f.start)[0]  # a line of the text: in a PDF a paragraph, not f.line of its page
    start, end = doc.lines.line_span(text_line)
    # Offsets into the text, never a copy of the whole line: one per finding would make a long
    # line with many findings quadratic (a 2.7 MB line with 333k findings took 112 s).
    s = f.start
    e = min(f.end, end)
    lo = max(start, s - CONTEXT)
    hi = min(end, max(e, s + 1) + CONTEXT)
    prefix = "…" if lo > start else ""
    suffix = "…" if hi < end else ""
    shown = (prefix + text[lo:hi] + suffix).translate(_VISIBLE)
    pad = width((prefix + text[lo:s]).translate(_VISIBLE))
    marks = max(1, width(text[s:e].translate(_VISIBLE)))
    colour = _COLOUR.get(f.severity.value, "red")
    gutter = " " * len(str(f.line))
    bar = _style("|", ctx, fg="blue", bold=True)
    label = doc.location_label(f.start) if doc.format == "docx" else ""
    out = [
        f"{gutter} {bar}" + (f"  [{label}]" if label else ""),
        f"{_style(str(f.line), ctx, fg='blue', bold=True)} {bar} {shown}",
        f"{gutter} {bar} {' ' * pad}{_style('^' * marks, ctx, fg=colour, bold=True)}",
    ]
    hint = suggestion(doc.text, f)
    if hint:
        out.append(f"{gutter} {_style('=', ctx, fg='blue', bold=True)} {_style(hint, ctx, fg='green' if f.fix and f.fix.safe else 'yellow')}")
    return out


def _marker(f: Finding, r: LintResult, ctx: FormatContext) -> str:
    return " " + _style("[*]", ctx, fg="cyan") if f.fix is not None and f.fix.safe and _writable(r) else ""


def _writable(r: LintResult) -> bool:
    """False for a PDF, OFD, .doc or .wps: --fix does not write them, so no finding there is “fixable”."""
    from reportlint.readers import READ_ONLY_FORMATS

    return r.document is None or r.document.format not in READ_ONLY_FORMATS


def _head(f: Finding, r: LintResult, ctx: FormatContext) -> str:
    where = _style(f"{f.path}:{position(f)}:", ctx, bold=True)
    code = _style(f.code, ctx, fg=_COLOUR.get(f.severity.value, "red"), bold=True)
    return f"{where} {code}{_marker(f, r, ctx)} {f.message}\n"


def _severities(counts: Counter[str]) -> str:
    names = {
        "error": lambda n: ngettext("{n} error", "{n} errors", n),
        "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
        "info": lambda n: ngettext("{n} info", "{n} info", n),
    }
    return _(", ").join(names[s](counts[s]).format(n=counts[s]) for s in ("error", "warning", "info") if counts[s])


def summary(results: Sequence[LintResult], ctx: FormatContext) -> list[str]:
    """The closing lines: statistics, what was fixed, findings by severity, fixable, hidden by a baseline."""
    findings = [f for r in results for f in r.findings]
    fixed = sum(r.fixed for r in results)
    checked = ctx.checked if ctx.checked is not None else sum(1 for r in results if r.document is not None)
    lines: list[str] = []
    if ctx.statistics and findings:
        counts = Counter((f.code, f.name) for f in findings)
        fixable = Counter(f.code for f in findings if f.fix is not None and f.fix.safe)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:5d}\t{code}\t{'[*]' if fixable[code] else '   '} {name}")
    if fixed:
        lines.append(ngettext("Fixed {n} finding.", "Fixed {n} findings.", fixed).format(n=fixed))
    files = ngettext("{n} file", "{n} files", checked).format(n=checked)
    if not findings:
        if checked and not fixed and not ctx.problems and not any(r.problems for r in results):
            lines.append(_style(_("All checks passed! ({files} checked)").format(files=files), ctx, fg="green", bold=True))
    else:
        sev = Counter(f.severity.value for f in findings)
        n = len(findings)
        lines.append(_style(ngettext("Found {n} finding ({severities}) in {files}.", "Found {n} findings ({severities}) in {files}.", n)
                            .format(n=n, severities=_severities(sev), files=files), ctx, bold=True))
        writable = [f for r in results if _writable(r) for f in r.findings]
        safe = sum(1 for f in writable if f.fix is not None and f.fix.safe)
        unsafe = sum(1 for f in writable if f.fix is not None and not f.fix.safe)
        if ctx.fix_hint and safe:
            line = ngettext("[*] {n} fixable with the `--fix` option", "[*] {n} fixable with the `--fix` option", safe).format(n=safe)
            if unsafe:
                line += _(" ({n} more with `--unsafe-fixes`).").format(n=unsafe)
            else:
                line += _(".")
            lines.append(line)
        elif ctx.fix_hint and unsafe:
            lines.append(ngettext("{n} fixable with the `--unsafe-fixes` option.", "{n} fixable with the `--unsafe-fixes` option.",
                                  unsafe).format(n=unsafe))
    if ctx.hidden:
        lines.append(ngettext("{n} finding hidden by the baseline.", "{n} findings hidden by the baseline.", ctx.hidden)
                     .format(n=ctx.hidden))
    return lines


def format_text(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(_head(f, r, ctx))
            if not ctx.quiet:
                for line in _excerpt(r, f, ctx):
                    out.write(line + "\n")
                out.write("\n")
    if not ctx.quiet:
        for line in summary(results, ctx):
            out.write(line + "\n")


def format_concise(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(_head(f, r, ctx))
    if not ctx.quiet:
        for line in summary(results, ctx):
            out.write(line + "\n")
