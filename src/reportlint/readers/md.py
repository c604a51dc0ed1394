"""Markdown: the source text as is; syntax that is not prose becomes skip spans.

Fenced code, inline code, link and image targets, autolinks, HTML comments and
tags, reference definitions and front matter are skipped, so positions stay
those of the source file. Heading, quote and list prefixes are left out of
paragraphs so that ``## 一、总体情况`` is seen as the heading 一、.
"""

from __future__ import annotations

import regex

from reportlint.document import Document
from reportlint.lazyre import lazy
from reportlint.readers.txt import decode

_FENCE = lazy(regex.compile, r"^[ ]{0,3}(`{3,}|~{3,})")
# Every alternative stops at a character that starts the next candidate or at a bound, so a
# hostile file (thousands of unclosed "](", "<http:", "`") is scanned in linear time, not quadratic.
_INLINE = lazy(regex.compile,
    r"""
      (?P<code>(?<!`)(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n)){1,4096}?(?<!`)\2(?!`))  # inline code, within a paragraph
    | \]\((?P<target>(?:[^()\s]|\([^()\s]*\))*+(?:[ \t]+"[^"\n]*")?)\)        # link / image target
    | <(?:https?|mailto|ftp):[^<>\s]+>                                     # autolink
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>                             # HTML tag
    """,
    regex.VERBOSE,
)
_REFDEF = lazy(regex.compile, r"^[ ]{0,3}\[[^\]\n]+\]:\s*\S+.*$", regex.MULTILINE)
_PREFIX = lazy(regex.compile, r"^[ ]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)*")
# A line holding only HTML comments (a reportlint-disable-next-line above the title, say) is
# not prose: as a paragraph it would become the document's title and hide the real one.
_COMMENT_LINE = lazy(regex.compile, r"[ \t]*(?:<!--.*?-->[ \t]*)+")


def markdown_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Skip spans and paragraph spans of a Markdown source."""
    skip: list[tuple[int, int]] = []
    paras: list[tuple[int, int, str]] = []
    pos = 0
    n = len(text)
    fence: str | None = None
    fence_start = 0
    if text.startswith("---\n") or text.startswith("---\r\n"):
        end = text.find("\n---", 3)
        if end != -1:
            stop = text.find("\n", end + 1)
            stop = n if stop == -1 else stop
            skip.append((0, stop))
            pos = stop + 1 if stop < n else n
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        line = text[pos:line_end]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                skip.append((fence_start, line_end))
                fence = None
        elif m:
            fence, fence_start = m.group(1), pos
        elif line.strip() and not ("<!--" in line and _COMMENT_LINE.fullmatch(line)):
            p = _PREFIX.match(line)
            start = pos + (p.end() if p else 0)
            if start < line_end:
                paras.append((start, line_end, ""))
        pos = end + 1
    if fence is not None:
        skip.append((fence_start, n))
    for m in _INLINE.finditer(text):
        if m.group("target") is not None:
            skip.append((m.start("target") - 2, m.end()))
        else:
            skip.append(m.span())
    skip.extend(m.span() for m in _REFDEF.finditer(text))
    skip.extend(_comment_spans(text))
    return skip, paras


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """HTML comments, found with str.find: an unclosed ``<!--`` ends the search instead of rescanning the rest."""
    spans: list[tuple[int, int]] = []
    pos = text.find("<!--")
    while pos != -1:
        end = text.find("-->", pos + 4)
        if end == -1:
            break
        spans.append((pos, end + 3))
        pos = text.find("<!--", end + 3)
    return spans


def read_md(path: str, data: bytes) -> Document:
    text, encoding, bom = decode(data, path)
    skip, paras = markdown_spans(text)
    return Document(text, path=path, format="md", encoding=encoding, bom=bom, paragraph_spans=paras, skip_spans=skip)
