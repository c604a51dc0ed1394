"""Chinese first: every rule documented and translated, the shipped catalogue compiled from its .po, the CLI in both languages."""

from __future__ import annotations

import gettext
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import catalogue, i18n
from reportlint.formats import BUILTIN_FORMATS
from reportlint.textwidth import width

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def rules():
    return catalogue.builtin_rules()


@pytest.fixture(scope="module")
def po():
    return catalogue.read()


def test_every_rule_has_a_summary_an_explanation_and_a_source(rules):
    for r in rules:
        for field in catalogue.RULE_FIELDS:
            assert getattr(r, field).strip(), f"{r.code} has no {field}"
        assert "catalogue" not in r.source and "TL Art" not in r.source, f"{r.code}: cite the standard in words: {r.source!r}"


def test_every_rule_text_has_a_finished_chinese_translation(rules, po):
    """A rule added or reworded without a translation fails here: run `python -m reportlint.i18n` and translate."""
    assert catalogue.problems(po, rules) == []
    for r in rules:
        for field in catalogue.RULE_FIELDS:
            msg = po.get(getattr(r, field))
            assert HAN.search(msg.string), f"{r.code} {field}: the translation has no Chinese: {msg.string!r}"


def test_the_catalogue_has_every_text_of_the_code(rules, po):
    assert catalogue.missing(po, catalogue.template(rules)) == [], "run `python -m reportlint.i18n` and translate what it adds"


def test_the_shipped_mo_is_the_compiled_po(po):
    shipped = catalogue.MO.read_bytes()
    compiled = catalogue.mo_bytes(po)
    entries = dict(gettext.GNUTranslations(io.BytesIO(compiled))._catalog)  # type: ignore[attr-defined]
    assert catalogue._mo_entries(shipped) == {k: v for k, v in entries.items() if k != ""}, "run `python -m reportlint.i18n`"


def test_rule_texts_follow_the_language(rules):
    r = next(x for x in rules if x.code == "P116")
    i18n.set_language("zh")
    try:
        assert i18n.rule_summary(r) == "结束列举的“等”字前用了顿号"
        assert i18n.rule_source(r).startswith("GB/T 15834—2011《标点符号用法》")
    finally:
        i18n.set_language("en")
    assert i18n.rule_summary(r) == r.summary
    i18n.set_language(None)


@pytest.mark.parametrize(("value", "lang"), [("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"), ("EN", "en"), ("en_US", "en"), ("fr", None), ("", None)])
def test_language_names_are_normalised(value, lang):
    assert i18n.normalize(value) == lang


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    base.update({"COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}, **(env or {}))
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, encoding="utf-8", env=base)


def test_help_is_chinese_by_default_even_with_an_english_locale():
    for locale in ("en_US.UTF-8", "C.UTF-8"):
        proc = _cli("check", "--help", env={"LANG": locale})
        assert proc.returncode == 0
        assert proc.stdout.startswith("用法： reportlint check") and "\n选项：\n" in proc.stdout
        assert "检查报告文件" in proc.stdout and "显示本帮助并退出。" in proc.stdout


@pytest.mark.parametrize("how", [("--lang", "en"), ("--lang=en",), ("REPORTLINT_LANG=en",), ("--help", "--lang", "en")])
def test_help_in_english_on_request(how):
    env = dict(h.split("=", 1) for h in how if h.startswith("REPORTLINT_LANG"))
    args = [h for h in how if not h.startswith("REPORTLINT_LANG")]
    proc = _cli("check", *args, *([] if "--help" in args else ["--help"]), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: reportlint check") and "\nOptions:\n" in proc.stdout
    assert "Show this message and exit." in proc.stdout


def test_the_command_line_beats_the_environment():
    proc = _cli("--lang", "zh", "rules", env={"REPORTLINT_LANG": "en"})
    assert proc.stdout.startswith("代码")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_lists_every_format_and_no_line_is_wider_than_the_terminal(lang):
    for cmd in ([], ["check"], ["rules"], ["rule"]):
        proc = _cli("--lang", lang, *cmd, "--help")
        assert proc.returncode == 0, proc.stderr
        for line in proc.stdout.splitlines():
            assert width(line) <= 80, line
        commands = proc.stdout.split("命令：" if lang == "zh" else "Commands:")[1:]
        assert not any(line.rstrip().endswith("...") for part in commands for line in part.splitlines())  # no cut short help
    check = _cli("--lang", lang, "check", "--help").stdout
    flat = re.sub(r"\s+", "", check)
    for name in BUILTIN_FORMATS:
        assert name in flat, name


def test_click_errors_are_chinese_by_default():
    proc = _cli("check", "--nope")
    assert proc.returncode == 2
    assert "错误：没有选项 '--nope'" in proc.stderr and "查看帮助" in proc.stderr


def test_an_unsupported_language_is_warned_about_and_chinese_used(tmp_path):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    proc = _cli("check", str(tmp_path / "a.txt"), env={"REPORTLINT_LANG": "fr"})
    assert proc.returncode == 0
    assert "REPORTLINT_LANG='fr'" in proc.stderr and "全部通过" in proc.stdout


def test_the_catalogue_tool_check_passes_on_the_committed_catalogue():
    assert catalogue.main(["--check"]) == 0


def test_placeholders_are_compared():
    assert catalogue.placeholders("{n} 处问题（{severities}）") == ["{n}", "{severities}"]
    assert catalogue.placeholders("{{literal}} and ${…}") == ["{…}"]


def test_the_package_ships_the_compiled_catalogue():
    mo = Path(i18n.LOCALE_DIR) / "zh_CN" / "LC_MESSAGES" / "reportlint.mo"
    assert mo.is_file() and mo.stat().st_size > 10_000


def test_errors_are_one_chinese_line_by_default(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "reportlint.toml").write_text("selct = ['M']\n", encoding="utf-8")
    (tmp_path / "bad" / "a.txt").write_text("要##x##求\n", encoding="utf-8")
    missing = subprocess.run([sys.executable, "-m", "reportlint", "check", "缺失.txt"], capture_output=True, text=True,
                             encoding="utf-8", cwd=tmp_path, env={k: v for k, v in os.environ.items() if k != "REPORTLINT_LANG"})
    assert missing.returncode == 2 and missing.stderr.strip() == "缺失.txt: 错误：找不到该文件或文件夹"
    config = subprocess.run([sys.executable, "-m", "reportlint", "check", "a.txt"], capture_output=True, text=True,
                            encoding="utf-8", cwd=tmp_path / "bad", env={k: v for k, v in os.environ.items() if k != "REPORTLINT_LANG"})
    assert config.returncode == 2
    line = config.stderr.strip()
    assert line.startswith("a.txt: 错误：") and "reportlint.toml: 未知的配置项 'selct'（可用的配置项：" in line and "\n" not in line
