"""Word .docx through python-docx: body paragraphs and table cells, in document order.

Each Word paragraph becomes one line of the Document's text, so a finding's line
is the paragraph's ordinal; ``Paragraph.label`` says where a table cell is.
The package is checked before parsing: a zip bomb or a missing main part is an
input error, and python-docx's XML parser does not resolve entities.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from reportlint.document import Document
from reportlint.errors import InputError

#: Largest total uncompressed size of the parts of a .docx (a zip bomb guard).
MAX_UNCOMPRESSED = 256 * 1024 * 1024


def _check_package(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a valid .docx (not a zip package: {exc})") from None
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{path}: .docx expands to {total // (1024 * 1024)} MB, over the {MAX_UNCOMPRESSED // (1024 * 1024)} MB limit"
        )
    if "word/document.xml" not in names:
        raise InputError(f"{path}: not a valid .docx (no word/document.xml part)")


def _blocks(container: Any, label: str) -> Iterator[tuple[str, str]]:
    """(text, label) for every paragraph, descending into tables and nested tables."""
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
                    where = f"{label}table {table_no}, row {r}, cell {c}"
                    yield from _blocks(cell, where + ", ")
        else:
            yield block.text, label.rstrip(", ")


def read_docx(path: str, data: bytes) -> Document:
    _check_package(path, data)
    try:
        import docx

        word = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(word, ""))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise InputError(f"{path}: not a valid .docx ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for n, (text, label) in enumerate(blocks, 1):
        # A soft line break inside a Word paragraph is not a paragraph end; keep one line per paragraph.
        text = text.replace("\r", " ").replace("\n", " ")
        if text.strip():
            spans.append((pos, pos + len(text), label or f"paragraph {n}"))
        lines.append(text)
        pos += len(text) + 1
    return Document("\n".join(lines), path=path, format="docx", encoding="utf-8", paragraph_spans=spans)
