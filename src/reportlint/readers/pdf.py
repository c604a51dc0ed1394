"""PDF (text PDFs): glyphs by pdfminer.six in a child process, then lines and paragraphs by reportlint.readers.layout.

Findings are located by page and line of the page (Document.page_map). A PDF without a
text layer (a scan) and an encrypted PDF are input errors: there is no OCR, and no password.
The child process has a time limit and a memory cap (see reportlint.readers.pdf_child), so
a decompression bomb or a parser stuck on a damaged file is one error for that file alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlint.document import Document
from reportlint.errors import InputError, os_reason
from reportlint.i18n import gettext
from reportlint.readers import child
from reportlint.readers.layout import Glyph, Page, build_document, group_lines

#: Seconds the child may take to parse one PDF (a 300-page report takes about 20 s).
TIMEOUT = 120.0
#: Address space the child may use, in bytes (a hostile file's inflated streams hit this).
MEMORY_LIMIT = 2 << 30

_CHILD = Path(__file__).with_name("pdf_child.py")


def _extract(path: str, data: bytes) -> dict:
    # -I: neither the user's site nor the script's folder (readers/, whose docx.py would shadow python-docx).
    cmd = [sys.executable, "-I", str(_CHILD), str(MEMORY_LIMIT)]
    try:
        code, out, err = child.run(cmd, data=data, timeout=TIMEOUT)
    except child.ChildTimeout:
        raise InputError(f"{path}: " + gettext("reading the PDF took longer than {seconds:g} s; stopped (a damaged or hostile file?)").format(seconds=TIMEOUT)) from None
    except OSError as exc:
        raise InputError(f"{path}: " + gettext("cannot start the PDF reader: {reason}").format(reason=os_reason(exc))) from None
    try:
        result = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {code}"]
        if "pdfminer" in last[0] and "ModuleNotFoundError" in last[0]:
            raise InputError(f"{path}: " + gettext("reading PDF needs pdfminer.six: pip install 'pdfminer.six>=20231228'")) from None
        if "MemoryError" in last[0] or code < 0:
            raise InputError(f"{path}: " + gettext("the PDF needs more than {size} MB to read; stopped (a decompression bomb?)").format(size=MEMORY_LIMIT >> 20)) from None
        raise InputError(f"{path}: " + gettext("not a readable PDF (the reader stopped: {reason})").format(reason=last[0][:200])) from None
    return result


def read_pdf(path: str, data: bytes) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path}: " + gettext("not a PDF file (no %PDF- header)"))
    if b"%%EOF" not in data[-2048:]:
        # A cut-off file still yields the pages before the cut (pdfminer rebuilds the cross-reference
        # table): checking half a report as if it were whole would lose the rest silently.
        raise InputError(f"{path}: " + gettext("the PDF is truncated (it does not end with %%EOF); get a complete copy"))
    result = _extract(path, data)
    error = result.get("error")
    if error == "encrypted":
        raise InputError(f"{path}: " + gettext("the PDF is encrypted (it needs a password to open); save an unprotected copy to check it"))
    if error == "memory":
        raise InputError(f"{path}: " + gettext("the PDF needs more than {size} MB to read; stopped (a decompression bomb?)").format(size=MEMORY_LIMIT >> 20))
    if error:
        raise InputError(f"{path}: " + gettext("not a readable PDF ({reason})").format(reason=result.get("detail", error)))
    pages = [
        Page(p["width"], p["height"], group_lines(Glyph(*g) for g in p["glyphs"]), tuple(p.get("rules", ())))
        for p in result["pages"]
    ]
    if not any(page.lines for page in pages):
        if not pages:
            raise InputError(f"{path}: " + gettext("the PDF has no pages"))
        raise InputError(
            f"{path}: " + gettext("the PDF has no text layer (a scanned image?); reportlint reads text PDFs only, without OCR")
        )
    return build_document(path, "pdf", pages)
