"""Baselines: --write-baseline records findings without line numbers; --baseline reports only new ones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reportlint.cli import main

DEFECT = "要##paidbegin##求全市各单位认真落实。\n"


@pytest.fixture(autouse=True)
def _cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))


def _check(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", "--format", "concise", *args])


def test_baselined_finding_survives_inserted_lines_and_returns_when_its_text_changes(tmp_path):
    doc = tmp_path / "总结.txt"
    doc.write_text("关于工作的总结\n" + DEFECT, encoding="utf-8")
    wrote = _check("--write-baseline", "baseline.json", "总结.txt")
    assert wrote.exit_code == 0, wrote.output
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["findings"] and all(set(e) == {"path", "code", "hash"} for e in data["findings"])
    assert _check("--baseline", "baseline.json", "总结.txt").exit_code == 0

    # Lines inserted above: the finding moves from line 2 to line 5 and stays silent.
    doc.write_text("关于工作的总结\n一、总体情况\n今年工作平稳。\n二、主要做法\n" + DEFECT, encoding="utf-8")
    moved = _check("--baseline", "baseline.json", "总结.txt")
    assert moved.exit_code == 0, moved.output
    assert _check("总结.txt").output.count("M101") == 1  # without the baseline it is still there, on line 5

    # The flagged text itself changes: a new finding, reported.
    doc.write_text("关于工作的总结\n" + DEFECT.replace("##paidbegin##", "##paidend##"), encoding="utf-8")
    changed = _check("--baseline", "baseline.json", "总结.txt")
    assert changed.exit_code == 1 and "M101" in changed.output


def test_a_second_copy_of_a_baselined_defect_is_new(tmp_path):
    (tmp_path / "a.txt").write_text(DEFECT, encoding="utf-8")
    assert _check("--write-baseline", "b.json", "a.txt").exit_code == 0
    (tmp_path / "a.txt").write_text(DEFECT + DEFECT, encoding="utf-8")
    res = _check("--baseline", "b.json", "a.txt")
    assert res.exit_code == 1 and res.output.count("M101") == 1


def test_baseline_from_config_key(tmp_path):
    (tmp_path / "a.txt").write_text(DEFECT, encoding="utf-8")
    assert _check("--write-baseline", "bl.json", "a.txt").exit_code == 0
    (tmp_path / "reportlint.toml").write_text('baseline = "bl.json"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--format", "concise", "a.txt"])
    assert res.exit_code == 0, res.output
    (tmp_path / "b.txt").write_text(DEFECT, encoding="utf-8")  # same text, another file: not baselined
    res = CliRunner().invoke(main, ["check", "--format", "concise", "a.txt", "b.txt"])
    assert res.exit_code == 1 and "b.txt" in res.output and "a.txt" not in res.output


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "a.txt").write_text(DEFECT, encoding="utf-8")
    assert _check("--write-baseline", "docs/bl.json", "docs/a.txt").exit_code == 0
    assert json.loads((sub / "bl.json").read_text(encoding="utf-8"))["findings"][0]["path"] == "a.txt"
    monkeypatch.chdir(sub)
    assert _check("--baseline", "bl.json", "a.txt").exit_code == 0


def test_missing_or_bad_baseline_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(DEFECT, encoding="utf-8")
    res = _check("--baseline", "nope.json", "a.txt")
    assert res.exit_code == 2 and "baseline file not found" in res.output
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    res = _check("--baseline", "bad.json", "a.txt")
    assert res.exit_code == 2 and "not a reportlint baseline" in res.output


def test_fingerprint_ignores_distant_text_but_not_nearby_text():
    from reportlint.baseline import fingerprint
    from reportlint.rules import Finding

    def fp(text: str, needle: str) -> str:
        i = text.index(needle)
        return fingerprint(text, Finding("M101", "m", "", i, i + len(needle)))

    base = fp("第一行\n要##x##求全市各单位\n", "##x##")
    assert fp("新增内容\n第一行\n要##x##求全市各单位\n", "##x##") == base
    assert fp("第一行改了\n要##x##求全市各单位\n", "##x##") == base
    assert fp("第一行\n需##x##求全市各单位\n", "##x##") != base
    assert fp("第一行\r\n要##x##求全市各单位\r\n", "##x##") == base
