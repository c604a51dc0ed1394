"""Every rule documents itself with examples, and every example holds (the fixture per rule)."""

from __future__ import annotations

from pathlib import Path

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


def test_shipped_packs_pass_their_own_example_check():
    # Start-up skips verify_examples for the packs the built-in plugins ship (it cost ~25 ms a run);
    # this is where their examples are held to the same check a user's pack gets at load.
    from reportlint.packs import load_pack, verify_examples

    linter = Linter(isolated=True)
    kinds = linter.rule_kinds()
    packs = [Path(p) for owner, shipped in linter.pm.call_each("reportlint_add_packs") for p in shipped]
    assert len(packs) >= 3
    for path in packs:
        for rule in load_pack(path, kinds):  # verify=True: raises PackError on a broken example
            verify_examples(rule)
