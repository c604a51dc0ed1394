"""OFD (GB/T 33190—2016, what 电子公文 systems export): text objects by ofdkit, lines and paragraphs by readers.layout.

An OFD is a zip of XML: OFD.xml names each document's Document.xml, which lists its pages
(Pages/Page_N/Content.xml); a page's TextObject elements hold TextCode runs placed by X, Y
and DeltaX (GB/T 33190—2016 11.2), in millimetres from the page's top left. ofdkit reads
them (templates, CTM transforms, the “g” DeltaX shorthand; DTDs refused, parts capped);
the package is checked here first, as for .docx: a zip bomb or a missing OFD.xml is an
input error before any XML is parsed. Findings are located by page and line of the page.
"""

from __future__ import annotations

import io
import zipfile

from reportlint.document import Document
from reportlint.errors import InputError
from reportlint.i18n import gettext
from reportlint.readers.layout import Glyph, Page, build_document, group_lines

#: Largest total uncompressed size of the parts of an OFD (a zip bomb guard, as for .docx).
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: Most parts an OFD may have (each page is at least one).
MAX_PARTS = 50_000


def _check_package(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: " + gettext("not a valid OFD (not a zip package: {reason})").format(reason=exc)) from None
    if len(infos) > MAX_PARTS:
        raise InputError(f"{path}: " + gettext("OFD has {n} parts, over the limit of {limit}").format(n=len(infos), limit=MAX_PARTS))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"{path}: " + gettext("OFD expands to {size} MB, over the {limit} MB limit").format(size=total // (1024 * 1024), limit=MAX_UNCOMPRESSED // (1024 * 1024))
        )
    if not any(info.filename.lstrip("/").casefold() == "ofd.xml" for info in infos):
        raise InputError(f"{path}: " + gettext("not a valid OFD (no OFD.xml entry)"))


def read_ofd(path: str, data: bytes) -> Document:
    _check_package(path, data)
    try:
        import ofdkit
    except ImportError:
        raise InputError(f"{path}: " + gettext("reading OFD needs ofdkit: pip install 'ofdkit>=0.2'")) from None
    pages: list[Page] = []
    try:
        with ofdkit.open(data) as ofd:
            for page in ofd.pages:
                x, y, width, height = page.box
                glyphs = []
                for run in page.runs:
                    left, base = run.x - x, run.y - y
                    if not run.text or left > width or base < 0 or left + run.width < 0 or base - run.size > height:
                        continue  # outside the page: never seen
                    # y is the baseline: the glyphs' box from one size above it to a fifth below.
                    glyphs.append(Glyph(run.text, left, left + run.width, base - 0.8 * run.size, base + 0.2 * run.size, run.size))
                pages.append(Page(width, height, group_lines(glyphs)))
    except ofdkit.OFDError as exc:
        raise InputError(f"{path}: " + gettext("not a valid OFD ({reason})").format(reason=exc)) from None
    except Exception as exc:  # damaged data (zlib.error, BadZipFile, EOFError …): this file's error, not a crash
        raise InputError(f"{path}: " + gettext("not a valid OFD ({reason})").format(reason=f"{type(exc).__name__}: {exc}")) from None
    if not any(p.lines for p in pages):
        if not pages:
            raise InputError(f"{path}: " + gettext("the OFD has no pages"))
        raise InputError(f"{path}: " + gettext("the OFD has no text (a scanned image?); reportlint reads text only, without OCR"))
    return build_document(path, "ofd", pages)
