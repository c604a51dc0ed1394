"""docs/rules.md (Chinese) and docs/rules.en.md are generated from the rules: they must not drift from them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import i18n
from reportlint.api import Linter
from reportlint.docs import PAGES, rules_reference

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_rule_reference_is_up_to_date(lang):
    i18n.set_language(lang)
    try:
        expected = rules_reference(Linter(isolated=True).all_rules().values())
    finally:
        i18n.set_language(None)
    page = ROOT / PAGES[lang]
    assert page.read_text(encoding="utf-8") == expected, f"{PAGES[lang]} is stale: run `python -m reportlint.docs`"


def test_every_rule_has_a_page_in_each_language():
    codes = Linter(isolated=True).all_rules()
    for page in PAGES.values():
        text = (ROOT / page).read_text(encoding="utf-8")
        for code in codes:
            assert f"\n## {code} " in text, (page, code)
    zh = (ROOT / PAGES["zh"]).read_text(encoding="utf-8")
    assert "会报告的写法" in zh and "依据：GB/T 15834—2011《标点符号用法》" in zh


def test_docs_module_help_writes_no_file(tmp_path):
    """`python -m reportlint.docs --help` prints help; it once wrote a file named --help."""
    proc = subprocess.run([sys.executable, "-m", "reportlint.docs", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and "usage:" in proc.stdout
    assert list(tmp_path.iterdir()) == []
    one = subprocess.run([sys.executable, "-m", "reportlint.docs", "--lang", "en", "-o", "r.md"], capture_output=True, text=True,
                         cwd=tmp_path)
    assert one.returncode == 0 and (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Rule reference")
