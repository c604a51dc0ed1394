"""Family S: headings, numbering, sequence words, required parts, title; the sample report's skeleton."""

from __future__ import annotations

import pytest

from reportlint.api import Linter
from reportlint.context import Context
from reportlint.testing import assert_clean, assert_flags, lint_snippet

S_CODES = ["S101", "S102", "S103", "S104", "S105", "S111", "S112", "S113", "S201", "S202", "S203", "S301", "S302"]


def s_findings(text: str, **linter_args):
    """Every S finding (default-on rules) of ``text``, through a fresh Linter when settings are given."""
    if not linter_args:
        return [f for f in lint_snippet(text, "S") if f.code != "S105"]
    linter = Linter(isolated=True, select=["S"], **linter_args)
    doc = linter.read_bytes("report.txt", text.encode("utf-8"))
    result = linter.check_document(doc)
    assert not result.problems
    return result.findings


def without_part_two(sample_text: str) -> str:
    """The sample with the line 二、存在问题及下阶段工作打算 and every paragraph under it removed."""
    return sample_text[: sample_text.index("二、存在问题及下阶段工作打算")]


# -- the sample report ----------------------------------------------------------------------


def test_sample_has_no_s_finding(sample_text):
    assert s_findings(sample_text) == []


def test_sample_default_rules_through_cli_selection(sample_path):
    linter = Linter(isolated=True, select=["S"])
    result = linter.check_path(sample_path)
    assert result.findings == [] and not result.problems


def test_sample_without_part_two_names_the_missing_part(sample_text):
    found = s_findings(without_part_two(sample_text))
    assert [(f.code, f.line) for f in found] == [("S201", 1)]
    assert "存在问题" in found[0].message and "下一步打算" in found[0].message
    assert "工作总结" in found[0].message


def test_sample_without_part_two_but_with_its_leftover_marker(sample_text):
    cut = without_part_two(sample_text) + "##paidend##\n"
    assert [f.code for f in s_findings(cut)] == ["S201"]


# -- S101 continuity ------------------------------------------------------------------------


def test_gap_and_repeat_at_level_one():
    assert_flags("一、情况\n二、做法\n四、打算", "S101", count=1)
    assert_flags("一、情况\n二、做法\n二、打算", "S101", count=1)
    assert_flags("一、情况\n三、做法\n二、打算", "S101", count=2)  # 三 skips 二; 二 goes backwards


def test_numbering_restarts_under_each_parent():
    text = "一、做法\n（一）学习\n（二）教育\n二、问题\n（一）思想\n（二）作风\n1.学习\n2.教育\n（三）纪律\n1.检查"
    assert_clean(text, "S101")
    assert_flags("一、做法\n（一）学习\n（二）教育\n二、问题\n（二）思想", "S101", count=1)  # must start at （一）
    found = assert_flags("一、做法\n（一）学习\n（三）教育", "S101", count=1)
    assert "（二）" in found[0].message


def test_documents_using_only_top_level_or_only_arabic():
    assert_clean("总结\n一、情况\n二、做法\n三、打算", "S101")
    assert_clean("总结\n1.情况\n2.做法\n3.打算", "S101")
    assert_flags("总结\n1.情况\n2.做法\n4.打算", "S101", count=1)
    assert_clean("总结\n一、情况\n1.学习\n2.教育\n二、打算\n1.继续", "S101")  # 一、 → 1. skips （一）


def test_inline_headings_count_like_standalone_ones():
    text = "一、工作情况\n（一）提高政治站位，深入学习。一是学习；二是教育。\n（二）筑牢防线，强化教育。一是警示。\n（四）厉行节约。"
    found = assert_flags(text, "S101", count=1)
    assert found[0].line == 4


def test_a_number_quoted_inside_a_sentence_is_not_a_heading():
    text = "一、情况\n会议提出“三、四”两项要求，落实第3条和第5条。\n二、打算\n1、2月份完成。\n一、二季度完成。"
    assert_clean(text, "S101")
    assert_clean("一、情况\n二、做法，见前文第四、五部分。\n三、打算", "S101")


def test_numbering_straight_through_across_parents_is_a_valid_scheme():
    # 民生实事 lists: 一、 1.–3.  二、 4.–5. (corpus: 成都、海南 reports); a gap in that scheme still counts.
    text = "一、交通\n1.开通地铁\n2.新增公交\n3.改造路口\n二、环境\n4.建设绿道\n5.治理水体\n三、就业\n6.新增岗位"
    assert_clean(text, "S101")
    found = assert_flags(text.replace("6.新增岗位", "7.新增岗位"), "S101", count=1)
    assert "“6”" in found[0].message
    # Without that evidence a list under a new parent still starts at 1.
    assert_flags("一、交通\n1.开通地铁\n2.新增公交\n二、环境\n5.建设绿道\n6.治理水体", "S101", count=1)


def test_a_heading_run_into_the_paragraph_before_is_no_gap():
    # Lost line breaks leave a marker inside the paragraph: “……工作：（一）积极应对……”.
    text = "一、回顾\n我们重点做好以下几个方面的工作：（一）积极应对形势。一是稳增长。\n（二）加快调整。\n（三）深化改革。"
    assert_clean(text, "S101")
    assert_clean("一、甲\n二、乙\n内容。 三、丙的内容。\n四、丁", "S101")
    assert_clean("一、任务\n（一）提高综合实力1.推进重大项目。\n2.壮大实体经济。\n3.发展服务业。", "S101")
    assert_flags("一、任务\n（一）提高综合实力，增长1.5%。\n2.壮大实体经济。\n3.发展服务业。", "S101", count=1)
    # The same marker inside a sentence (not after a sentence end) is not a heading.
    assert_flags("一、甲\n二、乙\n完成第三、四批任务。\n四、丁", "S101", count=1)


def test_a_marker_followed_by_a_number_is_the_next_item_not_a_decimal():
    # 15.10大产业项目 (item 15: “10大……”), 3.630攻坚, 9、8个重点示范镇.
    text = "附件\n1.三个中心：甲。\n2.一圈两场：乙。\n3.630攻坚：丙。\n4.撤并转：丁。\n5.五个100：戊。"
    assert_clean(text, "S101")
    assert_clean("名词解释\n14.甲\n15.10大产业项目：乙\n16.10项重点工程：丙\n17.丁", "S101")
    # A paragraph that opens with a decimal, with no numbering round it, stays body text.
    assert_clean("一、情况\n2.5万人参加培训。\n二、打算", "S101")


def test_restart_at_one_under_same_parent_is_a_new_list():
    assert_clean("一、情况\n1.学习\n2.教育\n另有两项：\n1.检查\n2.整改", "S101")


# -- S102 nesting -----------------------------------------------------------------------------


def test_shallower_marker_inside_deeper_is_inverted():
    found = assert_flags("一、做法\n1.学习\n2.教育\n（一）检查\n（二）整改", "S102", count=1)
    assert "（一）" in found[0].message
    assert_clean("一、做法\n1.学习\n2.教育\n（一）检查", "S101")  # left to S102, not double-reported


def test_skipped_level_is_not_inverted():
    assert_clean("一、做法\n1.学习\n2.教育\n二、问题\n（一）思想\n1.学习", "S102")
    assert_clean("一、做法\n（一）学习\n（1）集中学\n（二）教育", "S102")


# -- S103 / S104 marker punctuation and glyphs ------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [("一.总体情况", "一、总体情况"), ("一，总体情况", "一、总体情况"), ("二．总体情况", "二、总体情况"),
     ("（一）、加强学习", "（一）加强学习"), ("1、学习", "1.学习"), ("（1）、落实", "（1）落实"), ("①、检查", "①检查")],
)
def test_marker_punct_safe_fix(bad, fixed):
    found = assert_flags(bad, "S103", count=1, fixed=fixed, unsafe=False)
    assert found[0].fix.safe


@pytest.mark.parametrize(
    ("bad", "fixed"),
    [("(一)加强学习", "（一）加强学习"), ("(一）加强学习", "（一）加强学习"), ("㈠加强学习", "（一）加强学习"),
     ("⑴落实责任", "（1）落实责任"), ("(1)落实责任", "（1）落实责任"), ("1）落实", "（1）落实"), ("1．学习", "1.学习"),
     ("⒇落实", "（20）落实")],
)
def test_marker_glyph_safe_fix(bad, fixed):
    assert_flags(bad, "S104", count=1, fixed=fixed, unsafe=False)


def test_glyph_and_punct_fix_together():
    text = "(一)、加强学习"
    from reportlint.fixes import fix_until_stable

    # Two rules' fixes side by side: applied in two passes (reportlint.fixes.ROOM), re-checked between.
    assert fix_until_stable(text, lambda t: lint_snippet(t, ["S103", "S104"]))[0] == "（一）加强学习"


def test_markers_only_at_paragraph_start():
    for code in ("S103", "S104"):
        assert_clean("会议要求(一)加强学习，1、2月份完成，见⑴项。", code)
        assert_clean("一、总体情况\n（一）加强学习\n1.学习\n（1）落实\n①检查", code)


# -- S105 consistency (off by default) ---------------------------------------------------------


def test_mixed_forms_per_level():
    found = assert_flags("一、情况\n1.学习\n2.教育\n二、做法\n1、检查\n2、整改\n3.考核", "S105", count=1)
    assert "1、" in found[0].message and found[0].line == 5
    assert_clean("一、情况\n1、学习\n2、教育\n二、做法\n1、检查", "S105")  # consistent (S103 judges 1、)


def test_consistency_is_off_by_default():
    from reportlint.api import Linter

    assert not Linter(isolated=True).all_rules()["S105"].default


# -- S111 sequence words ------------------------------------------------------------------------


def test_sequence_words_within_a_paragraph():
    assert_flags("一是加强学习；二是强化教育；四是严格考核。", "S111", count=1)
    assert_flags("一是加强学习；二是强化教育；二是严格考核。", "S111", count=1)
    assert_flags("第一，统一思想。第二，明确任务。第四，狠抓落实。", "S111", count=1)
    assert_flags("其一，统一思想；其三，狠抓落实。", "S111", count=1)
    assert_clean("一是加强学习；二是强化教育；三是严格考核。", "S111")
    assert_clean("第一，统一思想。第二，明确任务。第三，狠抓落实。", "S111")


def test_sequence_words_over_a_run_of_paragraphs():
    assert_clean("下一步重点做好以下工作：\n一是学习。\n二是教育。\n三是考核。\n四是整改。", "S111")
    found = assert_flags("重点做好：\n一是学习。\n二是教育。\n四是整改。", "S111", count=1)
    assert "三是" in found[0].message


def test_sequence_runs_reset_at_headings_and_new_lists():
    text = "（一）学习。一是原文学。二是专题学。\n（二）教育。一是警示。二是谈话。三是提醒。"
    assert_clean(text, "S111")
    assert_clean("一是学习。二是教育。\n\n正文段落。\n三是考核。", "S111")  # not adjacent: no judgement


def test_sequence_lookalikes_are_not_items():
    assert_clean("坚持实事求是，一是一、二是二。做到统一是关键。第一书记第三次来。", "S111")


def test_sample_inline_series(sample_text):
    assert_clean(sample_text, "S111")


# -- S112 series mixing -------------------------------------------------------------------------


def test_series_mix():
    assert_flags("一是加强学习；其次，强化教育。", "S112", count=1)
    assert_clean("首先，统一思想。其次，狠抓落实。最后，严格考核。", "S112")
    assert_clean("其次，要狠抓落实。", "S112")


# -- S113 announced count ------------------------------------------------------------------------


def test_announced_count_against_sequence_words():
    found = assert_flags("主要做了以下三个方面工作：一是加强学习；二是强化教育。", "S113", count=1)
    assert "2项" in found[0].message
    assert_clean("主要做了以下三个方面工作：一是加强学习；二是强化教育；三是严格考核。", "S113")
    assert_flags("重点抓好以下两项工作：\n一是学习。\n二是教育。\n三是考核。", "S113", count=1)


def test_announced_count_against_headings():
    assert_flags("主要有以下四个方面：\n（一）学习\n（二）教育\n（三）考核", "S113", count=1)
    assert_clean("主要有以下三个方面：\n（一）学习\n1.原文\n2.专题\n（二）教育\n（三）考核", "S113")


def test_announced_count_is_conservative():
    assert_clean("重点做好以下几个方面工作：\n一是学习。\n二是教育。", "S113")  # vague count
    assert_clean("我们在三个方面取得成效：一是学习；二是教育。", "S113")  # no pointer word
    assert_clean("主要做了以下三个方面工作。全年成效明显。", "S113")  # items not countable
    assert_clean("主要有以下三点：一是学习；三是教育；四是考核。", "S113")  # broken series: S111's business


# -- S201-S203 required parts -------------------------------------------------------------------


SUMMARY = "2023年工作总结\n一、主要工作\n（一）学习。\n（二）教育。\n{rest}"


@pytest.mark.parametrize(
    "rest",
    ["二、存在问题及下阶段工作打算", "二、存在的问题和下一步打算", "二、存在问题\n三、下一步工作打算",
     "二、存在的不足\n三、下一步工作思路", "二、问题和不足\n三、2024年工作安排", "二、存在的问题及原因\n三、今后工作打算"],
)
def test_summary_accepts_usual_wordings(rest):
    assert s_findings(SUMMARY.format(rest=rest)) == []


def test_summary_missing_one_part_names_it():
    found = s_findings(SUMMARY.format(rest="二、存在的不足\n不足明显。"))
    assert [f.code for f in found] == ["S201"]
    assert "下一步打算" in found[0].message and "“存在问题”" not in found[0].message


def test_required_parts_need_numbered_headings():
    assert s_findings("2023年工作总结\n今年工作顺利完成，成效明显。") == []


def test_profile_guessed_from_title():
    body = "\n一、履职情况\n二、廉洁自律情况"
    assert [f.code for f in s_findings("2023年个人述职报告" + body)] == ["S202"]
    assert [f.code for f in s_findings("关于2023年安全生产工作情况的报告" + body)] == ["S203"]
    assert s_findings("2024年政府工作报告" + body) == []  # requires nothing
    assert s_findings("2023年度市人大常委会工作报告" + body) == []
    assert s_findings("关于开展检查的通知" + body) == []  # no profile


def test_profile_from_config_overrides_title():
    text = "XX局2023年有关情况\n一、主要工作\n二、主要成效"
    assert s_findings(text) == []
    found = s_findings(text, profile="工作总结")
    assert [f.code for f in found] == ["S201"]
    assert s_findings(SUMMARY.format(rest="二、主要成效"), profile="政府工作报告") == []


def test_required_kind_errors_are_named(tmp_path):
    from reportlint.errors import PackError
    from reportlint.kinds import CORE_KINDS
    from reportlint.packs import load_pack
    from reportlint_structure.profiles import required_kind

    path = tmp_path / "p.toml"
    path.write_text('[[rules]]\nkind = "required"\ncode = "X901"\nname = "x"\nsummary = "x"\nprofile = "方案"\n'
                    'titles = ["方案"]\n', encoding="utf-8")
    with pytest.raises(PackError, match="rules.parts"):
        load_pack(path, {**CORE_KINDS, "required": required_kind})


# -- S301 / S302 title ---------------------------------------------------------------------------


def test_title_trailing_punct():
    assert_flags("2023年党风廉政建设工作总结。\n正文。", "S301", count=1, fixed="2023年党风廉政建设工作总结\n正文。")
    assert_flags("关于开展检查的通知（讨论稿）；\n各单位：", "S301", count=1)
    assert_clean("现将有关情况报告如下。\n一、情况", "S301")
    assert_clean("各位代表：\n现在作报告。", "S301")
    assert_clean("今年，我们认真总结。\n一、情况", "S301")


def test_title_duplicated_tokens():
    assert_flags("关于关于开展安全检查的通知", "S302", count=1, fixed="关于开展安全检查的通知")
    assert_flags("关于开展安全检查的通知的通知", "S302", count=1, fixed="关于开展安全检查的通知")
    assert_clean("关于印发《关于开展检查的通知》的通知", "S302")
    assert_clean("齐齐哈尔市2023年工作总结", "S302")
    assert_clean("2023年工作总结\n会议要求学习学习再学习。", "S302")  # body text is not the title


def test_sample_title_is_clean(sample_text):
    for code in ("S301", "S302"):
        assert_clean(sample_text, code)


def test_every_s_rule_is_registered():
    rules = Linter(isolated=True).all_rules()
    assert set(S_CODES) <= set(rules)


def test_part_named_by_a_paragraph_opening():
    text = SUMMARY.format(rest="二、主要成效\n成效明显。\n存在的问题主要是学习不够深入。\n下一步，我们将继续努力。")
    assert s_findings(text) == []


def test_markdown_lazy_list_numbering_is_not_a_repeat():
    found = [f for f in lint_snippet("# 总结\n\n1. 学习\n1. 教育\n1. 考核\n", "S101", filename="r.md") if f.code == "S101"]
    assert found == []
    assert_flags("总结\n1.学习\n1.教育", "S101", count=1)


def test_speed_on_a_long_report(sample_text):
    import time

    text = sample_text * 100  # about 450,000 characters
    t = time.perf_counter()
    s_findings(text)
    assert time.perf_counter() - t < 30  # a hang guard; bench/ measures speed


def test_inner_list_inside_an_item_resumes_the_outer_run():
    text = "一是加强学习，抓好三个环节：一是原文学，二是专题学，三是交流学；二是强化教育；三是严格考核。"
    assert_clean(text, "S111")
    assert_flags("一是加强学习：一是原文学，二是专题学；四是严格考核。", "S111", count=1)


def test_profile_from_config_file_and_command_line(tmp_path):
    from click.testing import CliRunner

    from reportlint.cli import main

    report = tmp_path / "report.txt"
    report.write_text("XX局2023年有关情况\n一、主要工作\n二、主要成效\n", encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--select", "S2", "--format", "concise", str(report)]
    assert runner.invoke(main, args).exit_code == 0  # no profile: the title names none
    result = runner.invoke(main, [*args[:1], "--profile", "工作总结", *args[1:]])
    assert result.exit_code == 1 and "S201" in result.output
    (tmp_path / "reportlint.toml").write_text('profile = "述职报告"\n', encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "S202" in result.output and "S201" not in result.output


# -- S401 document numbers (GB/T 9704-2012 7.2.5) ---------------------------------------------------


def test_docno_lookalike_brackets_zero_and_di_are_fixed_together():
    from reportlint.testing import assert_clean, assert_flags

    assert_flags("依据《通知》（市政发（2023）第012号）执行", "S401", count=1, fixed="依据《通知》（市政发〔2023〕12号）执行")
    assert_flags("国办函﹝2021﹞88号", "S401", fixed="国办函〔2021〕88号")
    found = assert_flags("国办发〔23〕5号", "S401", count=1)
    assert found[0].fix is None  # the century is a guess: no fix
    for text in ("（2023）京01民终123号", "（2022）最高法民申456号", "国发〔2023〕1号", "第（2023）号", "2023年5号楼"):
        assert_clean(text, "S401")


# -- the sequence-word scan (S111-S113 share it) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("一是学习；十一是考核", [("shi", 1, "一是"), ("shi", 11, "十一是")]),
        ("统一是前提，再三是", []),  # after Han: not a sequence word
        ("　二是教育\n三是检查", [("shi", 2, "二是"), ("shi", 3, "三是")]),  # after a space, at a line start
        ("\x1c二是", []),  # U+001C is str whitespace but not `regex`'s \s
        ("第一，统一思想。第一书记，第二、三项", [("di", 1, "第一")]),  # 第二、三: a range
        ("其一是学习，其二，其次，再次，首先，", [("qi", 1, "其一"), ("qi", 2, "其二"), ("qici", 2, "其次"),
                                            ("qici", 3, "再次"), ("shouxian", 1, "首先")]),
        ("首先要学习。“其次，”", [("qici", 2, "其次")]),
    ],
)
def test_sequence_words_found(text, words):
    from reportlint.document import Document
    from reportlint_structure.sequence import seq_words

    found = seq_words(Context(Document(text)))
    assert [(w.series, w.number, w.text) for w in found] == words
    assert all(text[w.start:w.end] == w.text for w in found)
