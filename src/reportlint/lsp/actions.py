"""What the editor's code actions change, as plain text edits: a finding's fix, a Markdown
suppression comment, a word added to ``accept`` in a config file; titles in Chinese.

Offsets are character offsets into the document (or config) text; the server turns them into
LSP ranges. Nothing here knows pygls or lsprotocol.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportlint.i18n import gettext as _
from reportlint.rules import Finding

#: The config file made for "accept this word" where no config file governs the document.
NEW_CONFIG_NAME = "reportlint.toml"

Edit = tuple[int, int, str]


def fix_title(text: str, f: Finding) -> str:
    """The code action's title for a finding's fix, in the words the text output uses."""
    assert f.fix is not None
    start, end = f.fix_span()
    old, new = text[start:end], f.fix.replacement
    if old and new:
        title = _("Fix {code}: “{old}” → “{new}”")
    elif old:
        title = _("Fix {code}: delete “{old}”")
    else:
        title = _("Fix {code}: insert “{new}”")
    title = title.format(code=f.code, old=old, new=new)
    return title if f.fix.safe else title + _(" (unsafe fix: check it)")


def fix_edit(f: Finding) -> Edit:
    """The edit applying a finding's own fix."""
    assert f.fix is not None
    start, end = f.fix_span()
    return start, end, f.fix.replacement


# A disable-next-line comment ending a line: its selectors may be extended in place.
_NEXT_LINE = re.compile(r"<!--[ \t]*reportlint-disable-next-line\b([^>]*?)[ \t]*-->[ \t]*$")
# Lines after which an inline comment would change the Markdown: fences, tables, HTML blocks, breaks.
_NOT_PROSE = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,}|\||<|(?:[-*_][ \t]*){3,}$)")


def suppress_edit(text: str, f: Finding) -> Edit:
    """The edit silencing ``f``'s rule on its line: ``<!-- reportlint-disable-next-line CODE -->``.

    Lines are counted as reportlint.suppress counts them (at ``\\n``). The comment goes where it
    changes the rendered Markdown least: its code is added to a disable-next-line comment that
    already ends the line above; after prose on the line above it is appended to that line (an
    inline comment; on a line of its own an HTML comment would cut the paragraph in two, as
    CommonMark lets HTML blocks interrupt paragraphs); otherwise it gets a line of its own,
    indented as the finding's line.
    """
    line_start = text.rfind("\n", 0, f.start) + 1
    comment = f"<!-- reportlint-disable-next-line {f.code} -->"
    if line_start == 0:
        return 0, 0, _indent(text, 0) + comment + _eol(text, 0)
    prev_end = line_start - 1
    if prev_end > 0 and text[prev_end - 1] == "\r":
        prev_end -= 1
    prev_start = text.rfind("\n", 0, prev_end) + 1
    prev = text[prev_start:prev_end]
    m = _NEXT_LINE.search(prev)
    if m and m.group(1).strip():
        at = prev_start + m.end(1)
        return at, at, f", {f.code}"
    if prev.strip() and not _NOT_PROSE.match(prev):
        return prev_end, prev_end, comment
    return line_start, line_start, _indent(text, line_start) + comment + _eol(text, line_start)


def _indent(text: str, line_start: int) -> str:
    i = line_start
    while i < len(text) and text[i] in " \t":
        i += 1
    return text[line_start:i]


def _eol(text: str, line_start: int) -> str:
    nl = text.find("\n", line_start)
    return "\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"


def suppress_title(f: Finding) -> str:
    return _("Ignore {code} on this line (a reportlint-disable-next-line comment)").format(code=f.code)


#: The longest span offered as a word to accept: a name or a term, not a sentence.
MAX_WORD = 20
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")


def acceptable_word(text: str, f: Finding, accepted: tuple[str, ...]) -> str | None:
    """The span's text when "accept this word" makes sense for it, else None.

    ``accept`` silences a finding lying wholly inside an occurrence of an accepted word
    (engine._accepted_spans), so the word is the finding's own text. Not offered for a single
    character (accepting 上 would silence every finding inside any 上), for spans with
    whitespace or without a letter or Han character (punctuation is not a word), for long
    spans, or for Markdown suppression findings.
    """
    if f.code.startswith("RL"):
        return None
    word = text[f.start : f.end]
    if not 2 <= len(word) <= MAX_WORD or any(c.isspace() for c in word) or not _WORDLIKE.search(word):
        return None
    if word in accepted:
        return None
    return word


def accept_title(word: str, config: Path | None) -> str:
    if config is None:
        return _("Accept the word “{word}” (in accept of a new {file})").format(word=word, file=NEW_CONFIG_NAME)
    return _("Accept the word “{word}” (in accept of {file})").format(word=word, file=config.name)


def config_with_accepted(path: Path | None, text: str, word: str) -> str:
    """The config text with ``word`` added to ``accept`` (tomlkit keeps comments and layout).

    ``path`` None: a new config file holding only the word. A pyproject.toml's settings are
    its [tool.reportlint] table; a single-string ``accept`` becomes a list.
    """
    import tomlkit

    if path is None:
        comment = _("reportlint settings (see “Configuration” in reportlint's README)")
        return f"# {comment}\naccept = [{_toml_string(word)}]\n"
    doc = tomlkit.parse(text)
    table: Any = doc["tool"]["reportlint"] if path.name == "pyproject.toml" else doc
    current = table.get("accept")
    if current is None:
        table["accept"] = [word]
    elif isinstance(current, str):
        table["accept"] = [str(current), word]
    else:
        current.append(word)
    return tomlkit.dumps(doc)


def _toml_string(word: str) -> str:
    import tomlkit

    return tomlkit.string(word).as_string()
