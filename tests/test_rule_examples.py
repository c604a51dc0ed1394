"""Every rule documents itself with examples, and every example holds (the fixture per rule)."""

from __future__ import annotations

import pytest

from reportlint.api import Linter
from reportlint.testing import check_examples

RULES = sorted(Linter(isolated=True).all_rules().values(), key=lambda r: r.code)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_examples_hold(rule):
    check_examples(rule)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    assert rule.summary, f"{rule.code} has no summary"
    assert any(e.bad for e in rule.examples), f"{rule.code} has no bad example"
    assert any(not e.bad for e in rule.examples), f"{rule.code} has no good example"
    assert rule.name == rule.name.lower() and " " not in rule.name, f"{rule.code} name {rule.name!r} is not kebab-case"
