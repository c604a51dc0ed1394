"""TOML rule packs -> Rules, through declarative kinds (``pattern``, ``replace`` and plugin kinds).

A pack is a TOML file with an optional ``[pack]`` table (name, description) and
``[[rules]]`` tables, each with ``kind``, ``code``, ``name``, ``summary``,
``message`` and the kind's own keys. Every rule's ``bad``/``good`` examples are
run when the pack loads, so a pack that does not do what it says never loads.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from reportlint.errors import PackError
from reportlint.lazyre import lazy
from reportlint.rules import Applicability, Example, Finding, Fix, Rule, Severity

if TYPE_CHECKING:
    from reportlint.document import Document

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: A pattern that runs longer than this on one document is reported, not waited for.
PATTERN_TIMEOUT = 5.0
#: How far around a hit ``unless`` contexts are looked for, in characters.
CONTEXT_WINDOW = 24

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


class _Template(dict[str, str]):
    """``str.format_map`` mapping that leaves unknown fields visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _require(entry: Mapping[str, Any], ctx: PackContext, key: str, kind: type = str) -> Any:
    if key not in entry:
        raise ctx.error(entry, f"missing key {key!r}")
    if not isinstance(entry[key], kind):
        raise ctx.error(entry, f"key {key!r} must be a {kind.__name__}")
    return entry[key]


def _list(entry: Mapping[str, Any], ctx: PackContext, key: str, item_type: type | None = None) -> list[Any]:
    """``entry[key]`` as a list (absent: empty); a bare string is an error, not a list of its characters."""
    value = entry.get(key, [])
    if not isinstance(value, list) or (item_type is not None and not all(isinstance(v, item_type) for v in value)):
        what = f"a list of {item_type.__name__}" if item_type is not None else "a list"
        raise ctx.error(entry, f"key {key!r} must be {what}, got {type(value).__name__}")
    return value


def _examples(entry: Mapping[str, Any], ctx: PackContext) -> tuple[Example, ...]:
    out: list[Example] = []
    for key, bad in (("bad", True), ("good", False)):
        for item in _list(entry, ctx, key):
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
    code = _require(entry, ctx, "code")
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
        "name": _require(entry, ctx, "name"),
        "summary": _require(entry, ctx, "summary"),
        "severity": severity,
        "default": bool(entry.get("default", True)),
        "fixable": fix,
        "explanation": str(entry.get("explanation", "")),
        "source": str(entry.get("source", "")),
        "examples": _examples(entry, ctx),
        "origin": ctx.where(entry),
    }


def _compile(entry: Mapping[str, Any], ctx: PackContext, pattern: str, what: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.VERSION1)
    except regex.error as exc:
        raise ctx.error(entry, f"{what} {pattern!r} does not compile: {exc}") from None


# A backslash escape in a replacement template: \g<name>, \N (a group), any other escaped character, or a lone trailing \.
_TEMPLATE_ESCAPE = lazy(regex.compile, r"\\(?:g<([^>]*)>|([1-9][0-9]?)|(.)|$)", regex.DOTALL)


def _check_message(entry: Mapping[str, Any], ctx: PackContext, message: str, fields: Iterable[str]) -> None:
    """A message template that cannot be formatted is a load error, not a crash on every document."""
    try:
        message.format_map(_Template({k: "" for k in fields}))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        raise ctx.error(entry, f"message {message!r} is not a valid template: {exc}") from None


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
    """``pattern``: a `regex` pattern; ``unless`` patterns excuse a hit they cover; ``replacement`` fixes it."""
    fields = rule_fields(entry, ctx, ("pattern", "unless", "replacement"))
    pattern = _compile(entry, ctx, _require(entry, ctx, "pattern"), "pattern")
    unless = [_compile(entry, ctx, u, "unless pattern") for u in _list(entry, ctx, "unless", str)]
    message = _require(entry, ctx, "message")
    replacement = entry.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise ctx.error(entry, "key 'replacement' must be a string")
    if replacement is not None and fields["fixable"] is None:
        fields["fixable"] = "unsafe"
    if replacement is not None:
        _check_replacement(entry, ctx, replacement, pattern)
    _check_message(entry, ctx, message, ("match", "replacement", *pattern.groupindex))
    where = ctx.where(entry)

    def check(rule: Rule, doc: Document) -> Iterator[Finding]:
        text = doc.text
        try:
            for m in pattern.finditer(text, timeout=PATTERN_TIMEOUT):
                s, e = m.span()
                if s == e or (unless and _excused(text, s, e, unless)):
                    continue
                fix = None
                values = _Template(match=m.group(), **{k: v or "" for k, v in m.groupdict().items()})
                if replacement is not None:
                    new = m.expand(replacement)
                    values["replacement"] = new
                    fix = Fix(new, Applicability(rule.fixable or "unsafe"))
                yield rule.finding(s, e, message.format_map(values), fix)
        except TimeoutError:
            raise PackError(f"{where}: pattern ran longer than {PATTERN_TIMEOUT:g} s on {doc.path}; simplify it") from None

    return Rule(check_fn=check, **fields)


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
    for item in _list(entry, ctx, "entries"):
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
    message = _require(entry, ctx, "message")
    _check_message(entry, ctx, message, ("wrong", "right", "match", "note"))
    matcher = LiteralMatcher(by_wrong)

    def check(rule: Rule, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for start, end, p in matcher.finditer(text):
            if p.unless and any(_context_at(text, start, p.wrong, c) for c in p.unless):
                continue
            msg = message.format_map(_Template(wrong=p.wrong, right=p.right, match=p.wrong, note=p.note))
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


def _rust_backend() -> Any:
    """The `ahocorasick_rs` module if installed (a Rust automaton, ~2x faster on CJK text), else None."""
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    return ahocorasick_rs


class LiteralMatcher:
    """Every occurrence of many literal strings in one pass (Aho-Corasick).

    Literal word lists never go through a regex alternation: one automaton scans
    the text once whatever the number of words (see bench/). The automaton is
    `ahocorasick_rs` when it is installed, else pyahocorasick; both give the same
    occurrences in the same order (by end offset, the longer first at one end),
    which tests/test_packs.py checks on random texts.
    """

    def __init__(self, words: Mapping[str, Any], *, backend: str | None = None) -> None:
        self._words = {w: v for w, v in words.items() if w}  # an empty word never matches (as in pyahocorasick)
        self._backend = backend  # "rs", "py" or None (the fastest installed)
        self._automaton: Any = None  # ahocorasick_rs over low bytes (False: no word for it), else pyahocorasick
        self._groups: list[tuple[tuple[str, Any], ...]] = []  # per low-byte pattern: its (word, value)s
        self._str: Any = None  # ahocorasick_rs over str, for texts beyond the BMP or over RS_CHUNK
        self._py: Any = None  # pyahocorasick, for a text ahocorasick_rs cannot take
        self._values: list[Any] = []
        self._overlap = 0  # chunks of a long text overlap by the longest word less one character

    def _options(self) -> dict[str, Any]:
        rs = _rust_backend()
        # A DFA scans a report 1.4-2x faster than the NFA ahocorasick_rs picks for a few hundred
        # words (the typo dictionary, measured in the full rule sequence), but its table grows by
        # tens of KB a word: only for lists up to DFA_MAX_CHARS.
        small = sum(map(len, self._words)) <= DFA_MAX_CHARS
        return {"matchkind": rs.MatchKind.Standard, "implementation": rs.Implementation.DFA if small else None}

    def _build(self) -> Any:
        rs = _rust_backend() if self._backend in (None, "rs") else None
        if rs is None or not self._words:
            return self._build_py()
        self._values = list(self._words.values())
        self._overlap = max(map(len, self._words)) - 1
        # The automaton scans one byte a character: the low byte of its UTF-16 unit (text in the
        # BMP). That is a third of UTF-8's bytes for CJK text and half of UTF-16's, and the scan
        # time goes with the bytes; a candidate is then checked against the words with those low
        # bytes. Words beyond the BMP or with a lone surrogate never occur in such a text.
        groups: dict[bytes, list[tuple[str, Any]]] = {}
        for word, value in self._words.items():
            if _SURROGATE.search(word) is None and len(word.encode("utf-16-le")) == 2 * len(word):
                groups.setdefault(word.encode("utf-16-le")[::2], []).append((word, value))
        self._groups = [tuple(g) for g in groups.values()]
        return rs.BytesAhoCorasick(list(groups), **self._options()) if groups else False

    def _build_py(self) -> Any:
        import ahocorasick

        a = ahocorasick.Automaton()
        for word, value in self._words.items():
            a.add_word(word, (len(word), value))
        a.make_automaton()
        return a

    def _str_automaton(self) -> Any:
        if self._str is None:
            self._str = _rust_backend().AhoCorasick(list(self._words), **self._options())
        return self._str

    def hits(self, text: str) -> list[tuple[int, int, Any]]:
        """``list(self.finditer(text))``, built in one go for a short text (less Python per hit)."""
        if self._automaton is None:
            self._automaton = self._build()
        if self._values and len(text) <= RS_CHUNK:
            hits = self._rs_short(text)
            if hits is not None:
                return hits
        return list(self.finditer(text))

    def finditer(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) for every occurrence, overlapping ones included, by end offset."""
        if self._automaton is None:
            self._automaton = self._build()
        if not self._words:
            return
        if self._values:
            values = self._values
            n = len(text)
            hits = self._rs_short(text) if n <= RS_CHUNK else None
            if hits is not None:
                yield from hits
                return
            if n > RS_CHUNK and _SURROGATE.search(text) is None:  # ahocorasick_rs takes only encodable text
                for i, start, end in self._rs_hits(text):
                    yield start, end, values[i]
                return
            # a lone surrogate (a str built in code, never decoded text): pyahocorasick
            if self._py is None:
                self._py = self._build_py()
            automaton = self._py
        else:
            automaton = self._automaton
        for end_index, (length, value) in automaton.iter(text):
            yield end_index + 1 - length, end_index + 1, value

    def _rs_short(self, text: str) -> list[tuple[int, int, Any]] | None:
        """ahocorasick_rs hits (start, end, value) in pyahocorasick's order; None for a lone surrogate.

        A short text's fixed cost is what matters: one encode, one call, no surrogate scan.
        """
        try:
            low = low_bytes(text)
        except UnicodeEncodeError:
            return None  # a lone surrogate (a str built in code, never decoded text)
        if low is None:
            values = self._values
            hits = [(s, e, values[i]) for i, s, e in self._str_automaton().find_matches_as_indexes(text, overlapping=True)]
        elif self._automaton is False:
            return []
        else:
            groups, startswith = self._groups, text.startswith
            hits = [(s, e, value) for i, s, e in self._automaton.find_matches_as_indexes(low, overlapping=True)
                    for word, value in groups[i] if startswith(word, s)]
        if len(hits) > 1:
            hits.sort(key=_BY_END)
        return hits

    def _rs_hits(self, text: str) -> Iterator[tuple[int, int, int]]:
        """ahocorasick_rs hits (word index, start, end), in pyahocorasick's order, a chunk at a time.

        One call returns every match and copies the text to UTF-8 with an index map: on a
        50 MB text that is hundreds of MB. Chunks of RS_CHUNK characters (overlapping by the
        longest word) bound it; a match running past a chunk's end waits for the next chunk,
        so the order stays by end offset, the longer first at one end.
        """
        automaton, n = self._str_automaton(), len(text)
        overlap = self._overlap
        pending: list[tuple[int, int, int]] = []
        pos = 0
        while pos < n:
            end = min(n, pos + RS_CHUNK)
            seg = text if (pos == 0 and end == n) else text[pos : end + overlap]
            batch = pending + [(i, s + pos, e + pos) for i, s, e in automaton.find_matches_as_indexes(seg, overlapping=True)
                               if s + pos < end]
            batch.sort(key=_END_START)
            pending = [h for h in batch if h[2] > end] if end < n else []
            yield from (h for h in batch if h[2] <= end) if end < n else batch
            pos = end


def low_bytes(text: str) -> bytes | None:
    """The low byte of each character's UTF-16 unit, one byte a character; None if some lie beyond the BMP.

    Equal characters have equal low bytes, so scans for equal or listed characters can run on
    these bytes at C speed and check their few candidates. Several scans of one document share
    the encoding (the last few texts are kept: a rule may scan a part of the document in between).
    UnicodeEncodeError for a lone surrogate.
    """
    global _LOW_CACHE
    for cached, low in _LOW_CACHE:
        if cached is text:
            return low
    if len(text) <= _LOW_CHUNK:
        raw = text.encode("utf-16-le")  # a copy of a UCS-2 string: no byte swap
        low = raw[::2] if len(raw) == 2 * len(text) else None
    else:  # a huge text by slices: no whole UTF-16 copy (twice the text's size) at once
        parts: list[bytes] = []
        for i in range(0, len(text), _LOW_CHUNK):
            piece = text[i : i + _LOW_CHUNK]
            raw = piece.encode("utf-16-le")
            if len(raw) != 2 * len(piece):
                parts = []
                break
            parts.append(raw[::2])
        low = b"".join(parts) if parts else None
    _LOW_CACHE = ((text, low), *_LOW_CACHE[:3])
    return low


_LOW_CHUNK = 1 << 20  # characters per slice when low_bytes encodes a huge text
_END_START = itemgetter(2, 1)
_BY_END = itemgetter(1, 0)  # (start, end, value) hits: by end, then start
#: The last texts low_bytes encoded, and their low bytes (None beyond the BMP), newest first;
#: replaced as a whole (thread-safe).
_LOW_CACHE: tuple[tuple[str, bytes | None], ...] = ()
#: Word lists up to this many characters in all get a DFA (see LiteralMatcher._build).
DFA_MAX_CHARS = 5000
#: Characters per ahocorasick_rs call (see LiteralMatcher._rs_hits).
RS_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")


#: The kinds the core knows; plugins add more through ``reportlint_add_rule_kinds``.
CORE_KINDS: dict[str, Callable[[Mapping[str, Any], PackContext], Rule]] = {
    "pattern": pattern_kind,
    "replace": replace_kind,
}


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
            from reportlint.fixes import apply_fixes

            fixed, _ = apply_fixes(ex.text, found, unsafe=True)
            if fixed != ex.fixed:
                raise PackError(f"{rule.origin}: fixing {ex.text!r} gives {fixed!r}, expected {ex.fixed!r}")
