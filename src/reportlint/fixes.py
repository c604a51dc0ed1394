"""Applying fixes to text in passes, and encoding the result as the file was (writing: reportlint.safeio)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from reportlint.rules import Finding
from reportlint.safeio import write_atomic

__all__ = ["ROOM", "MAX_FIX_PASSES", "select_fixes", "apply_fixes", "unified_diff", "encode", "write_atomic"]


#: Untouched characters two fixes of one pass must keep between them (more than this many). A fix
#: changes the context its neighbours were judged in: decoding ``&amp;`` in ``坚持&amp;nbsp;推进``
#: makes ``&nbsp;``, whose ``;`` is then part of an entity, not the stray ASCII semicolon P105 saw.
#: So, as ruff does for fixes that touch, a fix this close to one already chosen waits for the next
#: pass and is applied only if the re-check of the new text still asks for it. Eight covers the
#: tokens the built-in rules read around a span: an entity name, a year, a date, a 2-4 character word.
ROOM = 8
#: Fix passes before giving up on fixes that keep producing new fixable findings (ruff stops at 100;
#: each pass re-checks the whole document, and fixes ROOM apart need only a few passes).
MAX_FIX_PASSES = 32


def select_fixes(findings: Iterable[Finding], *, unsafe: bool = False, room: int = ROOM) -> list[tuple[int, int, str]]:
    """The fixes one pass applies, as sorted (start, end, replacement): none within ``room`` of another.

    A fix reaches over its own span and its finding's (what the rule judged); two reaches with
    ``room`` or fewer characters between them clash (touching too, as in ruff), and the later one
    waits for the next pass. Safe fixes go first, so an unsafe fix never blocks a safe one on the same span.
    """
    candidates = []
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        start, end = f.fix_span()
        candidates.append((0 if f.fix.safe else 1, start, end, f.fix.replacement, min(start, f.start), max(end, f.end)))
    chosen: list[tuple[int, int, str]] = []
    # Reaches taken so far, sorted by start; more than ``room`` apart, so their ends are sorted too.
    starts: list[int] = []
    ends: list[int] = []
    for _, start, end, repl, lo, hi in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        i = bisect.bisect_right(starts, lo)
        if i > 0 and ends[i - 1] + room >= lo:
            continue  # too close to the taken reach starting at or before it
        if i < len(starts) and starts[i] - room <= hi:
            continue  # too close to the next taken reach
        starts.insert(i, lo)
        ends.insert(i, hi)
        chosen.append((start, end, repl))
    chosen.sort()
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False, room: int = ROOM) -> tuple[str, int]:
    """Apply one pass of fixes (see :func:`select_fixes`); the new text and how many were applied."""
    chosen = select_fixes(findings, unsafe=unsafe, room=room)
    if not chosen:
        return text, 0
    parts: list[str] = []
    pos = 0
    for start, end, repl in chosen:
        parts.append(text[pos:start])
        parts.append(repl)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), len(chosen)


def unified_diff(old: str, new: str, display: str) -> str:
    """A unified diff of two texts, marking a last line without a line ending as ``diff`` does."""
    import difflib

    lines = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     fromfile=f"a/{display}", tofile=f"b/{display}"):
        lines.append(line)
        if not line.endswith(("\n", "\r")):
            lines.append("\n\\ No newline at end of file\n")
    return "".join(lines)


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Bytes of ``text`` as the reader found it: same codec, same BOM, line endings untouched."""
    if encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        codec = "utf-16-le" if encoding in ("utf-16", "utf-16-le") else "utf-16-be"
        data = text.encode(codec)
        if bom:
            data = ("\ufeff".encode(codec)) + data
        return data
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data
