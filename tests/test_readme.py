"""The README's examples work as written: its config loads and its pack loads with its examples checked."""

from __future__ import annotations

from pathlib import Path

from reportlint.api import Linter
from reportlint.kinds import CORE_KINDS
from reportlint.packs import load_pack

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _block(after: str) -> str:
    """The fenced block that follows the line ``after``."""
    return README.split(after, 1)[1].split("```", 1)[0]


def test_readme_config_example_loads(tmp_path):
    config = "select" + _block("# reportlint.toml\nselect")
    (tmp_path / "reportlint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "our-unit.toml").write_text("", encoding="utf-8")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "our_rules.py").write_text("", encoding="utf-8")
    linter = Linter()
    cfg = linter.config_for(tmp_path / "a.txt")
    assert cfg.profile == "工作总结" and cfg.report_year == 2023
    linter.all_rules(cfg)  # every selector in it names a rule


def test_readme_pack_example_loads(tmp_path):
    pack = "[pack]" + _block("```toml\n[pack]")
    (tmp_path / "typos.tsv").write_text("按步就班\t按部就班\n", encoding="utf-8")
    path = tmp_path / "our-unit.toml"
    path.write_text(pack, encoding="utf-8")
    assert [r.code for r in load_pack(path, CORE_KINDS)] == ["X101", "X102", "X201"]


def test_the_chinese_readme_is_linked_and_its_examples_work(tmp_path):
    """README.zh-CN.md: linked from the top of README.md; its config loads; every option it shows exists."""
    import re
    import subprocess
    import sys

    zh = (Path(__file__).resolve().parents[1] / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "README.zh-CN.md" in README.split("\n\n", 2)[1]
    config = zh.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "reportlint.toml").write_text(config, encoding="utf-8")
    cfg = Linter().config_for(tmp_path / "a.txt")
    assert cfg.profile == "工作总结" and cfg.report_year == 2023 and "XX大学" in cfg.accept
    help_text = subprocess.run([sys.executable, "-m", "reportlint", "check", "--help"], capture_output=True, text=True,
                               encoding="utf-8").stdout
    shown = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", zh))
    missing = sorted(o for o in shown if o not in help_text)
    assert shown and not missing, missing
