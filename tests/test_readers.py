"""Readers: encodings detected and remembered, Markdown syntax skipped, .docx paragraphs and tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.api import Linter
from reportlint.errors import InputError
from reportlint.readers.txt import decode

TEXT = "一、总体情况\r\n要##a##求全市\r\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8", True),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (TEXT.encode("gb18030"), "gb18030", False),
    ],
)
def test_encodings_are_detected_and_text_is_exact(data, encoding, bom):
    text, enc, has_bom = decode(data, "a.txt")
    assert (text, enc, has_bom) == (TEXT, encoding, bom)


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"", "gb18030")],
)
def test_large_input_is_decoded_in_slices_exactly(prefix, encoding):
    # Over 8 MB the reader decodes slice by slice (to bound peak memory); a character that
    # straddles a slice boundary must come out whole, and the result equal the one-shot decode.
    text = ("a" + "一、总体情况，“两个确立”。\n" * 310_000)[: 4_600_001]
    data = prefix + text.encode(encoding)
    assert len(data) > 8 << 20
    assert decode(data, "big.txt") == (text, encoding, bool(prefix))


def test_large_undecodable_input_names_the_byte_offset():
    data = "一".encode() * 3_000_000 + b"\xff\xfe\xff" + "一".encode() * 10
    with pytest.raises(InputError, match="offset 9000000"):
        decode(data, "big.txt")


def test_positions_count_characters_and_keep_crlf():
    doc = Linter(isolated=True).read_bytes("a.txt", TEXT.encode("gb18030"))
    assert doc.text == TEXT
    assert [p.text for p in doc.paragraphs] == ["一、总体情况", "要##a##求全市"]
    assert doc.line_col(doc.text.index("##a##")) == (2, 2)
    assert doc.lines.line_span(2) == (8, 17)


@pytest.mark.parametrize(
    ("data", "needle"),
    [(b"\x00\x01binary\x00", "binary file"), ("正常".encode() + b"\xff\xfe\x80", "cannot decode"),
     (b"\xff\xfe\x00\x00abcd", "UTF-32")],
)
def test_undecodable_input_is_a_clear_error(data, needle):
    with pytest.raises(InputError, match=needle):
        decode(data, "a.txt")


def test_empty_file_is_no_error():
    doc = Linter(isolated=True).read_bytes("empty.txt", b"")
    assert doc.text == "" and doc.paragraphs == []


MD = """---
title: 报告
---
## 一、总体情况

要##a##求全市，见[链接](http://x.cn/##b##)。

```
代码##c##里
```

行内`##d##`代码<!-- ##e## -->结束
"""


def test_markdown_skips_syntax_but_maps_positions_to_source():
    linter = Linter(isolated=True)
    doc = linter.read_bytes("a.md", MD.encode())
    assert doc.text == MD
    findings = linter.check_document(doc).findings
    assert [(f.line, f.column) for f in findings] == [(6, 2)]  # only the marker in prose
    assert doc.outline.headings[0].title == "总体情况"


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("一、总体情况", level=1)
    p = d.add_paragraph()
    p.add_run("要##pa")
    p.add_run("id##求全市")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单元格"
    table.cell(0, 1).text = "表中##t##标记"
    d.add_paragraph("")
    d.add_paragraph("结尾")
    d.save(path)
    return path


def test_docx_paragraphs_tables_and_runs(tmp_path):
    linter = Linter(isolated=True)
    result = linter.check_path(_docx(tmp_path / "r.docx"))
    assert result.problems == []
    doc = result.document
    assert doc.format == "docx"
    assert [p.text for p in doc.paragraphs] == ["一、总体情况", "要##paid##求全市", "单元格", "表中##t##标记", "结尾"]
    assert [(f.line, f.column) for f in result.findings] == [(2, 2), (4, 3)]
    assert doc.location_label(result.findings[1].start).startswith("table 1, row 1, cell 2")
    assert doc.outline.headings[0].level == 1


def test_docx_without_main_part_and_zip_bomb_guard(tmp_path, monkeypatch):
    import zipfile

    from reportlint.readers import docx as docx_reader

    empty = tmp_path / "nobody.docx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    result = Linter(isolated=True).check_path(empty)
    assert "no word/document.xml" in result.problems[0].message
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 10)
    big = Linter(isolated=True).check_path(_docx(tmp_path / "big.docx"))
    assert "over the" in big.problems[0].message and "limit" in big.problems[0].message


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a一 \u3000\t\r\n", max_size=40))
def test_plain_text_paragraphs_are_the_non_blank_lines(text):
    from reportlint.document import Document

    expected, pos = [], 0
    for line in text.split("\n"):
        body = line[:-1] if line.endswith("\r") else line
        if body.strip():
            expected.append((pos, pos + len(body), body))
        pos += len(line) + 1
    paras = Document(text).paragraphs
    assert [(p.start, p.end, p.text) for p in paras] == expected
    assert all(text[p.start : p.end] == p.text and p.index == i for i, p in enumerate(paras))
