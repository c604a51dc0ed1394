"""finditer_near gives exactly the full scan's matches when its window bounds hold."""

from __future__ import annotations

import re

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.windows import finditer_near, windows
from reportlint_numbers.terms import _SESSION, _SESSION_AFTER, _SESSION_BEFORE

# Characters the session pattern cares about, and filler.
_ALPHABET = "届中全会次体议人大政协纪委党代表央员123０.连任共第二十三的，。 \n"


def test_merge_joins_spans_that_overlap_or_touch():
    from reportlint.windows import merge

    assert merge([(5, 8), (0, 2), (2, 3), (7, 9), (10, 11)]) == [(0, 3), (5, 9), (10, 11)]
    assert merge([(0, 10), (2, 3)]) == [(0, 10)] and merge([]) == []


def test_windows_merge_overlapping_spans():
    assert windows("ab届cd届ef", ["届"], 1, 2) == [(1, 7)]
    assert windows("届" + "x" * 10 + "届", ["届"], 0, 2) == [(0, 2), (11, 12)]
    assert windows("没有锚", ["届"], 3, 3) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
@example("二十届3中全会，第12届全国人大1次会议，连任3届人大，20届中央纪委2次全会")
def test_session_numbers_found_near_anchors_equal_the_full_scan(text):
    full = [m.span() for m in _SESSION.finditer(text)]
    near = [m.span() for m in finditer_near(_SESSION, text, ("届", "中全会"), _SESSION_BEFORE, _SESSION_AFTER)]
    assert near == full
    if text.startswith("二十届3"):
        assert [text[s:e] for s, e in full] == ["3", "12", "1", "20", "2"]  # not 连任3届


def test_lookbehind_sees_before_the_window_in_both_engines():
    # The guarantee finditer_near relies on: pos does not hide what lies before it.
    assert re.compile(r"(?<!a)b").search("ab", 1) is None
    assert regex.compile(r"(?<!a)b").search("ab", 1) is None


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789０٣.．～~—-－至到 \u3000\n\t万亿%％‰a年人元", max_size=60))
@example("增长20～30%，1.5-3亿，5至10万亿，20%30～40%，a1-2万，x.5至6万，３～５％")
@example("增长20 ～ 30%，5\u3000至\u300010万，1-2-3亿")  # a space before the mark
def test_range_windows_equal_the_full_scan(text):
    from reportlint_numbers.terms import _RANGE, _range_matches

    assert [m.span() for m in _range_matches(text)] == [m.span() for m in _RANGE.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="一二三九〇零○OＯ0０十百年aA5 ，", max_size=40))
@example("二O二三年，二○一九年，二零二三年，二0三五年，一百零五人，○○单位，一OK，二零，2000年，二00三，00二")
def test_zero_runs_equal_the_full_scan(text):
    from reportlint_numbers.forms import _CN_RUN, _zero_run_matches

    def reportable(m):  # what zero_glyph can keep: runs holding a zero lookalike or 零, and a Chinese digit or 〇
        return any(c in "○OＯ0０零" for c in m.group()) and any(c in "一二三四五六七八九〇" for c in m.group())

    full = [m.span() for m in _CN_RUN.finditer(text) if reportable(m)]
    assert [m.span() for m in _zero_run_matches(text) if reportable(m)] == full


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="12389一二三八九十、第.个天人年分别", max_size=30))
@example("发现三、四个问题，用了3、4天，第1、2项，一、二年级，分别有3、4个")
def test_approximation_candidates_equal_the_full_scan(text):
    from reportlint_numbers.terms import _APPROX_AR, _APPROX_CN, _approx_matches

    arabic, chinese = _approx_matches(text)
    assert [m.span() for m in arabic] == [m.span() for m in _APPROX_AR.finditer(text)]
    assert [m.span() for m in chinese] == [m.span() for m in _APPROX_CN.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789٣，,。.%个百分点元人", max_size=40))
@example("投入1，258，000元，共5，000元，分别为12，15，18项，增长65。8%，下降1。5个百分点，2023。30%")
def test_number_rules_tried_from_their_marks_equal_the_full_scan(text):
    from reportlint_numbers.digits import matches_from_marks
    from reportlint_numbers.forms import (
        _COMMA_BETWEEN_DIGITS,
        _FULLWIDTH_GROUPS,
        _PERIOD_BETWEEN_DIGITS,
        _PERIOD_DECIMAL,
    )

    for pattern, marks in ((_FULLWIDTH_GROUPS, _COMMA_BETWEEN_DIGITS), (_PERIOD_DECIMAL, _PERIOD_BETWEEN_DIGITS)):
        assert [m.span() for m in matches_from_marks(pattern, text, marks)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="十一二三四五六“”‘’\"1２45规划时期间计人年个本上下周星期天5", max_size=24))
@example("十四五规划，“十四五”，有十四五个人，一百一十四五，14五规划，114五规划，星期5，下周1，每周5天")
def test_literal_led_rewrites_equal_the_regex_patterns(text):
    # N106/N107 patterns moved to stdlib re with the lookbehind after their literal: same matches.
    from reportlint_numbers.terms import _PARTY_CONGRESS, _PLAN, _PLAN_ARABIC

    cn = "一二三四五六七八九十百千零〇"
    before = {
        _PLAN: regex.compile(rf"(?<![“‘\"{cn}])十[一二三四五]五(?![”’\"{cn}个人名天岁次家户只条件位年月日台辆元万亿多])"),
        _PLAN_ARABIC: regex.compile(r"(?<![\d“‘\"])1([1-5])五(?=规划|时期|期间|计划)"),
        _PARTY_CONGRESS: regex.compile(r"党的(\d{1,3})(?=大)"),
    }
    for new, old in before.items():
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        assert [m.span() for m in new.finditer("党的" + text)] == [m.span() for m in old.finditer("党的" + text)]
