"""Output formats: each is ``format(results, out, context)`` writing to a text stream."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.rules import Finding, Rule


@dataclass
class FormatContext:
    """What a format may need besides the results."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    statistics: bool = False
    quiet: bool = False
    fix_hint: bool = True  # say how many findings --fix would fix
    output_is_file: bool = False


Formatter = Callable[[Sequence[LintResult], TextIO, FormatContext], None]


def position(f: Finding) -> str:
    """Where a finding starts, as every format shows it: ``line:column``, or by page in a paged
    document (PDF, OFD), whose lines are those of the page."""
    if f.page:
        return f"page {f.page}, line {f.line}, column {f.column}"
    return f"{f.line}:{f.column}"


def display_width(s: str) -> int:
    """Terminal columns of ``s``: East Asian wide and full-width characters take two."""
    w = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w


def unicode_safe(out: TextIO) -> bool:
    """True if ``out`` can encode every character (a UTF codec or GB18030), so JSON may keep them unescaped."""
    import codecs

    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"
