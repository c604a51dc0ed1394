"""Family P (GB/T 15834-2011): each rule on bad and good text, the sample report, and --fix."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from reportlint.cli import main
from reportlint.testing import assert_clean, assert_flags, lint_snippet

PN = ("P", "N")


def _pn(findings):
    """Only the findings of families P and N."""
    return [f for f in findings if f.code.startswith(PN)]


# --- the sample report -------------------------------------------------------------------

def test_sample_reports_exactly_the_two_known_defects(sample_text):
    # Every P and N rule, default-off ones included (as `--select P,N` runs them).
    found = sorted(_pn(lint_snippet(sample_text, ["P", "N"])), key=lambda f: f.start)
    assert [(f.code, sample_text[f.start:f.end]) for f in found] == [("P101", "、、"), ("P103", " ")]
    dunhao, space = found
    assert sample_text[dunhao.start - 4:dunhao.end + 2] == "学习强国、、微博"
    assert sample_text[space.start - 3:space.end + 1] == "谈话会 。"
    assert all(f.fix is not None and f.fix.safe for f in found)


def test_sample_line_numbers(sample_path):
    result = CliRunner().invoke(main, ["check", str(sample_path), "--select", "P,N", "--format", "concise",
                                       "--isolated", "--no-cache"])
    lines = [ln for ln in result.output.splitlines() if ": P" in ln or ": N" in ln]
    assert len(lines) == 2
    assert ":4:" in lines[0] and "P101" in lines[0]
    assert ":5:" in lines[1] and "P103" in lines[1]


def test_sample_date_range_hyphen_is_not_ours(sample_text):
    start = sample_text.index("4月27日-28日")
    hyphen = start + len("4月27日")
    assert not [f for f in _pn(lint_snippet(sample_text, ["P", "N"])) if f.start <= hyphen < f.end]


def test_fix_sample_copy_then_clean(tmp_path, sample_path):
    copy = tmp_path / sample_path.name
    shutil.copyfile(sample_path, copy)
    runner = CliRunner()
    runner.invoke(main, ["check", str(copy), "--select", "P,N", "--fix", "--isolated", "--no-cache"])
    fixed = copy.read_text(encoding="utf-8")
    assert "学习强国、微博" in fixed and "谈话会。" in fixed
    assert "、、" not in fixed and "谈话会 。" not in fixed
    again = _pn(lint_snippet(fixed, ["P", "N"]))
    assert not [f for f in again if f.fix is not None]
    assert not again
    # Nothing else changed: the fixes removed exactly two characters.
    assert len(fixed) == len(sample_path.read_text(encoding="utf-8")) - 2


# --- P101 doubled-punctuation ------------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("学习、、讨论", "学习、讨论"), ("完成，，下一步", "完成，下一步"), ("完成任务。。", "完成任务。"),
    ("要求：：如下", "要求：如下"), ("落实；；推进", "落实；推进"), ("学习、、、讨论", "学习、讨论"),
])
def test_p101_identical_runs_collapse(bad, fixed):
    found = assert_flags(bad, "P101", count=1, fixed=fixed)
    assert found[0].fix.safe


@pytest.mark.parametrize("bad", ["完成，。下一步", "学习、，讨论", "落实；。", "要求：，如下", "是吗？。"])
def test_p101_mixed_runs_are_unsafe(bad):
    found = assert_flags(bad, "P101", count=1)
    assert not found[0].fix.safe


@pytest.mark.parametrize("good", ["真的吗？！", "好！！", "是吗？？？", "他说……", "目标——完成", "完成。。。",
                                  "“四风”、“四气”", "学习。”下一步"])
def test_p101_allowed(good):
    assert_clean(good, "P101")


# --- P102 stacked-question-exclamation ----------------------------------------------------

def test_p102():
    assert_flags("成效显著！！！！", "P102", fixed="成效显著！")
    assert_flags("真的吗！？", "P102", fixed="真的吗？！")
    assert_clean("真的吗？！", "P102")
    assert_clean("好！！！", "P102")


# --- P103 space-around-punctuation -----------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("谈话会 。组织", "谈话会。组织"), ("工作 ，成效", "工作，成效"), ("工作， 成效", "工作，成效"),
    ("如下： 一是", "如下：一是"), ("开展 “三会一课”", "开展“三会一课”"), ("“三会一课” 活动", "“三会一课”活动"),
    ("工作\u3000，成效", "工作，成效"), ("《方案》 规定", "《方案》规定"), ("（ 试行）", "（试行）"),
])
def test_p103_flags(bad, fixed):
    assert_flags(bad, "P103", count=1, fixed=fixed)


@pytest.mark.parametrize("good", [
    "\u3000\u3000一、总体情况",            # full-width indentation at paragraph start (.txt/.docx)
    "  （一）总体情况",                    # ASCII indentation
    "工作，成效。 ",                       # trailing space
    "单位：XX局      2023年12月5日",       # layout run of spaces
    "姓名：张三\t单位：某局，电话：略",    # tab layout
    "使用 Python 处理数据",                # spaces around Latin words: not ours
    "第一段。\n\n第二段。",
])
def test_p103_leaves_layout_alone(good):
    assert_clean(good, "P103")


def test_p103_docx_style_paragraph_indent_in_every_paragraph():
    text = "\u3000\u3000第一段，内容。\n\u3000\u3000第二段，内容。\n"
    assert_clean(text, "P103")


# --- P104 space-between-han ----------------------------------------------------------

def test_p104():
    assert_flags("我们坚持全面从严 治党不动摇，取得明显成效。", "P104", fixed="我们坚持全面从严治党不动摇，取得明显成效。")
    assert_clean("参会人员：张三 李四 王五，共三人。", "P104")   # name lists
    assert_clean("一、总体情况 二、存在问题", "P104")             # no prose
    assert_clean("关于 2023年工作", "P104")


# --- P105 halfwidth-punctuation --------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("加强领导,压实责任", "加强领导，压实责任"), ("压实责任;强化监督", "压实责任；强化监督"),
    ("是否完成?", "是否完成？"), ("太好了!", "太好了！"), ("组织(试行)方案", "组织（试行）方案"),
    ("世界贸易组织(WTO)成员", "世界贸易组织（WTO）成员"), ("工作, 成效", "工作，成效"),
])
def test_p105_safe(bad, fixed):
    found = assert_flags(bad, "P105", fixed=fixed)
    assert all(f.fix.safe for f in found)


def test_p105_colon_is_unsafe():
    found = assert_flags("时间:2023年", "P105", fixed="时间：2023年")
    assert not found[0].fix.safe


@pytest.mark.parametrize("good", [
    "上午8:30召开", "比例为1:2", "共1,000元", "1.加强学习", "详见https://www.gov.cn/a?b=1,c",
    "Hello, world!", "函数f(x)取值", "邮箱a.b@gov.cn，电话略", "使用Python(3.11)",
])
def test_p105_exclusions(good):
    assert_clean(good, "P105")


def test_p105_has_one_severity_for_every_mark():
    # Issue 17: one level for all half-width marks (the colon, the brackets, a text typed wholly in ASCII marks).
    text = "2023年,是开局之年,我们坚持稳中求进,推动发展,取得成效;继续推进(扎实工作):加油!"
    found = assert_flags(text, "P105")
    assert {f.severity.value for f in found} == {"error"} and len(found) >= 7


# --- P106 unbalanced-pair --------------------------------------------------------------

@pytest.mark.parametrize("bad", [
    "印发《实施方案（试行》）。", "开展“三会一课活动。", "落实”四风“问题。", "要求（一是加强学习。",
    "《办法》》规定", "学习‘两个确立。",
])
def test_p106_flags(bad):
    assert_flags(bad, "P106")


@pytest.mark.parametrize("bad,fixed", [
    ("落实”四风“问题。", "落实“四风”问题。"), ("学习“两个确立“。", "学习“两个确立”。"), ("反对”四风”。", "反对“四风”。"),
    ("坚持‘两个毫不动摇‘。", "坚持‘两个毫不动摇’。"),
])
def test_p106_quote_direction_is_one_unsafe_finding(bad, fixed):
    found = assert_flags(bad, "P106", count=1, fixed=fixed)
    assert not found[0].fix.safe


def test_p106_far_apart_quotes_are_not_paired():
    text = "落实”四风问题，持续整改，坚决纠正形式主义官僚主义，推动作风建设常态化长效化，取得明显成效“。"
    assert_flags(text, "P106", count=2)


def test_p106_crossing_reported_once():
    assert_flags("印发《实施方案（试行》）。", "P106", count=1)


@pytest.mark.parametrize("good", [
    "印发《实施方案（试行）》。", "“升学宴”“谢师宴”", "1）加强学习。", "包括：a）学习；b）讨论。",
    "China’s 发展。", "《“以案为鉴警示教育月”活动方案》",
    # GB/T 15834: a quotation of several paragraphs opens each with “ and closes only at the end.
    "“第一段内容。\n“第二段内容。\n“第三段内容。”\n后文。",
    "他指出：“第一段。\n“第二段。”",
    # A line hard-wrapped mid-sentence: the pair closes on the next line.
    "深入学习《关于新形势下党内政治生活\n的若干准则》，取得成效。",
])
def test_p106_allowed(good):
    assert_clean(good, "P106")


def test_p106_unclosed_at_end_of_document():
    assert_flags("“第一段内容。\n“第二段内容。", "P106", count=1)


# --- P107..P110 pairs ------------------------------------------------------------------

def test_p107_mixed_width():
    assert_flags("《实施方案（试行)》", "P107", fixed="《实施方案（试行）》")
    assert_flags("方案(试行）", "P107", fixed="方案（试行）")
    assert_clean("方案（试行）", "P107")


def test_p108_nested_book_title():
    assert_flags("《关于印发《考核办法》的通知》", "P108", fixed="《关于印发〈考核办法〉的通知》")
    assert_clean("《关于印发〈考核办法〉的通知》", "P108")
    assert_clean("《办法》《细则》", "P108")


def test_p109_nested_quotes_unsafe():
    found = assert_flags("“学习“两个确立”精神”", "P109", fixed="“学习‘两个确立’精神”")
    assert not found[0].fix.safe
    assert_clean("“升学宴”“谢师宴”", "P109")


def test_p110_ascii_quotes():
    assert_flags('开展"三会一课"活动', "P110", fixed="开展“三会一课”活动")
    assert_clean('He said "yes".', "P110")


# --- P111..P115 marks ------------------------------------------------------------------

@pytest.mark.parametrize("bad,fixed", [
    ("学习、讨论...", "学习、讨论……"), ("学习、讨论......", "学习、讨论……"), ("等等。。。", "等等……"),
    ("学习…讨论", "学习……讨论"), ("主要有···", "主要有……"), ("学习………", "学习……"),
])
def test_p111_ellipsis(bad, fixed):
    assert_flags(bad, "P111", count=1, fixed=fixed)


@pytest.mark.parametrize("good", ["学习、讨论……", "wait...", "第一章 总则..........3", "……………………", "1...n"])
def test_p111_allowed(good):
    assert_clean(good, "P111")


def test_p111_not_also_p101():
    assert_clean("等等。。。", "P101")


def test_p112_ellipsis_with_deng():
    assert_flags("党课、主题党日……等", "P112", fixed="党课、主题党日等")
    assert_flags("学习、讨论……等等。", "P112", fixed="学习、讨论等等。")
    assert_clean("我们……等待结果", "P112")
    assert_clean("党课、主题党日等", "P112")


@pytest.mark.parametrize("bad", ["目标--全面完成", "目标－－全面完成", "目标――全面完成", "目标──全面完成", "目标—-全面"])
def test_p113_dash(bad):
    assert_flags(bad, "P113", count=1)


@pytest.mark.parametrize("good", ["目标——全面完成", "---", "| --- | --- |", "2023--2024年", "4月27日-28日", "a--b"])
def test_p113_allowed(good):
    assert_clean(good, "P113")


def test_p114_range_marks():
    assert_flags("持续3~5天", "P114", fixed="持续3～5天")
    found = assert_flags("选派3-5人参加", "P114", fixed="选派3～5人参加")
    assert not found[0].fix.safe
    assert_flags("第3-5名", "P114", fixed="第3—5名")
    assert_flags("3月1日~5日", "P114", fixed="3月1日～5日")  # family D judges hyphens only
    assert_flags("持续3 ~ 5天", "P114", fixed="持续3～5天")


@pytest.mark.parametrize("good", [
    "4月27日-28日", "3月21日-4月2日", "2023-2024年", "1-6月", "2023-10-05", "GB/T 15834-2011",
    "电话0931-8888888", "CZ-5运载火箭", "持续3～5天",
])
def test_p114_leaves_dates_and_codes_to_others(good):
    assert_clean(good, "P114")


def test_p115_interpunct():
    assert_flags("“3•15”晚会", "P115", fixed="“3·15”晚会")
    assert_flags("迈克尔・杰克逊", "P115", fixed="迈克尔·杰克逊")
    assert_clean("• 第一项", "P115")


# --- P116..P119 顿号 and line starts ------------------------------------------------------

def test_p116_dunhao_before_deng():
    assert_flags("廉政谈话、警示教育、等", "P116", fixed="廉政谈话、警示教育等")
    assert_clean("分为甲、乙、丙等三级", "P116")
    assert_clean("一等、二等奖", "P116")
    assert_clean("薪酬、等级评定", "P116")


def test_p117_is_contested_and_off_by_default():
    from reportlint.api import Linter

    rule = Linter(isolated=True).all_rules()["P117"]
    assert rule.default is False
    assert_flags("“四风”、“四气”", "P117", fixed="“四风”“四气”")


def test_default_selection_skips_p117():
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    doc = linter.read_bytes("a.txt", "反对“四风”、“四气”。".encode())
    assert not [f for f in linter.check_document(doc).findings if f.code == "P117"]


def test_p118_paragraph_starts_with_point():
    assert_flags("深入推进\n，取得明显成效。", "P118", count=1)
    assert_clean("深入推进，取得明显成效。", "P118")
    assert_clean("\u3000\u3000……等等", "P118")


def test_p119_dunhao_before_conjunction():
    assert_flags("学习、宣传、和落实", "P119", fixed="学习、宣传和落实")
    for good in ("稳定、和谐的环境", "及早、及时处置", "学习、与会人员", "讨论、或许"):
        assert_clean(good, "P119")


# --- formats ---------------------------------------------------------------------------

def test_markdown_code_is_skipped():
    text = "# 标题\n\n正文`a,b`内容，完成。\n\n```\n中文,代码\n```\n"
    assert not [f for f in lint_snippet(text, "P105", filename="a.md") if f.code == "P105"]


def test_crlf_text():
    text = "第一段、、内容。\r\n第二段 。\r\n"
    found = sorted(_pn(lint_snippet(text, ["P", "N"])), key=lambda f: f.start)
    assert [f.code for f in found] == ["P101", "P103"]


# --- coordination with other families ----------------------------------------------------

@pytest.mark.parametrize("text", ["(1)加强学习。", "(一)总体情况", "（1)加强学习。", "(1）总体情况"])
def test_heading_markers_are_family_s(text):
    # S104 reports lookalike heading markers; P105/P106/P107 stay silent on them.
    assert not _pn(lint_snippet(text, ["P", "N"]))


def test_speed_of_the_family(sample_text):
    """Both families over ~330,000 characters well under a second (one scan per rule)."""
    import time

    big = (sample_text + "\n") * 100
    start = time.perf_counter()
    lint_snippet(big, ["P", "N"])
    assert time.perf_counter() - start < 30  # a hang guard; bench/ measures speed


def test_p120_book_title_scope_is_off_by_default():
    from reportlint.api import Linter

    assert Linter(isolated=True).all_rules()["P120"].default is False
    assert_flags("举办《全市廉政知识竞赛》", "P120", fixed="举办“全市廉政知识竞赛”")
    for good in ("印发《关于开展清廉机关创建活动的通知》", "观看《黎明之前》", "《民法典》知识竞赛"):
        assert_clean(good, "P120")


def test_p106_quotation_over_paragraphs_ending_in_a_comma():
    """GB/T 15834-2011 4.1.3.2: each paragraph opens with “, only the last closes, whatever the first ends with."""
    from reportlint.testing import assert_clean

    assert_clean("会议指出：\n“要坚持以人民为中心的发展思想，\n“把群众满意作为衡量工作的标准。”\n", "P106")
    assert_clean("会议指出：\n\n“要坚持以人民为中心的发展思想，\n\n“把群众满意作为衡量工作的标准。”\n", "P106", filename="x.md")


def test_p103_space_that_keeps_a_mark_out_of_a_web_address():
    from reportlint.testing import assert_clean, assert_flags

    assert_clean("网址为 https://www.example.gov.cn/service?id=12 。", "P103")
    assert_clean("请发送至 office@example.gov.cn 。", "P103")
    assert_flags("召开年轻干部集体廉政谈话会 。组织", "P103", fixed="召开年轻干部集体廉政谈话会。组织")


def test_unbalanced_pair_fast_path_by_blocks_of_lines(monkeypatch):
    # On a huge text the whole-document check goes by blocks of lines; a block boundary must
    # neither hide an unbalanced line nor split a balanced one.
    from reportlint.api import lint_text
    from reportlint_punctuation import pairs

    monkeypatch.setattr(pairs, "_BLOCK", 7)
    good = "开展“三会一课”活动。\n" * 20 + "印发《方案（试行）》。\n"
    assert [f for f in lint_text(good, select=["P106"])] == []
    bad = good + "开展“三会一课活动。\n" + good
    assert [f.code for f in lint_text(bad, select=["P106"])] == ["P106"]
