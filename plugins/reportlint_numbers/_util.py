"""Small helpers shared by the number rules."""

from __future__ import annotations


def mark(text: str) -> str:
    """Quote a piece of text for a message, ‘…’ when it holds a double quote."""
    if "“" in text or "”" in text:
        return f"‘{text}’"
    return f"“{text}”"
