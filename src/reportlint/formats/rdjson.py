"""``--format rdjson``: reviewdog's Diagnostic Format (columns are UTF-8 byte counts, as it requires)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position, project_url, write_json
from reportlint.rules import Finding

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


class ByteColumns:
    """UTF-8 byte columns of offsets in one document, counted from the nearest earlier offset asked for.

    Encoding the line up to each offset would copy a long line once per finding (quadratic on a
    one-line document with many findings); findings come sorted, so counting on from the previous
    start or end of the same line touches each character about once.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._marks: dict[int, list[tuple[int, int]]] = {}  # line start -> two (offset, bytes) cursors

    def column(self, offset: int) -> tuple[int, int]:
        """1-based line and UTF-8 byte column of ``offset``."""
        lines, text = self.doc.lines, self.doc.text
        line, _ = lines.line_col(offset)
        start, _ = lines.line_span(line)
        marks = self._marks.setdefault(start, [(start, 0), (start, 0)])
        base, nbytes = max((m for m in marks if m[0] <= offset), default=(start, 0))
        nbytes += len(text[base:offset].encode("utf-8"))
        slot = 0 if marks[0][0] <= marks[1][0] else 1  # replace the cursor further behind
        marks[slot] = (offset, nbytes)
        return line, nbytes + 1


def _position(r: LintResult, offset: int | None, line: int, column: int, columns: ByteColumns | None = None) -> dict[str, int]:
    """reviewdog counts columns in UTF-8 bytes; without the text, fall back to characters."""
    doc = r.document
    if doc is None or offset is None or doc.page_map is not None:  # a page's line: characters, as located
        return {"line": line, "column": column}
    line, col = (columns or ByteColumns(doc)).column(offset)
    return {"line": line, "column": col}


def diagnostic(r: LintResult, f: Finding, columns: ByteColumns | None = None) -> dict[str, Any]:
    """One rdjson diagnostic with code, severity, range and (when fixable) a suggestion.

    ``columns`` (one per document) makes the byte columns of many findings linear to compute.
    """
    has_doc = r.document is not None
    if has_doc and columns is None:
        columns = ByteColumns(r.document)
    out: dict[str, Any] = {
        "message": f"{position(f)}: {f.message}" if f.page else f.message,
        "location": {
            "path": f.path,
            "range": {
                "start": _position(r, f.start if has_doc else None, f.line, f.column, columns),
                "end": _position(r, f.end if has_doc else None, f.end_line, f.end_column, columns),
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
                    "start": _position(r, fs, *lines.line_col(fs), columns),
                    "end": _position(r, fe, *lines.line_col(fe), columns),
                },
                "text": f.fix.replacement,
            }
        ]
    return out


def format_rdjson(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    url = project_url()  # the package's home page from its metadata, if any (rdjson's url is optional)
    data = {
        "source": {"name": "reportlint", **({"url": url} if url else {})},
        "diagnostics": [diagnostic(r, f, columns) for r in results
                        for columns in [ByteColumns(r.document) if r.document is not None else None] for f in r.findings],
    }
    write_json(out, data)
