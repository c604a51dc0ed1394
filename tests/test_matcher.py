"""LiteralMatcher (ahocorasick-rs) against pyahocorasick, the reference, and low_bytes."""

from __future__ import annotations

import random
from typing import Any

import ahocorasick
import pytest

from reportlint import matcher
from reportlint.matcher import LiteralMatcher, low_bytes


def reference(words: dict[str, Any], text: str) -> list[tuple[int, int, Any]]:
    """pyahocorasick's occurrences: by end offset, the longer first at one end."""
    words = {w: v for w, v in words.items() if w}
    if not words:
        return []
    a = ahocorasick.Automaton()
    for w, v in words.items():
        a.add_word(w, (len(w), v))
    a.make_automaton()
    return [(end + 1 - n, end + 1, v) for end, (n, v) in a.iter(text)]


def _random_text(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def test_finds_overlapping_words() -> None:
    m = LiteralMatcher({"上时间": 1, "时间": 2, "长时间待机": 3})
    assert sorted(m.finditer("杜绝上时间待机")) == [(2, 5, 1), (3, 5, 2)]


def test_checks_candidates_of_the_low_byte_scan() -> None:
    """The automaton scans the low byte of each UTF-16 unit: characters that share it are no occurrence."""
    # 慡 U+6161 and 扢 U+6262 have the low bytes of "ab"; 倀 U+5000 and NUL that of 一 U+4E00.
    m = LiteralMatcher({"ab": 1, "一": 2, "一a": 3, "𠀀": 4})
    assert list(m.finditer("\u6161\u6262\u5000\0一\u6161一ab")) == [(4, 5, 2), (6, 7, 2), (6, 8, 3), (7, 9, 1)]
    assert list(m.finditer("ab\U00020000ab")) == [(0, 2, 1), (2, 3, 4), (3, 5, 1)]  # beyond the BMP
    assert list(m.finditer("ab\udfffab")) == [(0, 2, 1), (3, 5, 1)]  # a lone surrogate
    assert list(m.finditer("ab\udfff\U00020000ab")) == [(0, 2, 1), (3, 4, 4), (4, 6, 1)]  # both at once
    assert list(m.finditer("\U00020000")) == [(0, 1, 4)]
    assert list(LiteralMatcher({"𠀀": 1}).finditer("ab\u4e00")) == []  # no BMP word


def test_empty() -> None:
    assert list(LiteralMatcher({}).finditer("推进工作")) == []
    assert LiteralMatcher({}).hits("推进工作") == []
    assert list(LiteralMatcher({"": 1, "工作": 2}).finditer("推进工作")) == [(2, 4, 2)]


@pytest.mark.parametrize("alphabet", ["ab一\u6161\u6262\u5000\0𠀀的", "ab的地得𠀀\n\udfff"])
def test_agrees_with_the_reference(alphabet: str) -> None:
    """Random words and texts over characters that share low bytes, beyond the BMP and lone surrogates."""
    rng = random.Random(len(alphabet))
    for _ in range(3000):
        words = {_random_text(rng, alphabet, rng.randint(1, 4)): i for i in range(rng.randint(1, 8))}
        text = _random_text(rng, alphabet, rng.randint(0, 40))
        expected = reference(words, text)
        m = LiteralMatcher(words)
        assert list(m.finditer(text)) == expected, (words, text)
        assert m.hits(text) == expected, (words, text)
        low = low_bytes(text)
        if low is not None:
            assert m.hits(text, low) == expected, (words, text)


@pytest.mark.parametrize("chunk", [1, 3, 7])
def test_low_bytes_by_slices_agree(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """low_bytes and the automaton go over a huge text by slices (bounded memory), some of them
    beyond the BMP: the matcher's hits are the reference's whatever the slicing."""
    monkeypatch.setattr(matcher, "_LOW_CHUNK", chunk)
    monkeypatch.setattr(matcher, "_SCAN_CHUNK", chunk)
    rng = random.Random(chunk)
    alphabet = "ab的地得𠀀\n\udfff"
    for _ in range(800):
        words = {_random_text(rng, alphabet, rng.randint(1, 4)): i for i in range(rng.randint(1, 8))}
        text = _random_text(rng, alphabet, rng.randint(0, 40))
        assert low_bytes(text) == bytes(ord(c) & 0xFF for c in text), text
        expected = reference(words, text)
        assert list(LiteralMatcher(words).finditer(text)) == expected, (words, text)  # low bytes by slice
        assert LiteralMatcher(words).hits(text, low_bytes(text)) == expected, (words, text)  # given


def test_low_bytes_of_a_huge_text_is_built_by_slices_and_equals_the_whole_encoding() -> None:
    text = "一、总体情况，“两个确立”。\n" * 80_000  # over one slice
    assert len(text) > matcher._LOW_CHUNK
    assert low_bytes(text) == text.encode("utf-16-le")[::2]
    beyond = text + "𠀀"  # a character beyond the BMP in the last slice: that slice by UTF-32
    assert low_bytes(beyond) == text.encode("utf-16-le")[::2] + b"\x00"
    assert low_bytes("a\udfffb") == b"a\xffb"  # a lone surrogate is one unit


def test_lone_surrogate_before_a_word() -> None:
    assert list(LiteralMatcher({"ab": 1}).finditer("x\udfffab")) == [(2, 4, 1)]
