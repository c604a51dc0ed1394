"""Small helpers shared by the number rules."""

from __future__ import annotations

from reportlint import Document


def mark(text: str) -> str:
    """Quote a piece of text for a message, ‘…’ when it holds a double quote."""
    if "“" in text or "”" in text:
        return f"‘{text}’"
    return f"“{text}”"


def heading_marker_offsets(doc: Document) -> frozenset[int]:
    """Offsets inside heading markers (１．, （１）): family S reports and fixes their glyphs."""
    # Only non-canonical markers: those are the ones S104 reports (with a fix for the whole marker).
    return frozenset(
        i for h in doc.outline.headings if not h.canonical for i in range(h.marker_start, h.marker_end)
    )
