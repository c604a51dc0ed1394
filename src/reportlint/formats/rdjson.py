"""``--format rdjson``: reviewdog's Diagnostic Format (columns are UTF-8 byte counts, as it requires)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position, project_url, unicode_safe
from reportlint.rules import Finding

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _position(r: LintResult, offset: int | None, line: int, column: int) -> dict[str, int]:
    """reviewdog counts columns in UTF-8 bytes; without the text, fall back to characters."""
    doc = r.document
    if doc is None or offset is None or doc.page_map is not None:  # a page's line: characters, as located
        return {"line": line, "column": column}
    line, _ = doc.lines.line_col(offset)
    start, _ = doc.lines.line_span(line)
    return {"line": line, "column": len(doc.text[start:offset].encode("utf-8")) + 1}


def diagnostic(r: LintResult, f: Finding) -> dict[str, Any]:
    """One rdjson diagnostic with code, severity, range and (when fixable) a suggestion."""
    has_doc = r.document is not None
    out: dict[str, Any] = {
        "message": f"{position(f)}: {f.message}" if f.page else f.message,
        "location": {
            "path": f.path,
            "range": {
                "start": _position(r, f.start if has_doc else None, f.line, f.column),
                "end": _position(r, f.end if has_doc else None, f.end_line, f.end_column),
            },
        },
        "severity": _SEVERITY[f.severity.value],
        "code": {"value": f.code},
    }
    if f.fix is not None and f.fix.safe and has_doc and r.document.page_map is None:  # type: ignore[union-attr]
        fs, fe = f.fix_span()
        lines = r.document.lines  # type: ignore[union-attr]
        out["suggestions"] = [
            {
                "range": {
                    "start": _position(r, fs, *lines.line_col(fs)),
                    "end": _position(r, fe, *lines.line_col(fe)),
                },
                "text": f.fix.replacement,
            }
        ]
    return out


def format_rdjson(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    url = project_url()  # the package's home page from its metadata, if any (rdjson's url is optional)
    data = {
        "source": {"name": "reportlint", **({"url": url} if url else {})},
        "diagnostics": [diagnostic(r, f) for r in results for f in r.findings],
    }
    json.dump(data, out, ensure_ascii=not unicode_safe(out), indent=2)
    out.write("\n")
