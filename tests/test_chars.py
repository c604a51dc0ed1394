"""reportlint.chars: the stdlib-re classes match exactly what the `regex` properties match."""

from __future__ import annotations

import re

import regex

from reportlint import chars


def _differences(ours: str, prop: str) -> list[str]:
    """Code points where ``[ours]`` (re) and ``prop`` (regex) disagree, as hex."""
    mine = re.compile(f"[{ours}]")
    theirs = regex.compile(prop)
    out = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue  # lone surrogates never occur in decoded text
        c = chr(cp)
        if (mine.match(c) is None) != (theirs.match(c) is None):
            out.append(hex(cp))
    return out


def test_han_equals_regex_property() -> None:
    assert _differences(chars.HAN, r"\p{Han}") == []


def test_digit_equals_regex_digit() -> None:
    assert _differences(chars.DIGIT, r"\d") == []


def test_space_equals_regex_space() -> None:
    assert _differences(chars.SPACE, r"\s") == []


def test_has_any() -> None:
    assert chars.has_any("推进#工作", "#<")
    assert not chars.has_any("推进工作", "#<")
    assert not chars.has_any("", "#")


def test_has_word() -> None:
    assert chars.has_word("推进待补充工作", ("请填写", "待补充"))
    assert not chars.has_word("推进待定工作", ("请填写", "待补充"))
    assert not chars.has_word("推进", ())
