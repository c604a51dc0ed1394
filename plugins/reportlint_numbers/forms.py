"""How digits are written: full-width forms, the zero glyph, the decimal point, separators."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import DIGIT, anchored, has_any, lazy, mark

from .digits import matches_from_marks

# Full-width digits and Latin letters, with a full-width point between digits (６５．８).
# Stdlib re, led by its class: sre skips to candidates with its character-set fast path (~1 ms/MB).
_FULLWIDTH = lazy(re.compile, r"[０-９Ａ-Ｚａ-ｚ]+(?:．[０-９]+)*")
_FULLWIDTH_ANY = lazy(re.compile, r"[０-９Ａ-Ｚａ-ｚ]")


@rule(
    "N101",
    "fullwidth-alphanumeric",
    "Full-width digits or Latin letters (２０２３, ＡＢＣ)",
    severity="error",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.7 (Arabic digits are set half-width); proofreading practice for Latin letters",
    explanation=(
        "Arabic digits and Latin letters are set half-width in Chinese text. The fix maps "
        "each full-width character to its ASCII form (NFKC), which changes nothing else. "
        "Warning rather than error: the corpus shows thousands of these in published reports."
    ),
    bad=[("２０２３年", "2023年"), ("增长６５．８%", "增长65.8%"), ("ＧＤＰ总量", "GDP总量")],
    good=["2023年", "增长65.8%", "（一）总体情况"],
)
def fullwidth_alphanumeric(self: Rule, doc: Document) -> Iterator[Finding]:
    markers: frozenset[int] | None = None
    years: list[tuple[int, int]] | None = None
    first = _FULLWIDTH_ANY.search(doc.text)
    if first is None:
        return
    # No match starts before the first class character: the pass goes on from there, not from 0.
    for m in _FULLWIDTH.finditer(doc.text, first.start()):
        if markers is None:
            markers = doc.outline.lookalike_marker_offsets
        if m.start() in markers:
            continue  # a heading marker such as １． is family S's (S104)
        if years is None:
            years = [(y.start(), y.end()) for y in _mixed_years(doc.text)]  # sorted, disjoint
        i = bisect.bisect_right(years, (m.start(), math.inf)) - 1
        if i >= 0 and years[i][0] <= m.start() < years[i][1]:
            continue  # 二〇２三年: N114's (made ASCII it would be 二〇2三年, a mixed year still)
        half = unicodedata.normalize("NFKC", m.group())
        yield self.finding(m.start(), m.end(), f"全角字符{mark(m.group())}应为半角{mark(half)}", half)


_CN_DIGIT = "一二三四五六七八九"
_ZERO_LIKE = "○OＯ0０"


# A year of four numeral characters before 年, not inside a longer number.
_YEAR_CHARS = "0-9０-９〇○零一二三四五六七八九"
_YEAR4 = lazy(re.compile, rf"(?<![{_YEAR_CHARS}十百千万亿.．])[{_YEAR_CHARS}]{{4}}(?=年)")
_TO_ARABIC = str.maketrans("０１２３４５６７８９〇○零一二三四五六七八九", "01234567890001234567" + "89")
_TO_CHINESE = str.maketrans("0123456789０１２３４５６７８９○零", "〇一二三四五六七八九〇一二三四五六七八九〇〇")


def _year_scripts(run: str) -> tuple[int, int]:
    """How many characters of a four-character year are Chinese digits, and how many Arabic (1-9).

    Arabic zeros are left out: a zero alone among Chinese digits (二0二三) is N102's.
    """
    chinese = sum(ch in "〇一二三四五六七八九" for ch in run)
    arabic = sum(ch in "123456789１２３４５６７８９" for ch in run)
    return chinese, arabic


def _mixed_years(text: str) -> Iterator[re.Match[str]]:
    """Four-character years before 年 written partly in Chinese digits and partly in Arabic digits."""
    if "年" not in text:
        return
    for m in _YEAR4.finditer(text):
        chinese, arabic = _year_scripts(m.group())
        if chinese and arabic:
            yield m


@rule(
    "N114",
    "year-mixed-numerals",
    "A year written partly in Chinese numerals and partly in Arabic digits (二〇2三年, 2〇23年)",
    severity="error",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 4.1.1 (one form for numbers of one kind), 5.2.5 (〇 in numbering)",
    explanation=(
        "One number is written in one script. A year mixing Chinese digits and Arabic digits "
        "comes from a slip or a half-done conversion (a full-width ２ in 二〇２三年 made ASCII). "
        "The fix writes the year in the script most of its digits use (Arabic on a tie); each "
        "character maps to exactly one digit, so the value never changes."
    ),
    bad=[("二〇2三年", "二〇二三年"), ("二〇２三年工作", "二〇二三年工作"), ("2〇23年", "2023年"), ("二〇23年", "2023年")],
    good=["二〇二三年", "2023年", "二0二三年", "一二3年", "第12345年"],
)
def year_mixed_numerals(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _mixed_years(doc.text):
        run = m.group()
        chinese, arabic = _year_scripts(run)
        fixed = run.translate(_TO_CHINESE) if chinese > arabic else run.translate(_TO_ARABIC)
        yield self.finding(m.start(), m.end(), f"年份{mark(run)}混用汉字与阿拉伯数字，应为{mark(fixed)}", fixed)

# A run of Chinese digits and zero lookalikes, not part of a longer numeral or word.
# Stdlib re, written to start with a character class so sre skips to candidates; the
# lookbehind moves after the first character, (?<![…].), which tests the same character.
_CN_RUN = lazy(re.compile,
    rf"[{_CN_DIGIT}〇零{_ZERO_LIKE}](?<![{_CN_DIGIT}〇零十百千万亿{_ZERO_LIKE}A-Za-z].)[{_CN_DIGIT}〇零{_ZERO_LIKE}]+"
    rf"(?![{_CN_DIGIT}〇零十百千万亿{_ZERO_LIKE}A-Za-z0-9])"
)


_RUN_CHARS = frozenset(_CN_DIGIT + "〇零" + _ZERO_LIKE)  # what a _CN_RUN match is made of
_RUN_CHARS_NOT_DIGIT_ZERO = _RUN_CHARS - {"0", "０"}


def _zero_run_matches(text: str) -> Iterator[re.Match[str]]:
    """``_CN_RUN.finditer(text)`` limited to the runs that can be reported: those holding a zero
    lookalike or 零 and a Chinese digit or 〇 (:func:`_zero_fix` rejects the others).

    Exact: a match lies inside one maximal run of its characters, so each such run is scanned
    whole (plus the character after it, which no match can hold, for the closing lookahead),
    found from its zero-like characters by ``str.find`` instead of a pattern over all the text.
    An ASCII or full-width 0 starts a run only next to a run character other than those two: a
    run with a Chinese digit has such a 0 if its zeros are digits, and 2000 has none (the digit 0
    is everywhere in a report; its runs of 0 alone are never reported).
    """
    n = len(text)
    runs: set[tuple[int, int]] = set()
    run_chars = _RUN_CHARS
    for zero in _ZERO_LIKE + "零":
        near = _RUN_CHARS_NOT_DIGIT_ZERO if zero in "0０" else run_chars
        p = text.find(zero)
        while p != -1:
            if (p and text[p - 1] in near) or (p + 1 < n and text[p + 1] in near):
                s = p
                while s and text[s - 1] in run_chars:
                    s -= 1
                e = p + 1
                while e < n and text[e] in run_chars:
                    e += 1
                runs.add((s, e))
                p = text.find(zero, e)
            else:
                p = text.find(zero, p + 1)
    for s, e in sorted(runs):
        yield from _CN_RUN.finditer(text, s, min(n, e + 1))


def _zero_fix(run: str, year: bool) -> str | None:
    """The run with its zero written 〇, or None if the run is not a Chinese-numeral run to fix."""
    digits = sum(ch in _CN_DIGIT or ch == "〇" for ch in run)
    lookalikes = sum(ch in _ZERO_LIKE for ch in run)
    if digits == 0 or (lookalikes == 0 and "零" not in run):
        return None
    # A four-character year before 年 (二○○○年), or a run of three or more with two real digits.
    if not ((year and len(run) == 4) or (len(run) >= 3 and digits >= 2)):
        return None
    if "零" in run and not (year and len(run) == 4):
        return None  # 零 outside a four-character year is a quantity (一百零五), not a year
    table = str.maketrans({ch: "〇" for ch in _ZERO_LIKE + "零"})
    return run.translate(table)


@rule(
    "N102",
    "zero-glyph",
    "The zero of a Chinese-numeral year written ○, O, 0 or 零 instead of 〇",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.2.5 (零 in quantities, 〇 in numbering)",
    explanation=(
        "In a year or number written in Chinese numerals the zero is 〇 (U+3007). The "
        "circle ○ (U+25CB), the letter O, the digit 0 and 零 look alike but are wrong. "
        "Only runs of Chinese digits are touched."
    ),
    bad=[("二O二三年", "二〇二三年"), ("二○一九年", "二〇一九年"), ("二零二三年", "二〇二三年"),
         ("二0三五年远景目标", "二〇三五年远景目标")],
    good=["二〇二三年", "一百零五人", "○○单位", "一OK", "二零"],
)
def zero_glyph(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    for m in _zero_run_matches(text):
        year = text.startswith("年", m.end())
        fixed = _zero_fix(m.group(), year)
        if fixed is not None and fixed != m.group():
            yield self.finding(m.start(), m.end(), f"{mark(m.group())}中的零应写作“〇”：{mark(fixed)}", fixed)


_QUANTITY_ZERO = anchored(regex.compile, r"(?<=[十百千万亿点])[〇○](?=[一二三四五六七八九])", anchors=["〇", "○"])


@rule(
    "N103",
    "zero-in-quantity",
    "The zero inside a Chinese-numeral quantity written 〇 instead of 零",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.2.5 (零 in quantities, 〇 in numbering)",
    explanation=(
        "A number used as a quantity writes its zero 零; 〇 is for numbering (years, codes). 三千〇五十二 and 九十五点〇六 "
        "are 三千零五十二 and 九十五点零六. Only a 〇 or ○ between 十, 百, 千, 万, 亿 or 点 and a following digit is reported, "
        "so years such as 二〇二三年 are not touched."
    ),
    bad=[("三千〇五十二", "三千零五十二"), ("九十五点〇六", "九十五点零六")],
    good=["三千零五十二", "二〇二三年"],
)
def zero_in_quantity(self: Rule, doc: Document) -> Iterator[Finding]:
    if not has_any(doc.text, "〇○"):  # prefilter: one C scan per character
        return
    for m in _QUANTITY_ZERO.finditer(doc.text):
        yield self.finding(m.start(), m.end(), "数量中的零应写作“零”", "零")


# 65。8% : a 句号 between digits before a percentage is a mistyped decimal point.
_PERIOD_DECIMAL = lazy(regex.compile, r"(?<![\d.])\d{1,3}\K。(?=\d{1,2}(?:%|％|‰|个百分点))")
# Where a match can start: before a 。 between digits (literal-led: sre jumps from 。 to 。).
# (?<![一-鿿]。) first: the usual mark follows a Han character, rejected before the long digit class.
_PERIOD_BETWEEN_DIGITS = lazy(re.compile, f"。(?<![\u4e00-\u9fff]。)(?<=[{DIGIT}]。)(?=[{DIGIT}])")


@rule(
    "N105",
    "period-as-decimal-point",
    "A decimal point typed as 。 (65。8%)",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.2; GB/T 15835—1995, 8.2 (the decimal point is the full stop on the baseline “.”)",
    explanation=(
        "The decimal point is the baseline dot “.”. A 。 between one to three digits and one or two digits "
        "followed by %, ‰ or 个百分点 is a mistyped decimal point (65。8% is 65.8%). The fix is unsafe: the 句号 may"
        " also end a sentence that happens to sit between two numbers."
    ),
    bad=[("同比增长65。8%", "同比增长65.8%"), ("下降1。5个百分点", "下降1.5个百分点")],
    good=["同比增长65.8%", "完成2023。30%的企业"],
)
def period_as_decimal_point(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in matches_from_marks(_PERIOD_DECIMAL, doc.text, _PERIOD_BETWEEN_DIGITS):
        yield self.finding(m.start(), m.end(), "小数点误作“。”，应为“.”", ".")


# 1，258，000 : full-width commas between three-digit groups of one number.
# A list of numbers (分别为100，200，300) has the same shape, so only two shapes count: three or
# more groups led by one or two digits (1，258，000), or a group of 000 (5，000元).
_FULLWIDTH_GROUPS = lazy(regex.compile, r"(?<![\d，,.])\d{1,3}(?:，\d{3})+(?![\d，])")
# Where a match can start: before a ， between digits (literal-led).
_COMMA_BETWEEN_DIGITS = lazy(re.compile, f"，(?<![\u4e00-\u9fff]，)(?<=[{DIGIT}]，)(?=[{DIGIT}])")


def _grouped_number(run: str) -> bool:
    """True when a run of digit groups reads as one number, not a list."""
    groups = run.split("，")
    return (len(groups) >= 3 and len(groups[0]) <= 2) or "000" in groups[1:]


@rule(
    "N111",
    "fullwidth-thousands-separator",
    "A full-width comma used as a thousands separator (1，258，000元)",
    severity="error",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.1 (digit groups are separated by a half-width comma or a thin space)",
    explanation=(
        "Digit groups in a long number are separated by the half-width comma “,” (千分撇) or a thin space, never"
        " the full-width comma “，”, which reads as a pause between two numbers. Only runs that read as one "
        "number are reported: three or more groups led by one or two digits (1，258，000), or a group of 000 "
        "(5，000元); a list of numbers (分别为12，15，18项) is left alone."
    ),
    bad=[("投入1，258，000元", "投入1,258,000元"), ("共5，000元", "共5,000元")],
    good=["投入1,258,000元", "2022，2023年", "分别为12，15，18项", "分别为100，200，300人"],
)
def fullwidth_thousands_separator(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in matches_from_marks(_FULLWIDTH_GROUPS, doc.text, _COMMA_BETWEEN_DIGITS):
        if not _grouped_number(m.group()):
            continue
        fixed = m.group().replace("，", ",")
        yield self.finding(m.start(), m.end(), f"数字分节不用全角逗号，应为{mark(fixed)}或不分节", fixed)


RULES = [fullwidth_alphanumeric, zero_glyph, zero_in_quantity, period_as_decimal_point, fullwidth_thousands_separator,
         year_mixed_numerals]
