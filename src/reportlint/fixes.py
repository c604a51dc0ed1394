"""Applying fixes to text in passes, and encoding the result as the file was (writing: reportlint.safeio)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from reportlint.errors import ReportlintError
from reportlint.rules import Finding
from reportlint.safeio import write_atomic

if TYPE_CHECKING:
    from reportlint.document import Document
    from reportlint.engine import LintResult

__all__ = ["ROOM", "MAX_FIX_PASSES", "select_fixes", "apply_fixes", "fix_until_stable", "unified_diff", "encode", "write_atomic", "fix_file"]


#: Untouched characters that must separate fixes of two different rules in one pass (more than this
#: many). A fix changes the context the other rules judged its neighbours in: decoding ``&amp;`` in
#: ``坚持&amp;nbsp;推进`` makes ``&nbsp;``, whose ``;`` is then part of an entity, not the stray ASCII
#: semicolon P105 saw. So, as ruff does for fixes that touch, a fix of another rule this close waits
#: for the next pass, and is applied only if the re-check of the new text still asks for it. Eight
#: covers the tokens the built-in rules read around a span: an entity name, a year, a date, a word.
#: (The fixes of one rule were made together against the same text; they only must not overlap.)
ROOM = 8
#: Fix passes before giving up on fixes that keep producing new fixable findings (ruff stops at 100;
#: each pass re-checks the whole document, and a pass fixes every cluster of nearby fixes).
MAX_FIX_PASSES = 32


def select_fixes(findings: Iterable[Finding], *, unsafe: bool = False, room: int = ROOM) -> list[tuple[int, int, str]]:
    """The fixes one pass applies, as sorted (start, end, replacement).

    A fix reaches over its own span and its finding's (what the rule judged). Reaches with
    ``room`` or fewer characters between them (touching too) form a cluster; in each cluster
    only the fixes of one rule are applied this pass, the rule of its first fix (safe fixes
    before unsafe ones, then by position), and of those only the ones that do not overlap
    (an insertion and a replacement starting at the same offset overlap). The rest wait for
    the next pass, where they apply only if the re-check finds them again.
    """
    cands: list[tuple[int, int, int, str, int, int, str]] = []  # safety, start, end, replacement, reach lo, hi, rule
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        start, end = f.fix_span()
        cands.append((0 if f.fix.safe else 1, start, end, f.fix.replacement, min(start, f.start), max(end, f.end), f.code))
    if not cands:
        return []
    cluster = [0] * len(cands)
    current, reach_end = -1, 0
    for i in sorted(range(len(cands)), key=lambda i: (cands[i][4], cands[i][5])):
        lo, hi = cands[i][4], cands[i][5]
        if current < 0 or lo - reach_end > room:
            current, reach_end = current + 1, hi
        else:
            reach_end = max(reach_end, hi)
        cluster[i] = current
    order = sorted(range(len(cands)), key=lambda i: cands[i][:3])
    owner: dict[int, str] = {}
    for i in order:
        owner.setdefault(cluster[i], cands[i][6])
    chosen: list[tuple[int, int, str]] = []
    starts: list[int] = []  # taken fix spans, sorted by start; they never overlap, so ends are sorted too
    ends: list[int] = []
    for i in order:
        _, start, end, repl, _, _, code = cands[i]
        if code != owner[cluster[i]]:
            continue  # another rule's fix is close by: wait for the next pass
        j = bisect.bisect_right(starts, start)
        if j > 0 and (starts[j - 1] == start or ends[j - 1] > start):
            continue  # overlaps the taken span starting at or before it
        if j < len(starts) and starts[j] < end:
            continue  # overlaps the next taken span
        starts.insert(j, start)
        ends.insert(j, end)
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


def fix_until_stable(
    text: str, check: Callable[[str], Iterable[Finding]], *, unsafe: bool = False, room: int = ROOM,
    max_passes: int = MAX_FIX_PASSES,
) -> tuple[str, int]:
    """Fix ``text`` pass after pass, re-checking it with ``check`` each time, until no fix applies.

    The loop of :meth:`reportlint.api.Linter.fix_document` on a bare string: for a rule's own
    examples (``check`` runs that rule alone) and for tests. The new text and the fixes applied.
    """
    total = 0
    seen = {hash(text)}
    for _ in range(max_passes):
        new, n = apply_fixes(text, check(text), unsafe=unsafe, room=room)
        if n == 0 or hash(new) in seen:
            break
        seen.add(hash(new))
        text, total = new, total + n
    return text, total


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


def fix_file(
    linter: Any, doc: Document, data: bytes, config: Any, display: str, path: Path | None, *,
    unsafe: bool = False, diffs: list[str] | None = None, stdout: BinaryIO | None = None,
) -> LintResult:
    """``--fix`` (or ``--diff`` when ``diffs`` is given) on one text document read from ``data``.

    The file ``path`` is rewritten only when the text changed and every rule ran cleanly on
    every pass; a write that fails is one Problem, and the findings reported are then those of
    the file as it still is. For stdin (``path`` None) the fixed text, or the input unchanged,
    goes to ``stdout`` whatever happens: a pipe through ``--fix`` never loses the document.
    """
    from reportlint.engine import Problem

    fixed_doc, result = linter.fix_document(doc, config, unsafe=unsafe)
    if result.problems and fixed_doc is not doc:  # a rule failed on a fixed text: keep the original
        original = linter.check_document(doc, config)
        original.problems = list(dict.fromkeys([*original.problems, *result.problems]))
        fixed_doc, result = doc, original
    changed = fixed_doc.text != doc.text
    if not changed:
        result.fixed = 0
    if diffs is not None:
        if changed:
            diffs.append(unified_diff(doc.text, fixed_doc.text, display))
        result.fixed = 0
        return result
    new_data = encode(fixed_doc.text, doc.encoding, doc.bom) if changed else data
    if path is None:
        if stdout is not None:
            stdout.write(new_data)
            stdout.flush()
        return result
    if not changed:
        return result
    try:
        write_atomic(path, new_data, expected=data, display=display)
    except ReportlintError as exc:
        original = linter.check_document(doc, config)  # the file still holds these
        original.problems.append(Problem(display, str(exc).removeprefix(f"{display}: ")))
        return original
    return result
