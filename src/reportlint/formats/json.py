"""``--format json``: an array of findings. The keys are a public interface; keep them stable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, write_json
from reportlint.rules import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    """The stable JSON shape of a finding (1-based lines and columns, in characters).

    A finding in a paged document (PDF, OFD) adds ``page`` and ``end_page``; its lines are the page's.
    """
    out: dict[str, Any] = {
        "path": f.path,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "fix": None if f.fix is None else {"replacement": f.fix.replacement, "applicability": f.fix.applicability.value},
    }
    if f.page:
        out["page"], out["end_page"] = f.page, f.end_page
    return out


def format_json(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    data = [finding_dict(f) for r in results for f in r.findings]
    write_json(out, data)

