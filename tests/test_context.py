"""The rule context: settings reach rules through the check, never through the Document."""

from __future__ import annotations

import dataclasses

import pytest

from reportlint.api import Linter
from reportlint.context import Context
from reportlint.document import Document
from reportlint.rules import rule

SIGNED_2025 = "工作总结\n一、主要工作\n今年完成了各项任务。\n二、存在问题及下一步打算\n继续努力。\n2025年3月1日\n"


def _d107(linter: Linter, doc: Document) -> list[str]:
    return [f.code for f in linter.check_document(doc).findings if f.code == "D107"]


def test_one_document_checked_under_two_report_years_gets_each_years_answer():
    """The bug this design fixes: the engine wrote report-year into doc.meta with setdefault, so a
    Document checked with 2023 kept 2023 when checked again under a Linter set to 2024."""
    l2023 = Linter(isolated=True, report_year=2023, select=["D"])
    l2024 = Linter(isolated=True, report_year=2024, select=["D"])
    doc = l2023.read_bytes("a.txt", SIGNED_2025.encode())
    assert _d107(l2023, doc) == ["D107"]  # signed more than a year after 2023 ended
    assert _d107(l2024, doc) == []  # the same Document, as a fresh one gives
    assert _d107(l2024, l2024.read_bytes("a.txt", SIGNED_2025.encode())) == []
    assert _d107(l2023, doc) == ["D107"]


def test_the_document_is_frozen_and_its_meta_read_only():
    doc = Document("正文")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "别的"  # type: ignore[misc]
    with pytest.raises(TypeError, match="read-only"):
        doc.meta["report_year"] = 2023  # type: ignore[index]


def test_report_year_is_configured_else_read_from_the_title_by_the_dates_plugin():
    seen: list[int | None] = []

    @rule("X901", "year-asker", "asks for the report year", bad=[], good=[])
    def asker(self, doc, ctx):
        seen.append(ctx.report_year)
        return iter(())

    linter = Linter(isolated=True)
    for text, year in (("2021—2023年工作报告\n正文。\n", 2023), ("工作总结\n正文。\n", None)):
        doc = linter.read_bytes("a.txt", text.encode())
        ctx = Context(doc, linter.default_config(), infer_year=linter._infer_year)
        list(asker.check(doc, ctx))
        assert seen[-1] == year, text
    configured = Linter(isolated=True, report_year=2019)
    doc = configured.read_bytes("a.txt", "2023年工作总结\n".encode())
    assert Context(doc, configured.default_config(), infer_year=configured._infer_year).report_year == 2019


def test_a_two_argument_check_function_still_works():
    @rule("X902", "old-style", "a check without the context parameter", bad=["甲"], good=["乙"])
    def old_style(self, doc):
        i = doc.text.find("甲")
        if i != -1:
            yield self.finding(i, i + 1, "甲")

    assert [f.code for f in old_style.check(Document("甲"))] == ["X902"]
    from reportlint.engine import lint

    findings, problems = lint(Document("甲乙"), [old_style])
    assert [f.code for f in findings] == ["X902"] and not problems
