"""The reviewed corpus snapshot (tests/corpus/clean-reports.tsv) matches what the rules find on the clean corpus.

Every finding of the default rule set on ../shared/data/clean-reports is listed there with a
proofreader's verdict; a change to a rule that adds or removes findings fails here, printing the
difference, until the snapshot is regenerated (``python bench/corpus_snapshot.py``, verdicts kept)
and the new findings are judged.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_snapshot_module():
    spec = importlib.util.spec_from_file_location("corpus_snapshot", ROOT / "bench" / "corpus_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_snapshot", module)
    spec.loader.exec_module(module)
    return module


cs = _load_snapshot_module()


@pytest.fixture(scope="module")
def snapshot() -> list:
    return cs.read()


def test_every_finding_has_a_verdict_and_a_reason(snapshot):
    bad = [e.show() for e in snapshot if e.verdict not in cs.VERDICTS or not e.reason.strip()]
    assert not bad, (f"{len(bad)} findings without a verdict (real/style/wrong) and a reason in {cs.SNAPSHOT.name}:\n"
                     + "\n".join(bad[:40]))


def test_snapshot_file_is_sorted_and_canonical(snapshot):
    # Merge-friendly: one finding a line in a fixed order, so concurrent edits touch different lines.
    assert cs.SNAPSHOT.read_text(encoding="utf-8") == cs.render(snapshot), \
        "the snapshot is not in canonical order or form: rewrite it with `python bench/corpus_snapshot.py`"


def test_findings_on_the_clean_corpus_equal_the_snapshot(snapshot):
    if not (cs.CORPUS / "texts").is_dir():
        pytest.skip(f"{cs.CORPUS} is absent (../shared/data ships only beside the development checkout)")
    added, removed = cs.difference(snapshot, cs.collect())
    if added or removed:
        pytest.fail("the findings on the clean corpus differ from the snapshot:\n" + cs.describe(added, removed), pytrace=False)


def test_merge_keeps_verdicts_by_file_code_and_context_when_lines_move():
    old = [cs.Entry("a.txt", 3, 1, "P105", "error", "x⟦,⟧y", "real", "r1"),
           cs.Entry("a.txt", 9, 1, "P105", "error", "x⟦,⟧y", "wrong", "r2"),
           cs.Entry("a.txt", 5, 2, "S101", "error", "⟦2.⟧z", "wrong", "r3")]
    new = [cs.Entry("a.txt", 4, 1, "P105", "error", "x⟦,⟧y"),  # moved a line down: keeps the first verdict
           cs.Entry("a.txt", 10, 1, "P105", "error", "x⟦,⟧y"),
           cs.Entry("a.txt", 6, 2, "S101", "error", "⟦3.⟧z")]  # new context: no verdict
    merged = cs.merge(old, new)
    assert [(e.line, e.verdict, e.reason) for e in merged] == [(4, "real", "r1"), (6, "", ""), (10, "wrong", "r2")]
    added, removed = cs.difference(old, new)
    assert len(added) == 3 and len(removed) == 3
    assert "P105 +2/-2" in cs.describe(added, removed)


def test_context_escapes_invisible_and_line_breaking_characters():
    text = "甲乙\u200b丙\t丁\n戊"
    assert cs.context_of(text, 2, 3) == "甲乙⟦\\u200b⟧丙\\t丁"
    assert "\n" not in cs.context_of("前" * 50 + "\n" + "后", 3, 4)


# -- severity by measured precision (docs/precision.md) ----------------------------------------


def _rules() -> dict:
    from reportlint.api import Linter

    return Linter(isolated=True).all_rules()


def _basis() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(cs.BASIS.read_text(encoding="utf-8"))


def test_every_error_rule_has_a_recorded_precision(snapshot):
    """Error only where a rule's corpus findings are >= 95 % real; with fewer than 20 corpus findings,
    a recorded basis (exact by construction, or reviewed on other real text) stands in for the figure."""
    counts = cs.per_rule(snapshot)
    basis = _basis()
    problems = []
    for code, rule in sorted(_rules().items()):
        if rule.severity.value != "error":
            continue
        c = counts.get(code, {})
        n, real = c.get("n", 0), c.get("real", 0)
        if n >= cs.MIN_MEASURED:
            if real / n < cs.ERROR_PRECISION:
                problems.append(f"{code}: {real}/{n} real on the clean corpus ({real / n:.0%}) < {cs.ERROR_PRECISION:.0%}: make it a warning")
            continue
        entry = basis.get(code)
        if entry is None:
            problems.append(f"{code}: error with {n} corpus findings and no basis in {cs.BASIS.name}: record one or make it a warning")
        elif entry.get("basis") == "exact":
            if not entry.get("reason", "").strip():
                problems.append(f"{code}: an exact basis needs a reason")
            if real != n:
                problems.append(f"{code}: recorded as exact, but {n - real} of its {n} corpus findings are not real")
        elif entry.get("basis") == "reviewed":
            total, good = n + int(entry.get("n", 0)), real + int(entry.get("real", 0))
            if not entry.get("where") or total == 0 or good / total < cs.ERROR_PRECISION:
                problems.append(f"{code}: reviewed basis gives {good}/{total} real (needs {cs.ERROR_PRECISION:.0%} and a `where`)")
        else:
            problems.append(f"{code}: unknown basis {entry.get('basis')!r}")
    assert not problems, "severity policy (docs/precision.md):\n" + "\n".join(problems)


def test_severity_basis_names_only_error_rules_below_the_measuring_threshold(snapshot):
    counts = cs.per_rule(snapshot)
    rules = _rules()
    stale = [code for code in _basis() if code not in rules or rules[code].severity.value != "error"
             or counts.get(code, {}).get("n", 0) >= cs.MIN_MEASURED]
    assert not stale, f"entries of {cs.BASIS.name} no longer needed (not an error rule, or measured now): {stale}"


def test_error_findings_on_the_corpus_are_at_least_98_percent_real(snapshot):
    errors = [e for e in snapshot if e.severity == "error"]
    real = sum(e.verdict == "real" for e in errors)
    assert errors and real / len(errors) >= 0.98, f"error-severity findings {real}/{len(errors)} real"


def test_style_variants_never_outrank_the_errors_they_resemble():
    rules = _rules()
    order = {"info": 0, "warning": 1, "error": 2}
    # 1． (full-width dot, a style variant) is info; 1、 (GB/T 15834 B.3) is an error.
    assert order[rules["S104"].severity.value] < order[rules["S103"].severity.value]
    assert rules["S104"].severity.value == "info" and rules["G106"].severity.value == "info"
    assert rules["G111"].severity.value == "warning"
