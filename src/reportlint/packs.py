"""TOML rule packs -> Rules: reading a pack, the fields every kind shares, checking its examples.

The kinds themselves (``pattern``, ``replace``) are in :mod:`reportlint.kinds`; plugins add more
through ``reportlint_add_rule_kinds``.

A pack is a TOML file with an optional ``[pack]`` table (name, description) and
``[[rules]]`` tables, each with ``kind``, ``code``, ``name``, ``summary``,
``message`` and the kind's own keys. Every rule's ``bad``/``good`` examples are
run when the pack loads, so a pack that does not do what it says never loads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from reportlint.errors import PackError
from reportlint.rules import Example, Finding, Rule, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


_COMMON_KEYS = {
    "kind", "code", "name", "summary", "message", "severity", "default", "source",
    "explanation", "fix", "bad", "good",
}


@dataclass(frozen=True)
class PackContext:
    """Where an entry comes from, for error messages and relative file paths."""

    path: Path
    pack: str
    index: int

    def where(self, entry: Mapping[str, Any]) -> str:
        label = entry.get("code") or entry.get("name") or f"#{self.index + 1}"
        return f"pack {self.pack!r} ({self.path}), rule {label}"

    def error(self, entry: Mapping[str, Any], message: str) -> PackError:
        return PackError(f"{self.where(entry)}: {message}")


class Template(dict[str, str]):
    """``str.format_map`` mapping that leaves unknown fields visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def require(entry: Mapping[str, Any], ctx: PackContext, key: str, kind: type = str) -> Any:
    if key not in entry:
        raise ctx.error(entry, f"missing key {key!r}")
    if not isinstance(entry[key], kind):
        raise ctx.error(entry, f"key {key!r} must be a {kind.__name__}")
    return entry[key]


def list_value(entry: Mapping[str, Any], ctx: PackContext, key: str, item_type: type | None = None) -> list[Any]:
    """``entry[key]`` as a list (absent: empty); a bare string is an error, not a list of its characters."""
    value = entry.get(key, [])
    if not isinstance(value, list) or (item_type is not None and not all(isinstance(v, item_type) for v in value)):
        what = f"a list of {item_type.__name__}" if item_type is not None else "a list"
        raise ctx.error(entry, f"key {key!r} must be {what}, got {type(value).__name__}")
    return value


def _examples(entry: Mapping[str, Any], ctx: PackContext) -> tuple[Example, ...]:
    out: list[Example] = []
    for key, bad in (("bad", True), ("good", False)):
        for item in list_value(entry, ctx, key):
            if isinstance(item, str):
                out.append(Example(item, bad))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                out.append(Example(item["text"], bad, item.get("fixed")))
            else:
                raise ctx.error(entry, f"{key!r} items must be strings or {{text=..., fixed=...}} tables")
    return tuple(out)


def rule_fields(entry: Mapping[str, Any], ctx: PackContext, allowed: Iterable[str]) -> dict[str, Any]:
    """The fields every kind shares, validated; unknown keys are an error."""
    unknown = set(entry) - _COMMON_KEYS - set(allowed)
    if unknown:
        raise ctx.error(entry, f"unknown key(s) {', '.join(sorted(unknown))}")
    code = require(entry, ctx, "code")
    if not regex.fullmatch(r"[A-Z]{1,3}\d{3}", code):
        raise ctx.error(entry, f"code {code!r} must be 1-3 capital letters and 3 digits, e.g. X101")
    fix = entry.get("fix")
    if fix not in (None, "safe", "unsafe"):
        raise ctx.error(entry, "key 'fix' must be 'safe' or 'unsafe'")
    try:
        severity = Severity.parse(entry.get("severity", "warning"))
    except ValueError as exc:
        raise ctx.error(entry, str(exc)) from None
    return {
        "code": code,
        "name": require(entry, ctx, "name"),
        "summary": require(entry, ctx, "summary"),
        "severity": severity,
        "default": bool(entry.get("default", True)),
        "fixable": fix,
        "explanation": str(entry.get("explanation", "")),
        "source": str(entry.get("source", "")),
        "examples": _examples(entry, ctx),
        "origin": ctx.where(entry),
    }


def compile_pattern(entry: Mapping[str, Any], ctx: PackContext, pattern: str, what: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.VERSION1)
    except regex.error as exc:
        raise ctx.error(entry, f"{what} {pattern!r} does not compile: {exc}") from None


def check_message(entry: Mapping[str, Any], ctx: PackContext, message: str, fields: Iterable[str]) -> None:
    """A message template that cannot be formatted is a load error, not a crash on every document."""
    try:
        message.format_map(Template({k: "" for k in fields}))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        raise ctx.error(entry, f"message {message!r} is not a valid template: {exc}") from None


def load_pack(
    path: Path, kinds: Mapping[str, Callable[[Mapping[str, Any], PackContext], Rule]], *, verify: bool = True
) -> list[Rule]:
    """Read a pack, build its rules and run their examples; PackError on anything wrong.

    ``verify=False`` skips the examples: for the packs shipped with reportlint, whose examples
    the project's test suite runs (tests/test_rule_examples.py), so start-up does not repeat it.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(f"pack {path}: cannot read: {exc.strerror or exc}") from None
    body = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM (Windows Notepad) is accepted
    try:  # another encoding is a clear error, not a traceback
        data = tomllib.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        offset = exc.start + len(raw) - len(body)
        raise PackError(f"pack {path}: not UTF-8 (byte 0x{raw[offset]:02x} at offset {offset}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"pack {path}: invalid TOML: {exc}") from None
    meta = data.get("pack", {})
    pack_name = str(meta.get("name", path.stem)) if isinstance(meta, dict) else path.stem
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise PackError(f"pack {pack_name!r} ({path}): 'rules' must be an array of tables ([[rules]])")
    rules: list[Rule] = []
    for i, entry in enumerate(entries):
        ctx = PackContext(path, pack_name, i)
        if not isinstance(entry, dict):
            raise PackError(f"pack {pack_name!r} ({path}): rule #{i + 1} must be a table")
        kind = entry.get("kind")
        factory = kinds.get(kind) if isinstance(kind, str) else None
        if factory is None:
            raise ctx.error(entry, f"unknown kind {kind!r} (known: {', '.join(sorted(kinds))})")
        rule = factory(entry, ctx)
        if verify:
            verify_examples(rule)
        rules.append(rule)
    return rules


def verify_examples(rule: Rule) -> None:
    """Run a rule on its own examples; PackError naming the rule if one does not hold."""
    from reportlint.document import Document

    for ex in rule.examples:
        doc = Document(ex.text, path="<example>")
        try:
            found = [f for f in rule.check(doc) if f.code == rule.code]
        except PackError:
            raise
        except Exception as exc:
            raise PackError(f"{rule.origin}: crashed on its example {ex.text!r}: {type(exc).__name__}: {exc}") from exc
        if ex.bad and not found:
            raise PackError(f"{rule.origin}: does not flag its bad example {ex.text!r}")
        if not ex.bad and found:
            raise PackError(f"{rule.origin}: flags its good example {ex.text!r} at {found[0].start}")
        if ex.bad and ex.fixed is not None:
            from reportlint.fixes import fix_until_stable

            def again(text: str) -> list[Finding]:
                return [f for f in rule.check(Document(text, path="<example>")) if f.code == rule.code]

            fixed, _ = fix_until_stable(ex.text, again, unsafe=True)
            if fixed != ex.fixed:
                raise PackError(f"{rule.origin}: fixing {ex.text!r} gives {fixed!r}, expected {ex.fixed!r}")
