"""The heading parser: levels, forms, inline headings, the section tree, and what is not a heading."""

from __future__ import annotations

import pytest

from reportlint.document import Document
from reportlint.outline import CANONICAL_FORMS, chinese_number, match_heading, parse_outline


def outline(text: str):
    """The outline of a plain-text document."""
    return parse_outline(Document(text))


@pytest.mark.parametrize(
    ("text", "level", "number", "form"),
    [
        ("一、总体情况", 1, 1, "一、"),
        ("十二、其他", 1, 12, "一、"),
        ("一.总体情况", 1, 1, "一."),
        ("一，总体情况", 1, 1, "一，"),
        ("（三）加强学习", 2, 3, "（一）"),
        ("(三)加强学习", 2, 3, "(一)"),
        ("（三）、加强学习", 2, 3, "（一）、"),
        ("㈢加强学习", 2, 3, "㈠"),
        ("12.学习", 3, 12, "1."),
        ("2、学习", 3, 2, "1、"),
        ("2．学习", 3, 2, "1．"),
        ("（4）落实", 4, 4, "（1）"),
        ("(4)落实", 4, 4, "(1)"),
        ("⑷落实", 4, 4, "⑴"),
        ("4）落实", 4, 4, "1）"),
        ("③检查", 5, 3, "①"),
        ("　　一、缩进的标题", 1, 1, "一、"),
        ("**二、加粗的标题**", 1, 2, "一、"),
    ],
)
def test_heading_forms(text, level, number, form):
    h = match_heading(text, 0, 0)
    assert h is not None
    assert (h.level, h.number, h.form) == (level, number, form)
    assert h.canonical == (form == CANONICAL_FORMS[level])


@pytest.mark.parametrize(
    "text",
    ["一是加强学习", "2023年工作总结", "12.5%的增长", "1、2月份完成", "一、二季度完成", "一、二、三产业融合",
     "三、四月份，我们开展了检查", "一、二年级学生",
     "第一，统一思想", "一、", "（一）", "在（一）中提到", "100.学习"],
)
def test_not_headings(text):
    assert match_heading(text, 0, 0) is None


def test_a_heading_may_start_with_a_numeral():
    assert match_heading("三、二季度工作安排", 0, 0).number == 3
    assert match_heading("一、四年来工作回顾", 0, 0).number == 1
    assert match_heading("二、三项重点工作", 0, 0).number == 2
    assert match_heading("1.2023年工作完成情况", 0, 0).title == "2023年工作完成情况"


def test_marker_punct_and_offsets():
    h = match_heading("（一）、加强学习", 10, 3)
    assert h.punct == "、" and h.punct_start == 13 and h.marker_end == 14
    assert h.marker == "（一）、" and h.title == "加强学习" and h.paragraph == 3
    assert match_heading("（一）加强学习", 0, 0).punct == ""
    assert match_heading("1.学习", 0, 0).punct == "."


def test_inline_heading_title_runs_to_sentence_end():
    text = "（一）提高政治站位，深入学习宣传党的二十大精神。一是领导班子“带头学”。"
    h = match_heading(text, 0, 0)
    assert h.title == "提高政治站位，深入学习宣传党的二十大精神"
    assert h.inline
    assert not match_heading("（一）提高政治站位", 0, 0).inline


def test_section_tree_restarts_under_each_parent_and_allows_skips():
    o = outline("标题\n一、情况\n（一）学习\n1.集中学\n（二）教育\n二、打算\n1.继续\n2.加强")
    roots = o.roots
    assert [r.heading.title for r in roots] == ["情况", "打算"]
    assert [c.heading.title for c in roots[0].children] == ["学习", "教育"]
    assert [c.heading.title for c in roots[0].children[0].children] == ["集中学"]
    assert [c.heading.number for c in roots[1].children] == [1, 2]  # 一、 → 1. skips a level
    assert roots[1].children[0].parent is roots[1]
    assert [s.heading.title for s in o.sections()] == ["情况", "学习", "集中学", "教育", "打算", "继续", "加强"]


def test_section_spans():
    text = "一、甲\n正文\n二、乙"
    o = outline(text)
    first, second = o.roots
    assert text[first.start:first.end] == "一、甲\n正文\n"
    assert second.end == len(text)


def test_docx_table_cells_are_not_headings():
    text = "一、情况\n1.表格行"
    doc = Document(text, paragraph_spans=[(0, 4, "paragraph 1"), (5, 10, "table 1, row 1, cell 1")])
    assert [h.title for h in parse_outline(doc).headings] == ["情况"]


def test_sample_skeleton(sample_text):
    o = parse_outline(Document(sample_text))
    assert [(h.level, h.number) for h in o.headings] == [(1, 1), (2, 1), (2, 2), (2, 3), (2, 4), (1, 2)]
    assert all(h.canonical for h in o.headings)


@pytest.mark.parametrize(("s", "n"), [("一", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("一百零五", 105), ("甲", None)])
def test_chinese_number(s, n):
    assert chinese_number(s) == n


def test_one_match_per_paragraph_is_fast():
    import time

    text = "\n".join(f"（{i % 9 + 1}）第{i}段正文，" + "内容" * 40 for i in range(5000))
    t = time.perf_counter()
    o = outline(text)
    assert len(o.headings) == 5000
    assert time.perf_counter() - t < 20  # a hang guard; bench/ measures speed


def test_first_character_filter_lets_every_heading_through():
    """parse_outline skips a paragraph whose first character is not in _FIRST: no heading may start there."""
    import re

    from reportlint.chars import DIGIT
    from reportlint.outline import _FIRST, _HEADING

    tails = ("一、甲", "1.甲", "一）甲", "1）甲", "甲")
    assert [c for c in map(chr, range(0x10000)) if c not in _FIRST and any(_HEADING.match(c + t) for t in tails)] == []
    digit = re.compile(f"[{DIGIT}]")
    assert [c for c in map(chr, range(0x110000)) if digit.match(c) and c not in _FIRST] == []


def test_sections_in_recorded_order_equal_the_tree_walk():
    text = "标题\n1.甲\n一、情况\n（一）学习\n1.集中学\n（1）细\n（二）教育\n二、打算\n（三）乱\n1.继续\n一、再\n2.加强"
    o = outline(text)
    assert o.order is not None
    assert list(o.sections()) == list(o._walk())
    assert [s.heading.title for s in o.sections()] == [h.title for h in o.headings]
