"""The CLI as a user runs it: exit codes, formats, selection, bad inputs, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportlint.cli import main

JSON_KEYS = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "fix"}


def run(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console entry point in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, encoding="utf-8",
        input=None if input is None else input.decode("utf-8"), cwd=cwd,
    )


def test_sample_reports_both_markers_at_their_columns(sample_path, sample_text):
    proc = run("check", "--select", "M101", str(sample_path))
    assert proc.returncode == 1, proc.stderr
    lines = sample_text.split("\n")
    col5 = lines[4].index("##paidbegin##") + 1
    assert f"{sample_path}:5:{col5}: M101" in proc.stdout
    assert f"{sample_path}:16:1: M101" in proc.stdout
    assert "Found 2 findings" in proc.stdout


def test_json_output_is_a_stable_array(sample_path):
    proc = run("check", "--select", "M101", "--format", "json", str(sample_path))
    data = json.loads(proc.stdout)
    assert [d["line"] for d in data] == [5, 16]
    for d in data:
        assert set(d) >= JSON_KEYS
        assert d["code"] == "M101" and d["name"] == "stray-marker" and d["severity"] == "error"
        assert d["fix"] == {"replacement": "", "applicability": "safe"}
        assert d["end_column"] - d["column"] == len(d["message"].split("“")[1].split("”")[0])


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("工作总结\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("要##paidbegin##求\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--select", "M101", str(clean)]).exit_code == 0
    assert runner.invoke(main, ["check", "--select", "M101", str(dirty)]).exit_code == 1
    assert runner.invoke(main, ["check", "--select", "M101", "--exit-zero", str(dirty)]).exit_code == 0
    assert runner.invoke(main, ["check", "--select", "NOPE999", str(dirty)]).exit_code == 2
    assert runner.invoke(main, ["check"]).exit_code == 2


def test_text_format_underlines_full_width_span(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("全市##x##要求\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--select", "M101", str(f)]).output
    src, marks = [line for line in out.splitlines() if line.startswith(("1 |", "  |"))][1:3]
    # "全市" is two full-width characters: four terminal columns before the caret run.
    assert marks == "  | " + " " * 4 + "^" * 5
    assert src == "1 | 全市##x##要求"


@pytest.mark.parametrize(
    ("selector", "fires"),
    [("M101", True), ("M", True), ("M1", True), ("stray-marker", True), ("ALL", True), ("P", False)],
)
def test_select_takes_codes_prefixes_and_names(tmp_path, selector, fires, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("要##a##求\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--select", selector, "--format", "json", str(f)])
    assert result.exit_code == (1 if fires else 0), result.output
    codes = [d["code"] for d in json.loads(result.output)]
    assert ("M101" in codes) is fires


def test_ignore_and_extend_select(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("要##a##求\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--select", "M", "--ignore", "stray-marker", "--format", "json", str(f)])
    assert "M101" not in {d["code"] for d in json.loads(res.output)}


def test_concise_github_and_statistics(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("要##a##求\n", encoding="utf-8")
    runner = CliRunner()
    concise = runner.invoke(main, ["check", "--select", "M101", "--format", "concise", str(f)]).output
    assert concise.splitlines()[0] == f"{f}:1:2: M101 [*] 模板标记“##a##”残留，应删除"
    gh = runner.invoke(main, ["check", "--select", "M101", "--format", "github", str(f)]).output
    assert gh.startswith("::error title=reportlint (M101),file=") and ",line=1,col=2,endLine=1,endColumn=7::M101 " in gh
    stats = runner.invoke(main, ["check", "--select", "M101", "--statistics", "-q", str(f)]).output
    assert "M101" in stats
    quiet = runner.invoke(main, ["check", "--select", "M101", "--quiet", str(f)]).output
    assert "^" not in quiet and "Found" not in quiet


def test_bad_inputs_each_one_line_and_others_still_checked(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("要##a##求\n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes("正常".encode() + b"\xff\xfe\xfd\x80\x80")
    corrupt = tmp_path / "broken.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not a real zip")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    proc = run("check", "--select", "M101", "--format", "concise", str(missing), str(binary), str(undecodable), str(corrupt),
               str(empty), str(good))
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 4, err
    assert f"{missing}: error: no such file or directory" in err
    assert any(line.startswith(f"{binary}: error: binary file") for line in err)
    assert any(line.startswith(f"{undecodable}: error: cannot decode") for line in err)
    assert any(line.startswith(f"{corrupt}: error: not a valid .docx") for line in err)
    assert f"{good}:1:2: M101" in proc.stdout  # still checked
    assert str(empty) not in proc.stderr


def test_bad_config_key_is_one_line_exit_2_and_other_folders_still_checked(tmp_path):
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "reportlint.toml").write_text("selct = ['M']\n", encoding="utf-8")
    (bad_dir / "a.txt").write_text("要##a##求\n", encoding="utf-8")
    ok_dir = tmp_path / "ok"
    ok_dir.mkdir()
    (ok_dir / "b.txt").write_text("要##b##求\n", encoding="utf-8")
    proc = run("check", "--format", "concise", str(bad_dir / "a.txt"), str(ok_dir / "b.txt"), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("unknown key 'selct'") == 1
    assert "reportlint.toml" in proc.stderr
    assert "b.txt:1:2: M101" in proc.stdout


def test_unsupported_file_named_is_an_error_but_skipped_in_a_folder(tmp_path):
    rtf = tmp_path / "report.rtf"
    rtf.write_bytes(b"{\\rtf1 text}")
    (tmp_path / "a.txt").write_text("要##a##求\n", encoding="utf-8")
    runner = CliRunner()
    named = runner.invoke(main, ["check", "--select", "M101", str(rtf)])
    assert named.exit_code == 2 and "unsupported file type .rtf" in named.output
    folder = runner.invoke(main, ["check", "--select", "M101", "--format", "concise", str(tmp_path)])
    assert folder.exit_code == 1 and "report.rtf" not in folder.output and "a.txt:1:2" in folder.output


def test_folder_recursion_skips_excluded_and_sorts(tmp_path):
    for rel in ("b/2.txt", "a/1.md", ".git/x.txt", "node_modules/y.txt", "a/skip.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("要##m##求\n", encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('extend-exclude = ["skip.txt"]\n', encoding="utf-8")
    proc = run("check", "--select", "M101", "--format", "concise", "-q", str(tmp_path), cwd=tmp_path)
    paths = [line.split(":")[0] for line in proc.stdout.splitlines()]
    assert paths == [str(tmp_path / "a" / "1.md"), str(tmp_path / "b" / "2.txt")]


def test_stdin_with_filename(tmp_path):
    proc = run("check", "--select", "M101", "--format", "concise", "--stdin-filename", "报告.txt", "-", input="要##a##求\n".encode(),
               cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("报告.txt:1:2: M101")


def test_version_rules_and_rule_docs():
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output.startswith("reportlint, version ")
    listing = runner.invoke(main, ["rules"]).output
    assert "M101" in listing and "stray-marker" in listing
    as_json = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    m101 = next(r for r in as_json if r["code"] == "M101")
    assert m101 == {**m101, "family": "M", "severity": "error", "fixable": "safe", "default": True}
    page = runner.invoke(main, ["rule", "M101"]).output
    assert page.startswith("# M101 stray-marker") and "## Flagged" in page and "## Not flagged" in page
    assert runner.invoke(main, ["rule", "stray-marker"]).output == page
    assert runner.invoke(main, ["rule", "X999"]).exit_code == 2


def test_fail_on_threshold(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("二〇二三年3月5日，要##a##求\n", encoding="utf-8")
    runner = CliRunner()
    warn_only = ["check", "--isolated", "--select", "D109", str(f)]  # date-mixed-script is a warning
    assert runner.invoke(main, warn_only).exit_code == 1
    assert runner.invoke(main, [*warn_only, "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(main, [*warn_only, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(main, ["check", "--isolated", "--select", "M101,D109", "--fail-on", "error", str(f)]).exit_code == 1


def test_config_severity_overrides_most_specific_selector(tmp_path):
    (tmp_path / "reportlint.toml").write_text('[severity]\nM = "info"\nM101 = "warning"\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("要##a##求，XX同志\n", encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "--select", "M101,M108", str(f)]).output)
    assert {d["code"]: d["severity"] for d in data} == {"M101": "warning", "M108": "info"}
    (tmp_path / "reportlint.toml").write_text('[severity]\nM101 = "fatal"\n', encoding="utf-8")
    bad = CliRunner().invoke(main, ["check", str(f)])
    assert bad.exit_code == 2 and "key 'severity'" in bad.output


def test_command_line_can_select_a_rule_from_a_config_pack(tmp_path, monkeypatch):
    (tmp_path / "our.toml").write_text(
        '[[rules]]\nkind = "pattern"\ncode = "X101"\nname = "x"\nsummary = "x"\nmessage = "某某某未替换"\n'
        'pattern = "某某某"\nbad = ["某某某"]\ngood = ["某某"]\n', encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('packs = ["our.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("某某某单位\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    found = runner.invoke(main, ["check", "--no-cache", "--select", "X101", "--format", "sarif", "a.txt"])
    assert found.exit_code == 1, found.output
    assert '"id": "X101"' in found.output  # the pack rule's metadata reaches the report
    bad = runner.invoke(main, ["check", "--no-cache", "--select", "NOPE1", "a.txt"])
    assert bad.exit_code == 2 and "command line: unknown rule selector 'NOPE1'" in bad.output
