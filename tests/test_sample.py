"""The bundled sample report end to end: every real defect found once, nothing else; --fix converges."""

from __future__ import annotations

import shutil
import subprocess
import sys

# (family, line, matched text) of every real defect in the sample (issues 2-7 list them).
EXPECTED = {
    ("M", 2, "XX"),  # unfilled placeholder
    ("M", 5, "##paidbegin##"),
    ("P", 4, "、、"),
    ("P", 5, " "),  # the space in “谈话会 。”
    ("D", 8, "-"),  # 4月27日-28日: reported once, by D
    ("T", 8, "上时间"),
    ("M", 16, "##paidend##"),
}


def _findings(path):
    from reportlint.api import Linter

    result = Linter(isolated=True).check_path(path)
    assert result.problems == []
    return result


def test_sample_default_rules_find_exactly_the_real_defects(sample_path):
    result = _findings(sample_path)
    text = result.document.text
    got = {(f.code[0], f.line, text[f.start:f.end]) for f in result.findings}
    # Each real defect once (the matched text may be wider than the defect, e.g. a whole range).
    for family, line, needle in EXPECTED:
        hits = [f for f in result.findings if f.code[0] == family and f.line == line and needle in text[f.start:f.end]]
        assert len(hits) == 1, f"{family} on line {line} ({needle!r}): {len(hits)} findings; all: {sorted(got)}"
    assert len(result.findings) == len(EXPECTED), sorted(got)


def test_sample_fix_converges_and_removes_only_what_it_should(sample_path, tmp_path):
    copy = tmp_path / sample_path.name
    shutil.copy(sample_path, copy)
    before = copy.read_text(encoding="utf-8")
    first = subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated", "--fix", str(copy)], capture_output=True,
                           text=True)
    assert first.returncode in (0, 1), first.stderr
    after = copy.read_text(encoding="utf-8")
    assert "##paid" not in after and "、、" not in after and "谈话会。" in after
    assert len(before) - len(after) <= len("##paidbegin##") + len("##paidend##") + 2 + 2
    second = subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated", "--fix", str(copy)], capture_output=True,
                            text=True)
    assert copy.read_text(encoding="utf-8") == after, "a second --fix changed the file again"
    assert "[*]" not in second.stdout, "fixable findings left after --fix"
