"""Family D (dates): the extractor, its properties, every rule on bad and good text, the sample."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import Linter
from reportlint.fixes import apply_fixes
from reportlint.testing import assert_clean, assert_flags, lint_snippet
from reportlint_dates.extract import find_mentions, find_periods, parse_date
from reportlint_dates.rules import RULES

D_CODES = [r.code for r in RULES]  # every D rule, the default-off ones included


def _needs(code: str) -> None:
    """Skip when a rule is absent (D105 needs the lunardate package)."""
    if code not in D_CODES:
        pytest.skip(f"{code} is not loaded (lunardate missing?)")

# -- forms of one date ----------------------------------------------------------------------------

_CN = "〇一二三四五六七八九"


def cn_small(n: int) -> str:
    """1..31 in Chinese numerals: 一, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN[tens] + "十"
    return head + (_CN[ones] if ones else "")


def cn_year(y: int) -> str:
    return "".join(_CN[int(c)] for c in str(y))


def forms(d: dt.date) -> list[str]:
    """Every supported way to write ``d`` as one full date."""
    y, m, dd = d.year, d.month, d.day
    wd = "一二三四五六日"[d.weekday()]
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    return [
        f"{y}年{m}月{dd}日",
        f"{y}年{m:02d}月{dd:02d}日",
        f"{y}年{m}月{dd}号",
        f"{cn_year(y)}年{cn_small(m)}月{cn_small(dd)}日",
        f"{cn_year(y)}年{m}月{dd}日",
        f"{y}年{cn_small(m)}月{cn_small(dd)}日",
        f"{y}.{m}.{dd}",
        f"{y}/{m}/{dd}",
        f"{y}-{m:02d}-{dd:02d}",
        f"{y}-{m}-{dd}",
        f"{y}年{m}月{dd}日（星期{wd}）",
        f"{y}年{m}月{dd}日（周{wd}）",
        f"{y}年{m}月{dd}日".translate(full),
    ]


_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(_DATES)
def test_every_form_parses_to_the_same_date(d: dt.date) -> None:
    for text in forms(d):
        assert parse_date(text) == d, text


@settings(max_examples=200, deadline=None)
@given(_DATES, st.sampled_from(["于", "，", "截至", "（"]), st.sampled_from(["召开会议", "，", "）", "。"]))
def test_every_form_is_found_in_a_sentence(d: dt.date, before: str, after: str) -> None:
    for form in forms(d):
        text = before + form + after
        found = find_mentions(text)
        assert len(found) == 1, (text, found)
        assert found[0].begin.date() == d
        assert text[found[0].start:found[0].end] == form


@settings(max_examples=200, deadline=None)
@given(_DATES, st.integers(min_value=1, max_value=40))
def test_range_end_is_resolved_from_its_start(d: dt.date, span: int) -> None:
    end = d + dt.timedelta(days=span)
    if end.year != d.year:
        return
    tail = f"{end.day}日" if end.month == d.month else f"{end.month}月{end.day}日"
    for sep in ("-", "—", "至", "～"):
        text = f"{d.year}年{d.month}月{d.day}日{sep}{tail}"
        (m,) = find_mentions(text)
        assert m.is_range and m.begin.date() == d
        resolved = m.resolved_end()
        assert resolved is not None and resolved.date(d.year) == end


# Characters dates are made of, so that random text often comes close to a date.
_PIECES = list("0123456789０１２３年月日号至到—-－~～.／/（）()星期周天上中下旬季度半前第"
               "〇○零一二三四五六七八九十龄份，。；\n 端午节春中秋清明已完成召开了将") + ["\r\n", "2023年"]
_NEAR_DATES = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_NEAR_DATES, st.text(max_size=60)))
def test_random_text_never_crashes_the_parser(text: str) -> None:
    for m in find_mentions(text):
        assert 0 <= m.start < m.end <= len(text)
        m.begin.valid()
        m.resolved_end()
    find_periods(text)
    parse_date(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NEAR_DATES)
def test_random_text_never_crashes_the_rules(text: str) -> None:
    for f in lint_snippet("2023年工作总结\n" + text + "\n2024年1月5日", D_CODES):
        assert f.code.startswith("D")


@settings(max_examples=200, deadline=None)
@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(29, 35))
def test_every_day_past_the_month_end_is_invalid(y: int, m: int, d: int) -> None:
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    text = f"{y}年{m}月{d}日，召开会议。"
    if d > last:
        assert_flags(text, "D101", count=1)
    else:
        assert_clean(text, "D101")


def test_not_dates() -> None:
    for text in ["统一月度考核", "版本1.2.3", "v2023.3.5", "2023.13.5", "6-12月龄", "共13个月", "1.5万元",
                 "电话0571-88888888", "GB/T 15834-2011", "一至三月"]:
        assert not [m for m in find_mentions(text) if m.kind != "year"], text
    assert not [m for m in find_mentions("第1-3月") if m.is_range]


def test_periods_and_xun() -> None:
    (p,) = find_periods("二季度（7—9月）")
    assert p.months == (4, 6) and p.stated and (p.stated[0].value, p.stated[1].value) == (7, 9)
    assert find_periods("前三季度")[0].months == (1, 9)
    assert find_periods("下半年")[0].months == (7, 12)
    (m,) = find_mentions("3月上旬")
    assert m.begin.xun == "上" and m.begin.month and m.begin.month.value == 3


# -- rules: bad and good text per rule --------------------------------------------------------------

BAD: list[tuple[str, str, str | None]] = [
    ("D101", "2023年2月29日，召开会议。", None),
    ("D101", "4月31日，开展检查。", None),
    ("D101", "13月5日召开", None),
    ("D101", "二〇二三年二月三十日", None),
    ("D101", "4月27日—31日", None),
    ("D102", "2023年3月21日（星期三）召开", "2023年3月21日（星期二）召开"),
    ("D102", "2023年工作总结\n3月21日（周三），召开会议。", "2023年工作总结\n3月21日（周二），召开会议。"),
    ("D102", "2023年4月27日（星期四）—28日（星期六）", "2023年4月27日（星期四）—28日（星期五）"),
    ("D103", "5月10日—5月3日", None),
    ("D103", "2024—2023年", None),
    ("D103", "2024年1月3日至2023年12月28日", None),
    ("D104", "二季度（7—9月）", "二季度（4—6月）"),
    ("D104", "下半年（1-6月）", "下半年（7-12月）"),
    ("D105", "2023年6月10日端午节", None),
    ("D105", "2024年中秋节（9月29日）", None),
    ("D105", "2023年工作总结\n6月12日端午节，开展慰问。", None),
    ("D106", "2023年工作总结\n2024年3月召开了警示教育大会。", None),
    ("D106", "2023年工作总结\n会议已于2025年5月召开。\n2024年1月10日", None),
    ("D107", "2023年党风廉政建设工作总结\n正文。\n2022年12月5日", None),
    ("D107", "2023年工作总结\n正文。\n二〇二五年三月一日", None),
    ("D108", "2023年03月05日召开", "2023年3月5日召开"),
    ("D108", "4月07日—09日", "4月7日—9日"),
    ("D109", "二〇二三年3月5日", "2023年3月5日"),
    ("D109", "2023年十月一日", "2023年10月1日"),
    ("D110", "于2023.3.21召开", "于2023年3月21日召开"),
    ("D110", "（2023/3/21）", "（2023年3月21日）"),
    ("D110", "日期：2023-3-5", "日期：2023-03-05"),
    ("D111", "4月27日-28日，开展活动", "4月27日—28日，开展活动"),
    ("D111", "4月27-28日", "4月27—28日"),
    ("D111", "2023-2024年", "2023—2024年"),
    ("D111", "今年1-9月，全市", "今年1—9月，全市"),
    ("D111", "3月21日－4月2日", "3月21日—4月2日"),
    ("D112", "8月12日，召开会议；3月21日，召开专题会。", None),
    ("D113", "2023年工作总结\n23年度考核优秀", "2023年工作总结\n2023年度考核优秀"),
    ("D113", "2023年工作总结\n98年底建成", "2023年工作总结\n1998年底建成"),
    ("D113", "2019-20年", "2019-2020年"),
]

GOOD: list[tuple[str, str]] = [
    ("D101", "2024年2月29日，召开会议。"),
    ("D101", "2月29日"),  # no year anywhere: a leap year is possible
    ("D101", "0-36月龄"),
    ("D101", "1—12月"),
    ("D102", "2023年3月21日（星期二）"),
    ("D102", "3月21日（星期三）"),  # no year anywhere: nothing to check against
    ("D102", "2024年工作计划\n3月21日（星期四）"),
    ("D103", "12月28日—1月3日"),
    ("D103", "11—2月"),
    ("D103", "2023年12月28日至2024年1月3日"),
    ("D104", "一季度（1—2月）"),
    ("D104", "前三季度（1—9月份）"),
    ("D105", "2023年6月22日端午节"),
    ("D105", "2024年端午节（6月10日）"),
    ("D105", "2023年6月21日端午节前夕"),
    ("D105", "2023年9月29日中秋节、国庆节"),
    ("D105", "2023年4月5日清明节"),
    ("D106", "2023年工作总结\n2024年要召开警示教育大会。"),
    ("D106", "2023年工作总结\n截至2024年1月，已完成全部任务。"),
    ("D106", "2023年工作总结\n2024年1月10日，召开了年度总结会。"),  # written early next year
    ("D106", "2023年工作总结\n二、下一步工作打算\n2024年3月召开了大会。"),
    ("D106", "2023年工作总结\n下一步工作打算\n2024年3月召开了大会。"),
    ("D106", "2023年工作总结及2024年工作计划\n2024年3月召开了大会。"),
    ("D106", "2023年工作总结\n会议已于2024年1月20日召开。\n2024年2月1日"),
    ("D107", "2023年工作总结\n正文。\n2024年1月5日"),
    ("D107", "2024年工作计划\n正文。\n2023年12月5日"),
    ("D107", "工作总结\n正文。\n2022年12月5日"),  # no period known
    ("D108", "2023-03-05"),
    ("D108", "10月10日"),
    ("D109", "二〇二三年十月一日"),
    ("D110", "2023-03-05"),
    ("D110", "版本 2023.3.5"),
    ("D110", "见 http://a.cn/2023/3/5/x"),
    ("D110", "2023.3.21\t会议\t30人"),
    ("D111", "4月27日—28日"),
    ("D111", "4月27日至28日"),
    ("D111", "1～9月"),
    ("D111", "2023-03-05"),
    ("D111", "6-12月龄婴幼儿"),
    ("D111", "2023-2024学年"),
    ("D111", "4月27日\n-28日"),  # a range never spans a line break
    ("D112", "3月21日，召开专题会。8月12日，召开会议。"),
    ("D112", "3月21日召开专题会，会议回顾了2月5日的工作。"),
    ("D112", "8月12日，召开会议。\n3月21日，召开专题会。"),  # another paragraph
    ("D113", "近10年来"),
    ("D113", "经过10年初步形成"),
    ("D113", "20世纪80年代末"),
    ("D113", "服务期满5年3个月"),
    ("D113", "2023—2024年"),
]


@pytest.mark.parametrize(("code", "text", "fixed"), BAD)
def test_bad(code: str, text: str, fixed: str | None) -> None:
    _needs(code)
    assert_flags(text, code, count=1, fixed=fixed)


@pytest.mark.parametrize(("code", "text"), GOOD)
def test_good(code: str, text: str) -> None:
    _needs(code)
    assert_clean(text, code)


def test_inferred_year_is_a_warning_and_written_year_an_error() -> None:
    (f,) = assert_flags("2023年工作总结\n3月21日（星期三），召开会议。", "D102")
    assert f.severity.value == "warning" and "按2023年推算" in f.message
    (f,) = assert_flags("2023年3月21日（星期三）", "D102")
    assert f.severity.value == "error"


def test_year_from_the_nearest_preceding_date_in_the_paragraph() -> None:
    # 2024-03-21 is a Thursday; the paragraph's own 2024 wins over the title's 2023
    assert_clean("2023年工作总结\n2024年1月5日开会，3月21日（星期四）再次开会。", "D102")
    assert_flags("2023年工作总结\n2024年1月5日开会，3月21日（星期二）再次开会。", "D102")


def _lint_with_year(text: str, code: str, year: int | None) -> list[str]:
    linter = Linter(isolated=True, select=[code], report_year=year)
    doc = linter.read_bytes("r.txt", text.encode())
    return [f.code for f in linter.check_document(doc).findings]


def test_config_report_year_sets_the_period() -> None:
    text = "党风廉政建设工作总结\n2024年3月召开了警示教育大会。"
    assert _lint_with_year(text, "D106", None) == []
    assert _lint_with_year(text, "D106", 2023) == ["D106"]
    assert _lint_with_year(text, "D106", 2024) == []
    assert _lint_with_year("工作总结\n正文。\n2022年12月5日", "D107", 2023) == ["D107"]


def test_signing_date_bounds_done_events() -> None:
    text = "工作总结\n2024年3月召开了大会。\n2024年1月5日"
    assert_flags(text, "D106", count=1)


# -- the sample report ---------------------------------------------------------------------------


def test_sample_has_exactly_the_hyphen_range(sample_text: str) -> None:
    findings = lint_snippet(sample_text, D_CODES)
    assert [(f.code, sample_text[f.start:f.end]) for f in findings] == [("D111", "4月27日-28日")]
    fixed, count = apply_fixes(sample_text, findings)
    assert count == 1 and "4月27日—28日" in fixed and "4月27日-28日" not in fixed
    assert lint_snippet(fixed, D_CODES) == []


def test_sample_dates_are_all_found(sample_text: str) -> None:
    found = {sample_text[m.start:m.end] for m in find_mentions(sample_text)}
    assert {"2023年", "3月21日", "8月12日", "10月21日", "2月15日", "6月19日", "4月27日-28日"} <= found


MORE_GOOD: list[tuple[str, str]] = [
    ("D101", "农历二月三十日"),
    ("D105", "2024年1月18日春节慰问活动"),
    ("D106", "2023年工作总结\n印发了《2024年3月工作要点》。"),
    ("D106", "2023年工作总结\n完成了2024年预算编制。"),
    ("D106", "2023年工作总结\n已印发《办法》，自2024年3月1日起施行。"),
    ("D110", "版本 2023.3.5发布"),
    # the year is inferred (2023) but 6月10日 is 端午 of 2024: the context year is the doubtful part
    ("D105", "2023年工作总结\n6月10日端午节，开展慰问。"),
    # the review part of a 2024 report: its heading's year wins over the title's
    ("D105", "2024年政府工作报告\n一、2023年工作回顾\n（一）文旅。9月29日中秋节，接待游客。"),
    ("D102", "2024年政府工作报告\n一、2023年工作回顾\n3月21日（星期二），召开大会。"),
    # a signing date D107 rejects is no limit for D106
    ("D106", "2023年工作总结\n2023年3月召开了大会。\n2022年1月8日"),
]


@pytest.mark.parametrize(("code", "text"), MORE_GOOD)
def test_more_good(code: str, text: str) -> None:
    _needs(code)
    assert_clean(text, code)


def test_festival_dates_match_the_catalogue() -> None:
    """The library agrees with the catalogue's reference dates (D05)."""
    pytest.importorskip("lunardate")
    from reportlint_dates.rules import _festival_date

    expected = {("端午节", 2023): (6, 22), ("端午节", 2024): (6, 10), ("端午节", 2025): (5, 31),
                ("中秋节", 2023): (9, 29), ("中秋节", 2024): (9, 17), ("中秋节", 2025): (10, 6)}
    for (name, year), (month, day) in expected.items():
        assert _festival_date(name, year) == dt.date(year, month, day)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31)), st.integers(0, 6))
def test_weekday_of_a_date_without_year_is_checked_against_the_report_year(d: dt.date, wd: int) -> None:
    """3月21日（星期X） in a Y年工作总结: silent when X is right for Y, flagged (warning) otherwise."""
    text = f"{d.year}年工作总结\n{d.month}月{d.day}日（星期{'一二三四五六日'[wd]}），召开会议。"
    found = [f for f in lint_snippet(text, ["D102"]) if f.code == "D102"]
    if wd == d.weekday():
        assert not found
    else:
        assert len(found) == 1 and found[0].severity.value == "warning"


# -- the windowed extractor finds what one pass of the original pattern found ----------------------

def _reference_mentions(text: str) -> list[object]:
    """The extractor as first written: one `regex` pass over the whole text, duplicate group names."""
    import regex

    from reportlint_dates.extract import _D, _M, _NOT_AFTER_NUM, _Y, WEEKDAYS, DateRef, Mention, Part, number

    sep = r"(?P<sep>[ \t\u3000]*(?:——|—|–|-|－|~|～|〜|至|到)[ \t\u3000]*)"
    wd = r"(?:[（(][ \t\u3000]*(?:星期|礼拜|周)(?P<{n}>[一二三四五六日天])[ \t\u3000]*[）)]|星期(?P<{n}>[一二三四五六日天]))"
    pattern = regex.compile(rf"""
        (?=[0-9〇○零一二三四五六七八九十])
        (?:
          (?<![0-9A-Za-z/._\-:])(?P<ny>[0-9]{{4}})(?P<ns>[./\-])(?P<nm>[0-9]{{1,2}})(?P=ns)(?P<nd>[0-9]{{1,2}})
          (?![0-9A-Za-z/_\-]|\.[0-9])(?:[ \t\u3000]*{wd.format(n="w1")})?
        | (?<![0-9A-Za-z/._\-])(?P<y>(?:1[89]|2[01])[0-9]{{2}})(?:年度?)?{sep}(?P<y2>(?:1[89]|2[01])[0-9]{{2}})年(?P<yd>度)?
        | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})月(?P<d>{_D})(?P<du>[日号])?(?:[ \t\u3000]*{wd.format(n="w1")})?{sep}
          (?:(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月)?(?P<d2>{_D})[日号](?:[ \t\u3000]*{wd.format(n="w2")})?
        | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})(?P<mu>月份?)?{sep}(?:(?P<y2>{_Y})年)?(?P<m2>{_M})月份?
          (?!{_D}[日号]|龄)
        | {_NOT_AFTER_NUM}(?:(?P<y>{_Y})年)?(?P<m>{_M})月份?(?!龄)
          (?:(?P<d>{_D})[日号]|(?P<xun>[上中下])旬)?(?:[ \t\u3000]*{wd.format(n="w1")})?
        | (?P<y>{_Y})年
        )""", regex.VERBOSE)
    lunar = regex.compile(r"(?:农历|阴历|夏历|旧历)\s*$")

    def part(m: regex.Match[str], group: str) -> Part | None:
        caps = m.captures(group)
        value = number(caps[0]) if caps else None
        return None if value is None else Part(value, caps[0], *m.spans(group)[0])

    def weekday(m: regex.Match[str], group: str) -> Part | None:
        caps = m.captures(group)
        return Part(WEEKDAYS.index("日" if caps[0] == "天" else caps[0]), caps[0], *m.spans(group)[0]) if caps else None

    def plausible(mention: Mention) -> bool:
        b, e = mention.begin, mention.end_ref
        if lunar.search(text, max(0, mention.start - 3), mention.start):
            return False
        if any(r is not None and r.year is not None and not 1000 <= r.year.value <= 2999 for r in (b, e)):
            return False
        if mention.kind == "date" and b.day is None and b.year is None and b.month is not None:
            return b.month.script == "arabic"
        if mention.kind == "month-range":
            assert e is not None and e.month is not None and b.month is not None
            return b.year is not None or (b.month.script == e.month.script == "arabic"
                                          and 1 <= b.month.value <= 12 and 1 <= e.month.value <= 12)
        return True

    out: list[object] = []
    ascii_text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for m in pattern.finditer(ascii_text):
        if m.group("ny"):
            ref = DateRef(part(m, "ny"), part(m, "nm"), part(m, "nd"), weekday(m, "w1"))
            mention = Mention("numeric", m.start(), m.end(), ref, numeric_sep=m.group("ns"))
            if ref.date() is None:
                continue
        else:
            begin = DateRef(part(m, "y"), part(m, "m"), part(m, "d"), weekday(m, "w1"), m.group("xun") or "")
            if m.group("sep") is None:
                mention = Mention("year" if begin.month is None else "date", m.start(), m.end(), begin)
            else:
                end = DateRef(part(m, "y2"), part(m, "m2"), part(m, "d2"), weekday(m, "w2"))
                kind = "year-range" if begin.month is None else "month-range" if begin.day is None else "range"
                mention = Mention(kind, m.start(), m.end(), begin, end, m.span("sep"))
        if plausible(mention):
            out.append(mention)
    return out


_PIECES = ["2023", "二〇二三", "２０２４", "年", "月", "日", "号", "3", "12", "05", "十二", "二十一", "一", "九", "—",
           "——", "-", "至", "到", "~", ".", "/", " ", "\u3000\u3000\u3000\u3000\u3000\u3000", "\t",
           "          ", "\n", "（星期二）", "（ 周 二 ）", "星期三", "（", "）", "上旬", "份", "度", "农历", "龄",
           "第", "百", "两", "A", ":", "_", "x", "是", "，", "。", "召开会议", "2023年3月21日", "3月21号", "2023年12月",
           "10月", "２０２３年３月２１日", "3月２１日", "２０２３-０３-０５", "１"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=70))
def test_windowed_extractor_finds_what_one_pass_found(pieces: list[str]) -> None:
    """Runs round the anchors are exact, long runs of spaces (which the pattern allows) included."""
    text = "".join(pieces)
    assert find_mentions(text) == _reference_mentions(text), text


def _random_mention(rng: random.Random) -> str:
    """A long date form: years, ranges, weekdays, with runs of spaces where the pattern allows them."""
    def sp() -> str:
        return "".join(rng.choice(" \t\u3000") for _ in range(rng.choice([0, 0, 1, 3, 12])))

    def pick(*options: str) -> str:
        return rng.choice(options)

    def digits(n: int) -> str:
        return "".join(rng.choice(pick("0123456789", "０１２３４５６７８９", "〇○零一二三四五六七八九")) for _ in range(n))

    def year() -> str:
        return pick("2023", "1999", digits(4))

    def small() -> str:  # a month or a day, any script
        return pick(str(rng.randint(1, 31)), f"{rng.randint(0, 9):02d}", digits(rng.randint(1, 2)), "十", "十二",
                    "二十一", "三十", "十九")

    def wd() -> str:
        day = rng.choice("一二三四五六日天")
        return pick("", "", f"{sp()}（{sp()}星期{day}{sp()}）", f"{sp()}({sp()}周{day}{sp()})", f"{sp()}星期{day}",
                    f"{sp()}（礼拜{day}）")

    def date() -> str:
        return (pick("", f"{year()}年") + small() + pick("月", "月份")
                + pick(small() + pick("日", "号"), pick("上", "中", "下") + "旬", "") + wd())

    sep = sp() + pick("——", "—", "-", "至", "~", "到", "–", "－", "～", "〜") + sp()
    return pick(
        date(),
        date() + sep + pick("", pick("", f"{year()}年") + small() + "月") + small() + "日" + wd(),
        pick("", f"{year()}年") + small() + pick("", "月") + sep + pick("", f"{year()}年") + small() + pick("月", "月份"),
        year() + pick("", "年", "年度") + sep + year() + "年" + pick("", "度"),
        year() + pick(".", "/", "-") + small() + pick(".", "/", "-") + small() + wd(),
    )


def test_windowed_extractor_on_long_forms_and_documents(sample_text: str) -> None:
    """Long forms (spaces, weekdays, ranges, full-width digits) amid noise, and long documents."""
    longest = ["3月二十一日（星期二）——二十一日（星期二）", "3月二十一号（星期二）——二十一日（星期二）x",
               "2023——2024年度", "十二——二〇二三年十二月份", "2023.12.21（星期四）", "1999 —— 2000年"]
    for text in longest:
        for pad in ("", "，于", "第", "２０２３"):
            assert find_mentions(pad + text) == _reference_mentions(pad + text), pad + text
    rng = random.Random(5)
    for _ in range(4000):
        text = "".join(_random_mention(rng) if rng.random() < 0.4 else rng.choice(_PIECES)
                       for _ in range(rng.randint(1, 12)))
        assert find_mentions(text) == _reference_mentions(text), text
    for _ in range(20):
        text = "".join(rng.choice(_PIECES) for _ in range(600)) + sample_text
        assert find_mentions(text) == _reference_mentions(text)


def test_year_abbrev_windows_find_what_one_pass_found() -> None:
    """D113 runs its pattern only round 年 after two digits: the same matches as one whole pass."""
    from reportlint_dates.rules import _YEAR_ABBREV, _year_abbrevs

    rng = random.Random(8)
    pieces = ["2023", "23", "1", "12", "年", "年", "月", "度", "上半年", "底", "底线", "初", "初步", "末", "—", "——",
              "至", "-", "第", "二", ".", "a", "，", "是", "　", "2023年——23年", "1999年至20年", "23年12月", "23年1月",
              "23年10月5", "23年12月份", "2023—24年"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        whole = [(m.span(), m.groupdict()) for m in _YEAR_ABBREV.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _year_abbrevs(text)] == whole, text


def test_festivals_found_with_str_find_are_the_pattern_matches() -> None:
    from reportlint_dates.rules import _FESTIVAL, _festivals

    rng = random.Random(9)
    pieces = ["春", "节", "元宵", "端午", "七夕", "七", "夕", "中秋", "重阳", "清明", "节", "春节", "，", "是", "（"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _festivals(text) == [m.span() for m in _FESTIVAL.finditer(text)], text


def _random_period(rng: random.Random) -> str:
    """一季度, 2023年上半年（1—6月）… in any script, with spaces where the pattern allows them."""
    def sp() -> str:
        return "".join(rng.choice(" \t\u3000") for _ in range(rng.choice([0, 0, 1, 5])))

    def pick(*options: str) -> str:
        return rng.choice(options)

    numerals = "0123456789０１２３４５６７８９〇○零一二三四五六七八九十"

    def small() -> str:
        return "".join(rng.choice(numerals) for _ in range(rng.randint(1, 2)))

    year = pick("", "2023", "".join(rng.choice(numerals) for _ in range(4))) + pick("年", "年度")
    name = pick(pick("", "第", "前") + rng.choice("一二三四1234５") + "季度", rng.choice("上下") + "半年")
    bracket = (sp() + pick("（", "(") + sp() + small() + pick("", "月", "月份") + sp()
               + pick("——", "—", "-", "至", "~", "到", "–", "－", "～", "〜") + sp() + small() + pick("月", "月份") + sp()
               + pick("）", ")"))
    return pick("", year) + name + pick("", bracket)


def test_period_windows_find_what_one_pass_found() -> None:
    from reportlint_dates.extract import _PERIOD, _WIDTH, _period_anchors, _period_matches

    rng = random.Random(10)
    pieces = ["2023", "年", "度", "第", "前", "一", "季度", "上", "半年", "（", "）", "十二", "月", "份", "—", " ", "x",
              "，", "季", "半"]
    for _ in range(20000):
        text = "".join(_random_period(rng) if rng.random() < 0.3 else rng.choice(pieces)
                       for _ in range(rng.randint(0, 12)))
        whole = [(m.span(), m.groupdict()) for m in _PERIOD.finditer(text.translate(_WIDTH))]
        windowed = [((m.start() + a, m.end() + a), m.groupdict()) for m, a in _period_matches(text, _period_anchors(text))]
        assert windowed == whole, text


def test_festival_dates_end_with_a_character_d105_looks_for() -> None:
    """D105 skips a festival unless a date can end right before it: every date ends so."""
    from reportlint_dates.rules import _BEFORE_FESTIVAL

    rng = random.Random(11)
    for _ in range(1500):
        text = "".join(_random_mention(rng) if rng.random() < 0.5 else rng.choice(_PIECES) for _ in range(6))
        for m in find_mentions(text):
            if m.kind in ("date", "numeric"):
                assert text[m.end - 1] in _BEFORE_FESTIVAL, text[m.start:m.end]


def test_periods_with_full_width_digits_far_into_a_text_keep_their_offsets() -> None:
    """A run with full-width digits is read alone (translated in place of the whole text): the
    offsets of the period and of its stated months still index the text."""
    from reportlint_dates.extract import _WIDTH

    text = "全年工作，" * 5 + "２０２３年一季度（１—３月）完成"
    (p,) = find_periods(text)
    assert text[p.start:p.end] == "２０２３年一季度（１—３月）" and p.year == 2023 and p.months == (1, 3)
    assert p.stated is not None
    assert [text[x.start:x.end].translate(_WIDTH) for x in p.stated] == ["1", "3"]
    (m,) = [m for m in find_mentions(text) if m.kind == "year"]
    assert text[m.start:m.end] == "２０２３年" and text[m.begin.year.start:m.begin.year.end] == "２０２３"
