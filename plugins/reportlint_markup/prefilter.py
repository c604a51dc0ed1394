"""Family M, prefilters: whether a document can hold what a rule looks for, at a few C scans' cost.

Most reports hold none of the residue family M looks for, so a rule's cost is its prefilter.
``x in text`` for one character is a memchr over the UTF-16 bytes, fast unless the character's
low byte is common in the text: ``[`` (0x5B) and ``~`` (0x7E) are also the high bytes of common
Han characters (字学实, 组织经), and each false candidate costs a restart. A word search
(``"批注" in text``) costs ~0.3 ms/MB. Hence: ASCII marks are looked for in the text's Latin-1
characters, encoded once per document (a few dozen bytes in a Chinese report), and words by one
key character each, checked in place where that character occurs.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlint import Document
from reportlint.plugin import Context

#: Words grouped by key character and the key's offset in them: ((key, ((offset, words), ...)), ...)
WordTable = tuple[tuple[str, tuple[tuple[int, tuple[str, ...]], ...]], ...]


def _latin_of(doc: Document) -> bytes:
    return doc.text.encode("latin-1", "ignore")


def latin(ctx: Context) -> bytes:
    """The text's characters up to U+00FF, in order, as bytes (memoised for the family).

    Dropping the other characters only brings Latin-1 characters together, so ``b"---" in
    latin(doc)`` holds whenever ``"---" in doc.text`` does: a prefilter, never a result. Test one
    byte as an int (``0x23 in lat``, a bare memchr): ``b"#" in lat`` first takes a buffer of its
    operand, ~0.13 µs a test, more than the search.
    """
    return ctx.memo("markup.latin", _latin_of)


def word_table(keys: Mapping[str, str]) -> WordTable:
    """A table for :func:`has_words` from ``{word: key character}``; pick a character rare in reports."""
    groups: dict[str, dict[int, list[str]]] = {}
    for word, key in keys.items():
        groups.setdefault(key, {}).setdefault(word.index(key), []).append(word)
    return tuple((key, tuple((off, tuple(words)) for off, words in by_off.items())) for key, by_off in groups.items())


def has_words(text: str, table: WordTable) -> bool:
    """Whether one of the table's words occurs in ``text``: each occurrence of a key character is
    checked against the words that hold it there (one find per key, a startswith per occurrence)."""
    find, startswith = text.find, text.startswith
    for key, by_offset in table:
        i = find(key)
        while i != -1:
            for offset, words in by_offset:
                if i >= offset and startswith(words, i - offset):
                    return True
            i = find(key, i + 1)
    return False
