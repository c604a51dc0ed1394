"""Fuzzing (hypothesis, bounded): any text through every rule, any bytes through every reader.

Whatever rules exist when the suite runs are exercised (select ALL, isolation on):
no rule may crash, hang or report a span outside the text, and line/column must
agree with the span. Random or mutated file bytes give a Document or an
InputError for that file, never another exception.
"""

from __future__ import annotations

import io
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import Linter
from reportlint.document import Document
from reportlint.engine import LintResult
from reportlint.errors import InputError
from reportlint.fixes import apply_fixes
from reportlint.formats import FormatContext

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

_LINTER: Linter | None = None


def linter() -> Linter:
    """One Linter for the module: every rule selected, no config files read."""
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(isolated=True, select=["ALL"])
    return _LINTER


# Pieces a report is made of, and pieces that break naive code: astral CJK (U+20000+),
# emoji with ZWJ, combining marks, BOM, RTL override, full-width space, CR, lone CR.
PIECES = [
    "一、", "二、", "（一）", "（二）", "1.", "2．", "（1）", "①", "第一章", "第一条", "一是", "二是", "首先，",
    "总体情况", "工作总结", "2023年", "4月27日-28日", "2023年度", "百分之五十", "50%", "3.5万元", "1,234",
    "加强党风廉政建设", "上时间待机", "学习强国、、微博", "谈话会 。", "XX", "××", "某某", "##paidbegin##",
    "，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）", "《", "》", "【", "】", "——", "……",
    "·", "-", "~", "(", ")", ",", ".", ";", ":", "\"", "'", "#", "##", "**", "`", "```", "> ", "- ", "[链接](http://x.cn)",
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\u3000", "\ufeff", "\u200b", "\u200d", "\u202e", "\u0301", "\u0332",
    "𠀀", "𪚥", "😀", "👨\u200d👩\u200d👧", "e\u0301", "a", "Z", "0", "9", "１２３", "ＡＢＣ",
]

report_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
# Any code point but lone surrogates (no reader can produce those: they do not decode).
any_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


def assert_sane(doc: Document, result: LintResult) -> None:
    """No problem; every finding inside the text, line/column matching its span, sorted; fixes apply."""
    assert not result.problems, "\n".join(str(p) for p in result.problems)
    n = len(doc.text)
    lines = doc.lines
    for f in result.findings:
        assert 0 <= f.start <= f.end <= n, f
        assert lines.offset(f.line, f.column) == f.start, f
        assert lines.offset(f.end_line, f.end_column) == f.end, f
        assert isinstance(f.message, str) and f.message, f
    keys = [(f.start, f.end, f.code) for f in result.findings]
    assert keys == sorted(keys)
    if len(result.findings) <= MAX_FIXES_APPLIED:
        fixed, _ = apply_fixes(doc.text, result.findings, unsafe=True)
        assert isinstance(fixed, str)


#: fixes.select_fixes is quadratic in the number of fixes (see test_selecting_many_fixes_is_not_quadratic).
MAX_FIXES_APPLIED = 1000


def render_all(result: LintResult) -> None:
    """Every output format writes the result without raising."""
    lint = linter()
    ctx = FormatContext(rules=lint.all_rules(), statistics=True)
    for name, fmt in lint.formats().items():
        out = io.StringIO()
        try:
            fmt([result], out, ctx)
        except Exception as exc:  # name the format in the failure
            raise AssertionError(f"format {name!r} crashed: {type(exc).__name__}: {exc}") from exc


def check_text(text: str, name: str = "fuzz.txt") -> tuple[Document, LintResult]:
    doc = Document(text, path=name)
    result = linter().check_document(doc)
    assert_sane(doc, result)
    return doc, result


def test_every_rule_is_exercised():
    """The fuzz targets really run rules (and which ones, in the failure message if none)."""
    rules = linter().selected_rules(linter().default_config())
    assert rules and all(r.code for r in rules)
    assert "M101" in {r.code for r in rules}


@FUZZ
@given(report_like)
def test_report_like_text_through_every_rule(text):
    _, result = check_text(text)
    render_all(result)


@FUZZ
@given(any_unicode)
def test_any_unicode_through_every_rule(text):
    check_text(text)


@FEW
@given(report_like)
def test_report_like_text_as_markdown(text):
    """The Markdown reader's skip and paragraph spans never break a rule."""
    try:
        doc = linter().read_bytes("fuzz.md", text.encode("utf-8"))
    except InputError:
        return  # e.g. too many control characters: a clear error, fine
    for s, e in doc.skip_spans:
        assert 0 <= s <= e <= len(doc.text)
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end] == p.text
    assert_sane(doc, linter().check_document(doc))


@FEW
@given(report_like)
def test_fix_passes_never_lose_the_document(text):
    """Fixing runs to a fixed point without problems, and fixing again changes nothing more."""
    doc = Document(text, path="fuzz.txt")
    fixed, result = linter().fix_document(doc, unsafe=False)
    assert not result.problems, "\n".join(str(p) for p in result.problems)
    assert isinstance(fixed.text, str)


# -- big and degenerate texts: deterministic, each timed ----------------------------------

ONE_MB = 1024 * 1024
SENTENCE = "我们要进一步加强党风廉政建设，落实“两个责任”，2023年4月27日召开会议、部署工作；"
#: The 1 MB line runs once (all rules together take seconds on it); the others are kept small.
BIG_LINE = (SENTENCE * (ONE_MB // len(SENTENCE) + 1))[:ONE_MB]
DEGENERATE = {
    "64k-one-char": "啊" * 65536,
    "16k-astral": "𠀀" * 16384,
    "combining-storm": "a" + "\u0301" * 20_000,
    "only-punctuation": "，。、；：？！“”‘’（）《》【】——……·" * 500,
    "only-punctuation-lines": "。\n、、\n，，，\n！？\n" * 500,
    "only-headings": "一、\n（一）\n1.\n（1）\n①\n第一章\n第一条\n一是\n" * 200,
    "headings-with-titles": "".join(f"{'一二三四五六七八九十'[i % 10]}、标题{i}\n（{'一二三'[i % 3]}）小标题\n" for i in range(300)),
    "deep-nesting": "".join(f"{'#' * (i % 6 + 1)} {i}.{i}.{i}.{i} 标题\n" for i in range(500)),
    "blank-lines": "\n" * 20_000,
    "crlf-only": "\r\n" * 10_000,
    "lone-cr": "第一段\r第二段\r" * 2_000,
    "bom-and-zero-width": "\ufeff" + "\u200b\u200d\u2060\ufeff" * 1_000,
    "empty": "",
    "one-space": " ",
    "control-chars": "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" * 500,
    "long-digits": "1" * 20_000 + "年",
    "long-hashes": "#" * 50_000 + "a" + "#" * 50_000,
    "many-brackets": "（" * 10_000 + "）" * 10_000,
    "many-quotes": "“" * 5_000,
}

#: All rules together slower than this on one text is reported as a hang.
PER_TEXT_BUDGET = 20.0


def _timed_check(doc: Document) -> float:
    t0 = time.perf_counter()
    result = linter().check_document(doc)
    elapsed = time.perf_counter() - t0
    assert_sane(doc, result)
    return elapsed


@pytest.mark.parametrize("name", list(DEGENERATE))
def test_degenerate_text_no_crash_no_hang(name):
    from reportlint.readers.md import markdown_spans

    text = DEGENERATE[name]
    skip, paras = markdown_spans(text)
    for doc in (Document(text, path=f"{name}.txt"), Document(text, path=f"{name}.md", format="md", paragraph_spans=paras, skip_spans=skip)):
        elapsed = _timed_check(doc)
        assert elapsed < PER_TEXT_BUDGET, f"{doc.path} took {elapsed:.1f} s"


def test_a_1mb_line_without_newline():
    elapsed = _timed_check(Document(BIG_LINE, path="big.txt"))
    assert elapsed < 60, f"all rules took {elapsed:.1f} s on a 1 MB line"


@pytest.mark.skipif(not os.environ.get("REPORTLINT_SLOW_TESTS"), reason="set REPORTLINT_SLOW_TESTS=1 to time each rule alone")
def test_no_single_rule_is_slow_on_a_1mb_line():
    """Times each rule alone on the 1 MB line, so a slow one is named (slow: opt-in)."""
    from reportlint.engine import lint

    slow = []
    for rule in linter().selected_rules(linter().default_config()):
        doc = Document(BIG_LINE, path="big.txt")
        t0 = time.perf_counter()
        _, problems = lint(doc, [rule])
        elapsed = time.perf_counter() - t0
        assert not problems, problems
        if elapsed > 5.0:
            slow.append(f"{rule.code} {elapsed:.1f}s")
    assert not slow, f"rules slower than 5 s on a 1 MB line: {slow}"


def test_selecting_many_fixes_is_not_quadratic():
    """20,000 fixes are chosen in well under the hang limit (the old pairwise check took ~40 s).

    A hang guard, not a speed measurement (bench/ measures speed): the bound is two orders
    of magnitude above the expected time, so machine load cannot make it flaky.
    """
    from reportlint.rules import Finding, Fix

    n = 20_000
    findings = [Finding("P101", "p", "重复", 2 * i, 2 * i + 2, fix=Fix("、")) for i in range(n)]
    t0 = time.perf_counter()
    fixed, count = apply_fixes("、、" * n, findings)
    elapsed = time.perf_counter() - t0
    assert count == n and fixed == "、" * n
    assert elapsed < 10, f"{n} fixes took {elapsed:.1f} s"
