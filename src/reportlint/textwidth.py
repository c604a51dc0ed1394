"""Terminal columns of text, and wrapping by columns: a Chinese character takes two, a zero-width one none.

The widths come from wcwidth (the maintained implementation of POSIX wcwidth over the
current Unicode tables). Its import costs ~20 ms, so the characters every report is made
of (ASCII, CJK ideographs, CJK punctuation, full-width forms: wide or narrow in every
Unicode version) are answered here and wcwidth is imported only for the rest
(zero-width and combining characters, emoji, other scripts).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

#: Characters that must not begin a line (GB/T 15834—2011 5.1: 点号 and closing marks).
NO_LINE_START = frozenset("，。、；：？！）》〉】〕”’…—·")
#: Characters that must not end a line (opening marks).
NO_LINE_END = frozenset("（《〈【〔“‘")


@lru_cache(maxsize=4096)
def _other_width(c: str) -> int:
    from wcwidth import wcwidth

    w = wcwidth(c)
    return 1 if w < 0 else w  # a control character: callers show it as a visible picture


def char_width(c: str) -> int:
    """Columns ``c`` takes on a terminal (0, 1 or 2)."""
    o = ord(c)
    if 0x20 <= o < 0x7F:
        return 1
    if 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x3029 or 0x3030 <= o <= 0x303E or 0xFF01 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6:
        return 2
    return _other_width(c)


def width(s: str) -> int:
    """Columns ``s`` takes on a terminal."""
    if s.isascii() and s.isprintable():
        return len(s)
    return sum(char_width(c) for c in s)


def ljust(s: str, columns: int) -> str:
    """``s`` padded with spaces to ``columns`` terminal columns."""
    return s + " " * max(0, columns - width(s))


def _units(text: str) -> Iterator[str]:
    """Words (runs of non-space ASCII), single spaces, and single other characters."""
    word = ""
    for c in text:
        if c.isascii() and not c.isspace():
            word += c
            continue
        if word:
            yield word
            word = ""
        yield " " if c.isspace() else c
    if word:
        yield word


def wrap(text: str, columns: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """Lines of at most ``columns`` terminal columns (a longer single word stands alone).

    Chinese has no spaces, so a line may break between any two characters, but not before
    a closing mark or after an opening one (a 点号 never starts a line).
    """
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        indent = initial_indent if not out else subsequent_indent
        used = width(indent)
        for unit in _units(para):
            w = width(unit)
            if unit == " " and not line:
                continue
            if line and used + w > columns:
                # Keep a closing mark with what it closes, an opening mark with what it opens.
                carry: list[str] = []
                nxt = unit
                while len(line) > 1 and (nxt in NO_LINE_START or line[-1] in NO_LINE_END):
                    nxt = line.pop()
                    carry.insert(0, nxt)
                out.append(indent + "".join(line).rstrip())
                indent = subsequent_indent
                while carry and carry[0] == " ":
                    carry.pop(0)
                line = carry
                used = width(indent) + sum(width(u) for u in line)
                if unit == " " and not line:
                    continue
            line.append(unit)
            used += w
        out.append(indent + "".join(line).rstrip())
    return out
