"""Inputs for the PDF, OFD, .doc and .wps tests, made by the tests themselves.

OFD files are written from the standard's XML (GB/T 33190—2016: OFD.xml → Document.xml →
Pages/Page_N/Content.xml with TextObject/TextCode); PDF and .doc files come from a 公文-style
.docx (python-docx: 仿宋 三号, first-line indent of two characters, page numbers “— N —” in
the footer) converted by LibreOffice. Hostile PDFs are written byte by byte.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

OFD_NS = "http://www.ofdspec.org/2016"


# -- OFD --------------------------------------------------------------------------------------

def ofd_layout(paragraphs: Sequence[str], *, per_line: int = 28, lines_per_page: int = 22) -> list[list[tuple[str, bool, bool]]]:
    """Pages of (line text, starts a paragraph, ends it) with a 两字 first-line indent, as a 公文 is set."""
    lines: list[tuple[str, bool, bool]] = []
    for para in paragraphs:
        start, width = 0, per_line - 2
        while start < len(para):
            end = min(start + width, len(para))
            while 0 < end < len(para) and para[end - 1].isascii() and para[end].isascii() and end > start + 1:
                end -= 1  # never break inside a number or a Latin word
            lines.append((para[start:end], start == 0, end == len(para)))
            start, width = end, per_line
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


def _text_object(oid: int, x: float, y: float, text: str, size: float, advance: float | None = None) -> str:
    advance = advance or size
    width = advance * len(text)
    delta = f' DeltaX="g {len(text) - 1} {advance:g}"' if len(text) > 1 else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x:g} {y - size:g} {width:g} {size * 1.2:g}" Font="1" Size="{size:g}">'
            f'<ofd:TextCode X="0" Y="{size:g}"{delta}>{escape(text)}</ofd:TextCode></ofd:TextObject>')


def make_ofd(paragraphs: Sequence[str], *, footer: str = "— {n} —", header: str = "", size: float = 5.6,
             extra_parts: dict[str, bytes] | None = None) -> bytes:
    """An OFD of ``paragraphs`` on A4 pages (GB/T 9704 margins), page numbers in ``footer``."""
    pages = ofd_layout(paragraphs)
    left, top, pitch = 28.0, 37.0, 10.0
    parts: dict[str, bytes] = {}
    parts["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
        '<ofd:DocBody><ofd:DocInfo><ofd:DocID>reportlint-test</ofd:DocID><ofd:Title>测试</ofd:Title></ofd:DocInfo>'
        '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
    ).encode()
    page_refs = "".join(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        '<ofd:MaxUnitID>100000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>'
    ).encode()
    parts["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>'
    ).encode()
    oid = 1000
    for n, lines in enumerate(pages):
        objs = []
        if header:
            oid += 1
            objs.append(_text_object(oid, left, 20.0, header, 3.7))
        for i, (text, first, last) in enumerate(lines):
            oid += 1
            x = left + (2 * size if first else 0.0)
            # Justified: a line that does not end its paragraph is spread to the right margin.
            room = (28 - (2 if first else 0)) * size
            advance = None if last or n + i == 0 else room / len(text)
            objs.append(_text_object(oid, x, top + size + i * pitch, text, size, advance))
        if footer:
            label = footer.format(n=n + 1)
            oid += 1
            objs.append(_text_object(oid, 105 - len(label) * 2.8 / 2, 280.0, label, 4.9))
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
            f'<ofd:Layer ID="{10 + n}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>'
        ).encode()
    parts.update(extra_parts or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


# -- PDF written by hand (hostile and scanned-style inputs) -----------------------------------

def pdf_file(objects: Sequence[bytes], trailer: str = "") -> bytes:
    """A PDF of numbered ``objects`` (1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def one_page_pdf(content: bytes, *, resources: str = "/Font << /F1 4 0 R >>", fourth: bytes | None = None,
                 filter_: str = "") -> bytes:
    """A one-page PDF whose page draws ``content`` (object 5); object 4 is Helvetica unless given."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> /Contents 5 0 R >>".encode(),
        fourth or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        pdf_stream(content, filter_),
    ])


def scanned_pdf() -> bytes:
    """A page that is only an image (what a scanner makes): no text layer at all."""
    pixels = zlib.compress(bytes(range(256)) * 64)
    image = pdf_stream(pixels, "/Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray "
                               "/BitsPerComponent 8 /Filter /FlateDecode")
    return one_page_pdf(b"q 400 0 0 560 90 140 cm /Im1 Do Q", resources="/XObject << /Im1 4 0 R >>", fourth=image)


def flate_bomb(megabytes: int) -> bytes:
    """``megabytes`` MB of spaces, deflated (about 1 KB per MB)."""
    co = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join([co.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET "), *(co.compress(chunk) for _ in range(megabytes)), co.flush()])


# -- LibreOffice ------------------------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: Sequence[Path], fmt: str, outdir: Path, profile: Path) -> list[Path]:
    """``sources`` converted by one LibreOffice headless run to ``fmt`` (pdf, doc, wps) in ``outdir``;
    a .txt source is read as UTF-8 text."""
    exe = soffice()
    assert exe, "LibreOffice is not installed"
    infilter = ["--infilter=Text (encoded):UTF8,LF,,,"] if all(s.suffix == ".txt" for s in sources) else []
    subprocess.run(
        [exe, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", *infilter, "--convert-to", fmt,
         "--outdir", str(outdir), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )
    outs = [outdir / f"{src.stem}.{fmt.split(':')[0]}" for src in sources]
    missing = [p.name for p in outs if not p.exists()]
    assert not missing, f"LibreOffice made no {missing}"
    return outs


def gongwen_docx(paragraphs: Sequence[str], path: Path, *, footer: tuple[str, str] = ("— ", " —"), header: str = "",
                 masthead: Sequence[str] = ()) -> Path:
    """A 公文-style .docx: 仿宋 三号 (16 pt), title centred, first-line indent of two characters
    (GB/T 9704-2012 7.3), A4 with its margins, a PAGE field in the footer between ``footer``;
    ``masthead`` lines make a 版头 (7.2): 发文机关标志 in red, then a red 分隔线 under the last line."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    for i, text in enumerate(paragraphs):
        p = d.add_paragraph(text)
        if i == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.paragraph_format.first_line_indent = Pt(32)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if masthead:
        first = d.paragraphs[0]
        for n, text in enumerate(masthead):
            p = first.insert_paragraph_before()
            run = p.add_run(text)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if n == 0:  # 发文机关标志: red, large
                run.font.size = Pt(36)
                run.font.color.rgb = RGBColor(0xFF, 0, 0)
            if n == len(masthead) - 1:  # the 分隔线: a red bottom border under the 发文字号
                border = OxmlElement("w:pBdr")
                bottom = OxmlElement("w:bottom")
                for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "FF0000")):
                    bottom.set(qn(key), value)
                border.append(bottom)
                p._p.get_or_add_pPr().append(border)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run(footer[0])
    run = fp.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    fp.add_run(footer[1])
    if header:
        sec.header.paragraphs[0].text = header
    d.save(path)
    return path


# -- An encrypted PDF (PDF 1.7 §7.6.3, standard security handler, revision 2: 40-bit RC4) ---------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A PDF that opens only with a password: /O and /U by algorithms 3, 2 and 4 of §7.6.3.4."""
    import hashlib

    def padded(pw: bytes) -> bytes:
        return (pw + _PAD)[:32]

    doc_id = hashlib.md5(b"reportlint-test").digest()
    owner = _rc4(hashlib.md5(padded(owner_password)).digest()[:5], padded(user_password))
    permissions = -44
    key = hashlib.md5(padded(user_password) + owner + permissions.to_bytes(4, "little", signed=True) + doc_id).digest()[:5]
    user = _rc4(key, _PAD)
    encrypt = f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{user.hex()}> /P {permissions} >>".encode()
    body = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (secret text) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        pdf_stream(_rc4(b"x" * 5, b"BT /F1 12 Tf 72 720 Td (secret text) Tj ET")),
        encrypt,
    ]
    del body
    return pdf_file(objects, trailer=f"/Encrypt 6 0 R /ID [<{doc_id.hex()}> <{doc_id.hex()}>] ")


def object_stream_pdf(megabytes: int) -> bytes:
    """A PDF 1.5 file whose objects live in an object stream (ObjStm, §7.5.7) padded with
    ``megabytes`` MB of number tokens after its objects, found through a cross-reference stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>"]
    offsets, body = [], b""
    for o in objs:
        offsets.append(len(body))
        body += o + b"\n"
    header = " ".join(f"{n} {off}" for n, off in zip((1, 2, 3), offsets, strict=True)).encode() + b"\n"
    co = zlib.compressobj(9)
    chunk = b"0 " * (1 << 19)
    data = b"".join([co.compress(header + body), *(co.compress(chunk) for _ in range(megabytes)), co.flush()])
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    objstm_off = len(out)
    out += b"4 0 obj\n" + pdf_stream(data, f"/Type /ObjStm /N 3 /First {len(header)} /Filter /FlateDecode") + b"\nendobj\n"
    content_off = len(out)
    out += b"5 0 obj\n" + pdf_stream(b"") + b"\nendobj\n"
    xref_off = len(out)
    rows = b"".join([b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff",
                     *(b"\x02" + (4).to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(3)),
                     b"\x01" + objstm_off.to_bytes(4, "big") + b"\x00\x00",
                     b"\x01" + content_off.to_bytes(4, "big") + b"\x00\x00",
                     b"\x01" + xref_off.to_bytes(4, "big") + b"\x00\x00"])
    out += b"6 0 obj\n" + pdf_stream(rows, "/Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R") + b"\nendobj\n"
    out += f"startxref\n{xref_off}\n%%EOF\n".encode()
    return bytes(out)
