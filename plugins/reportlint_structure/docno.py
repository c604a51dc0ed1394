"""Document numbers (发文字号) S401: 机关代字 + 〔year〕 + number + 号, GB/T 9704-2012 7.2.5.

The year goes in 六角括号 〔〕 (U+3014/U+3015), in full (four digits); the number has no
leading zero and no 第. Lookalike brackets — [] ［］ 【】 （） () ﹝﹞ — are the common slip
(catalogue A10). Court case numbers such as （2023）京0105民初123号 use round brackets by
their own rules and are left alone: after their bracket comes a court code, not a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Applicability, Fix, anchored

# The 机关代字 ends in one of the characters that close it in practice (国办发, 京政字, 国办函,
# 中办通, 主席令 …); requiring one keeps prose such as 第（2023）… out.
# Run only around each 号 (every match ends with one; a report has a few, ~1 in 5,000 characters):
# the lazy 代字 prefix tried at every Han character was a fifth of the default rule set's time.
_DOCNO = anchored(
    re.compile,
    r"(?P<org>[\u4e00-\u9fff]{1,10}?[发字函办令通电复规呈报明])"
    r"(?P<open>[\[［【（(﹝〔〘])(?P<year>[0-9]{2}|[0-9]{4})(?P<close>[\]］】）)﹞〕〙])"
    r"(?P<di>第)?(?P<num>[0-9]{1,5})号",
    anchors=["号"],
)


@rule(
    "S401",
    "docno-format",
    "A document number (发文字号) not written 代字〔2023〕5号: brackets, year, leading zero, 第",
    severity="error",
    fixable="safe",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.2.5 (the document number)",
    explanation=(
        "A 发文字号 is the issuing organ's code, the year in full in 六角括号 〔〕, and the number "
        "without leading zeros or 第, followed by 号: 国办发〔2023〕5号. Square, lenticular and "
        "round brackets are lookalikes and are replaced (safe); a two-digit year is reported "
        "without a fix, since the century is a guess. Court case numbers (（2023）京01民终12号) "
        "are not document numbers and are left alone."
    ),
    bad=[
        ("根据《意见》（国办发[2023]05号）", "根据《意见》（国办发〔2023〕5号）"),
        ("见市政发（2023）第12号文件", "见市政发〔2023〕12号文件"),
        ("京政办发【2022】3号", "京政办发〔2022〕3号"),
        "国办发〔23〕5号",
    ],
    good=["按照《通知》（国发〔2023〕1号）执行", "（2023）京0105民初123号判决", "第（2023）号", "国发〔2023〕15号"],
)
def docno_format(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag lookalike brackets, short years, leading zeros and 第 in document numbers."""
    text = doc.text
    for m in _DOCNO.finditer(text):
        wrong_brackets = m.group("open") != "〔" or m.group("close") != "〕"
        zero = len(m.group("num")) > 1 and m.group("num").startswith("0")
        short_year = len(m.group("year")) == 2
        if not (wrong_brackets or zero or short_year or m.group("di")):
            continue
        start, end = m.start("open"), m.end()
        if short_year:
            yield self.finding(start, end, f"发文字号年份应写全四位：“{text[start:end]}”")
            continue
        fixed = f"〔{m.group('year')}〕{int(m.group('num'))}号"
        problems = [p for p, on in (("六角括号应为“〔〕”", wrong_brackets), ("序号不加“第”", bool(m.group("di"))),
                                    ("序号不编虚位（不加0）", zero)) if on]
        yield self.finding(start, end, f"发文字号“{text[start:end]}”格式有误（{'，'.join(problems)}），应为“{fixed}”",
                           Fix(fixed, Applicability.SAFE))


RULES = [docno_format]
