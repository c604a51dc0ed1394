"""Output formats: each is ``format(results, out, context)`` writing to a text stream."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.i18n import gettext as _
from reportlint.rules import Finding, Rule
from reportlint.textwidth import width

#: The formats the core ships (reportlint.builtin registers them; plugins may add more).
BUILTIN_FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "rdjson", "html")


@dataclass
class FormatContext:
    """What a format may need besides the results."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    statistics: bool = False
    quiet: bool = False
    fix_hint: bool = True  # say how many findings --fix would fix
    output_is_file: bool = False
    color: bool = False  # ANSI colours (text formats, on a terminal or with --color always)
    checked: int | None = None  # files checked, for the closing summary (None: not known)
    hidden: int = 0  # findings a baseline hid
    problems: int = 0  # errors (exit 2) besides the results' own, e.g. a folder with nothing to check


Formatter = Callable[[Sequence[LintResult], TextIO, FormatContext], None]


def position(f: Finding) -> str:
    """Where a finding starts, as every format shows it: ``line:column``, or by page in a paged
    document (PDF, OFD), whose lines are those of the page."""
    if f.page:
        return _("page {page}, line {line}, column {column}").format(page=f.page, line=f.line, column=f.column)
    return f"{f.line}:{f.column}"


def display_width(s: str) -> int:
    """Terminal columns of ``s`` (wide characters two, zero-width ones none): see reportlint.textwidth."""
    return width(s)


def suggestion(text: str, f: Finding) -> str:
    """A finding's fix as a reader sees it — the one wording the text report, the HTML page and Word comments share.

    Empty when the finding has no fix. An unsafe fix says so: a human confirms it.
    """
    if f.fix is None:
        return ""
    fs, fe = f.fix_span()
    old, new = text[fs:fe], f.fix.replacement
    if new and old:
        hint = _("Suggestion: “{old}” → “{new}”").format(old=old, new=new)
    elif old:
        hint = _("Suggestion: delete “{old}”").format(old=old)
    else:
        hint = _("Suggestion: insert “{new}”").format(new=new)
    return hint if f.fix.safe else hint + _(" (unsafe fix: confirm by hand)")


def unicode_safe(out: TextIO) -> bool:
    """True if ``out`` can encode every character (a UTF codec or GB18030), so JSON may keep them unescaped."""
    import codecs

    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


def write_json(out: TextIO, data: object) -> None:
    """``data`` as indented JSON and a newline, in one write (characters kept where ``out`` can encode them).

    json.dump writes each token apart (~150,000 calls for 3,000 findings), 2.5x the CPU time of one
    json.dumps into a pipe or /dev/null; the bytes are the same.
    """
    import json

    out.write(json.dumps(data, ensure_ascii=not unicode_safe(out), indent=2))
    out.write("\n")


def project_url() -> str | None:
    """The project's home page from the installed package's metadata, or None (no URL is invented)."""
    from importlib import metadata

    try:
        meta = metadata.metadata("reportlint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _sep, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip():
            return url.strip()
    return meta.get("Home-page") or None
