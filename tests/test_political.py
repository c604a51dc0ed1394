"""Family G: the ``canonical`` pack kind, rules/political.toml (G101-G107) and G111/G112."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportlint.errors import PackError
from reportlint.packs import load_pack
from reportlint.testing import assert_clean, assert_flags, lint_snippet
from reportlint_political import canonical_kind
from reportlint_political.canonical import pigeonhole_anchors

CORE = "以习近平同志为核心的党中央"
THOUGHT = "习近平新时代中国特色社会主义思想"


# ---------------------------------------------------------------- G101 / G102 fuzzy near misses


@pytest.mark.parametrize(
    "wrong",
    [
        "以习近平总书记为核心的党中央",  # 总书记 for 同志: three edits
        "以习近平同志为核心党中央",  # 的 missing
        "以习近平同志为中心的党中央",  # one substitution
        "习近平同志为核心的党中央",  # 以 missing
    ],
)
def test_core_formula_near_misses(wrong):
    text = f"紧密团结在{wrong}周围"
    (f,) = assert_flags(text, "G101", fixed=f"紧密团结在{CORE}周围")
    assert text[f.start:f.end] == wrong
    assert CORE in f.message


@pytest.mark.parametrize(
    "text",
    [
        f"紧密团结在{CORE}周围，{CORE}坚强领导",
        "以江泽民同志为核心的党中央",  # another formula: no 习近平
        "以习近平同志为总书记的党中央",  # the 2012-2016 wording, allowed
        "以习近平同志为核心的新一届中央领导集体",  # no 党中央 in the near miss
        "党中央以习近平同志为核心",
    ],
)
def test_core_formula_clean(text):
    assert_clean(text, "G101")


def test_core_formula_near_miss_next_to_an_exact_one():
    """The exact occurrence is masked, so a near miss in the same window is still found."""
    text = f"{CORE}和以习近平同志为核心党中央"
    (f,) = assert_flags(text, "G101")
    assert f.start == len(CORE) + 1


@pytest.mark.parametrize(
    "wrong",
    ["习近平新时代特色社会主义思想", "习近平新时代中国特色社会主意思想", "习近平新时代中国特色会主义思想", "习近平新时代中国特色社会主义"],
)
def test_thought_name_near_misses(wrong):
    assert_flags(f"坚持以{wrong}。", "G102", count=1)


@pytest.mark.parametrize(
    "text",
    [
        f"坚持以{THOUGHT}为指导，全面贯彻{THOUGHT}",
        "新时代中国特色社会主义事业",
        "习近平新时代中国特色社会主义经济思想",
        "习近平经济思想、习近平生态文明思想、习近平法治思想",
    ],
)
def test_thought_name_clean(text):
    assert_clean(text, "G102")


# ---------------------------------------------------------------- G103 - G107


def test_two_upholds_and_two_establishes_swap_titles():
    assert_flags("坚决维护习近平同志党中央的核心、全党的核心地位", "G103",
                 fixed="坚决维护习近平总书记党中央的核心、全党的核心地位")
    assert_flags("确立习近平总书记党中央的核心、全党的核心地位", "G104",
                 fixed="确立习近平同志党中央的核心、全党的核心地位")
    both = "“两个确立”：确立习近平同志党中央的核心、全党的核心地位；“两个维护”：坚决维护习近平总书记党中央的核心、全党的核心地位"
    assert lint_snippet(both, "G") == []
    assert_clean("坚决维护习近平总书记在党中央和全党的核心地位", "G103")  # the pre-2018 wording


def test_eight_point_rules():
    assert_flags("落实中央八条规定精神", "G105", fixed="落实中央八项规定精神")
    assert_flags("中央八项规定及实施细则精神", "G106", fixed="中央八项规定及其实施细则精神")
    assert_clean("严格遵守中央八项规定及其实施细则精神", "G106")
    assert_clean("落实中央八项规定开展廉政提醒", "G105")


def test_four_winds_variant_only_near_the_list():
    assert_flags("纠正“四风”，坚决反对奢侈之风", "G107", fixed="纠正“四风”，坚决反对奢靡之风")
    assert_clean("倡导勤俭节约，刹住奢侈之风", "G107")


# ---------------------------------------------------------------- G111 verbs


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("坚定“四个意识”", "增强“四个意识”"),
        ("增强“四个自信”", "坚定“四个自信”"),
        ("增强“两个维护”", "做到“两个维护”"),
        ("坚定“两个确立”", "深刻领悟“两个确立”"),
        ("坚定四个意识", "增强四个意识"),
    ],
)
def test_term_verb(text, fixed):
    assert_flags(text, "G111", count=1, fixed=fixed)


@pytest.mark.parametrize(
    "text",
    [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
        "牢固树立“四个意识”，坚决做到“两个维护”",
        "深刻领悟“两个确立”的决定性意义，增强“四个意识”",
        "增强“四个意识”“四个自信”",  # a verb not adjacent to the second term is not judged
        "自觉践行“两个维护”",
    ],
)
def test_term_verb_clean(text):
    assert_clean(text, "G111")


# ---------------------------------------------------------------- G112 lists


def test_list_order_and_fix():
    assert_flags("增强政治意识、核心意识、大局意识、看齐意识", "G112", count=1,
                 fixed="增强政治意识、大局意识、核心意识、看齐意识")
    assert_flags("坚定制度自信、道路自信、理论自信和文化自信", "G112", count=1,
                 fixed="坚定道路自信、理论自信、制度自信和文化自信")


def test_list_missing_member_after_label():
    (f,) = assert_flags("“四个意识”即政治意识、大局意识、看齐意识", "G112")
    assert "核心意识" in f.message
    assert f.fix is None


@pytest.mark.parametrize(
    "text",
    [
        "政治意识、大局意识、核心意识、看齐意识",
        "形式主义、官僚主义、享乐主义和奢靡之风",
        "纠正“四风”，形式主义、官僚主义问题仍然存在",
        "官僚主义、形式主义",  # two members without the label: not judged
        "增强大局意识和看齐意识",
    ],
)
def test_list_clean(text):
    assert_clean(text, "G112")


# ---------------------------------------------------------------- the kind itself


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_canonical_kind_errors_are_clear(tmp_path):
    kinds = {"canonical": canonical_kind}
    base = 'kind = "canonical"\ncode = "X101"\nname = "x"\nsummary = "x"\nmessage = "m"\n'
    with pytest.raises(PackError, match="canonical"):
        load_pack(_pack(tmp_path, "[[rules]]\n" + base), kinds)
    with pytest.raises(PackError, match="max_errors"):
        load_pack(_pack(tmp_path, "[[rules]]\n" + base + 'canonical = "中央八项规定"\nmax_errors = 5\n'), kinds)
    with pytest.raises(PackError, match="anchor"):
        load_pack(_pack(tmp_path, "[[rules]]\n" + base + 'canonical = "中央八项规定精神"\nanchors = ["四风"]\n'), kinds)
    with pytest.raises(PackError, match="unknown key"):
        load_pack(_pack(tmp_path, "[[rules]]\n" + base + 'canonical = "中央八项规定精神"\nfuzz = 1\n'), kinds)


def test_pigeonhole_anchors_cover_the_term():
    for k in (1, 2, 3):
        parts = pigeonhole_anchors(CORE, k)
        assert len(parts) == k + 1 and "".join(parts) == CORE


def test_fuzzy_prefilter_is_fast_on_long_text():
    """A long text with many anchors and exact forms stays well under a second for all G rules."""
    para = f"坚持以{THOUGHT}为指导，在{CORE}坚强领导下，增强“四个意识”、坚定“四个自信”、做到“两个维护”，党中央为核心工作。"
    text = para * 2000  # ~170,000 characters
    t0 = time.perf_counter()
    assert lint_snippet(text, "G") == []
    assert time.perf_counter() - t0 < 30  # a hang guard; bench/ measures speed


# ---------------------------------------------------------------- G113 quotes


def test_shorthand_quotes():
    assert_flags("树牢四个意识，做到两个维护", "G113", count=2, fixed="树牢“四个意识”，做到“两个维护”")
    assert_clean("增强“四个意识”、坚定‘四个自信’、做到\"两个维护\"", "G113")
    assert_clean("落实“一岗双责”和一岗双责", "G113")  # not judged


def test_new_development_philosophy_only_next_to_its_name():
    assert_flags("坚持协调、创新、绿色、开放、共享的发展理念", "G112", count=1,
                 fixed="坚持创新、协调、绿色、开放、共享的发展理念")
    (f,) = assert_flags("新发展理念即创新、协调、绿色、开放", "G112")
    assert "共享" in f.message
    assert_clean("坚持开放、创新、包容，推动绿色、协调发展", "G112")


def test_g111_g113_g112_scans_find_what_the_patterns_find():
    """G111-G113 search only around the shorthands and list members that one automaton pass finds:
    the same matches as their patterns over the whole text, on random mixes of their pieces."""
    import random

    from reportlint_political import (
        _BARE_SHORTHAND,
        _LIST_PATTERNS,
        _TERM_VERB,
        _WORDS,
        FIXED_LISTS,
        _bare_shorthands,
        _clusters,
        _term_verbs,
    )

    marks = ["“", "”", "\"", "「", "」", "‘", "’", "'", "『", "』", "、", "，", "和", "与", "及", "以及", "的", "\n", "a"]
    shorthands = ["四个意识", "四个自信", "两个维护", "两个确立", "坚决做到", "增强", "坚定", "做到", "坚决", "树牢",
                  "意识", "自信", "四个", "两个", "个"]
    members = [m for fl in FIXED_LISTS for m in fl.members] + ["新发展理念", "四风", "主义", "创", "发展理念"]
    rng = random.Random(5)
    for _ in range(8000):
        text = "".join(rng.choice(marks + shorthands) for _ in range(rng.randint(0, 14)))
        words = list(_WORDS.finditer(text))
        assert [m.span() for m in _term_verbs(text, words)] == [m.span() for m in _TERM_VERB.finditer(text)], text
        assert [(s, e) for s, e, _ in _bare_shorthands(text, words)] == [
            m.span() for m in _BARE_SHORTHAND.finditer(text)], text
        text = "".join(rng.choice(members) + rng.choice(marks[10:]) for _ in range(rng.randint(0, 8)))
        words = list(_WORDS.finditer(text))
        for fl in FIXED_LISTS:
            pattern = _LIST_PATTERNS[fl.label]
            spans = [(s, e) for s, e, (kind, label) in words if kind == "member" and label == fl.label]
            clustered = [m.span() for lo, hi in _clusters(spans) for m in pattern.finditer(text, lo, hi)]
            assert clustered == [m.span() for m in pattern.finditer(text)], (fl.label, text)


def test_canonical_scan_hands_g111_g113_the_hits_of_their_own_scan():
    """The canonical family's one pass stores the shorthand and member hits that G111-G113 would scan for."""
    import random

    from reportlint.api import Linter
    from reportlint.context import Context
    from reportlint.document import Document
    from reportlint_political import _WORDS, _WORDS_KEY, _words

    g101 = Linter(isolated=True).all_rules()["G101"]
    scanned: list[str] = []
    pieces = ["四个意识", "“四个意识”", "两个维护", "政治意识", "大局意识", "创新", "协调", "、", "以习近平", "党中央", "“四个", "的"]
    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        ctx = Context(Document(text, path="<t>"))
        list(g101.check(ctx.document, ctx))
        assert ctx.memo(_WORDS_KEY, scanned.append) is not None  # stored by G101's scan: no new scan
        assert _words(ctx) == list(_WORDS.finditer(text)), text
    assert scanned == []


def test_fuzzy_character_bound_never_skips_a_match():
    """A window holding fewer than len - k of the canonical characters has no match with <= k edits."""
    import random

    from reportlint.api import Linter
    from reportlint_political import canonical

    Linter(isolated=True).all_rules()  # loads rules/political.toml
    specs = [spec for family in canonical._FAMILIES.values() for spec in family.specs if spec.fuzzy is not None]
    assert len(specs) >= 7
    rng = random.Random(8)
    for spec in specs:
        alphabet = list(dict.fromkeys(spec.canonical)) + ["的", "“", "\x00", "中"]
        skipped = 0
        for _ in range(3000):
            window = list(spec.canonical) if rng.random() < 0.7 else []
            for _ in range(rng.randint(0, 2 * spec.k + 2)):  # edits, some beyond k
                op, i = rng.randrange(3), rng.randint(0, len(window))
                if op == 0:
                    window.insert(i, rng.choice(alphabet))
                elif i < len(window):
                    if op == 1:
                        del window[i]
                    else:
                        window[i] = rng.choice(alphabet)
            text = "".join(window)
            if not canonical._enough_characters(text, spec):
                skipped += 1
                assert spec.fuzzy.search(text) is None, (spec.canonical, text)
        assert skipped > 100


def test_variant_inside_an_allowed_form_stays_masked_without_fuzzy_matching(tmp_path):
    """With max_errors = 0 the exact and allowed forms are still found when a variant lies inside one."""
    from reportlint.document import Document

    body = (
        '[[rules]]\nkind = "canonical"\ncode = "X101"\nname = "x"\nsummary = "x"\nmessage = "{match}"\n'
        'canonical = "奢靡之风"\nmax_errors = 0\nvariants = ["奢侈"]\nallow = ["奢侈品"]\n'
    )
    (rule,) = load_pack(_pack(tmp_path, body), {"canonical": canonical_kind})
    found = list(rule.check(Document("刹住奢侈，不买奢侈品", path="<t>")))
    assert [(f.start, f.end) for f in found] == [(2, 4)]


def test_g112_holds_a_report_only_to_formulas_fixed_by_its_year():
    # Issue 17: a 2004 text naming 官僚主义、形式主义 predates the 2013 “四风”; from 2013 on the order is fixed.
    from reportlint.testing import lint_snippet

    body = "坚决克服官僚主义、形式主义、享乐主义和奢靡之风。"
    assert not [f for f in lint_snippet(f"2004年政府工作报告\n\n{body}", "G112") if f.code == "G112"]
    assert [f for f in lint_snippet(f"2018年政府工作报告\n\n{body}", "G112") if f.code == "G112"]
    old_ideas = "2014年政府工作报告\n\n坚持创新、协调、开放、绿色、共享的发展理念。"
    assert not [f for f in lint_snippet(old_ideas, "G112") if f.code == "G112"]
