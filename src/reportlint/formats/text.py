"""Human output: ``path:line:col: CODE message``, the source with the span underlined, a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, display_width, position
from reportlint.rules import Finding

#: Characters of context shown either side of a span on long lines (a 公文 paragraph is one line).
CONTEXT = 24


def _excerpt(result: LintResult, f: Finding) -> list[str]:
    doc = result.document
    if doc is None:
        return []
    text_line = doc.lines.line_col(f.start)[0]  # a line of the text: in a PDF a paragraph, not f.line of its page
    start, end = doc.lines.line_span(text_line)
    line = doc.text[start:end]
    s = f.start - start
    e = min(f.end - start, len(line))
    lo = max(0, s - CONTEXT)
    hi = min(len(line), max(e, s + 1) + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = (prefix + line[lo:hi] + suffix).replace("\t", " ")
    pad = display_width(prefix + line[lo:s].replace("\t", " "))
    marks = max(1, display_width(line[s:e]))
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


def _marker(f: Finding, r: LintResult) -> str:
    return " [*]" if f.fix is not None and f.fix.safe and _writable(r) else ""


def _writable(r: LintResult) -> bool:
    """False for a PDF, OFD, .doc or .wps: --fix does not write them, so no finding there is “fixable”."""
    from reportlint.readers import READ_ONLY_FORMATS

    return r.document is None or r.document.format not in READ_ONLY_FORMATS


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
    writable = [f for r in results if _writable(r) for f in r.findings]
    safe = sum(1 for f in writable if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in writable if f.fix is not None and not f.fix.safe)
    if ctx.fix_hint and safe:
        lines.append(f"[*] {safe} fixable with the `--fix` option" + (f" ({unsafe} more with `--unsafe-fixes`)." if unsafe else "."))
    elif ctx.fix_hint and unsafe:
        lines.append(f"{unsafe} fixable with the `--unsafe-fixes` option.")
    return lines


def format_text(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(f"{f.path}:{position(f)}: {f.code}{_marker(f, r)} {f.message}\n")
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
            out.write(f"{f.path}:{position(f)}: {f.code}{_marker(f, r)} {f.message}\n")
    if not ctx.quiet:
        for line in summary(results, ctx):
            out.write(line + "\n")
