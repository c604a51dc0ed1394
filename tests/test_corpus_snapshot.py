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
