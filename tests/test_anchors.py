"""Anchored patterns (reportlint.anchors): windows around the anchors give the whole scan's matches.

The proof (shape) is tested three ways: random patterns from a small grammar, each either refused
or giving exactly ``pattern.finditer`` on random texts; the refusals that keep it sound; and
the rules that use it, against their plain patterns.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.anchors import BREAKS, Anchored, AnchorError, anchored, shape

ALPHABET = "ab号左右x1，。\n、 "


def spans(it):
    return [(m.span(), m.groups()) for m in it]


# --- random patterns ----------------------------------------------------------------------------

_ATOMS = ["a", "b", "号", "左右", "x", "1", "，", "\\n", ".", "[ab]", "[^a]", "[号左]", "\\d", "\\s", "\\w", "\\W", "[，。]"]
_ASSERTS = ["(?=a)", "(?!b)", "(?<=a)", "(?<!号)", "\\b", "\\B", "$", "^", "(?=号)", "(?=.{0,3}号)"]


@st.composite
def patterns(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 9 if depth < 2 else 5))
        if kind <= 3:
            piece = draw(st.sampled_from(_ATOMS))
        elif kind == 4:
            piece = draw(st.sampled_from(_ASSERTS))
        elif kind == 5:
            piece = draw(st.sampled_from(_ATOMS)) + draw(st.sampled_from(["*", "+", "?", "{1,3}", "{2}", "*?", "{0,4}?"]))
        elif kind <= 7:
            inner = draw(patterns(depth + 1))
            piece = f"(?:{inner})" + draw(st.sampled_from(["", "?", "+", "{1,2}", "*"]))
        elif kind == 8:
            piece = f"(?:{draw(patterns(depth + 1))}|{draw(patterns(depth + 1))})"
        else:
            piece = f"({draw(patterns(depth + 1))})\\1" if depth < 2 else "(a)"
        parts.append(piece)
    return "".join(parts)


@settings(max_examples=1500, deadline=None)
@given(patterns(), st.sampled_from([["号"], ["左右"], ["号", "左右"], ["a"], ["，"], ["1", "x"], ["左右号", "右"]]),
       st.lists(st.text(ALPHABET, max_size=30), min_size=1, max_size=4), st.sampled_from([re, regex]))
def test_random_patterns_are_refused_or_exact(source, anchors, texts, module):
    try:
        pattern = module.compile(source)
    except (re.error, regex.error):
        return
    try:
        anchored_pattern = Anchored(pattern, anchors)
    except AnchorError:
        return
    for text in texts:
        assert spans(anchored_pattern.finditer(text)) == spans(pattern.finditer(text)), (source, anchors, text)
        text += "\n" + text  # a newline that does not end the text, for $
        assert spans(anchored_pattern.finditer(text)) == spans(pattern.finditer(text)), (source, anchors, text)


@settings(max_examples=1500, deadline=None)
@given(patterns(), st.sampled_from([["号"], ["左右"], ["号", "左右"], ["a"], ["1", "x"]]),
       st.lists(st.text(ALPHABET, max_size=30), min_size=1, max_size=4), st.sampled_from([re, regex]))
def test_random_patterns_without_an_anchor_in_every_match(source, anchors, texts, module):
    """every_match=False: every match returned is a match of the whole pass, and every match of the
    whole pass that holds an anchor is returned."""
    try:
        pattern = module.compile(source)
    except (re.error, regex.error):
        return
    try:
        anchored_pattern = Anchored(pattern, anchors, every_match=False)
    except AnchorError:
        return
    for text in texts:
        text += "\n" + text
        full = spans(pattern.finditer(text))
        windowed = spans(anchored_pattern.finditer(text))
        assert set(windowed) <= set(full), (source, anchors, text)
        holding = [(span, g) for span, g in full if any(a in text[span[0]:span[1]] for a in anchors)]
        assert set(holding) <= set(windowed), (source, anchors, text)


# --- what keeps the proof sound ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "anchors", "reason"),
    [
        ("a|号", ["号"], "need not contain"),
        ("号?", ["号"], "empty string"),
        ("(?i)号", ["号"], "case"),
        ("(?s).+号", ["号"], "unbounded"),
        ("[^号]号?", ["号"], "need not contain"),
        ("(?<=号)a", ["号"], "need not contain"),  # a lookbehind's anchor lies before the match
        ("(?!号)..", ["号"], "need not contain"),
        ("[号左]", ["号"], "need not contain"),
        ("(?:号)*a", ["号"], "need not contain"),
    ],
)
def test_unprovable_anchors_are_refused(source, anchors, reason):
    for module in (re, regex):
        with pytest.raises(AnchorError, match=reason):
            Anchored(module.compile(source), anchors)


@pytest.mark.parametrize(
    "source",
    [
        "[[:alpha:]]号",  # a POSIX class in `regex`, three characters and a ] in re
        "[a[b]]号",  # a nested set in `regex` (VERSION1)
        "[a--b]号",
        "(?:号){e<=1}",  # fuzzy matching: 号 with one error matches anything
        r"\p{Lu}号",
        r"\X号",
        "(?r)号",
    ],
)
def test_regex_only_syntax_is_refused(source):
    with pytest.raises(AnchorError):
        Anchored(regex.compile(source, regex.VERSION1 if "--" in source else 0), ["号"])


def _stops(sh) -> str:
    """Which characters of a probe set the shape's stops class takes."""
    return "".join(c for c in "\n。，；a号1甲 " if sh.stops and re.fullmatch(sh.stops, c))


def test_regex_han_property_is_read_as_the_han_class():
    sh = shape(regex.compile(r"\p{Han}{1,3}号"), ["号"])
    assert sh.reach == 4 and sh.runs and _stops(sh) == "\n。，；a1 "
    p = Anchored(regex.compile(r"[\p{Han}，]{2}号"), ["号"])
    assert "，" not in _stops(p.shape)
    assert spans(p.finditer("甲，号乙号")) == spans(p.pattern.finditer("甲，号乙号"))


def test_shape_reports_reach_and_stops():
    assert shape(re.compile("超过[0-9]{1,4}以上"), ["以上"]).reach == 2 + 4 + 2
    assert shape(re.compile("a(?=b{2})号"), ["号"]).reach == 3
    assert shape(re.compile("号$"), ["号"]).reach == 3  # $ looks one character further
    assert shape(re.compile("号$"), ["号"]).tail == 2 and shape(re.compile("(?m)号$"), ["号"]).tail == 1
    assert shape(re.compile(r"\d+号"), ["号"]).reach is None
    assert _stops(shape(re.compile(r"\d+号"), ["号"])) == "\n。，；a甲 "  # made of digits and 号: all else stops it
    assert _stops(shape(re.compile(r"(?:\s|[^，。；])*号"), ["号"])) == "。，；"  # a negated class: the breaks it leaves
    assert shape(re.compile("[^a]号"), ["号"]).stops == ""
    assert shape(re.compile("X{2,}"), ["XX"]).every_match  # a repeated literal counts its minimum copies
    with pytest.raises(AnchorError):
        shape(re.compile("X{1,}"), ["XX"])


@pytest.mark.parametrize("ch", BREAKS)
def test_break_characters_mean_the_same_to_re_and_regex(ch):
    """The proof reads classes with the stdlib's meaning; on the break characters `regex` agrees."""
    for cls in (r"\d", r"\D", r"\s", r"\S", r"\w", r"\W", "."):
        assert bool(re.fullmatch(cls, ch)) == bool(regex.fullmatch(cls, ch)), (cls, ch)


# --- windows on long texts -----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["号", "左右", "甲乙", "12", "，", "。", "\n", "〔2023〕", "（", "5", "国办发"]), max_size=60))
@example(["号", "\n", "甲乙"])  # $ before a newline that does not end the text
@example(["12", "号", "\n", "5"])
@example(["甲乙", "左右", "号"])
def test_windows_of_bounded_and_unbounded_patterns(pieces):
    text = "".join(pieces)
    for source, anchors in [
        (r"[\u4e00-\u9fff]{1,10}?[发][（〔][0-9]{4}[）〕][0-9]{1,5}号", ["号"]),
        (r"[0-9\u4e00-\u9fff]+左右", ["左右"]),
        (r"(?<![0-9])[0-9]+\s*号", ["号"]),
        (r"[^。]{0,5}号", ["号"]),
        (r"号$", ["号"]),  # $ before a newline that does not end the text: no match
        (r"[0-9]*号$", ["号"]),
        (r"[^，]{0,3}右", ["左右号", "右"]),  # a shorter anchor inside a longer one starts its window earlier
    ]:
        p = Anchored(re.compile(source), anchors)
        assert spans(p.finditer(text)) == spans(p.pattern.finditer(text)), (source, text)


def test_lazy_anchored_compiles_on_first_use():
    calls = []

    def compile_fn(src):
        calls.append(src)
        return re.compile(src)

    p = anchored(compile_fn, "甲号", anchors=["号"])
    assert not calls
    assert [m.span() for m in p.finditer("乙甲号")] == [(1, 3)]
    assert calls == ["甲号"]


def test_a_pattern_that_cannot_be_proven_fails_on_first_use():
    p = anchored(re.compile, "a|号", anchors=["号"])
    assert list(p.finditer("a")) == []  # no anchor in the text: nothing compiled yet (start-up)
    with pytest.raises(AnchorError):
        list(p.finditer("a号"))
    with pytest.raises(AnchorError):
        _ = p.anchored  # what this file asks of every built-in anchored pattern


# --- the built-in rules' anchored patterns -----------------------------------------------------------


def _built_in_anchored() -> list[tuple[str, object]]:
    """Every anchored pattern a built-in plugin module defines at its top level."""
    import importlib
    from pathlib import Path

    from reportlint.anchors import LazyAnchored

    plugins = Path(__file__).resolve().parents[1] / "plugins"
    out = []
    for path in sorted(plugins.rglob("*.py")):
        parts = path.relative_to(plugins).with_suffix("").parts
        module = importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
        out += [(f"{module.__name__}.{name}", value) for name, value in vars(module).items() if isinstance(value, LazyAnchored)]
    return out


BUILT_IN = _built_in_anchored()


def test_the_built_in_rules_use_anchors():
    assert {"reportlint_structure.docno._DOCNO", "reportlint_words._OVER"} <= {name for name, _ in BUILT_IN}


def _example_texts() -> list[str]:
    from reportlint.api import Linter

    return [ex.text for rule in Linter(isolated=True, select=["ALL"]).all_rules().values() for ex in rule.examples]


@pytest.mark.parametrize(("name", "lazy_pattern"), BUILT_IN, ids=[name for name, _ in BUILT_IN])
def test_built_in_anchored_patterns_equal_their_plain_scan(name, lazy_pattern):
    """Random texts made of the rules' examples that hold an anchor, cut and joined with the
    pattern's own characters, digits and breaks (most hold a match)."""
    pattern = lazy_pattern.pattern
    anchors = lazy_pattern.anchored.anchors
    examples = [t for t in _example_texts() if any(a in t for a in anchors)]
    assert examples, f"{name}: no rule example holds one of its anchors"
    own = sorted({c for c in pattern.pattern if not c.isascii() or c.isdigit()} | set("0123456789%-~ .") | set(BREAKS))
    pieces = st.one_of(st.sampled_from([*anchors, *own]), st.sampled_from(examples),
                       st.builds(lambda t, a, k: t[a:a + k], st.sampled_from(examples), st.integers(0, 30), st.integers(1, 12)))

    every = lazy_pattern.anchored.shape.every_match

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=12))
    def check(parts):
        text = "".join(parts)
        windowed, full = spans(lazy_pattern.finditer(text)), spans(pattern.finditer(text))
        if every:
            assert windowed == full, text
        else:  # the whole pass's matches that hold an anchor, and only whole-pass matches
            assert set(windowed) <= set(full), text
            assert {(sp, g) for sp, g in full if any(a in text[sp[0]:sp[1]] for a in anchors)} <= set(windowed), text

    check()
