"""Suppressions: Markdown comments, RL001 for the ones that suppress nothing, `accept`, `per-file-ignores`."""

from __future__ import annotations

from pathlib import Path

from reportlint.api import Linter
from reportlint.fixes import apply_fixes
from reportlint.testing import assert_clean, lint_snippet


def _md(text: str, select=("M101", "RL001")) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint_snippet(text, list(select), filename="a.md")]


def test_disable_next_line_silences_only_the_next_line():
    text = "<!-- reportlint-disable-next-line M101 -->\n要##a##求\n要##b##求\n"
    assert _md(text) == [("M101", 3)]


def test_disable_enable_region_and_prefixes_and_names():
    text = "<!-- reportlint-disable M1 -->\n##a##\n<!-- reportlint-enable M1 -->\n##b##\n"
    assert _md(text) == [("M101", 4)]
    assert _md("<!-- reportlint-disable stray-marker -->\n##a##\n") == []
    assert _md("<!-- reportlint-disable -->\n##a##\n") == []  # no code: every rule
    assert _md("<!-- reportlint-disable M101 -->\n##a##\n##b##\n") == []  # open to the end of the file


def test_several_codes_in_one_comment_each_judged():
    text = "<!-- reportlint-disable-next-line M101, RL001 -->\n##a##\n"
    # M101 was used; RL001 cannot be suppressed by a comment, so that part suppresses nothing.
    got = lint_snippet(text, ["M101", "RL001"], filename="a.md")
    assert [f.code for f in got] == ["RL001"]
    assert "RL001" in got[0].message and got[0].fix is None  # only part of the comment is unused: no deletion


def test_unused_suppressions_are_reported():
    assert _md("<!-- reportlint-disable-next-line M101 -->\n干净的句子。\n") == [("RL001", 1)]
    assert _md("<!-- reportlint-enable M101 -->\n正文。\n") == [("RL001", 1)]
    assert _md("<!-- reportlint-disable-next-line Q999 -->\n正文。\n") == [("RL001", 1)]
    # The (unsafe) fix deletes a wholly unused comment together with its line.
    text = "前文\n<!-- reportlint-disable-next-line M101 -->\n干净。\n"
    found = lint_snippet(text, ["M101", "RL001"], filename="a.md")
    assert apply_fixes(text, found, unsafe=True)[0] == "前文\n干净。\n"
    assert apply_fixes(text, found)[0] == text


def test_codes_of_rules_not_run_are_not_judged():
    # M101 is not selected in this run, so its comment cannot be judged unused.
    assert _md("<!-- reportlint-disable-next-line M101 -->\n干净。\n", select=["RL001"]) == []


def test_directives_in_code_and_in_plain_text_files_do_nothing():
    assert_clean("```\n<!-- reportlint-enable M101 -->\n```\n", "RL001", filename="a.md")
    assert_clean("`<!-- reportlint-enable M101 -->`\n", "RL001", filename="a.md")
    # .txt files are never written into: a comment there is just text and suppresses nothing.
    got = lint_snippet("<!-- reportlint-disable-next-line M101 -->\n##a##\n", ["M101", "RL001"], filename="a.txt")
    assert [f.code for f in got] == ["M101"]


def _write_config(folder: Path, body: str) -> None:
    (folder / "reportlint.toml").write_text(body, encoding="utf-8")


def test_accept_words_in_config(tmp_path):
    _write_config(tmp_path, 'accept = ["##keep##"]\n')
    doc = tmp_path / "a.txt"
    doc.write_text("要##keep##求##drop##全市\n", encoding="utf-8")
    result = Linter().check_path(doc)
    assert [doc.read_text(encoding="utf-8")[f.start : f.end] for f in result.findings if f.code == "M101"] == ["##drop##"]


def test_per_file_ignores(tmp_path):
    _write_config(tmp_path, '[per-file-ignores]\n"drafts/*.txt" = ["M101"]\n"*.md" = ["stray-marker"]\n')
    (tmp_path / "drafts").mkdir()
    for rel in ("drafts/a.txt", "final.txt", "notes.md"):
        (tmp_path / rel).write_text("要##paidbegin##求\n", encoding="utf-8")
    linter = Linter()
    codes = {
        rel: [f.code for f in linter.check_path(tmp_path / rel).findings] for rel in ("drafts/a.txt", "final.txt", "notes.md")
    }
    assert codes["drafts/a.txt"] == [] and codes["notes.md"] == []
    assert "M101" in codes["final.txt"]


def test_sample_report_has_no_suppression_findings(sample_path):
    # The sample is a .txt: no comment can be in it, so RL001 has nothing to say.
    result = Linter(isolated=True, select=["RL"]).check_path(sample_path)
    assert result.problems == [] and result.findings == []
