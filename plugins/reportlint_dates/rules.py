"""Family D rules: dates that cannot be right (catalogue D01–D07) and date forms (C05–C07, G15834 4.13)."""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from collections.abc import Callable, Iterator

import regex
from lunardate import LunarDate  # pure-Python lunar calendar, 1900–2099: the festival rule needs it

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import Applicability, Context, Fix, Severity, finditer_in, lazy
from reportlint_dates.context import DateContext, Signing, context
from reportlint_dates.extract import WEEKDAYS, DateRef, Mention, Part, days_in_month

_HAN_KINDS = ("date", "range", "month-range", "year-range")
_ASCII_DASHES = {"-", "－", "–"}
_HAN = lazy(regex.compile, r"[\p{Han}，。；：、？！“”（）《》]")

# D05: lunar festivals (lunar month, day) and the solar-term 清明 (April 4–6).
_FESTIVALS = {"春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "七夕节": (7, 7), "七夕": (7, 7),
              "中秋节": (8, 15), "重阳节": (9, 9), "清明节": None}
# Seven fixed names: a small alternation, not a word list (no automaton needed). ``_festivals``
# finds its matches from each 节 with str.find, ten times faster than the pattern scans.
_FESTIVAL = lazy(regex.compile, r"(?:春节|元宵节|端午节|七夕节?|中秋节|重阳节|清明节)")
# After “6月22日端午节” the clause must end (or say 当天): “1月18日春节慰问” dates the visit.
_FESTIVAL_END = lazy(regex.compile, r"[，。；、：！？,;）)\s]|当天|当日|这一?天|$")
_FESTIVAL_DAY = lazy(regex.compile, r"(?:当天|当日)?\s*[（(]")
# What _FESTIVAL_DAY can start with (every `regex` \s is a str.isspace() character): others skip it.
_FESTIVAL_DAY_FIRST = frozenset("当（(")

# D06: completion markers, and words that make a later year legitimate (plans, 截至, 以来).
_DONE = lazy(regex.compile,
    r"已于|已经|已(?:完成|召开|举办|举行|实现|开展|印发|出台|建成|组织|制定|发布|签订|通过|取得|竣工|投用|投入)"
    r"|(?:完成|召开|举办|举行|实现|开展|印发|出台|组织|制定|发布|签订|通过|取得|建成|竣工)了")
_PLAN = lazy(regex.compile, r"计划|将|拟|下一步|下阶段|预计|力争|争取|目标|要|确保|规划|打算|预期|截至|截止|至今|以来"
                      r"|明年|今后|未来|届时|有望|前|到|预|设想|部署|安排|起|至|期|后|延|持续|度")
_PLAN_HEADING = lazy(regex.compile, r"下一步|下阶段|打算|计划|思路|安排|展望|目标|明年|重点工作|努力方向")
_SENTENCE_END = lazy(regex.compile, r"[。！？；!?;\n]")

SOURCE_CALENDAR = "Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates, numbers and paragraph order must be accurate"


def _doc(fn: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
    """Dedent a check's docstring, which becomes the rule's explanation (``reportlint rule``)."""
    fn.__doc__ = inspect.cleandoc(fn.__doc__ or "")
    return fn


def _dates(doc: Document, ctx: Context) -> DateContext:
    """The date context of ``doc``, shared by the D rules (config report-year included)."""
    return context(doc, ctx)


def _ref_text(doc: Document, ref: DateRef) -> tuple[int, int, str]:
    """Span and text of a date reference (year to day, weekday excluded)."""
    parts = ref.parts
    start, end = parts[0].start, parts[-1].end
    text = doc.text
    # include the unit after the last numeral (月, 日/号, 年)
    if end < len(text) and text[end] in "年月日号":
        end += 1
    return start, end, text[start:end]


def _label(year: int | None, ref: DateRef) -> str:
    """A date as 2023年3月21日 (year given or inferred), for messages."""
    out = f"{year}年" if year is not None else ""
    if ref.month is not None:
        out += f"{ref.month.value}月"
    if ref.day is not None:
        out += f"{ref.day.value}日"
    return out


def _refs(m: Mention) -> list[DateRef]:
    """The begin and (resolved) end of a mention."""
    end = m.resolved_end()
    return [m.begin] if end is None else [m.begin, end]


def _rewrite(text: str, start: int, end: int, parts: dict[Part, str]) -> str:
    """``text[start:end]`` with each given part's span replaced by its new text."""
    out, pos = [], start
    for part in sorted(parts, key=lambda p: p.start):
        out.append(text[pos:part.start])
        out.append(parts[part])
        pos = part.end
    out.append(text[pos:end])
    return "".join(out)


def _arabic(part: Part) -> str:
    """A part in Arabic digits (二〇二三 → 2023, 十二 → 12)."""
    return str(part.value)


@rule(
    "D101",
    "date-invalid",
    "A date that does not exist: month outside 1–12, day beyond the month, 2月29日 outside a leap year",
    source=SOURCE_CALENDAR,
    bad=["2023年2月29日，召开会议。", "3月30日至2月30日", "13月5日召开", "4月31日，开展检查。", "二〇二三年二月三十日"],
    good=["2024年2月29日，召开会议。", "3月31日，开展检查。", "4月30日召开", "13个月", "1—12月", "2023年"],
)
@_doc
def date_invalid(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Every date must exist in the calendar: the month 1–12, the day within the month.

    2月29日 is checked against the year written, or else the year taken from context
    (the report period or a preceding date), then only as a warning.
    """
    dates = _dates(doc, ctx)
    for m in dates.mentions:
        if m.kind not in ("date", "range", "month-range"):
            continue
        for ref in (m.begin,) if m.end_ref is None else _refs(m):
            if ref.month is None or (ref.day is None and ref.year is None):
                continue
            month, day = ref.month.value, ref.day.value if ref.day else None
            if not 1 <= month <= 12:
                start, end, text = _ref_text(doc, ref)
                yield self.finding(start, end, f"“{text}”不是有效日期：没有{month}月")
                continue
            if day is None:
                continue
            if day < 1 or day > days_in_month(None, month):
                start, end, text = _ref_text(doc, ref)
                yield self.finding(start, end, f"“{text}”不是有效日期：{month}月没有{day}日")
                continue
            if month == 2 and day == 29:
                year, written = dates.year_for(m) if ref.year is None else (ref.year.value, True)
                if year is not None and days_in_month(year, 2) == 28:
                    how = "" if written else "（按上下文年份推算）"
                    start, end, text = _ref_text(doc, ref)
                    yield self.finding(start, end, f"“{text}”不是有效日期：{year}年不是闰年，2月没有29日{how}",
                                       severity=None if written else Severity.WARNING)


@rule(
    "D102",
    "weekday-mismatch",
    "A weekday in brackets that does not fall on its date",
    fixable="unsafe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates, numbers and paragraph order must be accurate",
    bad=[("2023年3月21日（星期三）召开", "2023年3月21日（星期二）召开"), "2023年3月21日（周一）", "2023年5月1日星期五"],
    good=["2023年3月21日（星期二）召开", "2023年3月21日（周二）", "3月21日（星期二）", "2024年6月10日（星期一）"],
)
@_doc
def weekday_mismatch(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """The weekday written after a date must be that date's weekday.

    Either part may be the wrong one, so the fix (changing the weekday) is unsafe. When the
    date has no year, the year comes from context and the finding is a warning.
    """
    dates = _dates(doc, ctx)
    for m in dates.mentions:
        if m.begin.weekday is None and (m.end_ref is None or m.end_ref.weekday is None):
            continue  # no weekday written (a resolved end keeps the end's own)
        for ref in _refs(m):
            if ref.weekday is None:
                continue
            written = ref.year is not None
            year = ref.year.value if ref.year else dates.year_for(m)[0]
            date = ref.date(year)
            if date is None or date.weekday() == ref.weekday.value:
                continue
            real = WEEKDAYS[date.weekday()]
            how = "" if written else f"按{year}年推算，"
            msg = f"{how}{_label(year if written else None, ref)}是星期{real}，不是星期{ref.weekday.text}，请核对日期或星期"
            fix = Fix(real, Applicability.UNSAFE, start=ref.weekday.start, end=ref.weekday.end)
            yield self.finding(ref.weekday.start - 2, ref.weekday.end, msg, fix,
                               severity=None if written else Severity.WARNING)


def _reversed(dates: DateContext, m: Mention) -> bool:
    """True when the range plainly ends before it starts (a range may cross a year end)."""
    b, e = m.begin, m.end_ref
    assert e is not None
    if m.kind == "year-range":
        return e.year is not None and b.year is not None and e.year.value < b.year.value
    if b.month is None or b.month.value > 12:
        return False
    if e.year is not None and b.year is not None:
        end_month = e.month or b.month
        start = (b.year.value, b.month.value, b.day.value if b.day else 0)
        stop = (e.year.value, end_month.value, e.day.value if e.day else 99)
        return stop < start
    if m.kind == "month-range":
        # 11—2月 may cross a year end; only a range under one written year is plainly reversed
        return b.year is not None and e.month is not None and e.month.value < b.month.value
    if b.day is None or e.day is None:
        return False
    if e.month is None or e.month.value == b.month.value:
        return e.day.value < b.day.value
    return False  # 12月28日—1月3日 crosses the year end


@rule(
    "D103",
    "range-reversed",
    "A date range whose end comes before its start",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates, numbers and paragraph order must be accurate",
    bad=["5月10日—5月3日，开展检查。", "2024—2023年", "4月28日-27日", "2023年9—7月"],
    good=["5月3日—5月10日", "2023—2024年", "12月28日—1月3日", "11—2月", "2023年12月28日至2024年1月3日"],
)
@_doc
def range_reversed(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """The end of a range must not come before its start (5月10日—5月3日, 2024—2023年).

    A month-day range that goes back in months (12月28日—1月3日) crosses a year end
    and is left alone.
    """
    dates = _dates(doc, ctx)
    for m in dates.mentions:
        if m.end_ref is not None and _reversed(dates, m):
            text = doc.text[m.start:m.end]
            yield self.finding(m.start, m.end, f"时间范围“{text}”终点早于起点，请核对")


@rule(
    "D104",
    "quarter-months",
    "A quarter or half-year with months in brackets that it does not cover",
    fixable="unsafe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates, numbers and paragraph order must be accurate",
    bad=[("二季度（7—9月）", "二季度（4—6月）"), "上半年（7—12月）", "前三季度（1—10月）"],
    good=["二季度（4—6月）", "一季度（1—2月）", "前三季度（1—9月）", "下半年（7—12月）", "三季度"],
)
@_doc
def quarter_months(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """一季度 = 1—3月 … 四季度 = 10—12月, 上半年 = 1—6月, 下半年 = 7—12月, 前三季度 = 1—9月.

    Months inside the period are accepted (一季度（1—2月）: data for part of it); only
    months outside it are reported.
    """
    for p in _dates(doc, ctx).periods:
        if p.stated is None:
            continue
        first, last = p.stated
        lo, hi = p.months
        if lo <= first.value <= last.value <= hi:
            continue
        between = doc.text[first.end:last.start]
        fixed = f"{lo}{between}{hi}" if first.script == "arabic" else None
        fix = Fix(fixed, Applicability.UNSAFE, start=first.start, end=last.end) if fixed else None
        yield self.finding(p.start, p.end, f"“{p.name}”对应{lo}—{hi}月，与括号中的月份不符", fix)


def _festival_date(name: str, year: int) -> dt.date | None:
    """The Gregorian date of a lunar festival in ``year`` (None when out of the library's range)."""
    lunar = _FESTIVALS[name]
    if lunar is None:
        return None
    try:
        return LunarDate(year, lunar[0], lunar[1]).to_solar_date()
    except (ValueError, IndexError):
        return None


def _festival_pairs(dates: DateContext) -> Iterator[tuple[Mention, str, int, int, int | None]]:
    """(date, festival, start, end, year) where a date names the festival's day: 6月22日端午节,
    端午节（6月22日）; ``year`` is one written on the festival itself (2024年端午节（6月10日））."""
    text = dates.doc.text
    festivals = _festivals(text)
    by_end: dict[int, Mention] | None = None
    for s, e in festivals:
        after = text[e:e + 1]
        if text[s - 1:s] not in _BEFORE_FESTIVAL and after not in _FESTIVAL_DAY_FIRST and not after.isspace():
            continue  # no date ends against it, no bracket follows it
        if by_end is None:
            by_end, by_start, years = {}, {}, {}
            for m in dates.mentions:
                if m.kind in ("date", "numeric"):
                    by_end[m.end] = by_start[m.start] = m
                elif m.kind == "year" and m.begin.year:
                    years[m.end] = m.begin.year.value
        year = years.get(s)
        mention = by_end.get(s) or (by_end.get(s - 1) if s and text[s - 1] in "（(" else None)
        if mention is not None and not _FESTIVAL_END.match(text, e):
            mention = None
        if mention is None and (after in _FESTIVAL_DAY_FIRST or after.isspace()):
            bracket = _FESTIVAL_DAY.match(text, e)
            mention = by_start.get(bracket.end()) if bracket else None
        if mention is not None and mention.begin.day is not None:
            yield mention, text[s:e], min(s, mention.start), max(e, mention.end), year


# The last character of a date or numeric mention (月, 日, 旬, a digit, a weekday…), or the
# bracket before one: a festival after anything else has no date ending right before it.
_BEFORE_FESTIVAL = frozenset("月份日号旬）)一二三四五六天0123456789０１２３４５６７８９（(")
_FESTIVALS_OF_THREE = frozenset(name for name in _FESTIVALS if len(name) == 3)


def _festivals(text: str) -> list[tuple[int, int]]:
    """The spans of ``_FESTIVAL.finditer(text)``, found from each 节 and 七夕 with str.find.

    No name overlaps another (none ends with the start of another), so the matches are all
    the places a name is written, 七夕 taken with its 节 when one follows.
    """
    found = []
    q = text.find("节", 1)
    while q >= 0:
        before = text[q - 1]
        if before == "春":
            found.append((q - 1, q + 1))
        elif before in "宵午夕秋阳明" and q >= 2 and text[q - 2:q + 1] in _FESTIVALS_OF_THREE:
            found.append((q - 2, q + 1))
        q = text.find("节", q + 1)
    q = text.find("夕", 1)  # one character: a far faster search than 七夕
    while q >= 0:
        if text[q - 1] == "七" and not text.startswith("节", q + 1):  # 七夕节 was found at its 节
            found.append((q - 1, q + 1))
        q = text.find("夕", q + 1)
    found.sort()
    return found


@rule(
    "D105",
    "festival-date",
    "A festival tied to a date it does not fall on that year (端午节, 中秋节, 春节…; 清明 4月4—6日)",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates must be accurate; lunar dates computed with the lunardate library",
    bad=["2023年6月10日端午节", "2024年端午节（6月22日）", "2023年4月10日清明节"],
    good=["2023年6月22日端午节", "2024年端午节（6月10日）", "2023年4月5日清明节", "端午节前夕（6月21日）",
          "6月21日端午节前夕"],
)
@_doc
def festival_date(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A lunar festival moves in the Gregorian calendar: 端午 is 2023-06-22 but 2024-06-10.

    Dates come from the lunardate library (pure Python, 1900–2099). Only a date written
    right next to the festival (6月22日端午节, 端午节（6月22日）) is checked; 端午节前夕 is not.
    """
    dates = _dates(doc, ctx)
    for m, name, start, end, festival_year in _festival_pairs(dates):
        ref = m.begin
        written = ref.year is not None or festival_year is not None
        year = ref.year.value if ref.year else festival_year or dates.year_for(m)[0]
        date = ref.date(year)
        if year is None or date is None:
            continue
        if name == "清明节":
            if date.month == 4 and 4 <= date.day <= 6:
                continue
            expected = "4月4日至6日之间"
        else:
            real = _festival_date(name, year)
            if real is None or real == date:
                continue
            nearby = (_festival_date(name, year - 1), _festival_date(name, year + 1))
            if not written and (date.month, date.day) in {(d.month, d.day) for d in nearby if d}:
                continue  # right for the year before or after: the context year is the doubtful part
            expected = f"{real.month}月{real.day}日"
        how = "" if written else "（年份按上下文推算）"
        yield self.finding(start, end, f"{year}年{name}是{expected}，不是{date.month}月{date.day}日{how}")


# How far round a date D106 reads its sentence and D106 looks for an open 《 or “.
_WINDOW = 200


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (to 。！？； or a line end) around ``text[start:end]``, at most _WINDOW each side."""
    lo = max(0, start - _WINDOW)
    before = list(_SENTENCE_END.finditer(text, lo, start))
    if before:
        lo = before[-1].end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    return text[lo:m.start() if m else min(len(text), end + _WINDOW)]


def _quoted(text: str, offset: int) -> bool:
    """True inside 《》 or “” on the same line: a title such as《2024年工作要点》is not an event."""
    line = max(text.rfind("\n", 0, offset) + 1, offset - _WINDOW)
    return text.rfind("《", line, offset) > text.rfind("》", line, offset) or \
        text.rfind("“", line, offset) > text.rfind("”", line, offset)


def _plan_section_start(doc: Document) -> float:
    """Where the plans part begins: the first heading naming plans (二、下一步工作打算) or short
    plans line (下一步打算), whichever comes first; infinity when there is none. An offset at or
    after it is under a plans heading. (Found once per document: looking up the headings and
    paragraphs above every date again would be quadratic in a long text.)"""
    start = math.inf
    for heading in doc.outline.headings:  # in document order
        if _PLAN_HEADING.search(heading.title):
            start = heading.marker_start
            break
    for para in doc.paragraphs:
        if para.start >= start:
            break
        text = para.text.strip()
        if len(text) <= 30 and not text.endswith(("。", "；")) and _PLAN_HEADING.search(text):
            start = para.start
            break
    return start


@rule(
    "D106",
    "future-as-done",
    "A summary states as done an event dated after its period or its signing date",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates, numbers and paragraph order must be accurate",
    bad=["2023年工作总结\n2024年3月召开了警示教育大会。"],
    good=["2023年工作总结\n2024年3月将召开警示教育大会。", "2023年工作总结\n截至2024年1月，已完成全部任务。",
          "2024年工作计划\n2024年3月召开了警示教育大会。", "2023年工作总结\n2023年3月召开了警示教育大会。"],
)
@_doc
def future_as_done(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """In a 2023 summary, “2024年3月召开了…” suggests text copied from another year's report.

    The period comes from config ``report-year`` or the title; the limit is the signing date
    when there is one, else the end of February after the period (reports are often written
    then). Sentences with plan words (将, 计划, 下一步, 要, 截至…) and parts under a plans
    heading are skipped.
    """
    dates = _dates(doc, ctx)
    if dates.period is not None and not dates.summary:
        return
    signing = dates.signing
    if signing is not None and dates.period is not None and signing.date.year < dates.period[0]:
        signing = None  # D107 reports that signing date; it is no limit for the events
    if signing is None and dates.period is None:
        return
    text = doc.text
    title = doc.title
    # no date in an earlier year is after the limit (the signing date, or February after the period)
    first_year = signing.date.year if signing is not None else dates.period[1] + 1 if dates.period else 0
    plans_from: float | None = None
    for m in dates.mentions:
        if m.kind == "year-range" or m.begin.year is None or m.begin.year.value < first_year or (
                title and m.start < title.end):
            continue
        if dates.signing is not None and m.start >= dates.signing.start:
            continue
        if not _after_limit(dates, m.begin, signing) or _quoted(text, m.start):
            continue
        if m.begin.month is None and not text.startswith("，", m.end):
            continue  # a bare 2024年 names budgets and plans; only “2024年，…” opens an account
        sentence = _sentence(text, m.start, m.end)
        if not _DONE.search(sentence) or _PLAN.search(sentence):
            continue
        if plans_from is None:
            plans_from = _plan_section_start(doc)
        if m.start >= plans_from:
            continue
        limit = (f"成文日期{signing.date.year}年{signing.date.month}月{signing.date.day}日"
                 if signing else f"总结期{dates.period[1]}年" if dates.period else "")
        yield self.finding(m.start, m.end, f"“{text[m.start:m.end]}”晚于{limit}，却写作已完成，请核对年份")


def _after_limit(dates: DateContext, ref: DateRef, signing: Signing | None) -> bool:
    """True when the earliest day ``ref`` can mean is after the signing date or the period."""
    assert ref.year is not None
    year = ref.year.value
    month = ref.month.value if ref.month and 1 <= ref.month.value <= 12 else None
    day = ref.day.value if ref.day and month and 1 <= ref.day.value <= days_in_month(year, month) else None
    earliest = dt.date(year, month or 1, day or 1)
    if signing is not None:
        return earliest > signing.date
    assert dates.period is not None
    if month is None:
        return year > dates.period[1]
    return earliest > dt.date(dates.period[1] + 1, 2, 28)


@rule(
    "D107",
    "signdate-vs-period",
    "A summary signed before its period starts, or more than a year after it ends",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): dates must be accurate; GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.5 (signing date)",
    bad=["2023年工作总结\n正文。\n2022年12月5日", "2023年工作总结\n正文。\n2025年3月1日"],
    good=["2023年工作总结\n正文。\n2024年1月5日", "2023年工作总结\n正文。\n2023年12月28日",
          "2024年工作计划\n正文。\n2023年12月5日"],
)
@_doc
def signdate_vs_period(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A report on year Y is signed within Y or the year after (a plan may be signed before)."""
    dates = _dates(doc, ctx)
    if dates.signing is None or dates.period is None or not dates.summary:
        return
    first, last = dates.period
    date = dates.signing.date
    if date < dt.date(first, 1, 1):
        why = f"早于报告期（{first}年）开始"
    elif date > dt.date(last + 1, 12, 31):
        why = f"晚于报告期（{last}年）结束一年以上"
    else:
        return
    yield self.finding(dates.signing.start, dates.signing.end, f"成文日期{why}，请核对年份")


def _zero_first(ref: DateRef) -> bool:
    """True when a numeral of ``ref`` starts with 0."""
    y, m, d = ref.year, ref.month, ref.day
    return (y is not None and y.text[0] == "0") or (m is not None and m.text[0] == "0") or (
        d is not None and d.text[0] == "0")


def _mixed(m: Mention) -> bool:
    """True when the numerals of ``m`` are not all Arabic nor all Chinese (``Part.script``)."""
    seen = 0
    for ref in (m.begin, m.end_ref):
        if ref is not None:
            for p in (ref.year, ref.month, ref.day):
                if p is not None:
                    seen |= 1 if p.text.isascii() else 2
    return seen == 3


@rule(
    "D108",
    "date-leading-zero",
    "A month or day padded with 0 in a 年月日 date (03月05日)",
    severity="warning",
    fixable="safe",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.5.4 (month and day not padded with 0); GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.4",
    bad=[("2023年03月05日召开", "2023年3月5日召开"), ("3月05日", "3月5日"), ("4月07日—09日", "4月7日—9日")],
    good=["2023年3月5日召开", "2023-03-05", "10月10日"],
)
@_doc
def date_leading_zero(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """年月日 dates are written without 虚位: 2023年3月5日, not 2023年03月05日.

    Padding belongs only to the all-digit form (2023-03-05).
    """
    for m in _dates(doc, ctx).mentions:
        if m.kind not in _HAN_KINDS:
            continue
        if not (_zero_first(m.begin) or (m.end_ref is not None and _zero_first(m.end_ref))):
            continue  # a padded numeral starts with 0: most dates have none, and need no more look
        padded = {p: p.text[1:] for ref in (m.begin, m.end_ref) if ref for p in ref.parts if p.padded}
        if padded:
            fixed = _rewrite(doc.text, m.start, m.end, padded)
            yield self.finding(m.start, m.end, f"日期不加虚位“0”，应为“{fixed}”", fixed)


@rule(
    "D109",
    "date-mixed-script",
    "One date written partly in Chinese numerals and partly in Arabic digits",
    severity="warning",
    fixable="safe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 4.3 (one kind, one form)",
    bad=[("二〇二三年3月5日", "2023年3月5日"), ("2023年三月五日", "2023年3月5日")],
    good=["2023年3月5日", "二〇二三年三月五日", "3月5日"],
)
@_doc
def date_mixed_script(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date uses one script throughout (GB/T 15835—2011 4.3); the fix writes it in Arabic digits."""
    for m in _dates(doc, ctx).mentions:
        if m.kind not in _HAN_KINDS or not _mixed(m):
            continue
        parts = [p for ref in (m.begin, m.end_ref) if ref for p in ref.parts]
        if len({p.script for p in parts}) < 2:
            continue
        fixed = _rewrite(doc.text, m.start, m.end, {p: _arabic(p) for p in parts if p.script == "chinese"})
        yield self.finding(m.start, m.end, f"同一日期混用汉字与阿拉伯数字，应为“{fixed}”", fixed)


def _in_prose(doc: Document, m: Mention) -> bool:
    """True when a date sits in running Chinese text (a Han character or mark next to it)."""
    text = doc.text
    para = doc.paragraph_at(m.start)
    if para is None or "\t" in para.text or "|" in para.text:
        return False  # tables keep their own date forms
    before = text[m.start - 1] if m.start > para.start else ""
    after = text[m.end] if m.end < para.end else ""
    if not (before or after):
        return False  # a date alone on a line is a note or a signature, not prose
    return (not before or bool(_HAN.match(before))) and (not after or bool(_HAN.match(after)))


@rule(
    "D110",
    "date-separator",
    "A date written 2023.3.5 or 2023/3/5 in prose, or an unpadded 2023-3-5",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.4 (dates); GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.5.4",
    bad=[("于2023.3.5召开", "于2023年3月5日召开"), ("于2023/3/5召开", "于2023年3月5日召开"),
         ("日期：2023-3-5", "日期：2023-03-05")],
    good=["于2023年3月5日召开", "2023-03-05", "版本 2023.3.5", "v2023.3.5", "见 http://a.cn/2023/3/5/x"],
)
@_doc
def date_separator(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """In prose a date is written with 年月日; the all-digit form is padded (2023-03-05)."""
    for m in _dates(doc, ctx).mentions:
        if m.kind != "numeric":
            continue
        b = m.begin
        assert b.year and b.month and b.day
        text = doc.text[b.year.start:b.day.end]
        if m.numeric_sep in "./" and _in_prose(doc, m):
            fixed = f"{b.year.value}年{b.month.value}月{b.day.value}日"
            yield self.finding(b.year.start, b.day.end, f"正文日期应写作“{fixed}”，不用“{m.numeric_sep}”分隔", fixed)
        elif m.numeric_sep == "-" and (len(b.month.text) < 2 or len(b.day.text) < 2):
            fixed = f"{b.year.value:04d}-{b.month.value:02d}-{b.day.value:02d}"
            yield self.finding(b.year.start, b.day.end, f"“{text}”全数字日期应补足两位，写作“{fixed}”", fixed)


@rule(
    "D111",
    "date-range-hyphen",
    "A date range joined by a hyphen instead of 一字线 “—” (or 至)",
    severity="error",
    fixable="safe",
    source="GB/T 15834—2011 (General rules for punctuation) 4.13.3.2 (the one-em dash marks the start and end of a period)",
    bad=[("4月27日-28日，开展活动", "4月27日—28日，开展活动"), ("2023-2024年", "2023—2024年"),
         ("1-9月，全市", "1—9月，全市"), ("3月21日 - 4月2日", "3月21日—4月2日")],
    good=["4月27日—28日", "4月27日至28日", "2023—2024年", "2023-03-05", "1～9月", "GB/T 15834-2011"],
)
@_doc
def date_range_hyphen(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Chinese text marks the start and end of a period with 一字线 “—” (GB/T 15834—2011 4.13.3), not “-”."""
    for m in _dates(doc, ctx).mentions:
        if m.sep is None:
            continue
        s, e = m.sep
        if doc.text[s:e].strip() not in _ASCII_DASHES:
            continue
        text = doc.text[m.start:m.end]
        fixed = doc.text[m.start:s] + "—" + doc.text[e:m.end]
        yield self.finding(m.start, m.end, f"时间范围“{text}”应使用一字线，写作“{fixed}”",
                           Fix("—", Applicability.SAFE, start=s, end=e))


_CLAUSE_START = lazy(regex.compile, r"[。；！？]\s*$")


@rule(
    "D112",
    "dates-out-of-order",
    "Events in one paragraph listed by date, with a date earlier than the one before it",
    severity="info",
    default=False,
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): paragraph order must be accurate",
    bad=["8月12日，召开会议。3月21日，召开专题会。"],
    good=["3月21日，召开专题会。8月12日，召开会议。", "3月21日召开专题会，会议回顾了2月5日的工作。"],
)
@_doc
def dates_out_of_order(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Dated events that open sentences in one paragraph usually run in time order."""
    dates = _dates(doc, ctx)
    text = doc.text
    last: tuple[int, tuple[int, int, int]] | None = None  # (paragraph start, key)
    for m in dates.mentions:
        b = m.begin
        if m.kind not in ("date", "range") or b.day is None or b.month is None:
            continue
        para = doc.paragraph_at(m.start)
        if para is None:
            continue
        # look back a few characters only: a scan from the paragraph start is quadratic
        opens = m.start == para.start + len(para.text) - len(para.text.lstrip()) or bool(
            _CLAUSE_START.search(text, max(para.start, m.start - 4), m.start))
        if not opens or m.end >= len(text) or text[m.end] not in "，,":
            continue
        year = dates.year_for(m)[0] or 0
        key = (year, b.month.value, b.day.value)
        if last is not None and last[0] == para.start and key < last[1]:
            yield self.finding(m.start, m.end, f"“{text[m.start:m.end]}”早于前文所列日期，事件顺序请核对")
        last = (para.start, key)


# C04: a year cut to two digits, only where it cannot be a duration: before 度, 上/下半年,
# N月, or 底/初/末 not starting another word (10年初步, 5年底线), or as the end of a year range.
# Stdlib `re`: the pattern needs nothing of `regex`'s, and `re` scans it 3.6x faster (bench/).
# Both branches start with a digit and look behind only after it, so `re` skips ahead to the
# digits instead of testing the lookbehind at every character (13 -> 7.5 ms/MB; the old form,
# lookbehind first, matched exactly the same: tests/test_speed.py).
_YEAR_ABBREV = lazy(re.compile,
    r"(?P<yy>[0-9]{2})(?<![0-9A-Za-z.\-/第〇○零一二三四五六七八九十百千万亿两][0-9]{2})年"
    r"(?=度|[上下]半年|[0-9]{1,2}月(?![0-9])|底(?![线数子色气层部])|初(?![步心级中期见次始稿审衷])|末(?![端梢位尾]))"
    r"|(?P<y>(?:19|20)[0-9]{2})(?<![0-9][0-9]{4})年?(?:——|—|–|-|－|~|～|至|到)(?P<ry>[0-9]{2})年(?![0-9])"
)


_AFTER_ABBREV = frozenset("度上下底初末0123456789")  # what the first branch's lookahead starts with
_RANGE_MARKS = frozenset("—–-－~～至到")  # the last character of the second branch's range mark


def _year_abbrevs(text: str) -> Iterator[re.Match[str]]:
    """``_YEAR_ABBREV.finditer(text)``, run only round each 年 after two digits.

    Every match ends with that 年, starts at most 9 characters before it (2023年—24年) and
    reads at most 4 after it (23年12月, then a look for a third digit), so windows of 10
    before and 6 after, merged where they overlap, find exactly the matches of one whole pass.
    A 年 neither followed by what the first branch looks for nor after a range mark (the
    second branch) ends no match and needs no window.
    """
    spans = []
    q = text.find("年", 2)
    while q >= 0:
        if "0" <= text[q - 1] <= "9" and "0" <= text[q - 2] <= "9" and (
                text[q + 1:q + 2] in _AFTER_ABBREV or text[q - 3:q - 2] in _RANGE_MARKS):
            spans.append((q - 10 if q > 10 else 0, q + 7))
        q = text.find("年", q + 1)
    return finditer_in(_YEAR_ABBREV, text, spans)


def _century(yy: int, dates: DateContext) -> int:
    """The full year of a two-digit one: in the century of the report year, or not after it plus 10."""
    base = dates.period[1] if dates.period else dt.date.today().year
    year = base - base % 100 + yy
    return year - 100 if year > base + 10 else year


@rule(
    "D113",
    "year-abbrev",
    "A year cut to two digits (23年上半年, 2023—24年)",
    severity="warning",
    fixable="unsafe",
    source="GB/T 15835—2011 (General rules for writing numerals in publications) 5.1.4 (a four-digit year is not cut to two digits)",
    bad=[("2023年工作总结\n23年上半年，完成", "2023年工作总结\n2023年上半年，完成"),
         ("2023—24年", "2023—2024年"), ("截至22年底", "截至2022年底")],
    good=["近10年来", "经过10年初步形成", "守住5年底线", "2023年上半年", "80年代末", "第23年度", "10年3个月"],
)
@_doc
def year_abbrev(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """A year is written in full (GB/T 15835—2011 5.1.4): 2023年, not 23年.

    Only two-digit years that cannot be a length of time are reported: before 度, 上半年,
    下半年, N月, 底, 初, 末, or at the end of a year range (2023—24年). The fix assumes the
    century of the report year, so it is unsafe.
    """
    dates = _dates(doc, ctx)
    for m in _year_abbrevs(doc.text):
        if m.group("yy"):
            s, e = m.span("yy")
            full = _century(int(m.group("yy")), dates)
        else:
            s, e = m.span("ry")
            full = int(m.group("y")) // 100 * 100 + int(m.group("ry"))
        yield self.finding(s, e + 1, f"年份不能简写，“{doc.text[s:e]}年”应为“{full}年”",
                           Fix(str(full), Applicability.UNSAFE, start=s, end=e))


_CN_NUMERAL_CHARS = frozenset("〇○零一二三四五六七八九十")


@rule(
    "D114",
    "signdate-chinese-numerals",
    "The signing date (成文日期) written in Chinese numerals instead of Arabic (二〇二三年三月五日)",
    severity="warning",
    fixable="safe",
    source="GB/T 9704—2012 (Layout key for official documents of Party and government organs) 7.3.5.4 (the signing date in Arabic numerals, year, month and day in full)",
    bad=[("关于2023年工作的总结\n全年完成各项任务。\n二〇二三年十二月二十八日", "关于2023年工作的总结\n全年完成各项任务。\n2023年12月28日")],
    good=["关于2023年工作的总结\n全年完成各项任务。\n2023年12月28日", "二〇二三年是关键之年，全年完成各项任务。"],
)
@_doc
def signdate_chinese_numerals(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """The 成文日期 is written with Arabic numerals, year, month and day in full (GB/T 9704—2012
    7.3.5.4): 2023年12月28日, not 二〇二三年十二月二十八日. Only the signing line is judged (a
    closing paragraph that is nothing but a full date); dates in running text follow
    GB/T 15835 and may be Chinese in fixed expressions."""
    signing = _dates(doc, ctx).signing
    if signing is None or not _CN_NUMERAL_CHARS.intersection(doc.text[signing.start:signing.end]):
        return
    d = signing.date
    arabic = f"{d.year}年{d.month}月{d.day}日"
    yield self.finding(signing.start, signing.end, f"成文日期应使用阿拉伯数字：“{arabic}”", arabic)


RULES = [
    date_invalid, weekday_mismatch, range_reversed, quarter_months, festival_date, future_as_done,
    signdate_vs_period, date_leading_zero, date_mixed_script, date_separator, date_range_hyphen,
    dates_out_of_order, year_abbrev, signdate_chinese_numerals,
]
