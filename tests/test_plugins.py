"""Plugins: a third-party plugin installed from its own pyproject, local plugins, autoload switch, hook checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportlint.api import Linter
from reportlint.errors import PluginError
from reportlint.plugins import DISABLE_AUTOLOAD_ENV, PluginManager

PLUGIN_SRC = '''
"""A third-party reportlint plugin: flags 某某单位."""
from reportlint import hookimpl, rule


@rule("ZZ101", "placeholder-unit", "某某单位 left in the text", bad=["某某单位召开会议"], good=["本单位召开会议"])
def unit(self, doc):
    i = doc.text.find("某某单位")
    while i != -1:
        yield self.finding(i, i + 4, "“某某单位”未替换为实际单位")
        i = doc.text.find("某某单位", i + 1)


@hookimpl
def reportlint_add_rules(config):
    return [unit]
'''


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory) -> Path:
    """Build and install a real distribution with an entry point into a private site folder."""
    src = tmp_path_factory.mktemp("plugin-src")
    (src / "reportlint_zz").mkdir()
    (src / "reportlint_zz" / "__init__.py").write_text(PLUGIN_SRC, encoding="utf-8")
    (src / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "reportlint-zz"
            version = "1.0"

            [project.entry-points.reportlint]
            zz = "reportlint_zz"

            [tool.hatch.build.targets.wheel]
            packages = ["reportlint_zz"]
            """
        ),
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(site), str(src)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot build the test plugin here (hatchling missing?): {proc.stderr[-300:]}")
    return site


def _run(site: Path, *args: str, env_extra: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != DISABLE_AUTOLOAD_ENV}
    env.update(PYTHONPATH=str(site), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_third_party_plugin_is_listed_and_fires(installed_plugin, tmp_path):
    listing = json.loads(_run(installed_plugin, "rules", "--format", "json").stdout)
    zz = next(r for r in listing if r["code"] == "ZZ101")
    assert zz["plugin"] == "zz" and zz["family"] == "ZZ"
    doc = tmp_path / "a.txt"
    doc.write_text("某某单位召开会议\n", encoding="utf-8")
    proc = _run(installed_plugin, "check", "--select", "ZZ", "--format", "concise", str(doc))
    assert proc.returncode == 1
    assert f"{doc}:1:1: ZZ101 “某某单位”未替换为实际单位" in proc.stdout


def test_autoload_can_be_turned_off(installed_plugin):
    listing = _run(installed_plugin, "rules", "--format", "json", env_extra={DISABLE_AUTOLOAD_ENV: "1"})
    codes = {r["code"] for r in json.loads(listing.stdout)}
    assert "ZZ101" not in codes and "M101" in codes  # built-ins still load


def test_local_plugin_file_named_in_config(tmp_path):
    (tmp_path / "myplugin.py").write_text(PLUGIN_SRC.replace("ZZ101", "LP101"), encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('plugins = ["myplugin.py"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("某某单位召开会议\n", encoding="utf-8")
    findings = Linter().check_path(doc).findings
    assert [f.code for f in findings] == ["LP101"]


def test_crashing_plugin_is_named_and_exits_2(tmp_path):
    (tmp_path / "boom.py").write_text(
        textwrap.dedent(
            '''
            from reportlint import hookimpl, rule

            @rule("BM101", "boom", "always crashes", bad=["x"], good=["y"])
            def boom(self, doc):
                raise ValueError("kaput")
                yield

            @hookimpl
            def reportlint_add_rules(config):
                return [boom]
            '''
        ),
        encoding="utf-8",
    )
    (tmp_path / "reportlint.toml").write_text('plugins = ["boom.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("要##a##求\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "concise", "a.txt"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "BM101" in err[0] and "boom.py" in err[0] and "ValueError: kaput" in err[0]
    assert "a.txt:1:2: M101" in proc.stdout  # the other rules still ran
    verbose = subprocess.run([sys.executable, "-m", "reportlint", "check", "-v", "a.txt"], capture_output=True, text=True, cwd=tmp_path)
    assert "Traceback" in verbose.stderr


def test_misspelled_hook_fails_at_start_up():
    class Bad:
        from reportlint import hookimpl

        @hookimpl
        def reportlint_add_rulez(self, config):  # a typo of reportlint_add_rules
            return []

    pm = PluginManager()
    pm.register(Bad(), "bad")
    with pytest.raises(PluginError, match="reportlint_add_rulez"):
        pm.check_pending()


def test_shared_scans_are_shared_within_a_family_and_released_after_it():
    # Context.memo serves the rules of one family; the engine drops it when the code letter
    # changes, so a huge file holds one family's scans at a time, not all of them.
    # Context.shared serves every family.
    from reportlint.document import Document
    from reportlint.engine import lint
    from reportlint.rules import rule

    calls: list[str] = []

    def scan(doc: Document) -> int:
        calls.append("scan")
        return len(doc.text)

    def shared(doc: Document) -> int:
        calls.append("shared")
        return 1

    def asker(code: str):
        @rule(code, f"asker-{code.lower()}", "asks for the shared scan", bad=[], good=[])
        def check(self, doc, ctx):
            ctx.memo("test.scan", scan)
            ctx.shared("test.shared", shared)
            calls.append(code)
            return iter(())

        return check

    lint(Document("正文"), [asker("X101"), asker("X102"), asker("Y101")])
    assert calls == ["scan", "shared", "X101", "X102", "scan", "Y101"]


def test_a_rule_subclass_that_overrides_check_is_called_through_it():
    from reportlint.document import Document
    from reportlint.engine import lint
    from reportlint.rules import Rule

    class Counting(Rule):
        def check(self, document):
            yield self.finding(0, 1, "seen by the override")

    r = Counting("X101", "counting", "test", check_fn=lambda rule, doc: iter(()))
    rules = [r]
    assert [f.message for f in lint(Document("正文"), rules)[0]] == ["seen by the override"]
    rules[0] = Rule("X102", "plain", "test", check_fn=lambda rule, doc: iter(()))  # same list, changed
    assert lint(Document("正文"), rules)[0] == []


def test_a_plugin_reader_takes_its_file_type_and_leaves_the_others(tmp_path):
    # read_bytes calls the built-in readers directly when they are the only ones: a plugin that
    # adds a reader must still be asked first.
    (tmp_path / "rst.py").write_text(
        textwrap.dedent(
            '''
            from reportlint import hookimpl
            from reportlint.document import Document

            @hookimpl
            def reportlint_read_document(path, data):
                if path.endswith(".rst"):
                    return Document(data.decode("utf-8").replace("==", ""), path=path, format="rst")
                return None
            '''
        ),
        encoding="utf-8",
    )
    (tmp_path / "reportlint.toml").write_text('plugins = ["rst.py"]\n', encoding="utf-8")
    (tmp_path / "a.rst").write_text("要##a##求==\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("要##b##求\n", encoding="utf-8")
    linter = Linter()
    rst = linter.check_path(tmp_path / "a.rst")
    assert rst.document is not None and rst.document.format == "rst" and rst.document.text == "要##a##求\n"
    assert [f.code for f in rst.findings] == ["M101"]
    assert [f.code for f in linter.check_path(tmp_path / "b.txt").findings] == ["M101"]


def test_a_local_plugin_acts_only_on_files_its_config_governs(tmp_path):
    """A plugin file named in one folder's config is that folder's (as a conftest is): its rules and
    filters do not reach files under another config checked in the same run."""
    import subprocess
    import sys

    plugin = '''
from reportlint.plugin import hookimpl, rule

@rule("ZZ101", "jia", "甲", bad=["甲"], good=["乙"], source="test")
def jia(self, doc):
    i = doc.text.find("甲")
    if i != -1:
        yield self.finding(i, i + 1, "甲")

@hookimpl
def reportlint_add_rules(config):
    return [jia]

@hookimpl
def reportlint_filter_finding(finding, document, config):
    return True if finding.code == "M101" else None
'''
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.txt").write_text("甲##paidbegin##乙\n", encoding="utf-8")
    (tmp_path / "a" / "ours.py").write_text(plugin, encoding="utf-8")
    (tmp_path / "a" / "reportlint.toml").write_text('plugins = ["ours.py"]\nextend-select = ["ZZ"]\n', encoding="utf-8")
    (tmp_path / "b" / "reportlint.toml").write_text("", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--lang", "en", "--format", "concise", "a", "b"],
                          cwd=tmp_path, capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    assert any(line.startswith("a/r.txt") and "ZZ101" in line for line in lines), proc.stdout + proc.stderr
    assert not any(line.startswith("a/r.txt") and "M101" in line for line in lines)  # filtered in a/
    assert any(line.startswith("b/r.txt") and "M101" in line for line in lines)  # not in b/
    assert not any(line.startswith("b/r.txt") and "ZZ101" in line for line in lines)
