"""The declarative kinds the core knows: ``pattern`` (a `regex` pattern) and ``replace`` (wrong -> right pairs)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from reportlint.anchors import Anchored, AnchorError
from reportlint.errors import PackError
from reportlint.lazyre import lazy
from reportlint.matcher import LiteralMatcher, document_low_bytes
from reportlint.packs import (
    PackContext,
    Template,
    check_message,
    compile_pattern,
    list_value,
    require,
    rule_fields,
)
from reportlint.rules import Applicability, Finding, Fix, Rule

if TYPE_CHECKING:
    from reportlint.context import Context
    from reportlint.document import Document

#: A pattern that runs longer than this on one document is reported, not waited for.
PATTERN_TIMEOUT = 5.0
#: How far around a hit ``unless`` contexts are looked for, in characters.
CONTEXT_WINDOW = 24

# A backslash escape in a replacement template: \g<name>, \N (a group), any other escaped character, or a lone trailing \.
_TEMPLATE_ESCAPE = lazy(regex.compile, r"\\(?:g<([^>]*)>|([1-9][0-9]?)|(.)|$)", regex.DOTALL)


def _check_replacement(entry: Mapping[str, Any], ctx: PackContext, replacement: str, pattern: regex.Pattern[str]) -> None:
    """Group references in a replacement must exist in the pattern (`regex` checks them only on a match)."""
    for m in _TEMPLATE_ESCAPE.finditer(replacement):
        name, number, other = m.groups()
        if name is None and number is None and other is None:
            raise ctx.error(entry, f"replacement {replacement!r} ends with a lone backslash")
        ref = name if name is not None else number
        if ref is None:
            continue
        if not (int(ref) <= pattern.groups if ref.isdigit() else ref in pattern.groupindex):
            raise ctx.error(entry, f"replacement {replacement!r} refers to group {ref!r}, which the pattern does not have")


def _excused(text: str, start: int, end: int, contexts: list[regex.Pattern[str]]) -> bool:
    """True if one ``unless`` context matches a span covering ``[start, end)``."""
    lo = max(0, start - CONTEXT_WINDOW)
    hi = min(len(text), end + CONTEXT_WINDOW)
    for ctx in contexts:
        for m in ctx.finditer(text, lo, hi, overlapped=True, timeout=PATTERN_TIMEOUT):
            if m.start() <= start and m.end() >= end:
                return True
    return False


def pattern_kind(entry: Mapping[str, Any], ctx: PackContext) -> Rule:
    """``pattern``: a `regex` pattern; ``unless`` patterns excuse a hit they cover; ``replacement`` fixes it.

    ``anchors``: literals one of which every match contains; the pattern then runs only around
    them (reportlint.anchors), which the pack loader proves from the pattern or refuses to load.
    """
    fields = rule_fields(entry, ctx, ("pattern", "unless", "replacement", "anchors"))
    pattern = compile_pattern(entry, ctx, require(entry, ctx, "pattern"), "pattern")
    anchored: Anchored | None = None
    if "anchors" in entry:
        anchors = list_value(entry, ctx, "anchors", str)
        try:
            anchored = Anchored(pattern, anchors)
        except AnchorError as exc:
            raise ctx.error(entry, f"anchors {anchors}: {exc}") from None
    unless = [compile_pattern(entry, ctx, u, "unless pattern") for u in list_value(entry, ctx, "unless", str)]
    message = require(entry, ctx, "message")
    replacement = entry.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise ctx.error(entry, "key 'replacement' must be a string")
    if replacement is not None and fields["fixable"] is None:
        fields["fixable"] = "unsafe"
    if replacement is not None:
        _check_replacement(entry, ctx, replacement, pattern)
    check_message(entry, ctx, message, ("match", "replacement", *pattern.groupindex))
    where = ctx.where(entry)

    def check(rule: Rule, doc: Document) -> Iterator[Finding]:
        text = doc.text
        try:
            for m in _matches(pattern, anchored, text):
                s, e = m.span()
                if s == e or (unless and _excused(text, s, e, unless)):
                    continue
                fix = None
                values = Template(match=m.group(), **{k: v or "" for k, v in m.groupdict().items()})
                if replacement is not None:
                    new = m.expand(replacement)
                    values["replacement"] = new
                    fix = Fix(new, Applicability(rule.fixable or "unsafe"))
                yield rule.finding(s, e, message.format_map(values), fix)
        except TimeoutError:
            raise PackError(f"{where}: pattern ran longer than {PATTERN_TIMEOUT:g} s on {doc.path}; simplify it") from None

    return Rule(check_fn=check, **fields)


def _matches(pattern: regex.Pattern[str], anchored: Anchored | None, text: str) -> Iterator[Any]:
    """``pattern.finditer(text)`` (in the windows round its anchors, if it has some); TimeoutError
    past PATTERN_TIMEOUT in all."""
    if anchored is None:
        yield from pattern.finditer(text, timeout=PATTERN_TIMEOUT)
        return
    deadline = time.monotonic() + PATTERN_TIMEOUT
    for start, end in anchored.windows(text):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        yield from pattern.finditer(text, start, end, timeout=left)


@dataclass(frozen=True, slots=True)
class ReplaceEntry:
    wrong: str
    right: str
    unless: tuple[str, ...] = ()
    note: str = ""


def _read_tsv(path: Path, entry: Mapping[str, Any], ctx: PackContext) -> list[ReplaceEntry]:
    """Rows ``wrong<TAB>right[<TAB>unless1|unless2[<TAB>note]]``; ``#`` starts a comment line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ctx.error(entry, f"cannot read {path}: {exc}") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise ctx.error(entry, f"{path.name}:{n}: expected wrong<TAB>right[<TAB>unless|...[<TAB>note]]")
        unless = tuple(c for c in cols[2].split("|") if c) if len(cols) > 2 else ()
        out.append(ReplaceEntry(cols[0], cols[1], unless, cols[3] if len(cols) > 3 else ""))
    return out


def replace_kind(entry: Mapping[str, Any], ctx: PackContext) -> Rule:
    """``replace``: wrong -> right pairs (inline ``entries`` and/or a ``file`` .tsv), one automaton.

    Each pair may list ``unless`` contexts: strings containing the wrong word in
    which it is in fact right (上时间 in 线上时间); a hit inside one is not reported.
    """
    fields = rule_fields(entry, ctx, ("entries", "file"))
    if fields["fixable"] is None:
        fields["fixable"] = "unsafe"
    pairs: list[ReplaceEntry] = []
    for item in list_value(entry, ctx, "entries"):
        if not isinstance(item, dict) or not isinstance(item.get("wrong"), str) or not isinstance(item.get("right"), str):
            raise ctx.error(entry, "each of 'entries' needs string keys 'wrong' and 'right'")
        pairs.append(ReplaceEntry(item["wrong"], item["right"], tuple(item.get("unless", ())), str(item.get("note", ""))))
    if "file" in entry:
        pairs.extend(_read_tsv(ctx.path.parent / str(entry["file"]), entry, ctx))
    if not pairs:
        raise ctx.error(entry, "a replace rule needs 'entries' or 'file'")
    by_wrong: dict[str, ReplaceEntry] = {}
    for p in pairs:
        if p.wrong == p.right:
            raise ctx.error(entry, f"entry {p.wrong!r} replaces a word by itself")
        for c in p.unless:
            if p.wrong not in c:
                raise ctx.error(entry, f"entry {p.wrong!r}: unless context {c!r} does not contain it")
        if p.wrong in by_wrong:
            raise ctx.error(entry, f"entry {p.wrong!r} is listed twice")
        by_wrong[p.wrong] = p
    message = require(entry, ctx, "message")
    check_message(entry, ctx, message, ("wrong", "right", "match", "note"))
    matcher = LiteralMatcher(by_wrong)

    def check(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for start, end, p in matcher.hits(text, document_low_bytes(ctx)):
            if p.unless and any(_context_at(text, start, p.wrong, c) for c in p.unless):
                continue
            msg = message.format_map(Template(wrong=p.wrong, right=p.right, match=p.wrong, note=p.note))
            yield rule.finding(start, end, msg, p.right)

    return Rule(check_fn=check, **fields)


def _context_at(text: str, start: int, wrong: str, context: str) -> bool:
    """True if ``context`` occurs in ``text`` with its copy of ``wrong`` at ``start``."""
    i = context.find(wrong)
    while i != -1:
        s = start - i
        if s >= 0 and text.startswith(context, s):
            return True
        i = context.find(wrong, i + 1)
    return False


#: The kinds the core knows; plugins add more through ``reportlint_add_rule_kinds``.
CORE_KINDS: dict[str, Callable[[Mapping[str, Any], PackContext], Rule]] = {
    "pattern": pattern_kind,
    "replace": replace_kind,
}


