"""docs/rules.md is generated from the rules: it must not drift from them."""

from __future__ import annotations

from pathlib import Path

from reportlint.api import Linter
from reportlint.docs import rules_reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rule_reference_is_up_to_date():
    expected = rules_reference(Linter(isolated=True).all_rules().values())
    assert DOC.read_text(encoding="utf-8") == expected, "docs/rules.md is stale: run `python -m reportlint.docs`"


def test_every_rule_has_a_page():
    text = DOC.read_text(encoding="utf-8")
    for code in Linter(isolated=True).all_rules():
        assert f"\n## {code} " in text
