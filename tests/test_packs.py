"""Declarative TOML packs: kinds pattern and replace, examples checked at load, errors named."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.api import Linter
from reportlint.errors import PackError
from reportlint.kinds import CORE_KINDS
from reportlint.packs import load_pack


def pack(tmp_path: Path, text: str, name: str = "org.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PATTERN_PACK = '''
[pack]
name = "org"

[[rules]]
kind = "pattern"
code = "X101"
name = "old-unit-name"
summary = "The unit's old name"
message = "单位已更名：“{match}”应为“{replacement}”"
pattern = "市农业局"
unless = ["原市农业局"]
replacement = "市农业农村局"
fix = "safe"
bad = [{ text = "市农业局召开会议", fixed = "市农业农村局召开会议" }]
good = ["原市农业局干部", "市农业农村局"]
'''

REPLACE_PACK = '''
[[rules]]
kind = "replace"
code = "X201"
name = "house-typo"
summary = "House typo list"
message = "“{wrong}”应为“{right}”"
entries = [{ wrong = "上时间", right = "长时间", unless = ["线上时间", "网上时间"] }]
file = "more.tsv"
bad = [{ text = "杜绝上时间待机", fixed = "杜绝长时间待机" }]
good = ["线上时间不少于"]
'''


def test_pattern_pack_loads_runs_examples_and_fixes(tmp_path):
    rules = load_pack(pack(tmp_path, PATTERN_PACK), CORE_KINDS)
    assert [r.code for r in rules] == ["X101"]
    rule = rules[0]
    assert rule.fixable == "safe" and rule.severity.value == "warning"
    linter = Linter(isolated=True)
    doc = linter.read_bytes("a.txt", "市农业局和原市农业局".encode())
    found = list(rule.check(doc))
    assert [(f.start, f.end) for f in found] == [(0, 4)]
    assert found[0].message == "单位已更名：“市农业局”应为“市农业农村局”"


def test_replace_pack_with_tsv_and_contexts(tmp_path):
    (tmp_path / "more.tsv").write_text("# wrong\tright\tunless\tnote\n按步就班\t按部就班\t\t成语\n", encoding="utf-8")
    rule = load_pack(pack(tmp_path, REPLACE_PACK), CORE_KINDS)[0]
    doc = Linter(isolated=True).read_bytes("a.txt", "线上时间按步就班上时间".encode())
    found = [(f.start, f.fix.replacement) for f in rule.check(doc)]
    assert found == [(4, "按部就班"), (8, "长时间")]


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (lambda s: s.replace('good = ["原市农业局干部", "市农业农村局"]', 'good = ["市农业局"]'), "flags its good example"),
        (lambda s: s.replace('fixed = "市农业农村局召开会议"', 'fixed = "错"'), "expected '错'"),
        (lambda s: s.replace('pattern = "市农业局"', 'pattern = "市农业局("'), "does not compile"),
        (lambda s: s.replace('kind = "pattern"', 'kind = "nope"'), "unknown kind 'nope'"),
        (lambda s: s.replace('code = "X101"', 'code = "x1"'), "must be 1-3 capital letters"),
        (lambda s: s.replace('fix = "safe"', 'fixx = "safe"'), "unknown key(s) fixx"),
        (lambda s: s.replace('pattern = "市农业局"', ""), "missing key 'pattern'"),
    ],
)
def test_bad_packs_name_pack_and_rule(tmp_path, mutate, needle):
    path = pack(tmp_path, mutate(PATTERN_PACK))
    with pytest.raises(PackError) as exc:
        load_pack(path, CORE_KINDS)
    assert needle in str(exc.value)
    assert "pack 'org'" in str(exc.value) or str(path) in str(exc.value)


def test_replace_context_must_contain_the_word(tmp_path):
    bad = REPLACE_PACK.replace('"网上时间"', '"网上"').replace('file = "more.tsv"\n', "")
    with pytest.raises(PackError, match="unless context '网上' does not contain it"):
        load_pack(pack(tmp_path, bad), CORE_KINDS)


def test_user_pack_through_config_and_cli(tmp_path):
    (tmp_path / "packs").mkdir()
    pack(tmp_path, PATTERN_PACK, "packs/org.toml")
    (tmp_path / "reportlint.toml").write_text('packs = ["packs/org.toml"]\nselect = ["X"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("市农业局召开会议\n", encoding="utf-8")
    result = Linter().check_path(doc)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("X101", 1, 1)]
    assert result.findings[0].severity.value == "warning"


def test_every_shipped_pack_loads():
    rules = Linter(isolated=True).all_rules()
    assert all(r.code for r in rules.values())


ANCHORED_PACK = '''
[[rules]]
kind = "pattern"
code = "X301"
name = "docno-brackets"
summary = "A document number in square brackets"
message = "发文字号应使用六角括号：“{match}”"
pattern = '\\p{Han}{1,8}[发字]\\[(?P<year>\\d{4})\\](?P<num>\\d{1,4})号'
anchors = ["号"]
replacement = '〔\\g<year>〕\\g<num>号'
bad = ["依据国办发[2023]5号文件"]
good = ["依据国办发〔2023〕5号文件"]
'''


def test_pattern_pack_with_anchors_finds_what_the_plain_pattern_finds(tmp_path):
    anchored = load_pack(pack(tmp_path, ANCHORED_PACK), CORE_KINDS)[0]
    plain = load_pack(pack(tmp_path, ANCHORED_PACK.replace('anchors = ["号"]\n', ""), "plain.toml"), CORE_KINDS)[0]
    text = "一、依据国办发[2023]5号、京政字[2022]12号文件。\n第5号；国办发[2021]3号" * 3
    doc = Linter(isolated=True).read_bytes("a.txt", text.encode())
    found = [(f.start, f.end, f.message) for f in anchored.check(doc)]
    assert len(found) == 9
    assert found == [(f.start, f.end, f.message) for f in plain.check(doc)]


@pytest.mark.parametrize(
    ("anchors", "needle"),
    [
        ('["发"]', "need not contain one of ['发']"),  # 字 would do as well
        ('["號"]', "need not contain"),
        ("[]", "anchors must be non-empty strings"),
        ('"号"', "must be a list of str"),
    ],
)
def test_pack_anchors_that_cannot_be_proven_do_not_load(tmp_path, anchors, needle):
    path = pack(tmp_path, ANCHORED_PACK.replace('anchors = ["号"]', f"anchors = {anchors}"))
    with pytest.raises(PackError, match="rule X301") as exc:
        load_pack(path, CORE_KINDS)
    assert needle in str(exc.value)
