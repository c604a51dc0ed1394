"""Lazily compiled patterns: compiled once, on first use, then as fast as the compiled pattern."""

from __future__ import annotations

import re

from reportlint.lazyre import lazy


def test_compiles_once_on_first_use_and_then_calls_the_pattern_directly():
    calls: list[str] = []

    def compile_(src: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(src)
        return re.compile(src, flags)

    p = lazy(compile_, r"(\d+)年", re.ASCII)
    assert calls == []  # nothing compiled at import time
    assert p.pattern == r"(\d+)年" and p.groups == 1
    assert calls == [r"(\d+)年"]
    assert [m.group(1) for m in p.finditer("2023年和2024年")] == ["2023", "2024"]
    assert p.sub("Y年", "2023年") == "Y年" and p.search("无") is None and p.findall("1年") == ["1"]
    assert calls == [r"(\d+)年"]
    # the method slots hold the compiled pattern's own bound methods: no Python hop per call
    assert p.finditer.__self__ is p.search.__self__ and isinstance(p.finditer.__self__, re.Pattern)


def test_first_use_may_be_a_method():
    p = lazy(re.compile, "a+")
    assert p.fullmatch("aaa") is not None
