"""T108: variant forms whose standard form a dated norm fixed, judged by the report's year.

帐户 was the usual form until 现代汉语词典 (5th edition, 2005) kept 账 for money; 好象 until
the 1986 《简化字总表》 gave 像 back its own character; 惟一 and 想像 until 《第一批异形词整理表》
(2001, in force 2002). A report written before the norm followed the usage of its time, so
there the finding is information; from the norm's year on it is an error. The year is the
configured ``report-year``, else the one the dates family reads from the title; a document
of unknown year is judged by today's norm.

Entries (variants.tsv) are matched in one pass; a two-character form is left alone where a
dictionary word crosses its edge (到帐外资 is 到帐 + 外资: 帐外 is not reported twice).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlint.plugin import Context, Document, Finding, LiteralMatcher, Rule, Severity, document_low_bytes, rule

from .words import LONGEST, crossing

TSV = Path(__file__).with_name("variants.tsv")


@dataclass(frozen=True, slots=True)
class Variant:
    wrong: str
    right: str
    unless: tuple[str, ...]
    year: int
    note: str


def read(path: Path = TSV) -> list[Variant]:
    """Rows ``wrong<TAB>right<TAB>unless|…<TAB>year<TAB>note``; ``#`` starts a comment."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5 or not cols[3].isdigit():
            raise ValueError(f"{path.name}:{n}: expected wrong<TAB>right<TAB>unless<TAB>year<TAB>note")
        unless = tuple(c for c in cols[2].split("|") if c)
        out.append(Variant(cols[0], cols[1], unless, int(cols[3]), cols[4].replace("{right}", cols[1])))
    return out


@cache
def _matcher() -> LiteralMatcher:
    return LiteralMatcher({v.wrong: v for v in read()})


def _excused(text: str, start: int, v: Variant) -> bool:
    for context in v.unless:
        i = context.find(v.wrong)
        while i != -1:
            if start - i >= 0 and text.startswith(context, start - i):
                return True
            i = context.find(v.wrong, i + 1)
    end = start + len(v.wrong)
    return len(v.wrong) == 2 and (
        crossing(text, start, start - LONGEST, end - 1) or crossing(text, end, start + 1, end + LONGEST)
    )


@rule(
    "T108",
    "variant-form",
    "A variant form replaced by a dated norm (帐户, 好象, 惟一): an error from the norm's year, information before",
    severity="error",
    fixable="unsafe",
    source=(
        "List of Simplified Characters (简化字总表), republished 1986; First Table of Standardized "
        "Variant Word Forms (第一批异形词整理表, 2001, in force 2002); Contemporary Chinese Dictionary "
        "(现代汉语词典), 5th edition (2005)"
    ),
    explanation=(
        "Some forms were standard once and were replaced by a norm: 象 for 像 until the List of "
        "Simplified Characters was republished in 1986, 帐 for 账 in accounts until the 5th edition of "
        "the Contemporary Chinese Dictionary (2005), 惟一, 想像, 成份 and other variants until the First "
        "Table of Standardized Variant Word Forms (2002). In a report of the norm's year or later the old "
        "form is an error; in an earlier report it was the usage of its time and is reported as "
        "information. The year is report-year from the configuration, else the year in the title."
    ),
    bad=[
        ("建立问题整改台帐", "建立问题整改台账"),
        ("好象没有", "好像没有"),
        ("全省惟一的示范区", "全省唯一的示范区"),
        ("做实个人帐户", "做实个人账户"),
        ("累计实际到帐外资", "累计实际到账外资"),  # 到帐 + 外资: reported once, not again as 帐外
    ],
    good=["建立问题整改台账", "搭建帐篷、蚊帐外", "现象这样严重", "就象征意义而言", "全省唯一"],
)
def variant_form(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag the listed variant forms; info when the report predates the norm."""
    text = doc.text
    hits = _matcher().hits(text, document_low_bytes(ctx))
    if not hits:
        return
    year = ctx.report_year
    last_end = -1
    for start, end, v in sorted(hits, key=lambda h: (h[0], -h[1])):
        if start < last_end or _excused(text, start, v):
            continue
        last_end = end
        if year is not None and year < v.year:
            msg = f"{v.note}：“{v.wrong}”自{v.year}年起作“{v.right}”（本文{year}年，可不改）"
            yield self.finding(start, end, msg, v.right, severity=Severity.INFO)
        else:
            yield self.finding(start, end, f"{v.note}：“{v.wrong}”应为“{v.right}”", v.right)


RULES = [variant_form]
