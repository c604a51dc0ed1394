"""Date extraction for 公文 text: every written form of a date, range or period, with spans.

One compiled pattern finds every mention in one pass over the text. A mention is a
single date (``2023年3月21日``, ``二〇二三年三月二十一日``, ``2023.3.21``, ``2023/3/21``,
``2023-03-21``, ``3月21日``, ``3月上旬``), a range (``4月27日-28日``, ``4月27日至28日``,
``3月21日—4月2日``, ``2023—2024年``, ``1—9月``) or a bare year (``2023年``), with an
optional weekday in brackets (``（星期二）``, ``（周二）``). Nothing here judges a date:
values are kept even when impossible (``2月30日``) so that rules can report them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

from reportlint.lazyre import lazy

# Full-width digits are read as ASCII so that ２０２３年 parses; the mapping keeps offsets.
_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = lazy(regex.compile, r"[０-９]")


def _ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII (same length); untouched when it has none."""
    return text.translate(_WIDTH) if _FULLWIDTH_DIGIT.search(text) else text

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
WEEKDAYS = "一二三四五六日"  # index = datetime.weekday()

# Pieces. Chinese numerals: a year is four digit-characters (二〇二三), a month or a day is
# written with 十 (十二, 二十一). Longest alternatives come first.
_Y = r"(?:(?<![0-9])[0-9]{4}|(?<![〇○零一二三四五六七八九])[〇○零一二三四五六七八九]{4})"
_M = r"(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])"
_D = r"(?:[0-9]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_SEP = r"(?P<sep>[ \t\u3000]*(?:——|—|–|-|－|~|～|〜|至|到)[ \t\u3000]*)"
_WD = r"(?:[（(][ \t\u3000]*(?:星期|礼拜|周)(?P<{n}>[一二三四五六日天])[ \t\u3000]*[）)]|星期(?P<{n}>[一二三四五六日天]))"
# A Chinese-numeral month or day must not continue a longer numeral (五十一月 is not 一月).
_NOT_AFTER_NUM = r"(?<![0-9〇○零一二三四五六七八九十百千万亿两第])"

_MENTION = lazy(regex.compile,
    rf"""
    # every mention starts with a numeral: fail fast everywhere else (most of the text)
    (?=[0-9〇○零一二三四五六七八九十])
    (?:
    # numeric forms: 2023.3.21  2023/3/21  2023-03-21 (not inside versions, paths or codes)
      (?<![0-9A-Za-z/._\-:])(?P<ny>[0-9]{{4}})(?P<ns>[./\-])(?P<nm>[0-9]{{1,2}})(?P=ns)(?P<nd>[0-9]{{1,2}})
      (?![0-9A-Za-z/_\-]|\.[0-9])(?:[ \t\u3000]*{_WD.format(n="w1")})?
    # year range: 2023—2024年, 2023年至2024年
    | (?<![0-9A-Za-z/._\-])(?P<y>(?:1[89]|2[01])[0-9]{{2}})(?:年度?)?{_SEP}(?P<y2>(?:1[89]|2[01])[0-9]{{2}})年(?P<yd>度)?
    # day range: 4月27日-28日, 4月27—28日, 3月21日—4月2日, 2023年12月28日至2024年1月3日
    | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})月(?P<d>{_D})(?P<du>[日号])?(?:[ \t\u3000]*{_WD.format(n="w1")})?{_SEP}
      (?:(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月)?(?P<d2>{_D})[日号](?:[ \t\u3000]*{_WD.format(n="w2")})?
    # month range: 1—9月, 2023年3月至5月, 2023年11月—2024年2月
    | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})(?P<mu>月份?)?{_SEP}(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月份?
      (?!{_D}[日号]|龄)
    # single date: 2023年3月21日, 3月21日, 2023年3月, 3月上旬, 二〇二三年三月二十一日
    | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})月份?(?!龄)
      (?:(?P<d>{_D})[日号]|(?P<xun>[上中下])旬)?(?:[ \t\u3000]*{_WD.format(n="w1")})?
    # bare year: 2023年, 二〇二三年
    | (?P<y>{_Y})年
    )
    """,
    regex.VERBOSE,
)


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese month/day numeral (一..三十一) or of a digit-string year (二〇二三)."""
    if not s:
        return None
    if "十" not in s:
        if all(c in _CN_DIGIT for c in s):
            value = 0
            for c in s:
                value = value * 10 + _CN_DIGIT[c]
            return value
        return None
    tens, _, ones = s.partition("十")
    if (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT):
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def number(s: str) -> int | None:
    """An Arabic or Chinese numeral's value."""
    return int(s) if s.isascii() and s.isdigit() else cn_to_int(s)


def script(s: str) -> str:
    """"arabic" or "chinese" for a numeral as written."""
    return "arabic" if s.isascii() else "chinese"


@dataclass(frozen=True, slots=True)
class Part:
    """One numeral of a date as written: its value, its text and its span."""

    value: int
    text: str
    start: int
    end: int

    @property
    def script(self) -> str:
        return script(self.text)

    @property
    def padded(self) -> bool:
        """A 0-padded Arabic month or day (03, 05)."""
        return self.text.isascii() and len(self.text) == 2 and self.text[0] == "0"


@dataclass(frozen=True, slots=True)
class DateRef:
    """One end of a mention: year, month, day as written (any may be absent), weekday in brackets."""

    year: Part | None = None
    month: Part | None = None
    day: Part | None = None
    weekday: Part | None = None  # value = datetime.weekday() (0 = Monday)
    xun: str = ""  # 上 / 中 / 下 (旬)

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    def valid(self, year: int | None = None) -> bool:
        """True when month and day exist in the calendar (in ``year``, or in some leap year)."""
        y = self.year.value if self.year else year
        if self.month is None:
            return True
        if not 1 <= self.month.value <= 12:
            return False
        if self.day is None:
            return True
        return 1 <= self.day.value <= days_in_month(y, self.month.value)

    def date(self, year: int | None = None) -> dt.date | None:
        """The calendar date when year (own or ``year``), month and day are known and valid."""
        y = self.year.value if self.year else year
        if y is None or self.month is None or self.day is None or not 1 <= y <= 9999:
            return None
        try:
            return dt.date(y, self.month.value, self.day.value)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Mention:
    """A date, range or year found in the text; ``end_ref`` is set for ranges."""

    kind: str  # "numeric", "date", "year", "range", "month-range", "year-range"
    start: int
    end: int
    begin: DateRef
    end_ref: DateRef | None = None
    sep: tuple[int, int] | None = None  # span of the range mark (with any spaces round it)
    numeric_sep: str = ""  # "." "/" "-" for numeric forms

    @property
    def is_range(self) -> bool:
        return self.end_ref is not None

    def resolved_end(self) -> DateRef | None:
        """The end of a range with what it leaves out taken from the start (4月27日—28日 → 4月28日)."""
        if self.end_ref is None:
            return None
        e, b = self.end_ref, self.begin
        return DateRef(
            year=e.year or b.year,
            month=e.month or (b.month if e.day is not None else None),
            day=e.day,
            weekday=e.weekday,
        )


def days_in_month(year: int | None, month: int) -> int:
    """Days in ``month``; 29 for February when the year is unknown."""
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year if year and 1 <= year <= 9999 else 2000, month)[1]


def _part(m: regex.Match[str], group: str, index: int = 0) -> Part | None:
    """The ``index``-th capture of a named group as a Part (duplicate names across branches)."""
    spans = m.spans(group)
    caps = m.captures(group)
    if len(caps) <= index:
        return None
    value = number(caps[index])
    if value is None:
        return None
    return Part(value, caps[index], spans[index][0], spans[index][1])


def _weekday(m: regex.Match[str], group: str) -> Part | None:
    caps = m.captures(group)
    if not caps:
        return None
    s, e = m.spans(group)[0]
    return Part(WEEKDAYS.index("日" if caps[0] == "天" else caps[0]), caps[0], s, e)


def _mention(m: regex.Match[str]) -> Mention | None:
    """Turn one match into a Mention, or None for a numeric form that is not a real date."""
    if m.group("ny"):
        ref = DateRef(_part(m, "ny"), _part(m, "nm"), _part(m, "nd"), _weekday(m, "w1"))
        if ref.date() is None:  # 2023.13.5 is a version or a code, not a date
            return None
        return Mention("numeric", m.start(), m.end(), ref, numeric_sep=m.group("ns"))
    sep = m.span("sep") if m.group("sep") is not None else None
    begin = DateRef(_part(m, "y"), _part(m, "m"), _part(m, "d"), _weekday(m, "w1"), m.group("xun") or "")
    if sep is None:
        kind = "year" if begin.month is None else "date"
        return Mention(kind, m.start(), m.end(), begin)
    end = DateRef(_part(m, "y2"), _part(m, "m2"), _part(m, "d2"), _weekday(m, "w2"))
    if begin.month is None:
        kind = "year-range"
    elif begin.day is None:
        kind = "month-range"
    else:
        kind = "range"
    return Mention(kind, m.start(), m.end(), begin, end, sep)


def find_mentions(text: str) -> list[Mention]:
    """Every date mention in ``text``, in order, with character offsets into ``text``."""
    out: list[Mention] = []
    for m in _MENTION.finditer(_ascii_digits(text)):
        mention = _mention(m)
        if mention is not None and _plausible(mention, text):
            out.append(mention)
    return out


_LUNAR = lazy(regex.compile, r"(?:农历|阴历|夏历|旧历)\s*$")


def _plausible(mention: Mention, text: str) -> bool:
    """Drop matches that are not dates: a lone Chinese month (统一月), out-of-range years."""
    b = mention.begin
    if _LUNAR.search(text, max(0, mention.start - 3), mention.start):
        return False  # 农历二月三十日 is a lunar date: other months, other lengths
    for ref in (b, mention.end_ref):
        if ref is not None and ref.year is not None and not 1000 <= ref.year.value <= 2999:
            return False
    if mention.kind == "date" and b.day is None and b.year is None and b.month is not None:
        return b.month.script == "arabic"
    if mention.kind == "month-range":
        # 1—9月 needs Arabic or a 月 on the start; 一至三月 alone is too ambiguous
        e = mention.end_ref
        assert e is not None and e.month is not None and b.month is not None
        if b.year is not None:
            return True
        return b.month.script == e.month.script == "arabic" and 1 <= b.month.value <= 12 and 1 <= e.month.value <= 12
    return True


def parse_date(text: str) -> dt.date | None:
    """The date written by ``text`` when the whole string is one full date, else None."""
    stripped = text.strip()
    mentions = find_mentions(stripped)
    if len(mentions) != 1:
        return None
    m = mentions[0]
    if m.start != 0 or m.end != len(stripped) or m.is_range:
        return None
    return m.begin.date()


_PERIOD = lazy(regex.compile,
    rf"""
    (?=[0-9〇○零一二三四五六七八九第前上下])
    (?P<name>(?:(?P<y>{_Y})年度?)?
    (?:(?P<pre>第|前)?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年))
    (?:[ \t\u3000]*[（(][ \t\u3000]*(?P<m>{_M})(?:月份?)?{_SEP}(?P<m2>{_M})月份?[ \t\u3000]*[）)])?
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Period:
    """A quarter or half-year (一季度, 前三季度, 上半年) and the months it covers."""

    start: int
    end: int
    name: str  # as written, without the bracket
    months: tuple[int, int]  # first and last month the name covers
    year: int | None = None
    stated: tuple[Part, Part] | None = None  # the months written in brackets after it, if any


def find_periods(text: str) -> list[Period]:
    """Every quarter or half-year named in ``text``, with the months it stands for."""
    out: list[Period] = []
    if "季度" not in text and "半年" not in text:
        return out
    for m in _PERIOD.finditer(_ascii_digits(text)):
        if m.group("q"):
            q = number(m.group("q")) or 0
            months = (1, 3 * q) if m.group("pre") == "前" else (3 * q - 2, 3 * q)
        else:
            months = (1, 6) if m.group("h") == "上" else (7, 12)
        year = _part(m, "y")
        stated = None
        if m.group("m2"):
            first, last = _part(m, "m"), _part(m, "m2")
            if first is not None and last is not None:
                stated = (first, last)
        out.append(Period(m.start(), m.end(), m.group("name"), months,
                          year.value if year else None, stated))
    return out
