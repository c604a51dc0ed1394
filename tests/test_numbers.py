"""Family N (GB/T 15835-2011): each rule on bad and good text, edge cases, and the sample report."""

from __future__ import annotations

import pytest

from reportlint.testing import assert_clean, assert_flags, lint_snippet
from reportlint_numbers.cn import to_chinese


def test_sample_has_no_number_findings(sample_text):
    assert not [f for f in lint_snippet(sample_text, "N") if f.code.startswith("N")]


@pytest.mark.parametrize("n,cn", [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (21, "二十一"),
                                  (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_to_chinese(n, cn):
    assert to_chinese(n) == cn


# --- N101 fullwidth-alphanumeric ----------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("２０２３年", "2023年"), ("增长６５．８%", "增长65.8%"), ("ＧＤＰ总量", "GDP总量"), ("第３季度", "第3季度"),
])
def test_n101(bad, fixed):
    found = assert_flags(bad, "N101", count=1, fixed=fixed)
    assert found[0].fix.safe


def test_n101_leaves_heading_markers_to_family_s():
    found = lint_snippet("１．强化监督。\n增长２０%。\n（１）加强学习。", "N101")
    assert [f.line for f in found] == [2, 3]  # S104 fixes １． whole; it accepts （１） as （1）


def test_n101_leaves_fullwidth_punctuation():
    assert_clean("（一）总体情况：完成100％。", "N101")


# --- N102 / N103 zero -------------------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("二O二三年", "二〇二三年"), ("二○一九年", "二〇一九年"), ("二零二三年", "二〇二三年"), ("二0三五年", "二〇三五年"),
    ("二Ｏ二三年", "二〇二三年"), ("二○○○年", "二〇〇〇年"),
])
def test_n102(bad, fixed):
    assert_flags(bad, "N102", count=1, fixed=fixed)


@pytest.mark.parametrize("good", ["二〇二三年", "一百零五人", "○○单位", "一OK", "二零", "三千零五十二", "九零后", "CO2"])
def test_n102_allowed(good):
    assert_clean(good, "N102")


def test_n103():
    assert_flags("三千〇五十二", "N103", fixed="三千零五十二")
    assert_flags("九十五点〇六", "N103", fixed="九十五点零六")
    assert_clean("二〇二三年", "N103")


# --- N104 range-drops-magnitude -------------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("增长20～30%", "增长20%～30%"), ("投资9～16亿元", "投资9亿～16亿元"), ("5至10万人", "5万至10万人"),
    ("占比3.5-4.5%", "占比3.5%-4.5%"), ("1—2万亿元", "1万亿—2万亿元"), ("20到30％", "20％到30％"),
])
def test_n104(bad, fixed):
    found = assert_flags(bad, "N104", count=1, fixed=fixed)
    assert found[0].fix.safe


@pytest.mark.parametrize("good", ["增长20%～30%", "3～5天", "9亿～16亿元", "2023-2024年", "年龄20～30岁",
                                  "从2019年到2023年增长30%", "V2-10%"])
def test_n104_allowed(good):
    assert_clean(good, "N104")


def test_n104_and_p114_fix_together():
    found = lint_snippet("选派5-10万人", ["N104", "P114"])
    assert {f.code for f in found} == {"N104", "P114"}


# --- N105 period-as-decimal-point --------------------------------------------------------------

def test_n105():
    found = assert_flags("同比增长65。8%", "N105", fixed="同比增长65.8%")
    assert not found[0].fix.safe
    assert_flags("下降1。5个百分点", "N105")
    for good in ("同比增长65.8%", "完成2023。30%的企业", "共计130。8月", "增长8%。2024年"):
        assert_clean(good, "N105")


# --- N106 arabic-congress-ordinal -----------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("党的20大", "党的二十大"), ("20届3中全会", "二十届三中全会"), ("十九届6中全会", "十九届六中全会"),
    ("二十届中央纪委2次全会", "二十届中央纪委二次全会"), ("十四届全国人大1次会议", "十四届全国人大一次会议"),
    ("第14届全国人大", "第十四届全国人大"),
])
def test_n106(bad, fixed):
    assert_flags(bad, "N106", fixed=fixed)


@pytest.mark.parametrize("good", ["党的二十大", "第29届奥运会", "召开3次会议", "省纪委十一届三次全会", "共3届"])
def test_n106_allowed(good):
    assert_clean(good, "N106")


# --- N107 unquoted-plan-shorthand ------------------------------------------------------------

def test_n107():
    assert_flags("编制十四五规划", "N107", fixed="编制“十四五”规划")
    assert_flags("“落实十四五规划”", "N107", fixed="“落实‘十四五’规划”")
    found = assert_flags("14五规划", "N107", fixed="“十四五”规划")
    assert not found[0].fix.safe
    for good in ("“十四五”规划", "有十四五个人", "一百一十四五", "‘十四五’时期"):
        assert_clean(good, "N107")


def test_n107_is_a_warning():
    assert assert_flags("十四五时期", "N107")[0].severity.value == "warning"


# --- N108 / N109 / N111 ------------------------------------------------------------------------

def test_n108():
    assert_flags("星期5上午", "N108", fixed="星期五上午")
    assert_flags("下周1召开", "N108", fixed="下周一召开")
    assert_flags("星期7", "N108", fixed="星期日")
    for good in ("星期五上午", "每周5天", "周1次", "2周年"):
        assert_clean(good, "N108")


def test_n109():
    assert_flags("发现三、四个问题", "N109", fixed="发现三四个问题")
    assert_flags("用了3、4天", "N109", fixed="用了三四天")
    assert_flags("开展1、2次", "N109", fixed="开展一两次")
    for good in ("发现三四个问题", "第1、2项", "一、二年级", "三、四个意识", "有3、5个", "1、2、3个",
                 "一、二、三次产业", "一、二季度", "\u3000\u3000三、四个坚持"):
        assert_clean(good, "N109")


def test_n111():
    assert_flags("投入1，258，000元", "N111", fixed="投入1,258,000元")
    assert_flags("共5，000元", "N111", fixed="共5,000元")
    for good in ("投入1,258,000元", "2022，2023年", "分别为12，15，18项", "完成100，占比", "分别为100，200，300人",
                 "分别为120，135个"):
        assert_clean(good, "N111")


# --- N110 / N112 / N113 ----------------------------------------------------------------------

def test_n110():
    found = assert_flags("补助4千元", "N110", fixed="补助4000元")
    assert not found[0].fix.safe
    assert_flags("投资5百亿元", "N110", fixed="投资500亿元")
    chained = assert_flags("3千5百元", "N110")
    assert chained[0].fix is None
    for good in ("全长5千米", "装机3千瓦", "110千伏线路", "播种面积120千公顷", "上下5千年", "三千元"):
        assert_clean(good, "N110")


def test_n112():
    assert_flags("成本降低了2倍", "N112", count=1)
    assert_flags("能耗减少近一倍", "N112", count=1)
    for good in ("产量增长了2倍", "成本降低了50%", "降至原来的1/3"):
        assert_clean(good, "N112")


def test_n113():
    assert_flags("下午15时召开", "N113", fixed="下午3时召开")
    assert_flags("晚上20:00", "N113", fixed="晚上8:00")
    for good in ("下午3时召开", "15时召开", "下午3:30", "下午12时"):
        assert_clean(good, "N113")
