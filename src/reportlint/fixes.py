"""Applying fixes to text, and writing a file back atomically in its own encoding."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reportlint.errors import InputError
from reportlint.rules import Finding


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply non-overlapping fixes; a fix clashing with an earlier one waits for the next pass.

    Returns the new text and how many fixes were applied. Safe fixes go first, so
    an unsafe fix never blocks a safe one on the same span.
    """
    candidates = []
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        start, end = f.fix_span()
        candidates.append((0 if f.fix.safe else 1, start, end, f.fix.replacement))
    chosen: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for _, start, end, repl in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if any(start == s or (start < e and s < end) for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, repl))
    if not chosen:
        return text, 0
    chosen.sort()
    parts: list[str] = []
    pos = 0
    for start, end, repl in chosen:
        parts.append(text[pos:start])
        parts.append(repl)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), len(chosen)


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
            raise InputError(f"{path}: cannot re-read before writing: {exc.strerror or exc}") from None
        if current != expected:
            raise InputError(f"{path}: changed since it was read; not fixed (run again)")
    mode = None
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".reportlint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
