"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    for r in results:
        for f in r.findings:
            out.write(
                f"::{_LEVEL[f.severity.value]} title={_prop('reportlint (' + f.code + ')')},file={_prop(f.path)},"
                f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
                f"::{_data(f.code + ' ' + (position(f) + ': ' if f.page else '') + f.message)}\n"
            )
