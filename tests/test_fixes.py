"""--fix, --unsafe-fixes and --diff as a user runs them: encodings, BOMs and CRLF kept, atomic writes,
a file changed behind our back refused, idempotence, passes until no fix applies; .docx fixed into a copy."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from reportlint.api import Linter
from reportlint.cli import main
from reportlint.fixes import apply_fixes, select_fixes, unified_diff
from reportlint.rules import Applicability, Finding, Fix

BAD = "要##paidbegin##求全市\n第二段##paidend##结束\n"
GOOD = "要求全市\n第二段结束\n"


def subprocess_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console entry point in a subprocess, as a user runs it (for tests loading a local plugin)."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd)


def run(*args: str, cwd: Path) -> SimpleNamespace:
    """The ``reportlint`` command in-process (click's CliRunner) from folder ``cwd``: returncode, stdout, stderr."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def fix(path: Path, *extra: str, real: bool = False) -> SimpleNamespace | subprocess.CompletedProcess[str]:
    """``reportlint check --fix --select M101 NAME`` in the file's folder (``real``: in a subprocess)."""
    return (subprocess_run if real else run)("check", "--fix", "--select", "M101", "--no-cache", *extra, path.name, cwd=path.parent)


# -- encodings, BOMs and line endings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")],
)
def test_fix_keeps_the_encoding_and_bom(tmp_path, encoding, bom):
    f = tmp_path / "r.txt"
    f.write_bytes(bom + BAD.encode(encoding))
    proc = fix(f)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 2 findings." in proc.stdout
    assert f.read_bytes() == bom + GOOD.encode(encoding)


def test_gb18030_is_not_silently_turned_into_utf8(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(BAD.encode("gb18030"))
    assert fix(f, real=True).returncode == 0  # the installed command, in a subprocess
    data = f.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gb18030") == GOOD


def test_crlf_stays_crlf_and_lone_lf_stays_lf(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes("标题\r\n要##paidbegin##求\r\n末行##x##\n尾\r\n".encode())
    assert fix(f).returncode == 0
    assert f.read_bytes() == "标题\r\n要求\r\n末行\n尾\r\n".encode()


def test_fix_is_atomic_and_keeps_the_file_mode(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    os.chmod(f, 0o640)
    assert fix(f).returncode == 0
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]  # no temporary file left behind


# -- idempotence, --diff, passes ---------------------------------------------------------------------


def test_a_second_fix_changes_nothing_and_does_not_rewrite(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    assert fix(f).returncode == 0
    before = f.read_bytes(), f.stat().st_ino, f.stat().st_mtime_ns
    again = fix(f)
    assert again.returncode == 0
    assert "Fixed" not in again.stdout and "All checks passed!" in again.stdout
    assert (f.read_bytes(), f.stat().st_ino, f.stat().st_mtime_ns) == before


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(BAD.encode("gb18030"))
    proc = run("check", "--diff", "--select", "M101", "--no-cache", "r.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert f.read_bytes() == BAD.encode("gb18030")
    assert proc.stdout.splitlines() == [
        "--- a/r.txt",
        "+++ b/r.txt",
        "@@ -1,2 +1,2 @@",
        "-要##paidbegin##求全市",
        "-第二段##paidend##结束",
        "+要求全市",
        "+第二段结束",
    ]
    clean = tmp_path / "c.txt"
    clean.write_text(GOOD, encoding="utf-8")
    nothing = run("check", "--diff", "--select", "M101", "--no-cache", "c.txt", cwd=tmp_path)
    assert nothing.returncode == 0 and nothing.stdout == ""


def test_diff_marks_a_last_line_without_line_ending(tmp_path):
    (tmp_path / "r.txt").write_text("要##x##求", encoding="utf-8")
    proc = run("check", "--diff", "--select", "M101", "--no-cache", "r.txt", cwd=tmp_path)
    assert proc.stdout.splitlines()[-4:] == ["-要##x##求", "\\ No newline at end of file", "+要求", "\\ No newline at end of file"]
    assert unified_diff("a\n", "b\n", "x") == "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"


CLASH_PLUGIN = '''
from reportlint import hookimpl, rule

@rule("OV101", "jia-yi", "甲乙 -> 乙", fixable="safe", bad=[("甲乙", "乙")], good=["乙"])
def jia_yi(self, doc):
    i = doc.text.find("甲乙")
    while i != -1:
        yield self.finding(i, i + 2, "甲乙", "乙")
        i = doc.text.find("甲乙", i + 1)

@rule("OV102", "yi-bing", "乙丙 -> 乙", fixable="safe", bad=[("乙丙", "乙")], good=["乙"])
def yi_bing(self, doc):
    i = doc.text.find("乙丙")
    while i != -1:
        yield self.finding(i, i + 2, "乙丙", "乙")
        i = doc.text.find("乙丙", i + 1)

@hookimpl
def reportlint_add_rules(config):
    return [jia_yi, yi_bing]
'''


def test_clashing_fixes_wait_for_the_next_pass(tmp_path):
    (tmp_path / "clash.py").write_text(CLASH_PLUGIN, encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('plugins = ["clash.py"]\nselect = ["OV"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text("甲乙丙\n", encoding="utf-8")
    proc = subprocess_run("check", "--fix", "--no-cache", "r.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f.read_text(encoding="utf-8") == "乙\n"  # one pass alone would leave 乙丙
    assert "Fixed 2 findings." in proc.stdout


def _f(start: int, end: int, repl: str, appl: Applicability = Applicability.SAFE) -> Finding:
    return Finding("X1", "x", "m", start, end, fix=Fix(repl, appl))


def test_apply_fixes_never_overlaps():
    text = "abcdef"
    # same span twice, an insertion inside a replaced span, an insertion at its start: all wait
    found = [_f(1, 3, "X"), _f(1, 3, "Y"), _f(2, 2, "I"), _f(3, 3, "K"), _f(4, 5, "")]
    assert select_fixes(found) == [(1, 3, "X"), (3, 3, "K"), (4, 5, "")]  # an insertion at its end is fine
    assert apply_fixes(text, found) == ("aXKdf", 3)
    assert select_fixes([_f(1, 3, "X"), _f(1, 1, "J")]) == [(1, 1, "J")]  # so is X, on the next pass
    # a safe fix wins its span over an unsafe one found earlier; unsafe ones need unsafe=True
    mixed = [_f(0, 2, "U", Applicability.UNSAFE), _f(1, 2, "S")]
    assert apply_fixes("abc", mixed) == ("aSc", 1)
    assert apply_fixes("abc", mixed, unsafe=True) == ("aSc", 1)
    assert apply_fixes("abc", [_f(0, 1, "U", Applicability.UNSAFE)], unsafe=True) == ("Ubc", 1)


# -- a file changed behind our back --------------------------------------------------------------------

CHANGER_PLUGIN = '''
from pathlib import Path
from reportlint import hookimpl, rule

_DONE = []

@rule("CH101", "changer", "rewrites the file while it is checked (a test double for an editor)",
      bad=[], good=["x"])
def changer(self, doc):
    if not _DONE and doc.path.endswith(".txt"):
        _DONE.append(1)
        p = Path(doc.path)
        p.write_bytes(p.read_bytes() + "编辑器新写的一行\\n".encode("utf-8"))
    return iter(())

@hookimpl
def reportlint_add_rules(config):
    return [changer]
'''


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path):
    (tmp_path / "changer.py").write_text(CHANGER_PLUGIN, encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('plugins = ["changer.py"]\nselect = ["M101", "CH101"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    proc = subprocess_run("check", "--fix", "--no-cache", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "r.txt: error: changed since it was read; not fixed (run again)" in proc.stderr
    assert f.read_text(encoding="utf-8") == BAD + "编辑器新写的一行\n"  # the editor's version survives
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r.txt")) == []
    again = subprocess_run("check", "--fix", "--select", "M101", "--no-cache", "r.txt", cwd=tmp_path)
    assert again.returncode == 0 and f.read_text(encoding="utf-8") == GOOD + "编辑器新写的一行\n"


def test_stdin_fix_writes_the_fixed_text_to_stdout(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--fix", "--select", "M101", "--no-cache",
                           "--stdin-filename", "r.txt", "-"], input=BAD.encode("gb18030"), capture_output=True, cwd=tmp_path)
    assert proc.stdout.startswith(GOOD.encode("gb18030"))


def test_stdin_fix_without_a_filename(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--fix", "--select", "M101", "--no-cache", "-"],
                          input=BAD.encode("utf-8"), capture_output=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith(GOOD.encode("utf-8"))


# -- .docx: fixed into a new file, formatting of untouched runs kept ------------------------------------


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("一、##head##总体情况", level=1)
    p = d.add_paragraph()
    r = p.add_run("要##pa")
    r.bold = True
    r = p.add_run("id##求全市")
    r.italic = True
    r = p.add_run("，不变的尾部")
    r.underline = True
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单元格"
    table.cell(0, 1).text = "表中##t##标记"
    d.add_paragraph("结尾")
    d.save(path)
    return path


def test_fix_on_a_docx_needs_output_and_never_rewrites_the_original(tmp_path):
    src = _docx(tmp_path / "r.docx")
    original = src.read_bytes()
    proc = run("check", "--fix", "--select", "M101", "--no-cache", "r.docx", cwd=tmp_path)
    assert proc.returncode == 2 and "give --fixed-output" in proc.stderr
    same = run("check", "--fix", "--select", "M101", "--no-cache", "--fixed-output", "r.docx", "r.docx", cwd=tmp_path)
    assert same.returncode == 2 and "would overwrite the original" in same.stderr
    assert src.read_bytes() == original


def test_fix_on_a_docx_writes_a_copy_changing_only_touched_runs(tmp_path):
    import docx

    src = _docx(tmp_path / "r.docx")
    original = src.read_bytes()
    proc = run("check", "--fix", "--select", "M101", "--no-cache", "--fixed-output", "fixed.docx", "r.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 3 findings." in proc.stdout
    assert src.read_bytes() == original
    word = docx.Document(str(tmp_path / "fixed.docx"))
    assert word.paragraphs[0].text == "一、总体情况" and word.paragraphs[0].style.name == "Heading 1"
    runs = [(r.text, r.bold, r.italic, r.underline) for r in word.paragraphs[1].runs]
    assert runs == [("要", True, None, None), ("求全市", None, True, None), ("，不变的尾部", None, None, True)]
    assert word.tables[0].cell(0, 1).text == "表中标记"
    doc = Linter(isolated=True, select=["M101"]).read_path(tmp_path / "fixed.docx")[0]
    before = Linter(isolated=True, select=["M101"]).check_path(src)
    assert doc.text == apply_fixes(before.document.text, before.findings)[0]  # same as fixing the text
    diff = run("check", "--diff", "--select", "M101", "--no-cache", "r.docx", cwd=tmp_path)
    assert diff.returncode == 1 and "-要##paid##求全市，不变的尾部" in diff.stdout and "+要求全市，不变的尾部" in diff.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixed.docx", "r.docx"]


def test_docx_editor_replaces_across_runs_inserts_and_refuses_structure_changes():
    import docx

    from reportlint.docx_fix import DocxEditor

    d = docx.Document()
    p = d.add_paragraph()
    for text, bold in (("甲乙", True), ("丙丁", False), ("戊", True)):
        p.add_run(text).bold = bold
    d.add_paragraph("第二段")
    brk = d.add_paragraph()
    brk.add_run("软")
    brk.runs[0].add_break()
    brk.add_run("换行")
    buf = io.BytesIO()
    d.save(buf)
    doc = Linter(isolated=True).read_bytes("e.docx", buf.getvalue())
    assert doc.text == "甲乙丙丁戊\n第二段\n软 换行"
    ed = DocxEditor(buf.getvalue(), doc)
    assert ed.replace(1, 3, "X")  # 乙丙 across two runs -> X in the first run's formatting
    assert ed.replace(0, 0, "<")  # an insertion at a paragraph start
    assert not ed.replace(4, 7, "")  # across a paragraph end: refused
    assert not ed.replace(5, 5, "\n")  # adds a paragraph end: refused
    assert not ed.replace(11, 12, "")  # the soft line break: refused
    assert ed.replace(9, 9, "！")  # at the end of 第二段
    assert ed.text() == "<甲X丁戊\n第二段！\n软 换行"
    word = docx.Document(io.BytesIO(ed.save()))
    assert [(r.text, r.bold) for r in word.paragraphs[0].runs] == [("<甲X", True), ("丁", False), ("戊", True)]
    again = Linter(isolated=True).read_bytes("e2.docx", ed.save())
    assert again.text == ed.text()


def test_split_run_keeps_tabs_and_formatting():
    import docx

    from reportlint.docx_fix import split_run
    from reportlint.readers.docx import run_text

    d = docx.Document()
    r = d.add_paragraph().add_run("甲\t乙丙")
    r.bold = True
    right = split_run(r._r, 3)
    assert (run_text(r._r), run_text(right)) == ("甲\t乙", "丙")
    assert right.rPr is not None and right.rPr.b is not None


def test_help_names_the_docx_options(tmp_path):
    proc = run("check", "--help", cwd=tmp_path)
    assert "--annotate" in proc.stdout and "--fixed-output" in proc.stdout


def test_fixed_output_needs_fix_and_a_folder_for_several_docx(tmp_path):
    _docx(tmp_path / "a.docx")
    _docx(tmp_path / "b.docx")
    alone = run("check", "--select", "M101", "--no-cache", "--fixed-output", "x.docx", "a.docx", cwd=tmp_path)
    assert alone.returncode == 2 and "--fixed-output goes with --fix" in alone.stderr and "-o/--output-file" in alone.stderr
    two = run("check", "--fix", "--select", "M101", "--no-cache", "--fixed-output", "x.docx", "a.docx", "b.docx", cwd=tmp_path)
    assert two.returncode == 2 and "give a folder" in two.stderr and not (tmp_path / "x.docx").exists()
    # A folder that does not exist yet is created (once), not refused once per file.
    both = run("check", "--fix", "--select", "M101", "--no-cache", "--fixed-output", "fixed", "a.docx", "b.docx", cwd=tmp_path)
    assert both.returncode == 0, both.stdout + both.stderr
    assert sorted(p.name for p in (tmp_path / "fixed").iterdir()) == ["a.docx", "b.docx"]


def test_the_old_output_option_still_works_with_a_deprecation_warning(tmp_path):
    _docx(tmp_path / "a.docx")
    proc = run("check", "--fix", "--select", "M101", "--no-cache", "--output", "fixed.docx", "a.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "fixed.docx").exists()
    assert proc.stderr.count("--output is deprecated: it is now --fixed-output") == 1
    both = run("check", "--fix", "--no-cache", "--output", "a2.docx", "--fixed-output", "a3.docx", "a.docx", cwd=tmp_path)
    assert both.returncode == 2 and "give only --fixed-output" in both.stderr


def test_docx_runs_inside_a_hyperlink_are_fixed_and_annotated():
    import docx
    from docx.oxml import parse_xml

    from reportlint.annotate import anchored_texts, annotate_docx
    from reportlint.docx_fix import fix_docx

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("前文##a")
    p._p.append(parse_xml(f'<w:hyperlink {ns} r:id="rId99"><w:r><w:t>b##链接</w:t></w:r>'
                          f'<w:r><w:tab/><w:t xml:space="preserve">文 ##c## </w:t></w:r></w:hyperlink>'))
    p.add_run("后文")
    buf = io.BytesIO()
    d.save(buf)
    linter = Linter(isolated=True, select=["M101"])
    doc = linter.read_bytes("h.docx", buf.getvalue())
    assert doc.text == "前文##ab##链接\t文 ##c## 后文"
    result = linter.check_document(doc)
    annotated, skipped = annotate_docx(buf.getvalue(), doc, result.findings)
    assert skipped == 0 and [a for _, _, a in anchored_texts(annotated)] == ["##ab##", "##c##"]
    fixed, fixed_doc, after = fix_docx(linter, doc, buf.getvalue())
    assert fixed_doc.text == "前文链接\t文  后文" and after.fixed == 2
    link = docx.Document(io.BytesIO(fixed)).paragraphs[0]._p.xpath("./w:hyperlink/w:r")
    assert [run.xpath("string(.)") for run in link] == ["链接", "文  "]  # split pieces rejoined
