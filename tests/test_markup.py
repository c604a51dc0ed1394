"""Family M: markers, markup, invisible and broken characters, placeholders and review leftovers."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.fixes import apply_fixes
from reportlint.testing import assert_clean, assert_flags, lint_snippet


def _family(findings, *letters):
    return [f for f in findings if f.code.startswith(letters)]


# --- the sample report -------------------------------------------------------------------------


def test_sample_has_exactly_the_two_markers_and_the_xx_placeholder(sample_text):
    found = _family(lint_snippet(sample_text, ["M", "I"]), "M", "I")
    got = sorted((f.code, sample_text[f.start : f.end]) for f in found)
    assert got == [("M101", "##paidbegin##"), ("M101", "##paidend##"), ("M108", "XX")]
    xx = next(f for f in found if f.code == "M108")
    lines = sample_text.splitlines()
    assert lines[xx.line - 1].startswith("2023年，在市委") and "XX坚持" in lines[xx.line - 1]


def test_sample_fix_removes_the_two_markers_and_nothing_else(sample_text):
    found = lint_snippet(sample_text, ["M", "I"])
    fixed, _ = apply_fixes(sample_text, found, unsafe=False)
    assert fixed == sample_text.replace("##paidbegin##", "").replace("##paidend##", "")
    # unsafe fixes change nothing more: the XX placeholder has no fix at all
    fixed_unsafe, _ = apply_fixes(sample_text, found, unsafe=True)
    assert fixed_unsafe == fixed


def test_sample_fix_through_the_cli(sample_path, tmp_path):
    from click.testing import CliRunner

    from reportlint.cli import main

    target = tmp_path / "report.txt"
    original = sample_path.read_text(encoding="utf-8")
    target.write_text(original, encoding="utf-8")
    CliRunner().invoke(main, ["check", str(target), "--select", "M101", "--fix", "--isolated"])
    assert target.read_text(encoding="utf-8") == original.replace("##paidbegin##", "").replace("##paidend##", "")


# --- M101 stray-marker --------------------------------------------------------------------------


@pytest.mark.parametrize("text,fixed", [
    ("要##paidbegin##求全市", "要求全市"),
    ("##paidend##\n", "\n"),
    ("推进###vip_content###工作", "推进工作"),
    ("##正文开始##一、总体情况", "一、总体情况"),
])
def test_m101_markers(text, fixed):
    assert_flags(text, "M101", count=1, fixed=fixed)


@pytest.mark.parametrize("text", ["第##号", "C## 语言", "#标签#", "C##和C##", "1#楼和2#楼", "＃＃"])
def test_m101_clean(text):
    assert_clean(text, "M101")


# --- M102 html-markup ---------------------------------------------------------------------------


@pytest.mark.parametrize("text,fixed", [
    ("成效明显<br>", "成效明显"),
    ("成效明显<br/>进一步", "成效明显进一步"),
    ("<P class=\"MsoNormal\">加强党建<o:p></o:p></P>", "加强党建"),
    ("&ldquo;四风&rdquo;", "“四风”"),
    ("全面&nbsp;从严", "全面 从严"),
    ("&#12288;&#12288;一、总体情况", "\u3000\u3000一、总体情况"),
    ("A&amp;B", "A&B"),
])
def test_m102_flags_and_fixes(text, fixed):
    assert_flags(text, "M102", fixed=fixed)


@pytest.mark.parametrize("text", ["a<b且b>c", "《条例》", "A&B公司", "<请填写>", "x < 3 且 y > 2", "&nbsp"])
def test_m102_clean(text):
    assert_clean(text, "M102")


def test_m102_flags_an_html_comment_once_with_an_unsafe_fix_and_p103_leaves_its_spaces():
    # Web pages keep photo captions in comments; the comment is one defect, its spaces are its syntax.
    text = "<!-- 市长作政府工作报告。（记者 摄） -->\n\n一、总体情况"
    (f,) = assert_flags(text, "M102", count=1)
    assert "注释" in f.message and f.fix is not None and f.fix.applicability.value == "unsafe"
    assert_clean(text, "P103")
    assert_clean("<!-- 自治区主席作政府工作报告。记者 某某摄 -->，我们坚持全面从严治党，取得成效。", "P104")
    assert_flags("坚持全面从严 治党不动摇，取得成效。<!-- 图 -->", "P104", count=1)  # outside the comment


def test_m102_not_in_markdown():
    assert_clean("成效明显<br>\n\n&nbsp;加强", "M102", filename="x.md")


# --- M103 markdown-residue ----------------------------------------------------------------------


@pytest.mark.parametrize("text,fixed", [
    ("**一、主要成效**", "一、主要成效"),
    ("进一步**加强**党建", "进一步加强党建"),
    ("## 二、存在问题", "二、存在问题"),
    ("# 总结", "总结"),
])
def test_m103_flags_and_fixes(text, fixed):
    found = assert_flags(text, "M103", count=1, fixed=fixed)
    assert not found[0].fix.safe


@pytest.mark.parametrize("text", [
    "详见[通知](https://www.gov.cn/zhengce/a.html)", "```\n代码\n```", "| 项目 | 金额 |\n|---|---|", "学习#二十大#精神",
])
def test_m103_flags(text):
    assert_flags(text, "M103")


@pytest.mark.parametrize("text", [
    "2×3＝6", "a*b*c", "2**3**4", "1#楼和2#楼", "C# 语言", "#1机组运行", "__init__", "一、总体情况",
    "第[1]条", "注：*为估算值", "——", "---",
])
def test_m103_clean(text):
    assert_clean(text, "M103")


def test_m103_also_in_docx_format():
    from reportlint.document import Document
    from reportlint_markup.markup import markdown_residue

    doc = Document("**一、主要成效**", path="x.docx", format="docx", paragraph_spans=[(0, 12, "paragraph 1")])
    assert [f.code for f in markdown_residue.check(doc)] == ["M103"]


@pytest.mark.parametrize("text", [
    "**一、主要成效**", "## 二、存在问题", "详见[通知](https://www.gov.cn/a.html)", "```\n代码\n```", "|---|---|",
])
def test_m103_not_in_markdown(text):
    assert_clean(text, "M103", filename="x.md")


# --- M104 invisible-format-char, M105 control-char, M106 private-use-char -----------------------


@pytest.mark.parametrize("text,fixed", [
    ("落\u200b实", "落实"),
    ("落\u200b\u200b实", "落实"),
    ("党\ufeff建", "党建"),
    ("全面\u00ad从严", "全面从严"),
    ("推进\u202e工作\u202c", "推进工作"),
    ("推进\u2066工作\u2069", "推进工作"),
    ("加\u200d强", "加强"),
    ("词\u2060连接", "词连接"),
])
def test_m104_deletes_invisible_chars(text, fixed):
    found = assert_flags(text, "M104", fixed=fixed)
    assert all(f.fix.safe for f in found)


@pytest.mark.parametrize("text", ["落实工作", "👨\u200d👩\u200d👧 家庭", "\t缩进", "全角\u3000空格"])
def test_m104_clean(text):
    assert_clean(text, "M104")


@pytest.mark.parametrize("text", ["成效\x0b明显", "工作\x07总结", "第一页\x0c第二页", "推进\x85工作", "删除\x7f。"])
def test_m105_control_chars(text):
    found = assert_flags(text, "M105", count=1)
    assert found[0].fix is None


@pytest.mark.parametrize("text", ["成效明显\t（表）", "第一行\r\n第二行", "第一行\n第二行"])
def test_m105_clean(text):
    assert_clean(text, "M105")


def test_m106_private_use():
    found = assert_flags("\uf06c\uf06c加强党建", "M106", count=1)
    assert found[0].severity.value == "warning" and found[0].fix is None
    assert_clean("● 加强党建 √", "M106")


# --- M107 broken-text ---------------------------------------------------------------------------


@pytest.mark.parametrize("text,bad", [
    ("推进\ufffd\ufffd作", "\ufffd\ufffd"),
    ("锟斤拷锟斤拷锟斤拷", "锟斤拷"),
    ("烫烫烫烫", "烫烫烫"),
    ("â€œå››é£Žâ€\x9d问题", "â€œå››é£Žâ€\x9d"),
    ("cafÃ©", "Ã©"),
    ("ä¸­æ–‡", "ä¸­æ–‡"),
    ("价格Â·", "Â·"),
    ("鈥滃洓椋庘€濋棶棰", "鈥滃"),
])
def test_m107_broken(text, bad):
    found = assert_flags(text, "M107")
    assert text[found[0].start : found[0].end] == bad


def test_m107_says_what_was_meant():
    (f,) = assert_flags("â€œ", "M107", count=1)
    assert "“" in f.message.split("原文应为")[1]


@pytest.mark.parametrize("text", ["推进工作", "café", "Ärger über", "“四风”问题", "São Paulo", "naïve", "3×4", "±5%", "°C"])
def test_m107_clean(text):
    assert_clean(text, "M107")


# --- M108 placeholder-letters -------------------------------------------------------------------


@pytest.mark.parametrize("text,span", [
    ("XX坚持以习近平新时代中国特色社会主义思想为指导", "XX"),
    ("×××同志", "×××"),
    ("20XX年工作总结", "20XX年"),
    ("于X月X日召开", "X月X日"),
    ("2018年×月×日", "2018年×月×日"),
    ("XXXX年XX月XX日", "XXXX年XX月XX日"),
    ("ＸＸ县", "ＸＸ"),
    ("xx局", "xx"),
    ("××××\n2018年", "××××"),
    ("共有XXX人参加", "XXX"),
    ("“XX”工程", "XX"),
])
def test_m108_placeholders(text, span):
    (f,) = assert_flags(text, "M108", count=1)
    assert text[f.start : f.end] == span
    assert f.fix is None and f.severity.value == "error"


@pytest.mark.parametrize("text", [
    "二〇〇八年", "XML格式", "XXL号", "Xbox游戏机", "MAX值", "3×4＝12", "a×b×c", "2023年4月27日", "XX染色体",
    "XX世纪", "X光检查", "TEXXX", "the XX files", "HTML、XHTML规范", "2×2矩阵", "Windows XP系统", "ＸＸＬ号",
])
def test_m108_clean(text):
    assert_clean(text, "M108")


# --- M109 placeholder-symbols -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["○○乡党委", "□□同志", "＊＊局", "△△项目", "〇〇〇〇年工作总结", "××县○○镇"])
def test_m109_placeholders(text):
    assert_flags(text, "M109", count=1)


@pytest.mark.parametrize("text", ["二〇〇八年", "二○○○年", "一〇〇名", "□是 □否", "○ 要点", "二〇二〇年"])
def test_m109_clean(text):
    assert_clean(text, "M109")


# --- M110 template-slot -------------------------------------------------------------------------


@pytest.mark.parametrize("text,span", [
    ("【单位名称】2023年工作总结", "【单位名称】"),
    ("截至【日期】", "【日期】"),
    ("共培训（请填写人数）人次", "（请填写人数）"),
    ("{{org_name}}党委", "{{org_name}}"),
    ("${year}年", "${year}"),
    ("<请输入标题>", "<请输入标题>"),
    ("会议时间【待定】", "【待定】"),
    ("完成率（待核实）", "（待核实）"),
    ("成效显著（此处补充案例）。", "（此处补充案例）"),
])
def test_m110_slots(text, span):
    (f,) = assert_flags(text, "M110", count=1)
    assert text[f.start : f.end] == span


@pytest.mark.parametrize("text", [
    "【工作动态】", "会议时间待定", "时间（待定）", "（试行）", "《关于进一步加强作风建设的通知》", "（模板见附件3）",
    "（由申报单位填写）", "此处不再赘述", "{a}",
])
def test_m110_clean(text):
    assert_clean(text, "M110")


# --- M111 review-leftover -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "成效显著[李明1]", "取得成效[张三12]", "取得成效[lenovo2]", "批注 [A1]: 数据需核实", "批注：数据需核实",
    "带格式的: 字体: 小四", "删除的内容: 原句", "共计???人", "共计？？？人", "此处插入图表", "详见附表X",
])
def test_m111_leftovers(text):
    (f,) = assert_flags(text, "M111", count=1)
    assert f.severity.value == "error"


@pytest.mark.parametrize("text", [
    "据统计[注1]", "[图表2]", "领导批示：", "领导批注要求", "真的吗？", "真的吗？？", "详见附表1", "[Ref3]", "参考文献[1]",
    "[ISO9001]",
])
def test_m111_clean(text):
    assert_clean(text, "M111")


def test_m101_adjacent_markers_are_two_findings():
    assert_flags("要##paidbegin####paidend##求", "M101", count=2, fixed="要求")
    assert_flags("###abc###", "M101", count=1, fixed="")


@pytest.mark.parametrize("text", ["【牵头单位】市发改委", "【会议时间】3月1日", "【项目名称】：新区道路", "【责任部门】各县区"])
def test_m110_labels_are_not_slots(text):
    assert_clean(text, "M110")


@pytest.mark.parametrize("text", ["截至【日期】，全市", "报送至【部门】。", "【姓名】同志"])
def test_m110_inline_field_slots(text):
    assert_flags(text, "M110", count=1)


@pytest.mark.parametrize("text", ["张＊＊（化名）", "手机138＊＊＊＊5678"])
def test_m109_masking_is_not_a_placeholder(text):
    assert_clean(text, "M109")


@pytest.mark.parametrize("text", ["（此处指2022年数据）", "规则名（no-todo）", "（TBDs）"])
def test_m110_prose_notes_and_latin_words(text):
    assert_clean(text, "M110")


@pytest.mark.parametrize("text", ["（TODO：补充数据）", "[TBD]", "（此处填写数据）"])
def test_m110_latin_and_insert_hints(text):
    assert_flags(text, "M110", count=1)


def test_insert_hint_reported_once():
    found = lint_snippet("成效显著（此处插入照片）。", ["M110", "M111"])
    assert [f.code for f in found] == ["M111"]


@pytest.mark.parametrize("text", ["第一页\n\x0c第二页", "第一页\x0c\n第二页", "全文完\x0c"])
def test_m105_page_breaks_at_line_edges_are_fine(text):
    assert_clean(text, "M105")


def test_m107_unassigned_redecoding_is_not_mojibake():
    assert_clean("2×·3", "M107")  # D7 B7 re-decodes to U+05F7, unassigned


def test_m102_emsp_indent_and_control_entities():
    assert_flags("&emsp;&emsp;一、总体情况", "M102", count=2, fixed="\u3000\u3000一、总体情况")
    (f,) = assert_flags("推进&#7;工作", "M102", count=1, fixed="推进工作")
    assert "应删除" in f.message


def test_m101_long_hash_run_is_linear():
    import time

    from reportlint.document import Document
    from reportlint_markup import stray_marker

    t0 = time.perf_counter()
    assert list(stray_marker.check(Document("#" * 50_000 + "a"))) == []
    assert time.perf_counter() - t0 < 20  # a hang guard; bench/ measures speed


ADVERSARIAL = {
    "hash-run": "#" * 50_000 + "a",
    "tag-many-attrs": "<p" + " a=b" * 20_000,
    "placeholder-dates": "20XX年X月" * 10_000,
    "table-rule": "|" + "---|" * 20_000 + "x",
    "latin1-run": "Ã" * 50_000,
    "digits": "1" * 100_000,
    "brackets-and-hints": "（" * 5_000 + "请填写" * 3_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_m_and_i_rules_stay_linear_on_adversarial_text(name):
    import time

    import reportlint_markup
    import reportlint_personal
    from reportlint.document import Document

    doc = Document(ADVERSARIAL[name])
    for r in [*reportlint_markup.reportlint_add_rules(None), *reportlint_personal.reportlint_add_rules(None)]:
        t0 = time.perf_counter()
        list(r.check(doc))
        assert time.perf_counter() - t0 < 20, f"{r.code} is slow on {name}"


def test_docx_markdown_residue_and_placeholder(tmp_path):
    import docx

    from reportlint.api import Linter

    d = docx.Document()
    d.add_paragraph("**一、主要成效**")
    d.add_paragraph("XX县认真落实\u200b主体责任。")
    path = tmp_path / "r.docx"
    d.save(path)
    linter = Linter(isolated=True, select=["M"])
    doc = linter.read_bytes(str(path), path.read_bytes())
    assert doc.format == "docx"
    codes = sorted(f.code for f in linter.check_document(doc).findings)
    assert codes == ["M103", "M104", "M108"]


# --- prefilters (a prefilter may let a text through, never hold a match back) --------------------


_WORDS = {"批注": "批", "带格式的": "格", "删除的内容": "容", "设置了格式": "格", "待定": "待", "格": "格"}


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="批注带格式的删除内容设置了待定，\n", max_size=30))
@example("设置了格式")
@example("格式的")
def test_has_words_equals_a_search_for_each_word(text):
    from reportlint_markup.prefilter import has_words, word_table

    table = word_table(_WORDS)
    assert has_words(text, table) == any(w in text for w in _WORDS)
    without = {w: k for w, k in _WORDS.items() if w != "格"}
    assert has_words(text, word_table(without)) == any(w in text for w in without)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="#*_`~-]([?TODtobB中\u3000é\x85", max_size=30))
def test_latin_characters_keep_every_ascii_mark(text):
    """What a rule looks for in the text's Latin-1 characters is there whenever it is in the text."""
    from reportlint.context import Context
    from reportlint.document import Document
    from reportlint_markup.prefilter import latin

    lat = latin(Context(Document(text)))
    for mark in ("#", "*", "_", "`", "~", "---", "](", "[", "?", "TODO", "todo", "TBD", "{", "<"):
        assert mark not in text or mark.encode() in lat


def test_character_rule_prefilters_let_every_character_they_look_for_through():
    """Each M104-M107 prefilter passes every code point the rule's own pattern can start with."""
    from reportlint.context import Context
    from reportlint.document import Document
    from reportlint_markup import chars

    def has_format_char(text: str) -> bool:
        doc = Document(text)
        return chars._has_format_char(doc, Context(doc))

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for ch in chars._FORMAT.findall(everything):
        assert has_format_char("推进" + ch + "工作"), hex(ord(ch))
    for ch in chars._CONTROL.findall(everything):
        assert ch.encode("latin-1").translate(None, chars._NOT_CONTROL), hex(ord(ch))
    for m in chars._LATIN_RUN.finditer(everything):
        assert m.group()[0].encode("latin-1").translate(None, chars._BELOW_C0)
    assert {w[0] for w in chars._MOJIBAKE_WORDS} == set("锟烫屯")
    assert not has_format_char("推进“工作”——是有服，（）…")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="批注带格式的删除内容设置了请填写输入补充选择修改替换此处见附待核实完善定占位，", max_size=24))
@example("设置了格式")
@example("此处补充")
def test_the_rules_word_tables_find_exactly_their_words(text):
    from reportlint_markup import leftovers as lo
    from reportlint_markup.prefilter import has_words

    balloon = ("批注", "带格式的", "删除的内容", "设置了格式")
    han_hints = [w for w in lo._HINT_WORDS if not w.isascii()]
    assert has_words(text, lo._BALLOON_WORDS) == any(w in text for w in balloon)
    assert has_words(text, lo._HAN_HINTS) == any(w in text for w in han_hints)
    assert has_words(text, lo._INSERT_WORDS) == ("此处" in text or "见附" in text)
