"""Character classes shared by the punctuation rules (GB/T 15834-2011 mark inventory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from reportlint import Document

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

HAN = regex.compile(r"\p{Han}")


def is_han(ch: str) -> bool:
    """True for a Han character."""
    return bool(ch) and HAN.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """True for a Han character or a full-width Chinese punctuation mark."""
    return is_han(ch) or (bool(ch) and (ch in POINTS or ch in OPENERS or ch in CLOSERS or ch in "…—"))


def mark(text: str) -> str:
    """Quote a piece of text for a message: “、、”, or ‘“’ when it holds a double quote."""
    if "“" in text or "”" in text:
        return f"‘{text}’"
    return f"“{text}”"


def heading_marker_offsets(doc: Document) -> frozenset[int]:
    """Offsets inside heading markers such as (1) （一) 1）: family S judges their form."""
    # Only non-canonical markers: those are the ones S104 reports (with a fix for the whole marker).
    return frozenset(
        i for h in doc.outline.headings if not h.canonical for i in range(h.marker_start, h.marker_end)
    )
