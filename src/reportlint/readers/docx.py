"""Word .docx through python-docx: body paragraphs and table cells, in document order.

Each Word paragraph becomes one line of the Document's text, so a finding's line
is the paragraph's ordinal; ``Paragraph.label`` says where a table cell is.
The package is checked before parsing: a zip bomb or a missing main part is an
input error, and python-docx's XML parser does not resolve entities.

``doc.meta["docx"]`` is a :class:`DocxMap`: for every Word paragraph (in the
order :func:`iter_paragraphs` walks them) its start offset and the spans of its
text runs, so findings can be mapped back onto runs (Word comments, fixes).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlint.document import Document
from reportlint.errors import InputError
from reportlint.i18n import gettext

#: Largest total uncompressed size of the parts of a .docx (a zip bomb guard).
MAX_UNCOMPRESSED = 256 * 1024 * 1024

#: Run children that carry text, as python-docx's ``CT_R.text`` counts them.
TEXT_TAGS = frozenset(
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + t
    for t in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")
)


@dataclass(frozen=True)
class DocxMap:
    """Offsets of a .docx Document back to Word paragraphs and runs (plain data, picklable).

    ``paragraphs[i]`` is ``(start, runs)`` for the i-th paragraph walked by
    :func:`iter_paragraphs`; ``runs[j]`` is the ``(start, end)`` of the j-th run of
    :func:`text_runs`, in absolute offsets of ``doc.text``. ``sha256`` identifies the bytes.
    """

    sha256: str
    paragraphs: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]


def _check_package(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: " + gettext("not a valid .docx (not a zip package: {reason})").format(reason=exc)) from None
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{path}: " + gettext(".docx expands to {size} MB, over the {limit} MB limit").format(size=total // (1024 * 1024), limit=MAX_UNCOMPRESSED // (1024 * 1024))
        )
    if "word/document.xml" not in names:
        raise InputError(f"{path}: " + gettext("not a valid .docx (no word/document.xml part)"))


def open_word(path: str, data: bytes) -> Any:
    """The python-docx Document of ``data``, after the package checks; InputError if damaged."""
    _check_package(path, data)
    stream = io.BytesIO(data)
    try:
        import docx

        word = docx.Document(stream)
    except Exception as exc:  # python-docx raises many types on a damaged package
        # It names the stream by its repr (file '<_io.BytesIO object at 0x7f…>' is not a Word file):
        # the user's file name instead, so the line is the same on every run.
        reason = f"{type(exc).__name__}: {exc}".replace(str(stream), path)
        raise InputError(f"{path}: " + gettext("not a valid .docx ({reason})").format(reason=reason)) from None
    if word.element.body is None:
        raise InputError(f"{path}: " + gettext("not a valid .docx (its main part has no <w:body>)"))
    return word


def iter_paragraphs(container: Any, label: str = "") -> Iterator[tuple[Any, str]]:
    """(python-docx Paragraph, label) for every paragraph, descending into tables and nested tables."""
    from docx.table import Table

    table_no = 0
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            table_no += 1
            seen: set[int] = set()
            for r, row in enumerate(block.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(id(cell._tc))
                    where = label + gettext("table {table}, row {row}, cell {cell}").format(table=table_no, row=r, cell=c)
                    yield from iter_paragraphs(cell, where + gettext(", "))
        else:
            sep = gettext(", ")
            yield block, label[: -len(sep)] if label.endswith(sep) else label


def text_runs(p_element: Any) -> list[Any]:
    """The ``w:r`` elements whose text makes up the paragraph's text (python-docx's ``Paragraph.text``)."""
    return list(p_element.xpath("./w:r | ./w:hyperlink/w:r"))


def run_text(r_element: Any) -> str:
    """A run's text: ``w:t`` text, tab as \\t, line break as \\n (as python-docx reads it)."""
    return "".join(str(child) for child in r_element if child.tag in TEXT_TAGS)


def flatten(text: str) -> str:
    """One line per Word paragraph: a soft break inside it is not a paragraph end (same length)."""
    return text.replace("\r", " ").replace("\n", " ")


def read_docx(path: str, data: bytes) -> Document:
    word = open_word(path, data)
    try:
        paras = list(iter_paragraphs(word))
        runs_of = [[run_text(r) for r in text_runs(p._p)] for p, _ in paras]
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise InputError(f"{path}: " + gettext("not a valid .docx ({reason})").format(reason=f"{type(exc).__name__}: {exc}")) from None
    lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    mapping: list[tuple[int, tuple[tuple[int, int], ...]]] = []
    pos = 0
    for n, ((_, label), run_texts) in enumerate(zip(paras, runs_of, strict=True), 1):
        run_spans = []
        at = pos
        for t in run_texts:
            run_spans.append((at, at + len(t)))
            at += len(t)
        text = flatten("".join(run_texts))
        mapping.append((pos, tuple(run_spans)))
        if text.strip():
            spans.append((pos, pos + len(text), label or gettext("paragraph {n}").format(n=n)))
        lines.append(text)
        pos += len(text) + 1
    docx_map = DocxMap(hashlib.sha256(data).hexdigest(), tuple(mapping))
    return Document("\n".join(lines), path=path, format="docx", encoding="utf-8", paragraph_spans=spans,
                    meta={"docx": docx_map})
