"""Run in a child process by reportlint.readers.pdf: the glyphs of a PDF, page by page, as JSON.

Parsing untrusted PDF is done away from the checking process: pdfminer.six inflates a
stream whole (a 1 MB file can ask for gigabytes) and parses an object stream entirely,
so a hostile file is given a memory cap (RLIMIT_AS, argv[1] bytes) and the parent's
time limit, and whatever it does costs this process alone. Only the standard library
and pdfminer.six are imported: the script runs as ``python -I pdf_child.py LIMIT``
with the PDF on stdin, and writes ``{"pages": [...]}`` or ``{"error": kind, "detail": text}``.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

#: Most glyphs sent back (a 1,000-page report has one to three million): the parent's memory is not capped.
MAX_GLYPHS = 4_000_000


class _TooMuchText(Exception):
    pass


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # Windows, or a lower hard limit already
        pass


def _red(color: Any) -> bool:
    """A red colour in DeviceRGB or DeviceCMYK (the 版头's 红色分隔线, GB/T 9704-2012 7.2.4)."""
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 3:
        r, g, b = color
        return r >= 0.6 and g <= 0.35 and b <= 0.35
    if len(color) == 4:
        c, m, y, k = color
        return c <= 0.2 and m >= 0.6 and y >= 0.6 and k <= 0.3
    return False


def _glyphs(container: Any, px: float, ptop: float, out: list[list[Any]], counts: dict[str, int],
            rules: list[float] | None = None, width: float = 0.0) -> None:
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    for obj in container:
        if isinstance(obj, LTChar):
            a, b, c, d, _, _ = obj.matrix
            if abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0 or d <= 0:
                counts["rotated"] += 1  # rotated or mirrored text: a watermark, a stamp, vertical text
                continue
            text = obj.get_text()
            if not text or text == "\ufffd" or text.startswith("(cid:"):
                counts["unmapped"] += 1  # a glyph with no Unicode mapping: nothing to check
                continue
            out.append([text, round(obj.x0 - px, 2), round(obj.x1 - px, 2), round(ptop - obj.y1, 2),
                        round(ptop - obj.y0, 2), round(obj.size, 2)])
            counts["glyphs"] += 1
            if counts["glyphs"] > MAX_GLYPHS:
                raise _TooMuchText
        elif isinstance(obj, LTImage):
            counts["images"] += 1
        elif isinstance(obj, LTCurve) and rules is not None:
            # A thin red rule across most of the page: the separator under a 版头.
            color = obj.stroking_color if obj.stroke else obj.non_stroking_color
            if obj.height <= 3 and obj.width >= 0.5 * width and _red(color):
                rules.append(round(ptop - obj.y1, 2))
        elif isinstance(obj, LTContainer):  # a form XObject (LTFigure) holds text and images too
            _glyphs(obj, px, ptop, out, counts, rules, width)


def extract(data: bytes) -> dict[str, Any]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))  # the empty user password, as any viewer tries
    except PDFEncryptionError as exc:
        return {"error": "encrypted", "detail": f"{type(exc).__name__}: {exc}"}
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    counts = {"images": 0, "rotated": 0, "unmapped": 0, "glyphs": 0}
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        layout = device.get_result()
        x0, y0, x1, y1 = layout.bbox
        glyphs: list[list[Any]] = []
        rules: list[float] = []
        w, h = x1 - x0, y1 - y0
        _glyphs(layout, x0, y1, glyphs, counts, rules, w)
        # Text outside the page box is never seen by a reader of the page.
        glyphs = [g for g in glyphs if g[2] > 0 and g[1] < w and g[4] > 0 and g[3] < h]
        pages.append({"width": round(w, 2), "height": round(h, 2), "glyphs": glyphs, "rules": sorted(set(rules))})
    return {"pages": pages, **counts}


def main() -> None:
    if len(sys.argv) > 1 and int(sys.argv[1]) > 0:
        _limit_memory(int(sys.argv[1]))
    data = sys.stdin.buffer.read()
    try:
        result = extract(data)
    except MemoryError:
        result = {"error": "memory"}
    except _TooMuchText:
        result = {"error": "damaged", "detail": f"more than {MAX_GLYPHS:,} characters of text"}
    except RecursionError:
        result = {"error": "damaged", "detail": "objects nested too deeply"}
    except Exception as exc:  # pdfminer raises many types on a damaged file
        from pdfminer.pdfdocument import PDFEncryptionError

        kind = "encrypted" if isinstance(exc, PDFEncryptionError) else "damaged"
        result = {"error": kind, "detail": f"{type(exc).__name__}: {exc}"[:300]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
