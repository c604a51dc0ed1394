"""The core's own plugin: built-in readers, pack kinds, output formats, and the RL family (suppressions)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from reportlint import hookimpl
from reportlint.document import Document


@hookimpl(trylast=True)
def reportlint_read_document(path: str, data: bytes) -> Document | None:
    suffix = os.path.splitext(path)[1].lower()  # PurePath(path).suffix, without building a path (~2 µs a file)
    if suffix == ".docx":
        from reportlint.readers.docx import read_docx

        return read_docx(path, data)
    if suffix in (".md", ".markdown"):
        from reportlint.readers.md import read_md

        return read_md(path, data)
    if suffix == ".txt":
        from reportlint.readers.txt import read_txt

        return read_txt(path, data)
    if suffix == ".pdf":
        from reportlint.readers.pdf import read_pdf

        return read_pdf(path, data)
    if suffix == ".ofd":
        from reportlint.readers.ofd import read_ofd

        return read_ofd(path, data)
    if suffix in (".doc", ".wps"):
        from reportlint.readers.office import read_legacy_word

        return read_legacy_word(path, data)
    return None


@hookimpl
def reportlint_add_rule_kinds() -> Mapping[str, Any]:
    from reportlint.kinds import CORE_KINDS

    return CORE_KINDS


@hookimpl
def reportlint_add_formats() -> Mapping[str, Any]:
    from reportlint.formats.github import format_github
    from reportlint.formats.json import format_json
    from reportlint.formats.junit import format_junit
    from reportlint.formats.rdjson import format_rdjson
    from reportlint.formats.sarif import format_sarif
    from reportlint.formats.text import format_concise, format_text

    return {"text": format_text, "concise": format_concise, "json": format_json, "github": format_github,
            "sarif": format_sarif, "junit": format_junit, "rdjson": format_rdjson, "html": _html}


def _html(results: Any, out: Any, ctx: Any) -> None:
    """``--format html`` (imported only when used: it is a large module)."""
    from reportlint.formats.html import format_html

    format_html(results, out, ctx)


@hookimpl
def reportlint_add_rules(config: Any) -> Any:
    """The core's own family RL: RL001 unused-suppression (see reportlint.suppress)."""
    from reportlint.suppress import RULES

    return RULES
