"""Applying fixes to text, and writing a file back atomically in its own encoding."""

from __future__ import annotations

import bisect
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reportlint.errors import InputError
from reportlint.i18n import gettext
from reportlint.rules import Finding


def select_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> list[tuple[int, int, str]]:
    """The fixes one pass applies, as sorted (start, end, replacement): none overlapping.

    A fix clashing with an earlier one waits for the next pass. Safe fixes go first,
    so an unsafe fix never blocks a safe one on the same span.
    """
    candidates = []
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        start, end = f.fix_span()
        candidates.append((0 if f.fix.safe else 1, start, end, f.fix.replacement))
    chosen: list[tuple[int, int, str]] = []
    starts: list[int] = []  # taken spans, sorted by start; they never overlap, so ends are sorted too
    ends: list[int] = []
    for _, start, end, repl in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        i = bisect.bisect_right(starts, start)
        if i > 0 and (starts[i - 1] == start or ends[i - 1] > start):
            continue  # clashes with the taken span starting at or before it
        if i < len(starts) and starts[i] < end:
            continue  # clashes with the next taken span
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.append((start, end, repl))
    chosen.sort()
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply non-overlapping fixes (see :func:`select_fixes`); the new text and how many were applied."""
    chosen = select_fixes(findings, unsafe=unsafe)
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


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Write through a temporary file in the same folder, then rename over ``path``.

    If ``expected`` is given and the file no longer holds those bytes (it changed
    since it was read), nothing is written and InputError is raised.
    """
    if expected is not None:
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: " + gettext("cannot re-read before writing: {reason}").format(reason=exc.strerror or exc)) from None
        if current != expected:
            raise InputError(f"{path}: " + gettext("changed since it was read; not fixed (run again)"))
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:  # a new file: the mode open() would give it, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".reportlint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
