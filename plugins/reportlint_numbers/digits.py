"""Digits as the `regex` module's ``\\d`` sees them, and number-led matches found from a literal.

A pattern that must try every position of a text costs 1.5-3 ms/MB even when it finds
nothing. Most number rules hinge on a punctuation mark between digits (1，258，000, 65。8%),
so they look for that mark first, with a literal-led pattern, and try their full pattern
only at the start of the digit run before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportlint.plugin import DIGIT, lazy

_DIGIT_CHAR = lazy(re.compile, f"[{DIGIT}]")


def is_digit(c: str) -> bool:
    """``regex``'s ``\\d`` (Unicode Nd, as of the bundled regex; str.isdecimal follows an older Unicode)."""
    return c.isdecimal() or _DIGIT_CHAR.match(c) is not None


def run_start(text: str, end: int) -> int:
    """Start of the run of digits that ends at ``end``."""
    while end and is_digit(text[end - 1]):
        end -= 1
    return end


def matches_from_marks(pattern: Any, text: str, marks: Any) -> Iterator[Any]:
    """``pattern.finditer(text)`` for a pattern whose every match starts at the beginning of a
    digit run that ends right before one of the ``marks`` matches (a literal-led pattern).

    Exact: the starts tried are those runs' starts, in order, each only if it does not fall
    inside the previous match, which is what finditer does with the same starts.
    """
    end = 0
    for mark in marks.finditer(text):
        start = run_start(text, mark.start())
        if start < end or start == mark.start():
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = m.end()
