"""Ranges, fixed terms and approximate numbers: where GB/T 15835 wants a given form."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import DIGIT, Applicability, Fix, anchored, finditer_near, has_any, has_word, lazy, mark, merge

from .cn import to_chinese
from .digits import is_digit

# 20～30% / 9-16亿 / 5至10万人: the magnitude only on the second value.
_RANGE = lazy(regex.compile,
    r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)(\s*[～~—\-－至到]\s*)(\d+(?:\.\d+)?)(万亿|亿|万|%|％|‰)"
)

_RANGE_CHARS = ".～~—-－至到"
_RANGE_MARKS = "～~—-－至到"
# After a range mark: spaces, digits and dots (a superset of what a match holds there).
_AFTER_MARK = lazy(re.compile, rf"[\s{DIGIT}.]*")


def _range_matches(text: str) -> Iterator[regex.Match[str]]:
    """``_RANGE.finditer(text)``, run only on the stretch of number-and-range characters round each
    range mark that follows a digit or a space.

    Exact: a match is digits, dots, spaces, one range mark and a magnitude, and its first number
    ends with a digit, so its mark follows a digit or a space. Walking back from the mark over a
    superset of those characters stops at one no match can hold, so no match straddles a
    window's start; forward, the window takes the spaces, digits and dots after the mark and two
    more characters (万亿). Windows that overlap are merged. A magnitude is common in a report
    (万, 亿 and % follow a digit ~40,000 times in clean-reports); a range mark after a digit is
    not (~430 times), and 至/到 elsewhere cost one character test each.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    find = text.find
    after = _AFTER_MARK.match
    for sign in _RANGE_MARKS:
        p = find(sign)
        while p != -1:
            if p and ((c := text[p - 1]).isspace() or is_digit(c)):
                r = p - 1
                while r > 0 and ((c := text[r - 1]).isspace() or c in _RANGE_CHARS or is_digit(c)):
                    r -= 1
                m = after(text, p + 1)
                spans.append((r, min(n, (m.end() if m is not None else p + 1) + 2)))
            p = find(sign, p + 1)
    for s, e in merge(spans):
        yield from _RANGE.finditer(text, s, e)


@rule(
    "N104",
    "range-drops-magnitude",
    "A value range that drops %, 万 or 亿 from its first value (20～30%)",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.3 (value ranges)",
    explanation=(
        "In a range the first value keeps its % or its 万/亿: 20%～30%, 9亿～16亿, "
        "5万～10万人. A plain unit (元, 千克) may be dropped; a magnitude may not, or "
        "the first value reads as a different number."
    ),
    bad=[("增长20～30%", "增长20%～30%"), ("投资9～16亿元", "投资9亿～16亿元"), ("5至10万人", "5万至10万人")],
    good=["增长20%～30%", "3～5天", "9亿～16亿元", "2023-2024年"],
)
def range_drops_magnitude(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _range_matches(doc.text):
        mag = m.group(4)
        yield self.finding(m.start(), m.end(), f"数值范围前一个数值不能省略{mark(mag)}，应为"
                           f"{mark(m.group(1) + mag + m.group(2) + m.group(3) + mag)}",
                           Fix(m.group(1) + mag, start=m.start(1), end=m.end(1)))


# 党的 is consumed, not looked behind, so sre jumps to the literal; the finding is group 1.
# (?![一-鿿]) first: after 党的 comes a Han character almost always, rejected before the long digit class.
_PARTY_CONGRESS = lazy(re.compile, rf"党的(?![\u4e00-\u9fff])([{DIGIT}]{{1,3}})(?=大)")
_SESSION = lazy(regex.compile,
    # Only the Party's and the people's congresses (catalogue C13): 第33届世界代表大会 of an international
    # body is not one of them.
    r"(?<![\d.]|连任|连续|共|历经|担任)(\d{1,2})(?=届[\p{Han}\d]{0,8}?(?:中全会|全会|全国人大|全国政协|人大|政协|中央委员会|纪委|党代会|"
    r"人民代表大会|党代表大会|党员代表大会))"
    r"|(?<=届\p{Han}{0,8}?)(\d{1,2})(?=中全会|次全会|次全体会议|次会议)"
    r"|(?<![\d.])(\d{1,2})(?=中全会)"
)

# Window around each 届 / 中全会 (see finditer_near): digits start at most 2 before the anchor;
# the longest reach after it is 届 + 8 characters + 2 digits + the 5-character lookahead (次全体会议),
# plus slack.
_SESSION_BEFORE = 2
_SESSION_ANCHORS = ("届", "中全会")
_SESSION_AFTER = 1 + 8 + 2 + 5 + 4


@rule(
    "N106",
    "arabic-congress-ordinal",
    "A Party congress, plenum or session numbered in Arabic digits (党的20大)",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 4.3 (十一届全国人大一次会议, not 11届全国人大1次会议)",
    explanation=(
        "Party congresses, plenary sessions of the Central Committee and NPC/CPPCC sessions "
        "are numbered in Chinese numerals: 党的二十大, 二十届三中全会, 十四届全国人大一次会议."
    ),
    bad=[("党的20大", "党的二十大"), ("20届3中全会", "二十届三中全会"), ("二十届中央纪委2次全会", "二十届中央纪委二次全会"),
         ("十四届全国人大1次会议", "十四届全国人大一次会议")],
    good=["党的二十大", "第29届奥运会", "召开3次会议", "连任3届人大代表", "国际戏剧协会第33届世界代表大会",
          "第24届亚奥理事会代表大会"],
)
def arabic_congress_ordinal(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    congress = _PARTY_CONGRESS.finditer(text) if "党的" in text else iter(())
    # Every _SESSION match sits near 届 or 中全会: its digits end at the anchor (届12…, 3中全会) or
    # start at most 届 + 8 characters after it, and its lookahead reaches at most 16 past 届.
    session = finditer_near(_SESSION, text, _SESSION_ANCHORS, _SESSION_BEFORE, _SESSION_AFTER)
    for pattern, group in ((congress, 1), (session, 0)):
        for m in pattern:
            cn = to_chinese(int(m.group(group)))
            yield self.finding(m.start(group), m.end(group), f"会议届次应使用汉字数字：{mark(m.group(group))}应为{mark(cn)}", cn)


_CN_NUM = "一二三四五六七八九十百千零〇"
# 十四五 not inside quotes and not part of a longer numeral or an approximate count (十四五个).
# Stdlib re, literal first and the lookbehind after it ((?<![…]十) tests the same character as
# (?<![…]) before 十), so sre jumps between candidates instead of trying every offset.
_PLAN = lazy(re.compile, rf"十(?<![“‘\"{_CN_NUM}]十)[一二三四五]五(?![”’\"{_CN_NUM}个人名天岁次家户只条件位年月日台辆元万亿多])")
_PLAN_ARABIC = lazy(re.compile, rf"1(?<![{DIGIT}“‘\"]1)([1-5])五(?=规划|时期|期间|计划)")


class _QuoteBalance:
    """Whether more “ than ” precede an offset within its paragraph, counted on from the previous
    offset asked for in the same paragraph (recounting from the paragraph start for every match
    would be quadratic on a long paragraph)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = self.pos = -1
        self.opens = self.closes = 0

    def inside(self, start: int, end: int) -> bool:
        """True if more “ than ” lie in ``text[start:end]`` (``end`` not before the last one asked)."""
        if start != self.start or end < self.pos:
            self.start = self.pos = start
            self.opens = self.closes = 0
        seg = self.text[self.pos:end]
        self.opens += seg.count("“")
        self.closes += seg.count("”")
        self.pos = end
        return self.opens > self.closes


@rule(
    "N107",
    "unquoted-plan-shorthand",
    "The five-year-plan shorthand 十四五 without quotes",
    severity="warning",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 4.2.3 (fixed expressions with Chinese numerals); the quotation marks follow the usage of central documents",
    explanation=(
        "Shorthands for five-year plans are quoted: “十四五”规划, “十四五”时期. Inside a "
        "quotation the quotes become ‘’. 14五 is rewritten as “十四五” with an unsafe fix."
    ),
    bad=[("十四五规划", "“十四五”规划"), ("“落实十四五规划”", "“落实‘十四五’规划”"), ("14五规划", "“十四五”规划")],
    good=["“十四五”规划", "有十四五个人", "一百一十四五"],
)
def unquoted_plan_shorthand(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    quotes = _QuoteBalance(text)
    for m in _PLAN.finditer(text):
        para = doc.paragraph_at(m.start())
        inner = quotes.inside(para.start if para else 0, m.start())
        fixed = f"‘{m.group()}’" if inner else f"“{m.group()}”"
        yield self.finding(m.start(), m.end(), f"五年规划简称应加引号：{fixed}", fixed)
    for m in _PLAN_ARABIC.finditer(text):
        fixed = f"“十{to_chinese(int(m.group(1)))}五”"
        yield self.finding(m.start(), m.end(), f"五年规划简称应写作{mark(fixed)}", Fix(fixed, Applicability.UNSAFE))


_WEEKDAY = lazy(regex.compile, r"(?<=星期|(?<=[本上下])周)([1-7])(?![\d天个次年日周小时期])")
_WEEKDAY_CN = dict(zip("1234567", "一二三四五六日", strict=True))


@rule(
    "N108",
    "arabic-weekday",
    "A weekday written with an Arabic digit (星期5)",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 4.2.3 (fixed expressions with Chinese numerals: 星期五)",
    explanation=(
        "Weekday names are fixed expressions written with Chinese numerals: 星期五, 周一, 星期日 (not 星期7). A single "
        "digit 1-7 right after 星期 or after 本周/上周/下周 is reported; counts such as 每周5天 and 周1次 are not weekdays"
        " and are left alone."
    ),
    bad=[("星期5上午", "星期五上午"), ("下周1召开", "下周一召开"), ("星期7", "星期日")],
    good=["星期五上午", "每周5天", "周1次"],
)
def arabic_weekday(self: Rule, doc: Document) -> Iterator[Finding]:
    if not has_any(doc.text, "期周"):  # prefilter: 星期, 周
        return
    for m in _WEEKDAY.finditer(doc.text):
        cn = _WEEKDAY_CN[m.group(1)]
        yield self.finding(m.start(), m.end(), f"星期应使用汉字：{mark(m.group(1))}应为{mark(cn)}", cn)


# Two adjacent numbers used as an approximation take no 顿号: 3、4个 / 三、四个 → 三四个.
_APPROX_AR = lazy(regex.compile, r"(?<![\d.、第])([1-8])、([2-9])(?=[个名次天岁人件项种条家户倍成])")
_APPROX_CN = lazy(regex.compile, r"(?<=[\p{Han}])(?<![一二三四五六七八九十、第])([一二三四五六七八])、([二三四五六七八九])"
                           r"(?=[个名次天岁人件项种条家户倍成])")
# The numeral before a 、, as a match of one character: literal-led (、 first, then a lookbehind).
_NUMERAL_DUNHAO = lazy(re.compile, r"、(?<=[1-8一二三四五六七八]、)")
_CN_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}


def _approx_matches(text: str) -> tuple[list[regex.Match[str]], list[regex.Match[str]]]:
    """``_APPROX_AR.finditer(text)`` and ``_APPROX_CN.finditer(text)``, tried only one character
    before each 、 whose left neighbour is a candidate numeral.

    Exact: every match of either pattern starts exactly one character before a 、 (the pair's
    first numeral), so trying each such start in order, and skipping one that falls inside the
    previous match, is what finditer does. The candidates come from a pattern led by the literal
    、 (sre jumps between them with its substring search) that looks one character back.
    """
    arabic: list[regex.Match[str]] = []
    chinese: list[regex.Match[str]] = []
    ar_end = cn_end = 0
    for candidate in _NUMERAL_DUNHAO.finditer(text):
        start = candidate.start() - 1  # the numeral before the 、
        if text[start] in "12345678":
            if start >= ar_end and (m := _APPROX_AR.match(text, start)) is not None:
                arabic.append(m)
                ar_end = m.end()
        elif start >= cn_end and (m := _APPROX_CN.match(text, start)) is not None:
            chinese.append(m)
            cn_end = m.end()
    return arabic, chinese


def _respectively(text: str, start: int) -> bool:
    """分别 just before: 分别有3、4个 lists two counts, it is no approximation."""
    return "分别" in text[max(0, start - 8):start]


@rule(
    "N109",
    "approximate-with-dunhao",
    "Adjacent numbers used as an approximation, split by a 顿号 (三、四个)",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.5.3.4 (no 顿号 between adjacent numbers used as an approximation); GB/T 15835—2011 (General rules for writing numerals in publications) 5.2.1 (approximations)",
    explanation=(
        "Two neighbouring numbers used together as an approximation (三四个, 十七八岁) are "
        "written in Chinese numerals without a 顿号. Only a pair X、X+1 followed by a measure "
        "word is flagged; 一、二年级 and lists of ordinals (第1、2项) are left alone."
    ),
    bad=[("发现三、四个问题", "发现三四个问题"), ("用了3、4天", "用了三四天")],
    good=["发现三四个问题", "第1、2项", "一、二年级", "三、四个意识", "两季度分别有3、4个项目"],
)
def approximate_with_dunhao(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    arabic, chinese = _approx_matches(text)
    for m in arabic:
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1 and not _respectively(text, m.start()):
            fixed = "一两" if a == 1 else to_chinese(a) + to_chinese(b)
            yield self.finding(m.start(), m.end(), f"概数不用顿号，宜写作{mark(fixed)}", fixed)
    for m in chinese:
        if _CN_VALUE[m.group(2)] == _CN_VALUE[m.group(1)] + 1 and not _respectively(text, m.start()):
            fixed = "一两" if m.group(1) == "一" else m.group(1) + m.group(2)
            yield self.finding(m.start(), m.end(), f"概数不用顿号，应为{mark(fixed)}", fixed)


# 4千元, 5百亿: an Arabic number with 千 or 百. 千米 千克 千瓦 … are unit prefixes, not magnitudes.
# Run only on the runs of digits round each 千 and 百 (reportlint.anchors): its lookbehind made a whole
# pass try every character.
_MIXED = anchored(regex.compile, r"(?<![\d.])(\d+(?:\.\d+)?)([千百])(?!米|克|瓦|伏|帕|卡|焦|兆|赫|字节|分|位|年|公顷)",
                  anchors=["千", "百"])


def _expand(number: str, magnitude: str) -> str | None:
    """4 千 -> 4000; 1.5 千 -> 1500; None when the result is not a whole number."""
    value = float(number) * (1000 if magnitude == "千" else 100)
    return str(int(value)) if value.is_integer() and value < 10**12 else None


@rule(
    "N110",
    "arabic-with-qian-bai",
    "An Arabic number combined with 千 or 百 (4千元)",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.3 (Arabic digits combine only with 万 and 亿)",
    explanation=(
        "Arabic digits combine with 万 and 亿 only: 4000元, 3000万, not 4千元, 3千万. "
        "Unit prefixes (千米, 千克, 千瓦) and the computing-power unit 百亿亿次 are fine, and so is a "
        "year or code of four digits before 百/千 (2016百场: not 201600). The fix writes the number "
        "out; a chain such as 3千5百 is reported without a fix."
    ),
    bad=[("补助4千元", "补助4000元"), ("投资3千万元", "投资3000万元"), ("1.5千人", "1500人"), "3千5百元"],
    good=["补助4000元", "全长5千米", "装机容量3千瓦", "三千元", "播种面积120千公顷", "开展2016百场文化下乡活动",
          "算力总规模达到10.36百亿亿次/秒"],
)
def arabic_with_qian_bai(self: Rule, doc: Document) -> Iterator[Finding]:
    text = doc.text
    if not has_any(text, "千百"):  # prefilter: one C scan per character
        return
    for m in _MIXED.finditer(text):
        if float(m.group(1)) >= 1000:
            continue  # 2016百场: a year (or code) before 百场, not 2016×100; no one writes 1200千 for a number
        if m.group(2) == "百" and text.startswith("亿亿", m.end()):
            continue  # 10.36百亿亿次/秒: 百亿亿次 (E 级) is the unit of computing power, like 千米 a unit
        chained = m.end() < len(text) and text[m.end()].isdigit()
        fixed = None if chained else _expand(m.group(1), m.group(2))
        message = f"阿拉伯数字不与“{m.group(2)}”连用" + (f"，应为{mark(fixed)}" if fixed else "")
        yield self.finding(m.start(), m.end(), message, fixed)


_DECREASE_TIMES = anchored(regex.compile,
    r"(?:降低|减少|下降|缩小|缩减|减小|节约|节省)了?(?:约|近)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)倍",
    anchors=["倍"],
)


@rule(
    "N112",
    "decrease-by-times",
    "A decrease given as a multiple (降低了2倍)",
    severity="warning",
    source="Proofreading practice: 倍 expresses an increase only",
    explanation="A quantity cannot fall by a multiple of itself: say 降低了50% or 降至原来的1/3.",
    bad=["成本降低了2倍", "能耗下降一倍"],
    good=["成本降低了50%", "产量增长了2倍", "降至原来的1/3"],
)
def decrease_by_times(self: Rule, doc: Document) -> Iterator[Finding]:
    for m in _DECREASE_TIMES.finditer(doc.text):
        yield self.finding(m.start(), m.end(), "减少不能用倍数表示，应改用百分数或分数（如“降低了50%”）")


_PM_24H = lazy(regex.compile, r"(?:下午|晚上|傍晚|晚间)\K(?:1[3-9]|2[0-3])(?=[时点:：])")


@rule(
    "N113",
    "twelve-hour-word-with-24h-time",
    "下午/晚上 with a 24-hour time (下午15时)",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.5 (time of day: the 12-hour or the 24-hour clock)",
    explanation=(
        "A time of day uses one clock: the 12-hour clock with 上午/下午/晚上 (下午3时) or the 24-hour clock alone "
        "(15时). 下午15时 mixes the two. The fix converts the hour to the 12-hour clock; it is unsafe because the"
        " period word may be the slip."
    ),
    bad=[("下午15时召开", "下午3时召开"), ("晚上20:00", "晚上8:00")],
    good=["下午3时召开", "15时召开", "下午3:30"],
)
def twelve_hour_word_with_24h_time(self: Rule, doc: Document) -> Iterator[Finding]:
    if not has_word(doc.text, ("下午", "晚上", "傍晚", "晚间")):  # prefilter: a few C scans
        return
    for m in _PM_24H.finditer(doc.text):
        fixed = str(int(m.group()) - 12)
        yield self.finding(m.start(), m.end(), f"12小时制与24小时制混用：“{m.group()}”前有“下午/晚上”，应为“{fixed}”或删去时段词",
                           fixed)


RULES = [range_drops_magnitude, arabic_congress_ordinal, unquoted_plan_shorthand, arabic_weekday, approximate_with_dunhao, arabic_with_qian_bai, decrease_by_times, twelve_hour_word_with_24h_time]
