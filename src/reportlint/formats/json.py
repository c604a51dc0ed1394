"""``--format json``: an array of findings. The keys are a public interface; keep them stable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext
from reportlint.rules import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    """The stable JSON shape of a finding (1-based lines and columns, in characters)."""
    return {
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


def format_json(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    data = [finding_dict(f) for r in results for f in r.findings]
    json.dump(data, out, ensure_ascii=not _unicode_safe(out), indent=2)
    out.write("\n")


def _unicode_safe(out: TextIO) -> bool:
    """True if ``out`` can encode every character (a UTF codec or GB18030), so JSON may keep them unescaped."""
    import codecs

    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"
