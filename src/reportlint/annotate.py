"""``--annotate reviewed.docx``: a copy of a .docx with each finding as a Word review comment.

Each comment is anchored on exactly the offending text: runs are split at the
finding's boundaries (both halves keep the run's formatting), so the comment's
range covers the span even when Word cut it across several runs. The original
file is never written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlint.document import Document
from reportlint.docx_fix import DocxEditor
from reportlint.errors import os_reason
from reportlint.i18n import gettext as _
from reportlint.i18n import rule_summary
from reportlint.rules import Finding, Rule

AUTHOR = "reportlint"
INITIALS = "RL"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Formats read as Word documents: .doc and .wps through the .docx LibreOffice converts them to.
WORD_FORMATS = ("docx", "doc", "wps")


def suggestion(doc: Document, f: Finding) -> str:
    """The fix as a reader sees it (reportlint.formats.suggestion, shared with the text and HTML reports)."""
    from reportlint.formats import suggestion as _suggestion

    return _suggestion(doc.text, f)


def comment_lines(doc: Document, f: Finding, rules: Mapping[str, Rule] | None = None) -> list[str]:
    """The comment's paragraphs: code and message, then the suggestion, then the rule's summary."""
    lines = [_("{code} {name}: {message}").format(code=f.code, name=f.name, message=f.message)]
    hint = suggestion(doc, f)
    if hint:
        lines.append(hint)
    rule = (rules or {}).get(f.code)
    if rule is not None and rule.summary:
        lines.append(_("Rule: {summary} (reportlint rule {code})").format(summary=rule_summary(rule), code=f.code))
    return lines


def anchor_span(doc: Document, f: Finding) -> tuple[int, int]:
    """The span a comment covers: the finding's; a point (a missing mark) takes the character before it.

    Word cannot show a comment on nothing usefully, so a zero-width finding is
    anchored on its neighbour in the same paragraph (the one after it at a paragraph start).
    """
    start, end = f.start, f.end
    text = doc.text
    # A span ending on a line end covers only the paragraph's text (paragraph marks are not runs).
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    if end > start:
        return start, end
    if start > 0 and text[start - 1] not in "\r\n":
        return start - 1, start
    if start < len(text) and text[start] not in "\r\n":
        return start, start + 1
    return start, start


def annotate_docx(data: bytes, doc: Document, findings: Sequence[Finding], rules: Mapping[str, Rule] | None = None) -> tuple[bytes, int]:
    """The annotated copy's bytes and how many findings could not be anchored (an empty paragraph, say).

    ``doc`` must have been read from ``data`` (InputError otherwise).
    """
    from docx.text.run import Run

    editor = DocxEditor(data, doc, doc.path)
    skipped = 0
    for f in findings:
        start, end = anchor_span(doc, f)
        runs = editor.runs_in(start, end) if end > start else []
        if not runs:
            skipped += 1
            continue
        (first, first_para), (last, last_para) = runs[0], runs[-1]
        lines = comment_lines(doc, f, rules)
        comment = editor.word.add_comment(
            [Run(first, first_para), Run(last, last_para)], text=lines[0], author=AUTHOR, initials=INITIALS
        )
        for line in lines[1:]:
            comment.add_paragraph(line)
    return editor.save(), skipped


def annotate_results(results: Sequence[Any], items: Sequence[tuple[Path | None, str, Any]], target: Path,
                     rules: Mapping[str, Rule], step: Callable[[], None] | None = None) -> list[Any]:
    """``--annotate``: write an annotated copy of every checked .docx; Problems for what could not be written."""
    from reportlint.engine import Problem

    paths = {display: path for path, display, problem in items if problem is None}
    docx_results = [r for r in results if r.document is not None and r.document.format in WORD_FORMATS]
    problems = []
    if len(docx_results) > 1 and not target.is_dir():
        if target.suffix.lower() == ".docx":  # one file named for several: say it once
            return [Problem(str(target), _("--annotate names one file but {n} Word files were checked; give a folder")
                            .format(n=len(docx_results)))]
        try:  # a folder that does not exist yet: create it (once), as the user evidently wants one
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return [Problem(str(target), _("cannot create the folder for --annotate: {reason}").format(reason=os_reason(exc)))]
    for r in results:
        if r.document is None:
            continue  # unreadable: already reported
        message = annotate_one(r, paths.get(r.path), target, r.path, rules)
        if message:
            problems.append(Problem(r.path, message))
        if step is not None:
            step()
    return problems


def annotate_one(result: Any, path: Path | None, target: Path, display: str, rules: Mapping[str, Rule]) -> str | None:
    """Write the annotated copy of one checked file; an error message for the user, or None."""
    from reportlint.docx_fix import output_path
    from reportlint.errors import ReportlintError
    from reportlint.fixes import write_atomic
    from reportlint.readers.docx import read_docx

    fmt = result.document.format
    if fmt not in WORD_FORMATS:
        return _("--annotate works on .docx, .doc and .wps files only; not annotated")
    if path is None:
        return _("--annotate needs a file, not stdin")
    if result.fixed:
        return _("--annotate with --fix: the findings are those of the fixed text; annotate without --fix")
    try:
        if fmt == "docx":
            out = output_path(target, path, display, "--annotate")
            data = path.read_bytes()
        else:  # the annotated copy of a .doc or .wps is a .docx (what LibreOffice made of it): 总结.doc.docx
            out = output_path(target, path, f"{display}.docx", "--annotate")
            data = result.document.meta["converted_docx"]
        doc = read_docx(display, data)  # fresh: a cached or pooled result may carry no run map
        if doc.text != result.document.text:
            return _("changed since it was read; not annotated (run again)")
        new_data, _skipped = annotate_docx(data, doc, result.findings, rules)
        write_atomic(out, new_data, display=str(out))
    except ReportlintError as exc:
        return str(exc).removeprefix(f"{display}: ").removeprefix(f"{display}.docx: ")
    except OSError as exc:
        return _("cannot write the annotated copy: {reason}").format(reason=os_reason(exc))
    return None


def anchored_texts(data: bytes) -> list[tuple[str, str, str]]:
    """(author, comment text, anchored text) of every comment in a .docx, in comment order.

    The anchored text is the text of the runs between the comment's
    ``commentRangeStart`` and ``commentRangeEnd`` in document order (paragraphs joined by \\n).
    """
    import io

    import docx

    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in body.iter(_W + "commentRangeStart", _W + "commentRangeEnd", _W + "r", _W + "p"):
        tag = el.tag
        if tag == _W + "commentRangeStart":
            open_ranges[el.get(_W + "id")] = []
        elif tag == _W + "commentRangeEnd":
            cid = el.get(_W + "id")
            done[cid] = "".join(open_ranges.pop(cid, []))
        elif tag == _W + "p":
            for parts in open_ranges.values():
                if parts:
                    parts.append("\n")
        else:
            from reportlint.readers.docx import run_text

            t = run_text(el)
            for parts in open_ranges.values():
                parts.append(t)
    out = []
    for c in word.comments:
        text = "\n".join(p.text for p in c.paragraphs)
        out.append((c.author, text, done.get(str(c.comment_id), "")))
    return out
