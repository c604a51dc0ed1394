"""Baselines: record today's findings by path, code and a context hash; later report only new ones.

The key has no line number, so inserting or deleting lines elsewhere keeps a
baselined finding silent; changing the flagged text (or the few characters
around it) makes it a new finding again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from reportlint.engine import LintResult, Problem
from reportlint.errors import InputError, ReportlintError
from reportlint.i18n import gettext
from reportlint.rules import Finding

FORMAT_VERSION = 1
#: Characters of context hashed on each side of a finding, never past its own line.
CONTEXT = 8

Key = tuple[str, str, str]


def fingerprint(text: str, f: Finding) -> str:
    """Hash of the rule code, the matched text and up to CONTEXT characters either side on its line."""
    line_start = text.rfind("\n", 0, f.start) + 1
    nl = text.find("\n", f.end)
    line_end = len(text) if nl == -1 else nl
    before = text[max(line_start, f.start - CONTEXT) : f.start]
    after = text[f.end : min(line_end, f.end + CONTEXT)].rstrip("\r")
    data = "\0".join((f.code, before, text[f.start : f.end], after))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def baseline_path_key(display: str, root: Path) -> str:
    """A file's key: its path relative to the baseline's folder, with / separators."""
    if display == "-" or display.startswith("<"):
        return display
    p = Path(display).resolve()
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def result_keys(result: LintResult, root: Path) -> list[tuple[Key, Finding]]:
    """(key, finding) for each finding of a result that has its document."""
    if result.document is None:
        return []
    path = baseline_path_key(result.path, root)
    text = result.document.text
    return [((path, f.code, fingerprint(text, f)), f) for f in result.findings]


def write_baseline(path: Path, results: Iterable[LintResult]) -> int:
    """Write every current finding to ``path`` (atomically); returns how many were recorded."""
    root = path.resolve().parent
    entries = sorted(key for r in results for key, _ in result_keys(r, root))
    data = {
        "tool": "reportlint",
        "version": FORMAT_VERSION,
        "findings": [{"path": p, "code": c, "hash": h} for p, c, h in entries],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(entries)


def load_baseline(path: Path) -> Counter[Key]:
    """The recorded keys, counted (the same text flagged twice is recorded twice)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: " + gettext("baseline file not found (create it with --write-baseline {path})").format(path=path)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: " + gettext("cannot read baseline: {reason}").format(reason=exc)) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: " + gettext("not a reportlint baseline (version {version})").format(version=FORMAT_VERSION))
    try:
        return Counter((e["path"], e["code"], e["hash"]) for e in data["findings"])
    except (KeyError, TypeError):
        raise InputError(f"{path}: " + gettext("malformed baseline entry")) from None


class Baselines:
    """Baseline files loaded once each; filters results against the one that governs them."""

    def __init__(self) -> None:
        self._loaded: dict[Path, Counter[Key]] = {}

    def get(self, path: Path) -> Counter[Key]:
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = load_baseline(path)
        return self._loaded[key]

    def filter(self, result: LintResult, baseline: Path) -> LintResult:
        """Drop from ``result`` the findings recorded in ``baseline`` (each entry silences one finding)."""
        counts = self.get(baseline)
        keep: list[Finding] = []
        keyed = dict((id(f), k) for k, f in result_keys(result, baseline.resolve().parent))
        for f in result.findings:
            k = keyed.get(id(f))
            if k is not None and counts[k] > 0:
                counts[k] -= 1
                continue
            keep.append(f)
        result.findings = keep
        return result


def apply_baselines(results: Sequence[LintResult], baseline_for: Callable[[LintResult], Path | None]) -> list[LintResult]:
    """Filter each result by its baseline (``baseline_for`` returns None when there is none)."""
    baselines = Baselines()
    out = []
    for r in results:
        b = baseline_for(r)
        out.append(baselines.filter(r, b) if b is not None else r)
    return out


def apply_run_baselines(
    results: Sequence[LintResult], linter: Any, cli_baseline: Path | None
) -> tuple[list[LintResult], list[Problem]]:
    """The command line's baseline (``--baseline``), else each file's config ``baseline`` key.

    A baseline that cannot be read is a Problem (exit 2), never silently no baseline.
    """
    baselines = Baselines()
    problems: list[Problem] = []
    out: list[LintResult] = []
    failed: set[Path] = set()
    for r in results:
        path = cli_baseline
        if path is None and r.document is not None:
            try:
                where = Path.cwd() / "stdin.txt" if r.path == "-" else Path(r.path)
                path = linter.config_for(where).baseline
            except ReportlintError:
                path = None
        if path is None or path in failed:
            out.append(r)
            continue
        try:
            out.append(baselines.filter(r, path))
        except ReportlintError as exc:
            failed.add(path)
            problems.append(Problem(str(path), str(exc).removeprefix(f"{path}: ")))
            out.append(r)
    return out, problems
