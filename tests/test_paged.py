"""PDF and OFD: lines in reading order, headers and page numbers out, wrapped paragraphs rejoined,
findings by page and line in every format, and hostile files as one error each with nothing left running.

The inputs are made here: OFDs from the standard's XML (tests/paged_inputs.py), PDFs by
LibreOffice from a 公文-style .docx (a session fixture, tests/conftest.py) or byte by byte.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE, SHARED_DATA
from paged_inputs import (
    encrypted_pdf,
    flate_bomb,
    make_ofd,
    object_stream_pdf,
    one_page_pdf,
    scanned_pdf,
)

from reportlint.api import Linter
from reportlint.document import PageMap
from reportlint.errors import InputError
from reportlint.readers import ofd as ofd_reader
from reportlint.readers import pdf as pdf_reader
from reportlint.readers.layout import Glyph, Line, Page, build_document, group_lines, strip_furniture

SAMPLE_PARAS = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated", "--no-cache", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)


def txt_findings(text: str) -> list[tuple[str, str]]:
    """(code, matched text) of the findings on ``text`` read as a .txt."""
    linter = Linter(isolated=True)
    doc = linter.read_bytes("a.txt", text.encode())
    return sorted((f.code, text[f.start:f.end]) for f in linter.check_document(doc).findings)


# -- layout: lines, spaces, furniture, paragraphs -------------------------------------------------

def glyphs(text: str, x: float, top: float, size: float = 16.0, advance: float | None = None) -> list[Glyph]:
    out, pos = [], x
    for c in text:
        w = advance or (size if ord(c) > 0x2E80 else size * 0.55)
        out.append(Glyph(c, pos, pos + w, top, top + size, size))
        pos += w
    return out


def test_lines_are_read_top_to_bottom_left_to_right_whatever_the_drawing_order():
    gs = glyphs("第二行", 80, 130) + glyphs("第一行", 80, 100)
    gs = gs[::-1]  # the content stream drew them backwards
    assert [line.text for line in group_lines(gs)] == ["第一行", "第二行"]


def test_spaces_come_only_from_the_page_or_between_latin_words():
    # The gap Word and LibreOffice leave between Chinese and digits is not a space in the source.
    cjk_digits = glyphs("共", 80, 100) + glyphs("2023", 100, 100) + glyphs("年", 128, 100)
    assert group_lines(cjk_digits)[0].text == "共2023年"
    words = glyphs("Hello", 80, 100) + glyphs("world", 130, 100)  # positioned, no space glyph
    assert group_lines(words)[0].text == "Hello world"
    real = glyphs("谈话会 。", 80, 100)
    assert group_lines(real)[0].text == "谈话会 。"
    fake_bold = glyphs("要", 80, 100) + glyphs("要", 80.4, 100) + glyphs("求", 96.4, 100)
    assert group_lines(fake_bold)[0].text == "要求"
    assert group_lines(glyphs("all", 80, 100))[0].text == "all"  # a double letter is not fake bold


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "－3－", "第3页", "第 3 页 共 10 页", "3/10", "3", "Page 3 of 10"])
def test_page_numbers_are_dropped(number):
    body = [Line("正文第一行", 80, 520, 100, 116, 16), Line("正文第二行", 80, 300, 128, 144, 16)]
    page = Page(595, 842, [*body, Line(number, 280, 320, 790, 806, 14)])
    assert strip_furniture([page]) == [body]


def test_a_running_header_is_dropped_but_a_line_that_opens_two_of_many_pages_is_not():
    def page(i: int, first: str) -> Page:
        body = [Line(first, 80, 520, 100, 116, 16), *(Line("正文" + "甲乙丙丁戊己庚辛"[i] * k, 80, 200, 100 + 28 * k, 116 + 28 * k, 16)
                                                      for k in range(1, 5))]
        return Page(595, 842, [Line("XX局文件", 80, 300, 35, 50, 12), *body])

    pages = [page(i, "各位代表！" if i in (2, 5) else "第" + "一二三四五六七八"[i] + "段") for i in range(8)]
    kept = strip_furniture(pages)
    assert all(lines[0].text != "XX局文件" for lines in kept)  # on every page: a header
    assert [lines[0].text for lines in kept][2] == "各位代表！"  # on two pages of eight: text


def test_paragraphs_rejoin_across_wraps_and_pages_but_not_at_indents_short_lines_or_headings():
    right = 80 + 27 * 16
    lines = [
        Line("（一）标题行", 112, 250, 100, 116, 16),          # short: a heading ends here
        Line("　正文第一段开头" + "字" * 17, 112, right, 128, 144, 16),  # indented: a new paragraph
        Line("接着第一段" + "字" * 22, 80, right, 156, 172, 16),    # at the margin after a full line: same paragraph
        Line("第一段结束。", 80, 180, 184, 200, 16),
        Line("1.下一条" + "字" * 22, 80, right, 212, 228, 16),      # a heading number after a short line
    ]
    second_page = [Line("跨页接续" + "字" * 23, 80, right, 100, 116, 16), Line("完。", 80, 112, 128, 144, 16)]
    doc = build_document("a.pdf", "pdf", [Page(595, 842, lines), Page(595, 842, second_page)])
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "（一）标题行"
    assert texts[1].endswith("第一段结束。") and "字接着第一段" in texts[1]
    assert texts[2].startswith("1.下一条") and texts[2].endswith("字跨页接续" + "字" * 23 + "完。")
    # Positions: the start of page 2 is page 2, line 1; a span that ends at a wrap ends on its line.
    start = doc.text.index("跨页接续")
    assert doc.page_map.locate(start) == (2, 1, 1)
    assert doc.page_map.locate(start, end=True) == (1, 5, len(lines[4].text) + 1)


def test_page_map_locates_offsets_and_ends():
    pm = PageMap((0, 10, 25), (1, 1, 2), (1, 2, 1))
    assert pm.locate(0) == (1, 1, 1)
    assert pm.locate(12) == (1, 2, 3)
    assert pm.locate(25) == (2, 1, 1)
    assert pm.locate(25, end=True) == (1, 2, 16)


# -- OFD -------------------------------------------------------------------------------------------

def test_sample_as_ofd_gives_the_txt_findings_by_page_and_line(tmp_path):
    data = make_ofd(SAMPLE_PARAS, header="XX市农业农村局 2023年党风廉政建设工作总结")
    path = tmp_path / "sample.ofd"
    path.write_bytes(data)
    result = Linter(isolated=True).check_path(path)
    assert result.problems == []
    doc = result.document
    assert [p.text for p in doc.paragraphs] == SAMPLE_PARAS  # header and page numbers out, wraps rejoined
    got = sorted((f.code, doc.text[f.start:f.end]) for f in result.findings)
    assert got == txt_findings("\n".join(SAMPLE_PARAS) + "\n") and len(got) == 7
    # Each finding's page and line is where the builder put its first character.
    from paged_inputs import ofd_layout

    pages = ofd_layout(SAMPLE_PARAS)
    for f in result.findings:
        line_text = pages[f.page - 1][f.line - 1][0]
        assert line_text[f.column - 1] == doc.text[f.start], f


def test_ofd_text_objects_follow_the_standard(tmp_path):
    # TextCode runs placed with the “g” DeltaX shorthand; the page number in the page content.
    data = make_ofd(["一、总体情况", "要##paidbegin##求全市"], footer="第{n}页")
    doc = Linter(isolated=True).read_bytes("a.ofd", data)
    assert doc.format == "ofd" and doc.text == "一、总体情况\n要##paidbegin##求全市"


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _ofd_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(make_ofd(["正文##a##内容"]))) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _bomb_ofd(megabytes: int) -> bytes:
    """A real zip bomb: a page part of ``megabytes`` MB of spaces, streamed into the zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _ofd_parts().items():
            if not name.endswith("Page_0/Content.xml"):
                zf.writestr(name, data)
        with zf.open("Doc_0/Pages/Page_0/Content.xml", "w") as part:
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                part.write(chunk)
    return buf.getvalue()


def _laughs() -> bytes:
    parts = _ofd_parts()
    page = "Doc_0/Pages/Page_0/Content.xml"
    doctype = '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)) + "]>"
    parts[page] = parts[page].replace(b"?>", b"?>" + doctype.encode(), 1).replace("正文##a##内容".encode(), b"&a9;")
    return _zip(parts)


HOSTILE_OFD = {
    "zip-bomb": (lambda: _bomb_ofd(300), "over the 256 MB limit"),
    "billion-laughs": (_laughs, "not a valid OFD"),
    "not-a-zip": (lambda: b"PK\x03\x04 not a zip at all", "not a valid OFD"),
    "truncated": (lambda: make_ofd(SAMPLE_PARAS)[:2000], "not a valid OFD"),
    "no-ofd-xml": (lambda: _zip({k: v for k, v in _ofd_parts().items() if k != "OFD.xml"}), "no OFD.xml"),
    "scanned": (lambda: _zip({**_ofd_parts(), "Doc_0/Pages/Page_0/Content.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="9">'
        b'<ofd:ImageObject ID="10" Boundary="0 0 210 297" ResourceID="99"/></ofd:Layer></ofd:Content></ofd:Page>')}),
        "no text"),
}


@pytest.mark.parametrize("case", list(HOSTILE_OFD))
def test_hostile_ofd_is_one_clear_input_error(case):
    make, needle = HOSTILE_OFD[case]
    t0 = time.perf_counter()
    with pytest.raises(InputError, match=needle) as info:
        Linter(isolated=True).read_bytes(f"{case}.ofd", make())
    assert "\n" not in str(info.value) and time.perf_counter() - t0 < 30


def test_ofd_part_bigger_than_declared_is_refused(monkeypatch):
    monkeypatch.setattr(ofd_reader, "MAX_UNCOMPRESSED", 1 << 40)  # past our own check: ofdkit's bounded reads remain
    with pytest.raises(InputError):
        Linter(isolated=True).read_bytes("big.ofd", _bomb_ofd(80))  # one 80 MB part, over ofdkit's 64 MB per part


# -- PDF -------------------------------------------------------------------------------------------

def pdf_lines(path: Path, page: int) -> list[str]:
    """Page ``page``'s text lines by pdfminer's own layout analysis (not reportlint's), spaces removed."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine

    lines = []

    def walk(obj: object) -> None:
        for child in obj:  # type: ignore[attr-defined]
            if isinstance(child, LTTextLine):
                lines.append((-child.y1, child.x0, "".join(child.get_text().split())))
            elif hasattr(child, "__iter__"):
                walk(child)

    walk(next(iter(extract_pages(str(path), page_numbers=[page - 1]))))
    rows: list[list[tuple[float, float, str]]] = []
    for item in sorted(lines):  # pieces of one visual line (split at a space glyph) share its height
        if rows and abs(item[0] - rows[-1][0][0]) < 3:
            rows[-1].append(item)
        else:
            rows.append([item])
    return ["".join(t for _, _, t in sorted(row, key=lambda i: i[1])) for row in rows if any(t for _, _, t in row)]


def test_sample_as_pdf_gives_the_txt_findings_by_page_and_line(office_files, tmp_path):
    result = Linter(isolated=True).check_path(office_files["pdf"])
    assert result.problems == []
    doc = result.document
    assert [p.text for p in doc.paragraphs] == SAMPLE_PARAS
    got = sorted((f.code, doc.text[f.start:f.end]) for f in result.findings)
    assert got == txt_findings("\n".join(SAMPLE_PARAS) + "\n") and len(got) == 7
    for f in result.findings:
        assert f.page >= 1 and f.end_page >= f.page
        lines = pdf_lines(office_files["pdf"], f.page)[1:]  # [0] is the running header
        assert doc.text[f.start:f.start + 2].replace(" ", "") in lines[f.line - 1], (f, lines[f.line - 1])


@pytest.mark.parametrize("variant", ["pdf-hyphen", "pdf-cn"])
def test_headers_and_page_numbers_stay_out_of_the_body(office_files, variant):
    doc = Linter(isolated=True).read_path(office_files[variant])[0]
    assert [p.text for p in doc.paragraphs] == SAMPLE_PARAS
    assert "内部资料" not in doc.text and "页" not in doc.text.replace("页面", "")


def test_a_masthead_is_checked_but_kept_out_of_the_body(office_files):
    # The 版头 (GB/T 9704-2012 7.2) above its red 分隔线: not the title, not a paragraph, but its
    # 发文字号 is still checked, on page 1, line 2.
    result = Linter(isolated=True).check_path(office_files["pdf-masthead"])
    doc = result.document
    assert doc.text.startswith("XX市农业农村局文件\nX农发[2023]05号\n")
    assert [p.text for p in doc.paragraphs] == SAMPLE_PARAS and doc.title.text == SAMPLE_PARAS[0]
    docno = [f for f in result.findings if f.code == "S401"]
    assert [(f.page, f.line, doc.text[f.start:f.end]) for f in docno] == [(1, 2, "[2023]05号")]


def test_every_format_gives_page_and_line(office_files, tmp_path):
    pdf = tmp_path / "总结.pdf"
    pdf.write_bytes(office_files["pdf"].read_bytes())
    out = {}
    for fmt in ("text", "json", "sarif", "github", "junit", "rdjson", "html"):
        proc = run("--select", "M101", "--format", fmt, str(pdf))
        assert proc.returncode == 1, proc.stderr
        out[fmt] = proc.stdout
    data = json.loads(out["json"])
    first = data[0]
    assert (first["page"], first["line"]) == (2, 11) or first["page"] >= 1  # where LibreOffice set it
    where = f"page {first['page']}, line {first['line']}, column {first['column']}"
    assert f"总结.pdf:{where}: M101" in out["text"]
    region = json.loads(out["sarif"])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == first["line"] and region["properties"]["page"] == first["page"]
    assert "fixes" not in json.loads(out["sarif"])["runs"][0]["results"][0]  # a PDF is never rewritten
    for fmt in ("github", "junit", "rdjson", "html"):
        assert where in out[fmt], fmt
    assert "[*]" not in out["text"] and "--fix" not in out["text"]  # nothing there is fixable by --fix


def test_fix_and_diff_refuse_paged_files_with_one_line(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET"))
    ofd = tmp_path / "b.ofd"
    ofd.write_bytes(make_ofd(["正文##a##内容"]))
    before = pdf.read_bytes(), ofd.read_bytes()
    for option in ("--fix", "--diff"):
        proc = run(option, str(pdf), str(ofd))
        assert proc.returncode == 2
        errors = proc.stderr.strip().splitlines()
        assert errors == [f"{pdf}: error: {option} does not apply to .pdf files (they are never rewritten); correct the source document",
                          f"{ofd}: error: {option} does not apply to .ofd files (they are never rewritten); correct the source document"]
    assert (pdf.read_bytes(), ofd.read_bytes()) == before


def _pdf_children() -> list[int]:
    """This process's children still running the PDF child script (Linux /proc; other test runs
    on the machine have their own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1])
                if ppid == os.getpid() and b"pdf_child.py" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


HOSTILE_PDF = {
    "encrypted": (encrypted_pdf, "encrypted"),
    "scanned": (scanned_pdf, "no text layer"),
    "not-a-pdf": (lambda: b"<html>not a pdf</html>", "not a PDF"),
    "garbage": (lambda: b"%PDF-1.7\n\x00\x01garbage\n%%EOF\n", "not a readable PDF"),
    "truncated": (lambda: one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")[:-40], "truncated"),
    "flate-bomb": (lambda: one_page_pdf(flate_bomb(400), filter_="/Filter /FlateDecode"), "more than 256 MB"),
    "huge-object-stream": (lambda: object_stream_pdf(40), "longer than|more than"),
}


@pytest.mark.parametrize("case", list(HOSTILE_PDF))
def test_hostile_pdf_is_one_clear_input_error_and_nothing_left_running(case, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MEMORY_LIMIT", 256 << 20)
    monkeypatch.setattr(pdf_reader, "TIMEOUT", 3.0)
    make, needle = HOSTILE_PDF[case]
    t0 = time.perf_counter()
    with pytest.raises(InputError) as info:
        Linter(isolated=True).read_bytes(f"{case}.pdf", make())
    message = str(info.value)
    assert "\n" not in message and any(n in message for n in needle.split("|")), message
    assert time.perf_counter() - t0 < 30
    if sys.platform.startswith("linux"):
        assert _pdf_children() == []


def test_bad_files_among_good_ones_each_one_line_exit_2_others_checked(tmp_path):
    (tmp_path / "encrypted.pdf").write_bytes(encrypted_pdf())
    (tmp_path / "scanned.pdf").write_bytes(scanned_pdf())
    (tmp_path / "bomb.ofd").write_bytes(_bomb_ofd(300))
    (tmp_path / "corrupt.ofd").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "good.ofd").write_bytes(make_ofd(["正文##a##内容"]))
    (tmp_path / "good.txt").write_text("要##b##求\n", encoding="utf-8")
    proc = run("--select", "M101", "--format", "concise", str(tmp_path))
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert sorted(Path(e.split(": error: ")[0]).name for e in errors) == ["bomb.ofd", "corrupt.ofd", "encrypted.pdf", "scanned.pdf"]
    assert "good.ofd:page 1, line 1, column 3: M101" in proc.stdout and "good.txt:1:2: M101" in proc.stdout


def test_clean_reports_read_from_pdf_give_what_their_text_gives(tmp_path_factory):
    """Generality, not the sample: the two shortest clean 政府工作报告 of the corpus, typeset as
    公文 and printed to PDF by LibreOffice, come back paragraph for paragraph with the same findings."""
    from paged_inputs import convert, gongwen_docx, soffice

    index = SHARED_DATA / "clean-reports" / "index.jsonl"
    if not index.exists():
        pytest.skip(f"{index} is absent (../shared/data ships only beside the development checkout)")
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer fonts-noto-cjk")
    rows = sorted((json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()), key=lambda r: r["chars"])[:2]
    folder = tmp_path_factory.mktemp("clean")
    sources = []
    for n, row in enumerate(rows):
        text = (index.parent / row["file"]).read_text(encoding="utf-8")
        paras = [line for line in text.split("\n") if line.strip()]
        sources.append((paras, gongwen_docx(paras, folder / f"r{n}.docx")))
    pdfs = convert([docx for _, docx in sources], "pdf", folder, folder / "profile")
    for (paras, _), pdf in zip(sources, pdfs, strict=True):
        result = Linter(isolated=True).check_path(pdf)
        assert result.problems == []
        assert [p.text for p in result.document.paragraphs] == paras
        got = sorted((f.code, result.document.text[f.start:f.end]) for f in result.findings)
        assert got == txt_findings("\n".join(paras) + "\n")


def test_reading_a_pdf_or_ofd_imports_nothing_at_start_up():
    code = "import sys, reportlint.cli, reportlint.builtin; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfminer', 'ofdkit')))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ})
    assert proc.stdout.strip() == "[]"


def test_centred_lines_join_only_when_they_are_set_centred():
    right = 80 + 27 * 16
    # A centred paragraph that wrapped: a full line, then its centred rest.
    title = [Line("——2009年1月14日在省第十一届人民代表大会第二次", 80, right, 100, 116, 16), Line("会议上", 276, 324, 128, 144, 16)]
    # Short indented lines (two one-line paragraphs) are not centred, even when about as far from both margins.
    short = [Line("做好灾后重建工作。", 112, 463, 156, 172, 16), Line("国防、人防建设进一步加强。", 112, 480, 184, 200, 16)]
    # A full indented line (a heading that fills the line) and an indented paragraph after it.
    full_heading = [Line("（一）" + "字" * 22, 112, right, 212, 228, 16), Line("有效投入显著增长。" + "字" * 16, 112, right, 240, 256, 16)]
    rest = [Line("字" * 27, 80, right, 268 + 28 * k, 284 + 28 * k, 16) for k in range(3)] + [Line("完。", 80, 112, 352, 368, 16)]
    doc = build_document("a.pdf", "pdf", [Page(595, 842, title + short + full_heading + rest)])
    assert [p.text for p in doc.paragraphs] == [
        "——2009年1月14日在省第十一届人民代表大会第二次会议上", "做好灾后重建工作。", "国防、人防建设进一步加强。",
        "（一）" + "字" * 22, "有效投入显著增长。" + "字" * (16 + 81) + "完。",
    ]


def test_masthead_is_the_lines_above_a_red_rule_in_the_upper_half():
    lines = [Line("XX市人民政府文件", 100, 500, 120, 156, 36), Line("X政发〔2023〕5号", 230, 370, 200, 216, 16),
             Line("关于做好某项工作的通知", 150, 450, 260, 282, 22), Line("各区县：", 80, 144, 300, 316, 16)]
    from reportlint.readers.layout import masthead_lines

    assert masthead_lines(Page(595, 842, lines, (222.0,)), lines) == 2
    assert masthead_lines(Page(595, 842, lines, ()), lines) == 0           # no red rule: no 版头
    assert masthead_lines(Page(595, 842, lines, (500.0,)), lines) == 0     # a rule low on the page is something else
    assert masthead_lines(Page(595, 842, lines, (100.0,)), lines) == 0     # nothing above it
    doc = build_document("a.pdf", "pdf", [Page(595, 842, lines, (222.0,))])
    assert doc.text.split("\n")[:2] == ["XX市人民政府文件", "X政发〔2023〕5号"]
    assert [p.text for p in doc.paragraphs] == ["关于做好某项工作的通知", "各区县："]


@pytest.mark.parametrize("indent", [True, False])
def test_a_heading_number_at_a_wrap_opens_a_paragraph_only_in_a_text_without_indents(indent):
    right = 80 + 27 * 16
    first = 112 if indent else 80
    lines = [Line("深入实施节水行动，实施引黄" + "字" * 12, first, right, 100, 116, 16),
             Line("一、二期备用输水管线提升改造工程。", 80, 360, 128, 144, 16),
             Line("下一段" + "字" * 20, first, right, 156, 172, 16), Line("完。", 80, 112, 184, 200, 16),
             Line("再一段" + "字" * 20, first, right, 212, 228, 16), Line("完。", 80, 112, 240, 256, 16)]
    doc = build_document("a.pdf", "pdf", [Page(595, 842, lines)])
    first_para = doc.paragraphs[0].text
    # Indented: “一、二期” merely opens a printed line; without indents its number is all there is to go by.
    assert first_para.endswith("一、二期备用输水管线提升改造工程。") is indent
