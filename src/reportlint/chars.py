"""Character-class strings for stdlib ``re`` patterns, equal to the `regex` properties they replace.

Stdlib ``re`` runs simple patterns several times faster than `regex` but has no
``\\p{..}``; these strings go inside ``[...]`` in its place. Each one is checked
against `regex` for every code point in tests/test_chars.py, so a rule moved from
`regex` to ``re`` keeps exactly what it matches.
"""

from __future__ import annotations

from collections.abc import Iterable

#: ``\p{Han}`` (Script=Han) as of the bundled `regex` (Unicode 16): ideographs, extensions,
#: compatibility ideographs, radicals, 々 〇 〡-〩 〸-〻 and the Tangut/Khitan iteration marks.
HAN = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"
    "\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)

#: ``\d`` of `regex` (Unicode Nd, Unicode 16). Stdlib re's ``\d`` follows Python's older Unicode
#: database and misses the newest digit blocks, so a pattern moved to re writes ``[{DIGIT}]``.
DIGIT = (
    r"\u0030-\u0039\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef"
    r"\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef"
    r"\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049"
    r"\u1090-\u1099\u17e0-\u17e9\u1810-\u1819\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89"
    r"\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\ua620-\ua629"
    r"\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9"
    r"\uff10-\uff19\U000104a0-\U000104a9\U00010d30-\U00010d39\U00010d40-\U00010d49"
    r"\U00011066-\U0001106f\U000110f0-\U000110f9\U00011136-\U0001113f\U000111d0-\U000111d9"
    r"\U000112f0-\U000112f9\U00011450-\U00011459\U000114d0-\U000114d9\U00011650-\U00011659"
    r"\U000116c0-\U000116c9\U000116d0-\U000116e3\U00011730-\U00011739\U000118e0-\U000118e9"
    r"\U00011950-\U00011959\U00011bf0-\U00011bf9\U00011c50-\U00011c59\U00011d50-\U00011d59"
    r"\U00011da0-\U00011da9\U00011de0-\U00011de9\U00011f50-\U00011f59\U00016130-\U00016139"
    r"\U00016a60-\U00016a69\U00016ac0-\U00016ac9\U00016b50-\U00016b59\U00016d70-\U00016d79"
    r"\U0001ccf0-\U0001ccf9\U0001d7ce-\U0001d7ff\U0001e140-\U0001e149\U0001e2f0-\U0001e2f9"
    r"\U0001e4f0-\U0001e4f9\U0001e5f1-\U0001e5fa\U0001e950-\U0001e959\U0001fbf0-\U0001fbf9"
)
#: ``\s`` of `regex` (White_Space). Stdlib re's ``\s`` also matches U+001C-001F.
SPACE = r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028-\u2029\u202f\u205f\u3000"


def has_any(text: str, chars: str) -> bool:
    """True if one of ``chars`` occurs in ``text``: one C scan per character (~0.02 ms/MB each).

    The cheapest prefilter there is: a rule whose matches all need one of a few rare
    characters returns at once on the (usual) document that has none of them.
    """
    return any(c in text for c in chars)


def has_word(text: str, words: Iterable[str]) -> bool:
    """True if one of ``words`` occurs in ``text``; a word's first character is looked for first.

    A one-character ``in`` is the cheap scan (~0.02 ms/MB); the full word (~0.25 ms/MB)
    is only searched when its first character is there. For a handful of words only: a
    long list belongs in one automaton (reportlint.matcher.LiteralMatcher).
    """
    return any(w[:1] in text and w in text for w in words)


def mark(text: str) -> str:
    """Quote a piece of text for a message: “、、”, or ‘“’ when it holds a double quote."""
    if "“" in text or "”" in text:
        return f"‘{text}’"
    return f"“{text}”"
