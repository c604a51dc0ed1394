"""Character classes shared by the punctuation rules (GB/T 15834-2011 mark inventory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from reportlint.plugin import lazy

if TYPE_CHECKING:
    pass

#: 点号 (GB/T 15834-2011 3.1): marks that end or split a sentence.
POINTS = "，。、；：？！"
#: Opening and closing halves of paired 标号 (quotes, brackets, book-title marks).
OPENERS = "“‘（《〈【〔「『"
CLOSERS = "”’）》〉】〕」』"
PAIRS = dict(zip(CLOSERS, OPENERS, strict=True))
#: Marks after which a paragraph is complete; a paragraph ending otherwise is a wrapped line.
TERMINAL = "。！？；：…”’）》〉】〕」』—"
#: Horizontal whitespace a writer may type by mistake (ASCII space, ideographic space, NBSP).
HSPACE = " \u3000\u00a0"

HAN = lazy(regex.compile, r"\p{Han}")


def is_han(ch: str) -> bool:
    """True for a Han character."""
    return bool(ch) and HAN.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """True for a Han character or a full-width Chinese punctuation mark."""
    return is_han(ch) or (bool(ch) and (ch in POINTS or ch in OPENERS or ch in CLOSERS or ch in "…—"))
