"""Date extraction for 公文 text: every written form of a date, range or period, with spans.

One compiled pattern finds every mention; it runs only round the 年, 月 or digit-separator
that every mention holds. A mention is a single date (``2023年3月21日``, ``二〇二三年三月二十一日``,
``2023.3.21``, ``2023/3/21``, ``2023-03-21``, ``3月21日``, ``3月上旬``), a range (``4月27日-28日``,
``4月27日至28日``, ``3月21日—4月2日``, ``2023—2024年``, ``1—9月``) or a bare year (``2023年``), with
an optional weekday in brackets (``（星期二）``, ``（周二）``). Nothing here judges a date:
values are kept even when impossible (``2月30日``) so that rules can report them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import regex

from reportlint.plugin import lazy

# Full-width digits are read as ASCII so that ２０２３年 parses; the mapping keeps offsets.
_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
WEEKDAYS = "一二三四五六日"  # index = datetime.weekday()

# Pieces. Chinese numerals: a year is four digit-characters (二〇二三), a month or a day is
# written with 十 (十二, 二十一). Longest alternatives come first.
_Y = r"(?:(?<![0-9])[0-9]{4}|(?<![〇○零一二三四五六七八九])[〇○零一二三四五六七八九]{4})"
_M = r"(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])"
_D = r"(?:[0-9]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_SEP = r"(?P<sep>[ \t\u3000]*(?:——|—|–|-|－|~|～|〜|至|到)[ \t\u3000]*)"
# A Chinese-numeral month or day must not continue a longer numeral (五十一月 is not 一月).
_NOT_AFTER_NUM = r"(?<![0-9〇○零一二三四五六七八九十百千万亿两第])"

def _wd(bracketed: str, bare: str) -> str:
    """The weekday after a date, its numeral captured as ``bracketed`` or ``bare``."""
    return (rf"(?:[（(][ \t\u3000]*(?:星期|礼拜|周)(?P<{bracketed}>[一二三四五六日天])[ \t\u3000]*[）)]"
            rf"|星期(?P<{bare}>[一二三四五六日天]))")


def _sep(name: str) -> str:
    return rf"(?P<{name}>[ \t\u3000]*(?:——|—|–|-|－|~|～|〜|至|到)[ \t\u3000]*)"


# One alternation, first match wins; each branch is a named group (``m.lastindex`` tells which
# matched) with its own group names, so stdlib `re` (no duplicate names) runs it.
_MENTION_SOURCE = rf"""
    # every mention starts with a numeral: fail fast everywhere else (most of the text)
    (?=[0-9〇○零一二三四五六七八九十])
    (?:
    # numeric forms: 2023.3.21  2023/3/21  2023-03-21 (not inside versions, paths or codes)
      (?P<NUM>(?<![0-9A-Za-z/._\-:])(?P<ny>[0-9]{{4}})(?P<ns>[./\-])(?P<nm>[0-9]{{1,2}})(?P=ns)(?P<nd>[0-9]{{1,2}})
      (?![0-9A-Za-z/_\-]|\.[0-9])(?:[ \t\u3000]*{_wd("nwa", "nwb")})?)
    # year range: 2023—2024年, 2023年至2024年
    | (?P<YR>(?<![0-9A-Za-z/._\-])(?P<ry>(?:1[89]|2[01])[0-9]{{2}})(?:年度?)?{_sep("rs")}
      (?P<ry2>(?:1[89]|2[01])[0-9]{{2}})年(?:度)?)
    # day range: 4月27日-28日, 4月27—28日, 3月21日—4月2日, 2023年12月28日至2024年1月3日
    | (?P<DR>{_NOT_AFTER_NUM}(?:(?P<dy>{_Y})年)?(?P<dm>{_M})月(?P<dd>{_D})(?:[日号])?
      (?:[ \t\u3000]*{_wd("dwa", "dwb")})?{_sep("ds")}
      (?:(?:(?P<dy2>{_Y})年)?(?P<dm2>{_M})月)?(?P<dd2>{_D})[日号](?:[ \t\u3000]*{_wd("dwc", "dwd")})?)
    # month range: 1—9月, 2023年3月至5月, 2023年11月—2024年2月
    | (?P<MR>{_NOT_AFTER_NUM}(?:(?P<my>{_Y})年)?(?P<mm>{_M})(?:月份?)?{_sep("ms")}(?:(?P<my2>{_Y})年)?(?P<mm2>{_M})月份?
      (?!{_D}[日号]|龄))
    # single date: 2023年3月21日, 3月21日, 2023年3月, 3月上旬, 二〇二三年三月二十一日
    | (?P<ONE>{_NOT_AFTER_NUM}(?:(?P<oy>{_Y})年)?(?P<om>{_M})月份?(?!龄)
      (?:(?P<od>{_D})[日号]|(?P<ox>[上中下])旬)?(?:[ \t\u3000]*{_wd("owa", "owb")})?)
    # bare year: 2023年, 二〇二三年
    | (?P<YEAR>(?P<by>{_Y})年)
    )
    """

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


class Part(NamedTuple):
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


class DateRef(NamedTuple):
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


class Mention(NamedTuple):
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
    if month == 2:
        return 29 if year is None or calendar.isleap(year if 1 <= year <= 9999 else 2000) else 28
    if 1 <= month <= 12:
        return _MONTH_DAYS[month]  # what calendar.monthrange says, without its call
    return calendar.monthrange(2000, month)[1]  # raises calendar.IllegalMonthError, as it always did


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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


# Named tuples, not frozen dataclasses: the extractor makes several per mention, and a tuple is
# built in one C call (tuple.__new__, as _make does) where a frozen dataclass sets each field
# through object.__setattr__.
_tuple = tuple.__new__


def _new_part(value: int, text: str, start: int, end: int) -> Part:
    return _tuple(Part, (value, text, start, end))


def _new_ref(year: Part | None, month: Part | None = None, day: Part | None = None,
             weekday: Part | None = None, xun: str = "") -> DateRef:
    return _tuple(DateRef, (year, month, day, weekday, xun))


def _numeral(t: str, span: tuple[int, int]) -> Part | None:
    """The numeral captured at ``span`` of ``t`` as a Part (None when the group did not take part)."""
    s, e = span
    if s < 0:
        return None
    x = t[s:e]
    value = int(x) if x.isascii() and x.isdigit() else cn_to_int(x)
    return None if value is None else _new_part(value, x, s, e)


_WEEKDAY_VALUE = {c: i for i, c in enumerate(WEEKDAYS)} | {"天": 6}


def _weekday(t: str, bracketed: tuple[int, int], bare: tuple[int, int]) -> Part | None:
    """The weekday captured by either of its two groups, as a Part (value = datetime.weekday())."""
    s, e = bracketed if bracketed[0] >= 0 else bare
    if s < 0:
        return None
    c = t[s:e]
    return _new_part(_WEEKDAY_VALUE[c], c, s, e)


class _Mentions:
    """The compiled mention pattern and the numbers of its groups (built on first use)."""

    def __init__(self) -> None:
        self.pattern = re.compile(_MENTION_SOURCE, re.VERBOSE)
        g = self.pattern.groupindex
        self.NUM, self.YR, self.DR, self.MR, self.ONE, self.YEAR = (
            g["NUM"], g["YR"], g["DR"], g["MR"], g["ONE"], g["YEAR"])
        self.num = tuple(g[n] for n in ("ny", "nm", "nd", "nwa", "nwb", "ns"))
        self.yr = tuple(g[n] for n in ("ry", "ry2", "rs"))
        self.dr = tuple(g[n] for n in ("dy", "dm", "dd", "dwa", "dwb", "ds", "dy2", "dm2", "dd2", "dwc", "dwd"))
        self.mr = tuple(g[n] for n in ("my", "mm", "ms", "my2", "mm2"))
        self.one = tuple(g[n] for n in ("oy", "om", "od", "owa", "owb", "ox"))
        self.year = g["by"]


_compiled: _Mentions | None = None
_LUNAR = lazy(regex.compile, r"(?:农历|阴历|夏历|旧历)\s*$")


def _mention(m: re.Match[str], c: _Mentions, text: str) -> Mention | None:
    """Turn one match into a Mention, or None when it is no date (see ``_plausible``)."""
    t = m.string
    span = m.span  # m.regs would build a tuple for each of the ~50 groups
    k = m.lastindex
    start, end = span()
    if _lunar(text, start):
        return None
    end_ref: DateRef | None = None
    sep: tuple[int, int] | None = None
    numeric_sep = ""
    if k == c.YEAR:
        begin = _new_ref(_numeral(t, span(c.year)))
        kind = "year"
    elif k == c.ONE:
        y, mo, d, wa, wb, x = c.one
        begin = _new_ref(_numeral(t, span(y)), _numeral(t, span(mo)), _numeral(t, span(d)),
                         _weekday(t, span(wa), span(wb)), t[span(x)[0]:span(x)[1]])
        kind = "date"
    elif k == c.NUM:
        y, mo, d, wa, wb, ns = c.num
        begin = _new_ref(_numeral(t, span(y)), _numeral(t, span(mo)), _numeral(t, span(d)),
                         _weekday(t, span(wa), span(wb)))
        if begin.date() is None:  # 2023.13.5 is a version or a code, not a date
            return None
        kind = "numeric"
        numeric_sep = m.group(ns)
    else:
        if k == c.DR:
            y, mo, d, wa, wb, s, y2, mo2, d2, wc, wd = c.dr
            begin = _new_ref(_numeral(t, span(y)), _numeral(t, span(mo)), _numeral(t, span(d)),
                             _weekday(t, span(wa), span(wb)))
            end_ref = _new_ref(_numeral(t, span(y2)), _numeral(t, span(mo2)), _numeral(t, span(d2)),
                               _weekday(t, span(wc), span(wd)))
        elif k == c.MR:
            y, mo, s, y2, mo2 = c.mr
            begin = _new_ref(_numeral(t, span(y)), _numeral(t, span(mo)))
            end_ref = _new_ref(_numeral(t, span(y2)), _numeral(t, span(mo2)))
        else:
            y, y2, s = c.yr
            begin = _new_ref(_numeral(t, span(y)))
            end_ref = _new_ref(_numeral(t, span(y2)))
        sep = span(s)
        kind = "year-range" if begin.month is None else "month-range" if begin.day is None else "range"
    if not _plausible(kind, begin, end_ref):
        return None
    return _new_mention(kind, start, end, begin, end_ref, sep, numeric_sep)


def _new_mention(kind: str, start: int, end: int, begin: DateRef, end_ref: DateRef | None = None,
                 sep: tuple[int, int] | None = None, numeric_sep: str = "") -> Mention:
    return _tuple(Mention, (kind, start, end, begin, end_ref, sep, numeric_sep))


def _lunar(text: str, start: int) -> bool:
    """True after 农历 (阴历…): 农历二月三十日 is a lunar date, with other months and lengths."""
    lo = start - 3 if start > 3 else 0
    return "历" in text[lo:start] and bool(_LUNAR.search(text, lo, start))


def _plausible(kind: str, b: DateRef, e: DateRef | None) -> bool:
    """Drop matches that are not dates: a lone Chinese month (统一月), out-of-range years."""
    if b.year is not None and not 1000 <= b.year.value <= 2999:
        return False
    if e is not None and e.year is not None and not 1000 <= e.year.value <= 2999:
        return False
    if kind == "date" and b.day is None and b.year is None and b.month is not None:
        return b.month.text.isascii()
    if kind == "month-range":
        # 1—9月 needs Arabic or a 月 on the start; 一至三月 alone is too ambiguous
        assert e is not None and e.month is not None and b.month is not None
        if b.year is not None:
            return True
        return (b.month.text.isascii() and e.month.text.isascii()
                and 1 <= b.month.value <= 12 and 1 <= e.month.value <= 12)
    return True


# Every mention holds an anchor: 月 right after a numeral, 年 right after four digits (a mention
# without 月 is a year, 2023年 or 二〇二三年, or a range of years), or [./-] right after four digits
# (the numeric form, 2023.3.21). Most 年 in a report follow one numeral (三年, 近十年) and most
# separators one or two digits (6.5%): those start no window.
# A mention is made only of the characters in _DATE_CHARS, so it lies inside the run of those
# characters round its anchor, and the pattern cannot read past the first other character
# after that run (nor before the run, but lookbehinds see there). Run on each such run, the
# pattern finds exactly what one pass over the whole text finds, in a small part of the time.
_DIGITS = "0123456789０１２３４５６７８９"  # runs are found in the text as written: full-width count
_DIGIT_SET = frozenset(_DIGITS)
_YEAR_DIGIT = frozenset(_DIGITS + "〇○零一二三四五六七八九")  # a year's digits (_Y), in either script
_NUMERAL = frozenset(_DIGITS + "〇○零一二三四五六七八九十")
_DATE_CHARS = (_DIGITS + "〇○零一二三四五六七八九十年度月份日号旬上中下 \t\u3000—–-－~～〜至到./"
               "（(）)星期礼拜周天")
_DATE_SET = frozenset(_DATE_CHARS)
_DATE_RUN = lazy(re.compile, "[" + re.escape(_DATE_CHARS) + "]*")


def _anchors(t: str) -> list[int]:
    """Offsets of the anchors (年, 月, [./-]) in ``t``, in order (str.find beats a pattern here)."""
    found = []
    find = t.find
    q = find("月", 1)
    while q >= 0:
        if t[q - 1] in _NUMERAL:
            found.append(q)
        q = find("月", q + 1)
    year = _YEAR_DIGIT
    q = find("年", 4)
    while q >= 0:
        if t[q - 1] in year and t[q - 2] in year and t[q - 3] in year and t[q - 4] in year:
            found.append(q)
        q = find("年", q + 1)
    digit = _DIGIT_SET
    for ch in "./-":
        q = find(ch, 4)
        while q >= 0:
            if t[q - 1] in digit and t[q - 2] in digit and t[q - 3] in digit and t[q - 4] in digit:
                found.append(q)
            q = find(ch, q + 1)
    found.sort()
    return found


def _runs(t: str, anchors: list[int], chars: frozenset[str], run: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of ``chars`` holding an anchor, with the character after it.

    ``run`` matches any number of ``chars``; ``anchors`` are in order.
    """
    out: list[tuple[int, int]] = []
    hi = 0
    match = run.match  # once: ``run`` may be a lazy pattern, whose attributes cost a Python call
    for q in anchors:
        if q < hi:
            continue  # in the run before
        s = q
        while s > 0 and t[s - 1] in chars:
            s -= 1
        m = match(t, q)
        assert m is not None  # the run pattern matches the empty string too
        hi = m.end() + 1
        out.append((s, hi))
    return out


def _windows(t: str) -> list[tuple[int, int]]:
    """Where the mention pattern can match in ``t``: the date-character runs round its anchors."""
    return _runs(t, _anchors(t), _DATE_SET, _DATE_RUN)


def find_mentions(text: str) -> list[Mention]:
    """Every date mention in ``text``, in order, with character offsets into ``text``."""
    global _compiled
    c = _compiled
    out: list[Mention] = []
    simple = _SIMPLE.fullmatch
    # The pattern reads full-width digits as ASCII; it reads nothing outside a run but the
    # character before (no digit: runs are maximal), so a run is translated alone, with a few
    # characters before it for _lunar, never the whole text (16 ms per MB; a 50 MB file of
    # reports with one ２ paid 0.8 s for it).
    for lo, hi in _windows(text):
        s = simple(text, lo, hi - 1)  # ASCII digits only
        if s is not None:
            y, mo, d = s.groups()
            if mo is None or (text[lo - 1:lo] not in _NOT_AFTER_OTHER and (
                    d is not None or text[hi - 1:hi] != "龄")):
                if not _lunar(text, lo):
                    mention = _simple_mention(y, mo, d, lo, hi - 1)
                    if mention is not None:
                        out.append(mention)
                continue
        if c is None:  # the big pattern, compiled when a text first needs it (~9 ms of start-up)
            c = _compiled = _Mentions()
        finditer = c.pattern.finditer
        if _FULLWIDTH.search(text, lo, hi) is not None:
            a = lo - _LUNAR_BACK if lo > _LUNAR_BACK else 0
            seg = text[a:hi].translate(_WIDTH)
            for m in finditer(seg, lo - a, hi - a):
                mention = _mention(m, c, seg)
                if mention is not None:
                    out.append(_shifted(mention, a))
            continue
        for m in finditer(text, lo, hi):
            mention = _mention(m, c, text)
            if mention is not None:
                out.append(mention)
    return out


_FULLWIDTH = lazy(re.compile, "[０-９]")
#: Characters translated before a run: more than _lunar looks back (3) and the pattern looks behind (1).
_LUNAR_BACK = 8


def _shifted_part(p: Part | None, a: int) -> Part | None:
    return None if p is None else _new_part(p.value, p.text, p.start + a, p.end + a)


def _shifted_ref(r: DateRef | None, a: int) -> DateRef | None:
    if r is None:
        return None
    return _new_ref(_shifted_part(r.year, a), _shifted_part(r.month, a), _shifted_part(r.day, a),
                    _shifted_part(r.weekday, a), r.xun)


def _shifted(m: Mention, a: int) -> Mention:
    """``m`` found in ``text[a:]``, with its offsets made offsets into ``text``."""
    if a == 0:
        return m
    begin = _shifted_ref(m.begin, a)
    assert begin is not None
    sep = None if m.sep is None else (m.sep[0] + a, m.sep[1] + a)
    return _new_mention(m.kind, m.start + a, m.end + a, begin, _shifted_ref(m.end_ref, a), sep, m.numeric_sep)


# The commonest runs, 2023年, 3月21日, 2023年3月21日, 2023年3月, are read without the big pattern.
# On such a run (ASCII digits, nothing else in it) the range and numeric branches fail (they need
# a range mark or a separator), the single-date branch matches the whole run when there is a
# month (2023年 alone goes on to the bare-year branch, which matches it), and the lookbehinds
# pass, as no digit or numeral comes just before a run: unless 百千万亿两第 comes before the month
# or 龄 after a month without a day, where the pattern decides.
_SIMPLE = lazy(re.compile, r"(?:([0-9]{4})年)?(?:([0-9]{1,2})月(?:([0-9]{1,2})[日号])?)?")
_NOT_AFTER_OTHER = frozenset("百千万亿两第")  # in _NOT_AFTER_NUM and not date characters


def _simple_mention(y: str | None, mo: str | None, d: str | None, lo: int, hi: int) -> Mention | None:
    """The mention a _SIMPLE run ``lo:hi`` is, from its groups (None for a year out of range)."""
    year = month = day = None
    # the offsets follow from the lengths: cheaper than asking the match for three spans
    if y is not None:
        value = int(y)
        if not 1000 <= value <= 2999:
            return None
        year = _new_part(value, y, lo, lo + 4)
        pos = lo + 5
    else:
        pos = lo
    if mo is not None:
        month = _new_part(int(mo), mo, pos, pos + len(mo))
        if d is not None:
            pos += len(mo) + 1
            day = _new_part(int(d), d, pos, pos + len(d))
    return _new_mention("year" if month is None else "date", lo, hi, _new_ref(year, month, day))


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


# Every period holds 季度 or 半年 and is made of these characters only, so the pattern runs on
# the runs of them round each 季度 or 半年 (as the mention pattern does round its anchors).
_PERIOD_CHARS = "0123456789〇○零一二三四五六七八九十年度第前季上下半 \t\u3000（(）)月份—–-－~～〜至到"
# Runs are taken in the text as if its full-width digits were ASCII (the pattern reads them so).
_PERIOD_WIDE = frozenset(_PERIOD_CHARS + "０１２３４５６７８９")
_PERIOD_WIDE_RUN = lazy(re.compile, "[" + re.escape(_PERIOD_CHARS + "０１２３４５６７８９") + "]*")


@dataclass(frozen=True, slots=True)
class Period:
    """A quarter or half-year (一季度, 前三季度, 上半年) and the months it covers."""

    start: int
    end: int
    name: str  # as written, without the bracket
    months: tuple[int, int]  # first and last month the name covers
    year: int | None = None
    stated: tuple[Part, Part] | None = None  # the months written in brackets after it, if any


def _period_anchors(text: str) -> list[int]:
    """Offsets of each 季度 and 半年 in ``text``, in order."""
    anchors = []
    for first, second in (("季", "度"), ("半", "年")):  # one character: a far faster search than two
        q = text.find(first)
        while q >= 0:
            if text.startswith(second, q + 1):
                anchors.append(q)
            q = text.find(first, q + 1)
    anchors.sort()
    return anchors


def _period_matches(text: str, anchors: list[int]) -> Iterator[tuple[regex.Match[str], int]]:
    """``_PERIOD.finditer`` over ``text`` with its full-width digits read as ASCII, run only on the
    runs of period characters round the anchors: each match with the offset of the string it was
    found in (a run with full-width digits is translated alone, see find_mentions)."""
    for lo, hi in _runs(text, anchors, _PERIOD_WIDE, _PERIOD_WIDE_RUN):  # the runs of the text made ASCII
        if _FULLWIDTH.search(text, lo, hi) is None:
            yield from ((m, 0) for m in _PERIOD.finditer(text, lo, hi))
        else:
            a = lo - _LUNAR_BACK if lo > _LUNAR_BACK else 0
            seg = text[a:hi].translate(_WIDTH)
            yield from ((m, a) for m in _PERIOD.finditer(seg, lo - a, hi - a))


def find_periods(text: str) -> list[Period]:
    """Every quarter or half-year named in ``text``, with the months it stands for."""
    out: list[Period] = []
    anchors = _period_anchors(text)
    if not anchors:
        return out
    for m, a in _period_matches(text, anchors):
        if m.group("q"):
            q = number(m.group("q")) or 0
            months = (1, 3 * q) if m.group("pre") == "前" else (3 * q - 2, 3 * q)
        else:
            months = (1, 6) if m.group("h") == "上" else (7, 12)
        year = _part(m, "y")
        stated = None
        if m.group("m2"):
            first, last = _shifted_part(_part(m, "m"), a), _shifted_part(_part(m, "m2"), a)
            if first is not None and last is not None:
                stated = (first, last)
        out.append(Period(m.start() + a, m.end() + a, m.group("name"), months,
                          year.value if year else None, stated))
    return out
