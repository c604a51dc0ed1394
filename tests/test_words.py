"""Family T: the typo dictionary pack (T101) and the context rules of reportlint_words (T102-T106)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reportlint.api import Linter
from reportlint.kinds import _read_tsv
from reportlint.packs import PackContext
from reportlint.testing import assert_clean, assert_flags, lint_snippet

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "plugins" / "reportlint_words" / "typos.tsv"


def _family(findings, *families: str):
    return [f for f in findings if f.code[0] in families]


# ---------------------------------------------------------------- the sample report


def test_sample_report_has_exactly_one_t_or_g_finding(sample_path):
    """Default rules: only 上时间 (→ 长时间) in 上时间待机; its correct political formulas stay silent."""
    linter = Linter(isolated=True)
    result = linter.check_document(linter.read_bytes(str(sample_path), sample_path.read_bytes()))
    found = _family(result.findings, "T", "G")
    assert [(f.code, f.message) for f in found] == [("T101", "错别字（长误作上）：“上时间”应为“长时间”")]
    f = found[0]
    text = sample_path.read_text(encoding="utf-8")
    assert text[f.start:f.end + 2] == "上时间待机"
    assert f.fix is not None and f.fix.replacement == "长时间"


def test_sample_report_political_formulas_silent(sample_text):
    """增强“四个意识”、坚定“四个自信”、做到“两个维护” and the thought's name are right."""
    assert "增强“四个意识”、坚定“四个自信”、做到“两个维护”" in sample_text
    assert lint_snippet(sample_text, "G") == []


def test_de_di_de_is_off_by_default_but_finds_the_sample_defect(sample_text):
    """T106 is a heuristic: off unless selected; selected, it finds 清醒的认识到."""
    assert not Linter(isolated=True).all_rules()["T106"].default
    found = [f for f in lint_snippet(sample_text, "T106")]
    assert [sample_text[f.start - 2:f.end + 3] for f in found] == ["清醒的认识到"]


# ---------------------------------------------------------------- T101 dictionary


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("杜绝上时间待机现象", "杜绝长时间待机现象"),
        ("再接再励，一如继往", "再接再厉，一如既往"),
        ("迫不急待、按步就班、一愁莫展、谈笑风声", "迫不及待、按部就班、一筹莫展、谈笑风生"),
        ("认真作好防汛工作", "认真做好防汛工作"),
        ("杜绝上时间运行，避免上时间空转", "杜绝长时间运行，避免长时间空转"),
        ("凯旋而归", "凯旋"),
        ("截至到6月底", "截至6月底"),
        ("截至日期为6月30日", "截止日期为6月30日"),
        ("党中央做出重要部署", "党中央作出重要部署"),
        ("驰而不息，弛而不息", "驰而不息，驰而不息"),
    ],
)
def test_typo_dictionary_flags_and_fixes(text, fixed):
    assert_flags(text, "T101", fixed=fixed)


@pytest.mark.parametrize(
    "text",
    [
        "合理控制线上时间待机",  # 线上时间 is a word
        "晚上时间待机的设备要断电",
        "8小时以上时间运行",
        "要拿出一半以上时间精力推进",  # the one 上时间 of the 29M characters of reports
        "手机上时间设置错误", "在历史上时间最长", "排上时间表",
        "把工作好好抓实抓细",  # 工作 + 好好
        "当作好事来办",
        "截止日期", "截止时间",
        "现象这样严重",
        "他竟争取到了资金",
        "做好防汛工作", "作出重要部署", "再接再厉", "长时间待机",
    ],
)
def test_typo_dictionary_unless_contexts(text):
    assert_clean(text, "T101")


def test_typo_message_names_the_kind_of_error():
    (f,) = assert_flags("按步就班", "T101")
    assert f.message == "成语误写：“按步就班”应为“按部就班”"


def test_tsv_entries_are_sound():
    """Every row parses, has a note, and no entry's right side contains another entry's wrong side."""
    ctx = PackContext(TSV, "typos", 0)
    rows = _read_tsv(TSV, {}, ctx)
    assert len(rows) > 200
    wrongs = {r.wrong for r in rows}
    assert len(wrongs) == len(rows)
    for r in rows:
        assert r.note, r.wrong
        # a fixed text must not be flagged again (no ping-pong between entries)
        assert not any(w in r.right for w in wrongs if w not in r.wrong), r


def test_typo_fix_is_idempotent():
    rows = _read_tsv(TSV, {}, PackContext(TSV, "typos", 0))
    text = "。".join(r.wrong for r in rows)
    from reportlint.fixes import apply_fixes

    fixed, _ = apply_fixes(text, lint_snippet(text, "T101"), unsafe=True)
    assert lint_snippet(fixed, "T101") == []


# ---------------------------------------------------------------- T102 截止 + date


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("截止2023年底，共发放", "截至2023年底，共发放"),
        ("截止10月31日", "截至10月31日"),
        ("截止目前", "截至目前"),
        ("截止今年6月", "截至今年6月"),
        ("截止二〇二三年底", "截至二〇二三年底"),
    ],
)
def test_jiezhi_before_date(text, fixed):
    assert_flags(text, "T102", count=1, fixed=fixed)


@pytest.mark.parametrize("text", ["截止日期为6月30日", "截止时间：10月", "截止到2023年底", "截止于6月30日", "报名于6月30日截止", "截至2023年底"])
def test_jiezhi_clean(text):
    assert_clean(text, "T102")


# ---------------------------------------------------------------- T103 doubled approximation


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("投资超过5000万元以上", "投资超过5000万元"),
        ("增幅高于10%以上", "增幅高于10%"),
        ("大约50人左右", "大约50人"),
        ("约3个月左右", "约3个月"),
        ("将近一半左右", "将近一半"),
        ("近百余人", "近百人"),
        ("3～5年左右", "3～5年"),
    ],
)
def test_doubled_approximation(text, fixed):
    assert_flags(text, "T103", count=1, fixed=fixed)


@pytest.mark.parametrize(
    "text",
    ["超过全省规模以上企业", "县级以上", "限额以上", "约50人", "50人左右", "节约30%左右", "公约3条", "最近3天左右", "附近500米左右", "十余人", "超过5000万元"],
)
def test_doubled_approximation_clean(text):
    assert_clean(text, "T103")


# ---------------------------------------------------------------- T104 repeated words


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("加强加强管理", "加强管理"),
        ("我们的的工作", "我们的工作"),
        ("进一步进一步压实", "进一步压实"),
        ("关于关于开展", "关于开展"),
    ],
)
def test_repeated_word(text, fixed):
    assert_flags(text, "T104", count=1, fixed=fixed)


@pytest.mark.parametrize(
    "text",
    [
        "实实在在", "认认真真", "原原本本、逐字逐句", "常常", "一个个", "是是非非", "目的的确立", "目的的确达到",
        "的的确确", "一步一步", "一点一点", "二〇二〇年", "哈哈哈哈", "研究研究", "层层压实", "严以修身、严以用权",
        "发现一起，查处一起",
    ],
)
def test_repeated_word_clean(text):
    assert_clean(text, "T104")


@pytest.mark.parametrize("chunk", [1 << 20, 5, 13])
def test_repeat_prefilter_gives_the_plain_scan(monkeypatch, chunk):
    """T104 runs its pattern only where the low-byte XOR prefilter allows: the same matches as finditer.

    The alphabet mixes characters that share a low byte (一 U+4E00, 倀 U+5000, Ā U+0100), NUL,
    characters beyond the BMP and lone surrogates, and planted repeats of 1-5 characters.
    """
    import random

    import reportlint_words
    from reportlint_words import _REPEAT, _repeats

    monkeypatch.setattr(reportlint_words, "REPEAT_CHUNK", chunk)  # huge texts go by chunks

    alphabet = ["一", "\u5000", "\u0100", "\u4e41", "A", "加", "强", "的", "步", "哈", "〇", " ", "，",
                "\0", "\U00020000", "\U00020001", "\ud800", "\udc00"]
    rng = random.Random(10)
    for _ in range(20000 if chunk > 1000 else 5000):
        chars = rng.sample(alphabet, rng.randint(1, len(alphabet)))
        text = "".join(rng.choice(chars) for _ in range(rng.choice((3, 12, 40, 200))))
        for _ in range(rng.randint(0, 3)):
            piece = "".join(rng.choice(chars) for _ in range(rng.randint(1, 5)))
            i = rng.randint(0, len(text))
            text = text[:i] + piece * rng.randint(2, 4) + text[i:]
        assert [m.span() for m in _repeats(text)] == [m.span() for m in _REPEAT.finditer(text)], text


# ---------------------------------------------------------------- T105 即/既


@pytest.mark.parametrize(
    "text, fixed",
    [("即要抓发展，又要抓安全", "既要抓发展，又要抓安全"), ("即是参与者，也是受益者", "既是参与者，也是受益者")],
)
def test_ji_for_ji(text, fixed):
    assert_flags(text, "T105", count=1, fixed=fixed)


@pytest.mark.parametrize("text", ["既要抓发展，又要抓安全", "即要求各单位按时报送", "立即要求整改，又要跟踪", "即用即关", "即是说。又要"])
def test_ji_for_ji_clean(text):
    assert_clean(text, "T105")


# ---------------------------------------------------------------- T106 的/地/得


@pytest.mark.parametrize(
    "text, fixed",
    [("扎实的推进", "扎实地推进"), ("清醒的认识到", "清醒地认识到"), ("落实的很好", "落实得很好"), ("完成的非常出色", "完成得非常出色")],
)
def test_de_di_de(text, fixed):
    assert_flags(text, "T106", count=1, fixed=fixed)


@pytest.mark.parametrize("text", ["有效的推进机制", "认真的学习态度", "做的很多工作", "扎实地推进", "全面的提升效果"])
def test_de_di_de_clean(text):
    assert_clean(text, "T106")


# ---------------------------------------------------------------- edges


def test_crlf_and_markdown_offsets():
    text = "第一段。\r\n杜绝上时间待机现象。\r\n"
    (f,) = assert_flags(text, "T101")
    assert text[f.start:f.end] == "上时间"
    md = "# 标题\n\n`上时间待机` 是示例，杜绝上时间待机。\n"
    found = [f for f in lint_snippet(md, "T101", filename="a.md")]
    assert len(found) == 1 and md[found[0].start - 2:found[0].start] == "杜绝"


# ---------------------------------------------------------------- bench/bench_ecspell.py


def _bench_ecspell():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_ecspell", ROOT / "bench" / "bench_ecspell.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_ecspell"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_ecspell_bench_exits_clearly_without_data(tmp_path, capsys):
    assert _bench_ecspell().main([str(tmp_path / "absent.jsonl")]) == 2
    assert "absent.jsonl is absent" in capsys.readouterr().err


def test_ecspell_bench_scores_a_tiny_file(tmp_path, capsys):
    import json

    rows = [
        {"source": "要再接再励，按步就班", "target": "要再接再厉，按部就班"},
        {"src": "截止2023年底完成", "tgt": "截至2023年底完成"},
        {"source": "今天天气很好", "target": "今天天气很好"},
        {"source": "在公园里完耍", "target": "在公园里玩耍"},
    ]
    path = tmp_path / "e.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert _bench_ecspell().main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000  recall 0.667" in out
    assert "TP with a finding on a changed character: 2" in out


def test_ecspell_precision_on_real_data():
    """On ECSpell odw (when present): sentence-level precision of the T family at least 0.9."""
    from conftest import shared_data

    path = shared_data("spelling", "ecspell-odw-train.jsonl")
    mod = _bench_ecspell()
    s = mod.score(mod.read_pairs(path), None, 0)
    assert s.tp + s.fp > 0, "the T family flags no ECSpell odw sentence: the test would measure nothing"
    assert s.precision >= 0.9


# ---------------------------------------------------------------- clean 公文 prose, all T and G rules on by default

CLEAN_PROSE = """\
一年来，在以习近平同志为核心的党中央坚强领导下，我们坚持以习近平新时代中国特色社会主义思想为指导，
深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。
截止日期为2024年1月15日，截止时间以系统记录为准；截至2023年底，累计完成投资约50亿元，同比增长8%左右。
全年规模以上工业增加值增长6.2%，县级以上领导干部带头讲党课，超过全省规模以上企业平均水平。
持续纠正“四风”，坚决反对形式主义、官僚主义、享乐主义和奢靡之风，严格落实中央八项规定及其实施细则精神。
实实在在办好民生实事，认认真真抓好整改落实，原原本本、逐字逐句学习，是是非非要分清，一个个问题要解决。
目的的确立要科学，做好防汛救灾工作，作出重要部署，把工作好好抓实抓细，当作好事办实，线上时间与线下时间统筹安排。
节约用水用电，加强用电设备管理，最近3天左右完成调度，附近500米左右设置站点，约定事项按时办结。
研究研究再定的做法要杜绝，一步一步推进，一点一点积累，既要抓发展，又要抓安全，立即要求整改。
建立问题台账，规范财务账目，搭建帐篷安置受灾群众；权力运行制约和监督体系更加健全，维护群众合法权利。
二〇二三年，全市共有2000余人参加培训，近百人获评先进，将近一半的村实现集体经济增收。
"""


def test_clean_prose_is_silent_for_t_and_g():
    linter = Linter(isolated=True)
    result = linter.check_document(linter.read_bytes("clean.txt", CLEAN_PROSE.encode("utf-8")))
    found = _family(result.findings, "T", "G")
    assert found == [], [(f.code, CLEAN_PROSE[f.start:f.end], f.message) for f in found]


def test_clean_text_bench_runs_on_a_folder_and_exits_clearly_without_data(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_tg_clean", ROOT / "bench" / "bench_tg_clean.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path / "absent")]) == 2
    (tmp_path / "a.txt").write_text(CLEAN_PROSE, encoding="utf-8")
    assert module.main([str(tmp_path)]) == 0
    assert "0 findings = 0.00 per 100,000 characters" in capsys.readouterr().out


# ---------------------------------------------------------------- T108 variant forms by the report's year


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("建立问题整改台帐，规范报帐程序", "建立问题整改台账，规范报账程序"),
        ("好象没有", "好像没有"),
        ("成为全省惟一的示范区", "成为全省唯一的示范区"),
        ("丰富多采的活动", "丰富多彩的活动"),
    ],
)
def test_variant_forms_are_errors_in_a_report_of_unknown_year(text, fixed):
    for f in assert_flags(text, "T108", fixed=fixed):
        assert f.severity.value == "error"


@pytest.mark.parametrize(
    "year, text, severity",
    [
        (1996, "社会统筹与个人帐户相结合", "info"),  # 现代汉语词典 5th edition: 2005
        (2005, "社会统筹与个人帐户相结合", "error"),
        (1957, "好象从解放以来", "info"),  # 简化字总表 republished: 1986
        (1990, "好象从解放以来", "error"),
        (2001, "全国惟一的试验区", "info"),  # 第一批异形词整理表 in force: 2002
        (2008, "全国惟一的试验区", "error"),
    ],
)
def test_variant_forms_follow_the_report_year(year, text, severity):
    from reportlint.config import Config

    linter = Linter(isolated=True, select=["T108"])
    doc = linter.read_bytes("a.txt", text.encode("utf-8"))
    (f,) = linter.check_document(doc, Config(report_year=year)).findings
    assert f.severity.value == severity
    assert (str(year) in f.message) == (severity == "info")


def test_variant_year_is_read_from_the_title():
    """Without report-year the dates family's year from the title decides: a 1998 report keeps 帐户 as info."""
    text = "1998年政府工作报告\n\n建立和完善社会统筹与个人帐户相结合的养老保险制度。\n"
    (f,) = assert_flags(text, "T108")
    assert f.severity.value == "info"


@pytest.mark.parametrize(
    "text",
    ["搭建帐篷、蚊帐外", "现象这样严重", "就象征意义而言", "累计实际到帐外资", "确定货物清单", "对帐篷进行检查"],
)
def test_variant_forms_left_alone(text):
    found = lint_snippet(text, "T108")
    assert [text[f.start:f.end] for f in found] in ([], ["到帐"]), found


def test_variants_tsv_is_sound():
    """Every row parses; no wrong form is also a T101 entry (one finding per defect); years are plausible."""
    from reportlint_words.variants import read

    rows = read()
    assert len(rows) > 80 and len({r.wrong for r in rows}) == len(rows)
    typos = {r.wrong for r in _read_tsv(TSV, {}, PackContext(TSV, "typos", 0))}
    assert not typos & {r.wrong for r in rows}
    assert all(1950 < r.year < 2030 and r.note for r in rows)
