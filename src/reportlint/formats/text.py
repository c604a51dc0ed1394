"""Human output: ``path:line:col: CODE message``, the source with the span underlined, a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, display_width
from reportlint.rules import Finding

#: Characters of context shown either side of a span on long lines (a 公文 paragraph is one line).
CONTEXT = 24


def _excerpt(result: LintResult, f: Finding) -> list[str]:
    doc = result.document
    if doc is None:
        return []
    text = doc.text
    start, end = doc.lines.line_span(f.line)
    # Offsets into the text, never a copy of the whole line: one per finding would make a long
    # line with many findings quadratic (a 2.7 MB line with 333k findings took 112 s).
    s = f.start
    e = f.end if f.end_line == f.line else end
    lo = max(start, s - CONTEXT)
    hi = min(end, max(e, s + 1) + CONTEXT)
    prefix = "…" if lo > start else ""
    suffix = "…" if hi < end else ""
    shown = (prefix + text[lo:hi] + suffix).replace("\t", " ")
    pad = display_width(prefix + text[lo:s].replace("\t", " "))
    marks = max(1, display_width(text[s:e]))
    gutter = " " * len(str(f.line))
    label = doc.location_label(f.start) if doc.format == "docx" else ""
    out = [f"{gutter} |" + (f"  [{label}]" if label else ""), f"{f.line} | {shown}", f"{gutter} | {' ' * pad}{'^' * marks}"]
    if f.fix is not None:
        fs, fe = f.fix_span()
        old = doc.text[fs:fe]
        tag = "" if f.fix.safe else "（不安全修复，需 --unsafe-fixes）"
        if f.fix.replacement and old:
            out.append(f"{gutter} = 建议：“{old}” → “{f.fix.replacement}”{tag}")
        elif old:
            out.append(f"{gutter} = 建议：删除“{old}”{tag}")
        else:
            out.append(f"{gutter} = 建议：插入“{f.fix.replacement}”{tag}")
    return out


def _marker(f: Finding) -> str:
    return " [*]" if f.fix is not None and f.fix.safe else ""


def summary(results: Sequence[LintResult], ctx: FormatContext) -> list[str]:
    findings = [f for r in results for f in r.findings]
    fixed = sum(r.fixed for r in results)
    lines: list[str] = []
    if ctx.statistics and findings:
        counts = Counter((f.code, f.name) for f in findings)
        fixable = Counter(f.code for f in findings if f.fix is not None and f.fix.safe)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:5d}\t{code}\t{'[*]' if fixable[code] else '   '} {name}")
    if fixed:
        lines.append(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.")
    if not findings:
        if not fixed and not any(r.problems for r in results):
            lines.append("All checks passed!")
        return lines
    sev = Counter(f.severity.value for f in findings)
    parts = ", ".join(f"{sev[s]} {s}{'s' if sev[s] != 1 else ''}" for s in ("error", "warning", "info") if sev[s])
    n = len(findings)
    lines.append(f"Found {n} finding{'s' if n != 1 else ''} ({parts}).")
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if ctx.fix_hint and safe:
        lines.append(f"[*] {safe} fixable with the `--fix` option" + (f" ({unsafe} more with `--unsafe-fixes`)." if unsafe else "."))
    elif ctx.fix_hint and unsafe:
        lines.append(f"{unsafe} fixable with the `--unsafe-fixes` option.")
    return lines


def format_text(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(f"{f.path}:{f.line}:{f.column}: {f.code}{_marker(f)} {f.message}\n")
            if not ctx.quiet:
                for line in _excerpt(r, f):
                    out.write(line + "\n")
                out.write("\n")
    if not ctx.quiet:
        for line in summary(results, ctx):
            out.write(line + "\n")


def format_concise(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(f"{f.path}:{f.line}:{f.column}: {f.code}{_marker(f)} {f.message}\n")
    if not ctx.quiet:
        for line in summary(results, ctx):
            out.write(line + "\n")
