"""Helpers for rule authors (ours and third parties'): lint a snippet, assert findings.

    from reportlint.testing import assert_flags, assert_clean
    assert_flags("要##paidbegin##求", "M101", fixed="要求")
    assert_clean("第##号文件", "M101")
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlint.api import Linter
from reportlint.fixes import fix_until_stable
from reportlint.rules import Finding, Rule

_LINTERS: dict[tuple[str, ...], Linter] = {}


def lint_snippet(text: str, select: str | Iterable[str] = "ALL", *, filename: str = "snippet.txt") -> list[Finding]:
    """Findings of the selected rules (default: every rule, on or off by default) on ``text``."""
    key = (select,) if isinstance(select, str) else tuple(select)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(isolated=True, select=list(key))
    doc = linter.read_bytes(filename, text.encode("utf-8"))
    result = linter.check_document(doc)
    if result.problems:
        raise AssertionError("; ".join(str(p) for p in result.problems))
    return result.findings


def assert_flags(text: str, code: str, *, count: int | None = None, fixed: str | None = None, unsafe: bool = True,
                 filename: str = "snippet.txt") -> list[Finding]:
    """``code`` fires on ``text`` (``count`` times if given); its fixes, applied as ``--fix`` does, turn it into ``fixed``."""
    found = [f for f in lint_snippet(text, code, filename=filename) if f.code == code]
    assert found, f"{code} does not flag {text!r}"
    if count is not None:
        assert len(found) == count, f"{code} flags {text!r} {len(found)} times, expected {count}: {[f.message for f in found]}"
    if fixed is not None:  # fixed as --fix does: pass after pass, re-checked, until stable
        new, _ = fix_until_stable(text, lambda t: [f for f in lint_snippet(t, code, filename=filename) if f.code == code],
                                  unsafe=unsafe)
        assert new == fixed, f"{code} fixes {text!r} to {new!r}, expected {fixed!r}"
    return found


def assert_clean(text: str, code: str, *, filename: str = "snippet.txt") -> None:
    """``code`` stays silent on ``text``."""
    found = [f for f in lint_snippet(text, code, filename=filename) if f.code == code]
    assert not found, f"{code} flags clean text {text!r}: {[(f.start, f.message) for f in found]}"


def check_examples(rule: Rule) -> None:
    """A rule's own bad examples fire (and fix as documented); its good examples stay silent."""
    for ex in rule.examples:
        if ex.bad:
            assert_flags(ex.text, rule.code, fixed=ex.fixed, filename=ex.filename)
        else:
            assert_clean(ex.text, rule.code, filename=ex.filename)
