"""--annotate: each finding becomes a Word review comment anchored on exactly the offending text."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from types import SimpleNamespace

from click.testing import CliRunner

from reportlint.annotate import AUTHOR, anchor_span, anchored_texts, annotate_docx
from reportlint.api import Linter
from reportlint.cli import main
from reportlint.document import Document
from reportlint.rules import Finding


def run(*args: str, cwd: Path) -> SimpleNamespace:
    """The ``reportlint`` command in-process from folder ``cwd``."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def make_report(path: Path) -> Path:
    """A real .docx: a heading, a marker split over three differently formatted runs, a table, a soft break."""
    import docx

    d = docx.Document()
    d.add_heading("一、##head##总体情况", level=1)
    p = d.add_paragraph()
    p.add_run("要求##pa").bold = True
    p.add_run("id").italic = True
    p.add_run("##全市，")
    p.add_run("各单位认真落实。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "说明"
    table.cell(1, 0).text = "学习"
    table.cell(1, 1).text = "表中##t##标记"
    soft = d.add_paragraph()
    run = soft.add_run("第一行")
    run.add_break()
    soft.add_run("第二##end##行")
    d.add_paragraph("结尾无误。")
    d.save(path)
    return path


def test_annotated_comments_are_anchored_on_exactly_the_findings(tmp_path):
    import docx

    src = make_report(tmp_path / "report.docx")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    # Word comments in Chinese (the default language; the suite otherwise asks for English).
    proc = run("check", "--lang", "zh", "--select", "M101", "--no-cache", "report.docx", "--annotate", "reviewed.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # findings, and no error
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest  # the original is never modified

    checked = Linter(isolated=True, select=["M101"]).check_path(src)
    expected = [checked.document.text[f.start:f.end] for f in checked.findings]
    assert expected == ["##head##", "##paid##", "##t##", "##end##"]

    data = (tmp_path / "reviewed.docx").read_bytes()
    comments = anchored_texts(data)
    assert [anchor for _, _, anchor in comments] == expected
    for (author, text, anchor), f in zip(comments, checked.findings, strict=True):
        assert author == AUTHOR
        assert text.startswith(f"M101 stray-marker：{f.message}")
        assert f"建议：删除“{anchor}”" in text
        assert "规则：正文中残留模板标记（如##paidbegin##）（详见 reportlint rule M101）" in text  # the rule's Chinese summary
    word = docx.Document(io.BytesIO(data))
    assert {c.initials for c in word.comments} == {"RL"}

    # The copy reads as the same text, and the runs split at the boundaries keep their formatting.
    again = Linter(isolated=True, select=["M101"]).read_bytes("reviewed.docx", data)
    assert again.text == checked.document.text
    runs = [(r.text, r.bold, r.italic) for r in word.paragraphs[1].runs if r.text]
    assert runs == [("要求", True, None), ("##pa", True, None), ("id", None, True), ("##", None, None),
                    ("全市，", None, None), ("各单位认真落实。", None, None)]
    assert word.tables[0].cell(1, 1).text == "表中##t##标记"


def test_annotate_several_files_needs_a_folder_and_refuses_the_source(tmp_path):
    make_report(tmp_path / "a.docx")
    make_report(tmp_path / "b.docx")
    (tmp_path / "c.txt").write_text("要##x##求\n", encoding="utf-8")
    one = run("check", "--select", "M101", "--no-cache", "a.docx", "b.docx", "--annotate", "out.docx", cwd=tmp_path)
    assert one.returncode == 2 and "give a folder" in one.stderr and not (tmp_path / "out.docx").exists()
    (tmp_path / "reviewed").mkdir()
    both = run("check", "--select", "M101", "--no-cache", "a.docx", "b.docx", "--annotate", "reviewed", cwd=tmp_path)
    assert both.returncode == 1, both.stderr
    assert sorted(p.name for p in (tmp_path / "reviewed").iterdir()) == ["a.docx", "b.docx"]
    same = run("check", "--select", "M101", "--no-cache", "a.docx", "--annotate", "a.docx", cwd=tmp_path)
    assert same.returncode == 2 and "would overwrite the original" in same.stderr
    txt = run("check", "--select", "M101", "--no-cache", "c.txt", "--annotate", "reviewed", cwd=tmp_path)
    assert txt.returncode == 2 and "c.txt: error: --annotate works on .docx, .doc and .wps files only" in txt.stderr


def test_a_clean_docx_gets_a_copy_without_comments(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("全文无误。")
    d.save(tmp_path / "ok.docx")
    proc = run("check", "--select", "M101", "--no-cache", "ok.docx", "--annotate", "rev.docx", cwd=tmp_path)
    assert proc.returncode == 0
    assert len(docx.Document(str(tmp_path / "rev.docx")).comments) == 0


def test_overlapping_findings_each_get_their_own_range():
    import docx

    d = docx.Document()
    d.add_paragraph().add_run("甲乙丙丁")
    d.add_paragraph().add_run("戊己")
    buf = io.BytesIO()
    d.save(buf)
    doc = Linter(isolated=True).read_bytes("o.docx", buf.getvalue())
    findings = [Finding("X101", "a", "甲乙丙", 0, 3), Finding("X102", "b", "乙丙丁", 1, 4), Finding("X103", "c", "丙", 2, 3),
                Finding("X104", "d", "across a paragraph end", 3, 6)]
    data, skipped = annotate_docx(buf.getvalue(), doc, findings)
    assert skipped == 0
    assert [a for _, _, a in anchored_texts(data)] == ["甲乙丙", "乙丙丁", "丙", "丁\n戊"]


def test_a_point_finding_is_anchored_on_its_neighbour():
    doc = Document("甲乙\n\n丙", format="txt")
    assert anchor_span(doc, Finding("X1", "x", "m", 2, 2)) == (1, 2)  # end of a line: the character before
    assert anchor_span(doc, Finding("X1", "x", "m", 4, 4)) == (4, 5)  # start of a line: the one after
    assert anchor_span(doc, Finding("X1", "x", "m", 3, 3)) == (3, 3)  # an empty line: nothing to anchor on
    assert anchor_span(doc, Finding("X1", "x", "m", 0, 3)) == (0, 2)  # a span ending on the line end
