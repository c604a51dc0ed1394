"""Anchored patterns: a pattern run only around the literals every match needs, proven, not assumed.

A ``re``/``regex`` pass costs 1.5-3 ms per MB even when it finds nothing, and more for a pattern
that starts with a class and a lazy repeat (S401's 机关代字 is tried at every Han character).
``str.find`` for a literal costs ~0.02 ms per MB. When every match of a pattern contains one of a
few literals (S401's 号, T103's 左右), :class:`Anchored` finds those *anchors* with ``str.find``
and runs the pattern only in windows around them, returning exactly the matches of
``pattern.finditer(text)``.

Exactness does not rest on the author's word: :func:`shape` reads the pattern with the stdlib
parser and proves, from its structure,

- that every match consumes (or looks ahead at) one of the anchors: a literal run holding an
  anchor, a class made only of one-character anchors, a branch whose every alternative has
  one, a group or a repeat of at least one that has one;
- how far right of its start a match attempt can look (``reach``: consumed width, lookaheads,
  one more character for ``$``/``\\b``), when that is bounded;
- which break characters (newline, 。，；…) no part of the pattern can consume.

A window is then ``[p + len(anchor) - reach, p + reach)`` around each anchor at ``p``, cut at the
nearest break character each side that the pattern cannot consume (one more character past
the right one, for ``$``). Every position the full scan could match at lies in a window, and
every position a window tries sees, within the window, every character the full scan's attempt
there would look at; lookbehinds and ``\\b`` see before a window's start (``re`` and ``regex``
look behind ``pos``). A pattern that cannot be proven raises :class:`AnchorError` — it is never
run with windows on faith. The proof needs no case folding (no ``IGNORECASE``) and, for a
`regex` pattern, only syntax the stdlib parser reads the same way (``\\p{Han}`` is read as
:data:`reportlint.chars.HAN`; nested sets, POSIX classes, fuzzy matching and other
`regex`-only syntax are refused).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

try:  # Python 3.11+
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

from reportlint.chars import HAN
from reportlint.windows import merge

#: Characters a window may be cut at, when the pattern cannot consume them: line breaks and
#: the Chinese sentence and clause marks. A match lies between two of them.
BREAKS = "\n\r。，；！？：、"
#: Windows at most this many characters apart are scanned as one: a pattern call costs more.
GAP = 48


class AnchorError(ValueError):
    """The anchors of a pattern could not be proven: the pattern must run over the whole text."""


@dataclass(frozen=True)
class Shape:
    """What :func:`shape` proved about a pattern and its anchors."""

    #: How far right of a match's start an attempt there can look (None: unbounded).
    reach: int | None
    #: The characters of :data:`BREAKS` no match can consume.
    breaks: str


_MAXREPEAT = _C.MAXREPEAT
_UNSUPPORTED_FLAGS = re.IGNORECASE | re.LOCALE


def shape(pattern: Any, anchors: Sequence[str]) -> Shape:
    """Prove that every match of ``pattern`` (a compiled ``re`` or `regex` pattern) contains one
    of ``anchors``; return how far matches reach and which break characters they cannot cross.

    Raises :class:`AnchorError` with the reason when that cannot be proven, or when the matches
    are unbounded and may consume every break character (no window could be cut).
    """
    if not anchors or not all(isinstance(a, str) and a for a in anchors):
        raise AnchorError("anchors must be non-empty strings")
    source = pattern.pattern
    if not isinstance(source, str):
        raise AnchorError("anchors work on str patterns only")
    if type(pattern) is re.Pattern:
        flags = pattern.flags
    else:
        source, flags = _from_regex(pattern)
    if flags & _UNSUPPORTED_FLAGS:
        raise AnchorError("anchors are found case-sensitively: the pattern may not ignore case")
    try:
        tree = _P.parse(source, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise AnchorError(f"the pattern cannot be analysed: {exc}") from None
    a = _Analysis(tree.state.flags, tuple(anchors))
    lo, _hi, reach = a.seq(tree, a.flags)
    if lo == 0:
        raise AnchorError("the pattern can match an empty string, which holds no anchor")
    if not a.covers(tree, a.flags):
        raise AnchorError(f"a match of the pattern need not contain one of {list(anchors)}")
    breaks = "".join(ch for ch in BREAKS if not a.consumes(tree, a.flags, ch))
    if reach is None and not breaks:
        raise AnchorError("the pattern's matches are unbounded and may run across any line or sentence break")
    return Shape(reach, breaks)


# --- the `regex` module's syntax, checked and read as stdlib syntax --------------------------------

# `regex` flags the stdlib parser knows (same meaning), and those that change what a pattern matches.
_REGEX_SAME = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII", "UNICODE", "LOCALE")
_REGEX_REFUSED = ("WORD", "REVERSE", "BESTMATCH", "ENHANCEMATCH", "POSIX")  # FULLCASE acts with IGNORECASE only
_HAN_NAMES = ("Han", "Script=Han", "sc=Han", "Hani", "Script=Hani", "sc=Hani")
_QUANTIFIER = re.compile(r"\{[0-9]*(?:,[0-9]*)?\}")


def _from_regex(pattern: Any) -> tuple[str, int]:
    """A `regex` pattern's source in stdlib syntax and its flags as ``re`` flags; AnchorError when
    it uses syntax the two read differently."""
    import regex

    flags = 0
    for name in _REGEX_REFUSED:
        if pattern.flags & getattr(regex, name):
            raise AnchorError(f"the regex flag {name} cannot be analysed")
    for name in _REGEX_SAME:
        if pattern.flags & getattr(regex, name):
            flags |= getattr(re, name)
    if flags & re.VERBOSE:
        raise AnchorError("a verbose regex pattern cannot be analysed")
    return _stdlib_source(pattern.pattern), flags & ~re.UNICODE


def _stdlib_source(src: str) -> str:
    """``src`` with ``\\p{Han}`` spelled as a stdlib class; AnchorError on syntax only `regex` has
    or reads differently (nested sets and set operations, POSIX classes, fuzzy or other braces)."""
    out: list[str] = []
    i, n, in_class = 0, len(src), False
    while i < n:
        c = src[i]
        if c == "\\":
            nxt = src[i + 1 : i + 2]
            if nxt in ("p", "P"):
                m = re.match(r"\\[pP]\{([^}]*)\}", src[i:])
                if nxt == "p" and m and m.group(1) in _HAN_NAMES:
                    out.append(HAN if in_class else f"[{HAN}]")
                    i += m.end()
                    continue
                raise AnchorError(f"{src[i:i + 12]!r}: only \\p{{Han}} is understood")
            out.append(src[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "[" or src[i : i + 2] in ("--", "&&", "||", "~~"):
                raise AnchorError("nested sets and set operations cannot be analysed")
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            j = i + 1 + (src[i + 1 : i + 2] == "^")
            if src[j : j + 1] == "]":
                raise AnchorError("a class that starts with ']' cannot be analysed")
            out.append(src[i:j])
            i = j
            continue
        elif c == "{" and not _QUANTIFIER.match(src, i):
            raise AnchorError(f"{src[i:i + 12]!r}: fuzzy matching and other braces cannot be analysed")
        out.append(c)
        i += 1
    return "".join(out)


# --- the proof, over the stdlib parse tree ---------------------------------------------------------


class _Analysis:
    def __init__(self, flags: int, anchors: tuple[str, ...]) -> None:
        self.flags = flags
        self.anchors = anchors
        self.singles = frozenset(a for a in anchors if len(a) == 1)
        self.group_max: dict[int, int | None] = {}

    # Widths: (min consumed, max consumed or None, reach or None).
    def seq(self, items: Iterable[Any], flags: int) -> tuple[int, int | None, int | None]:
        lo = 0
        hi: int | None = 0
        reach: int | None = 0
        for op, av in items:
            ilo, ihi, ireach = self.item(op, av, flags)
            if reach is not None:
                reach = None if hi is None or ireach is None else max(reach, hi + ireach)
            lo += ilo
            hi = None if hi is None or ihi is None else hi + ihi
        return lo, hi, reach

    def item(self, op: Any, av: Any, flags: int) -> tuple[int, int | None, int | None]:
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN):
            return 1, 1, 1
        if op is _C.AT:
            return 0, 0, 2  # `$` looks at the next character and whether one follows it
        if op is _C.SUBPATTERN:
            group, add, remove, body = av
            if add & _UNSUPPORTED_FLAGS:
                raise AnchorError("anchors are found case-sensitively: the pattern may not ignore case")
            out = self.seq(body, (flags | add) & ~remove)
            if group is not None:
                self.group_max[group] = out[1]
            return out
        if op is _C.BRANCH:
            parts = [self.seq(alt, flags) for alt in av[1]]
            return (min(p[0] for p in parts), _max_or_none(p[1] for p in parts), _max_or_none(p[2] for p in parts))
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            rmin, rmax, body = av
            blo, bhi, breach = self.seq(body, flags)
            if rmax == 0:
                return 0, 0, 0
            unbounded = rmax is _MAXREPEAT or rmax == _MAXREPEAT
            hi = 0 if bhi == 0 else (None if unbounded or bhi is None else rmax * bhi)
            if breach is None or (unbounded and bhi != 0) or bhi is None:
                reach = None
            else:
                reach = (rmax - 1) * bhi + breach if not unbounded else breach
            return rmin * blo, hi, reach
        if op is getattr(_C, "ATOMIC_GROUP", None):
            return self.seq(av, flags)
        if op in (_C.ASSERT, _C.ASSERT_NOT):
            # A lookahead looks right of here; a lookbehind's body may hold one: counted as if it started here.
            return 0, 0, self.seq(av[1], flags)[2]
        if op is _C.GROUPREF:
            hi = self.group_max.get(av)
            return 0, hi, hi
        if op is _C.GROUPREF_EXISTS:
            _group, yes, no = av
            parts = [self.seq(yes, flags), self.seq(no, flags) if no is not None else (0, 0, 0)]
            return (min(p[0] for p in parts), _max_or_none(p[1] for p in parts), _max_or_none(p[2] for p in parts))
        raise AnchorError(f"the pattern uses {op}, which cannot be analysed")

    # Coverage: every match consumes or looks ahead at one of the anchors.
    def covers(self, items: Sequence[Any], flags: int) -> bool:
        run: list[str] = []
        for op, av in [*items, (None, None)]:
            if op is _C.LITERAL:
                run.append(chr(av))
                continue
            if run:
                literal = "".join(run)
                if any(a in literal for a in self.anchors):
                    return True
                run = []
            if op is not None and self.item_covers(op, av, flags):
                return True
        return False

    def item_covers(self, op: Any, av: Any, flags: int) -> bool:
        if op is _C.SUBPATTERN:
            return self.covers(av[3], flags)
        if op is getattr(_C, "ATOMIC_GROUP", None):
            return self.covers(av, flags)
        if op is _C.BRANCH:
            return all(self.covers(alt, flags) for alt in av[1])
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            return av[0] >= 1 and self.covers(av[2], flags)
        if op is _C.ASSERT:
            return av[0] == 1 and self.covers(av[1], flags)  # a lookahead's text lies within reach
        if op is _C.GROUPREF_EXISTS:
            return av[2] is not None and self.covers(av[1], flags) and self.covers(av[2], flags)
        if op is _C.IN:
            chars = _class_chars(av)
            return chars is not None and bool(chars) and chars <= self.singles
        return False

    # Whether some part of the pattern (lookarounds included) can consume ``ch``.
    def consumes(self, items: Iterable[Any], flags: int, ch: str) -> bool:
        for op, av in items:
            if op is _C.LITERAL:
                hit = chr(av) == ch
            elif op is _C.NOT_LITERAL:
                hit = chr(av) != ch
            elif op is _C.ANY:
                hit = ch != "\n" or bool(flags & re.DOTALL)
            elif op is _C.IN:
                hit = _in_class(av, ch)
            elif op is _C.SUBPATTERN:
                hit = self.consumes(av[3], (flags | av[1]) & ~av[2], ch)
            elif op is _C.BRANCH:
                hit = any(self.consumes(alt, flags, ch) for alt in av[1])
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
                hit = av[1] != 0 and self.consumes(av[2], flags, ch)
            elif op is getattr(_C, "ATOMIC_GROUP", None):
                hit = self.consumes(av, flags, ch)
            elif op in (_C.ASSERT, _C.ASSERT_NOT):
                hit = self.consumes(av[1], flags, ch)
            elif op is _C.GROUPREF_EXISTS:
                hit = self.consumes(av[1], flags, ch) or (av[2] is not None and self.consumes(av[2], flags, ch))
            else:  # AT consumes nothing; a backreference only what its group did
                hit = False
            if hit:
                return True
        return False


def _max_or_none(values: Iterable[int | None]) -> int | None:
    out = 0
    for v in values:
        if v is None:
            return None
        out = max(out, v)
    return out


def _class_chars(items: Sequence[Any], limit: int = 4096) -> frozenset[str] | None:
    """The characters of a class made of literals and small ranges; None for anything else."""
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            out.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < limit:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(out)


# The break characters are ASCII controls or CJK punctuation, on which the stdlib and `regex` agree
# for every category (tests/test_anchors.py checks it); both semantics are taken, to be safe.
_CATEGORY_TESTS: dict[Any, Callable[[str], bool]] = {
    _C.CATEGORY_DIGIT: lambda c: c.isdecimal(),
    _C.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal() or not c.isascii(),
    _C.CATEGORY_SPACE: lambda c: c.isspace(),
    _C.CATEGORY_NOT_SPACE: lambda c: not c.isspace() or not c.isascii(),
    _C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_") or not c.isascii(),
}


def _in_class(items: Sequence[Any], ch: str) -> bool:
    """Whether a class may match ``ch`` (True when unsure)."""
    negate = False
    hit = False
    code = ord(ch)
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            hit = hit or av == code
        elif op is _C.RANGE:
            hit = hit or av[0] <= code <= av[1]
        elif op is _C.CATEGORY:
            test = _CATEGORY_TESTS.get(av)
            hit = hit or test is None or test(ch)
        else:
            return True
    return not hit if negate else hit


# --- running an anchored pattern -------------------------------------------------------------------


class Anchored:
    """``pattern.finditer(text)``, run only in windows around ``anchors``: the same matches, proven.

    ``Anchored(pattern, anchors)`` raises :class:`AnchorError` when :func:`shape` cannot prove
    that every match contains an anchor and that windows can be cut. An anchor is found with
    ``str.find`` (~0.1 ms per MB for one character, ~0.3 for two, on CJK text): the fewer its
    occurrences, the fewer windows; a window costs a few microseconds.
    """

    __slots__ = ("pattern", "anchors", "shape", "_next_break", "_last_break")

    def __init__(self, pattern: Any, anchors: Sequence[str]) -> None:
        self.pattern = pattern
        self.anchors = tuple(dict.fromkeys(anchors))
        self.shape = shape(pattern, self.anchors)
        breaks = re.escape(self.shape.breaks)
        self._next_break = re.compile(f"[{breaks}]").search if breaks else None
        # Matched (not searched) at a chunk's start, so one attempt: the greedy .* backs off to the last break.
        self._last_break = re.compile(f"(?s:.*)[{breaks}]").match if breaks else None

    def windows(self, text: str) -> list[tuple[int, int]]:
        """Sorted, disjoint spans in which every match of the pattern in ``text`` lies, with all it
        looks at; windows less than ``GAP`` apart are joined (a pattern call costs more than that)."""
        hits: list[tuple[int, int]] = []
        find = text.find
        for a in self.anchors:
            i = find(a)
            while i != -1:
                hits.append((i, len(a)))
                i = find(a, i + 1)
        if not hits:
            return []
        if len(self.anchors) > 1:
            hits.sort()
        out: list[tuple[int, int]] = []
        for s, e in merge(self._cut(text, hits)):
            if out and s - out[-1][1] <= GAP:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    def finditer(self, text: str, **kwargs: Any) -> Iterator[Any]:
        """The matches of ``pattern.finditer(text, **kwargs)``, found in the windows only."""
        finditer = self.pattern.finditer
        for start, end in self.windows(text):
            yield from finditer(text, start, end, **kwargs)

    def _cut(self, text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A window per anchor ``(p, size)`` (sorted by ``p``): within ``reach`` of it, and between
        the break characters round it that no match can consume (the right one and the character
        after it included, for ``$``). A window may be larger than needed, never smaller."""
        n = len(text)
        reach = self.shape.reach
        next_break = self._next_break
        spans = []
        if reach is not None:  # bounded: every search stays within reach of its anchor
            for p, size in hits:
                lo, hi = max(0, p + size - reach), min(n, p + reach)
                if next_break is not None:
                    lo = self._segment_start(text, lo, p)
                    m = next_break(text, p, hi)
                    if m is not None:
                        hi = min(n, m.start() + 2)
                spans.append((lo, hi))
            return spans
        assert next_break is not None  # shape() refuses unbounded matches that can cross every break
        seg_end = -1  # the first break at or after the previous anchor (n: none): that anchor's segment
        for p, _size in hits:
            if p < seg_end:
                continue  # the same segment as the anchor before: the same window
            lo = self._segment_start(text, seg_end + 1 if seg_end != -1 else 0, p)  # never back past the previous one
            m = next_break(text, p)
            seg_end = m.start() if m is not None else n
            spans.append((lo, min(n, seg_end + 2)))
        return spans

    def _segment_start(self, text: str, floor: int, p: int) -> int:
        """One past the last break character in ``text[floor:p]``, or ``floor`` when there is none;
        looked for in chunks ending at ``p`` that grow eightfold (the nearest break is usually close)."""
        last_break = self._last_break
        assert last_break is not None
        size = 64
        while True:
            a = max(floor, p - size)
            m = last_break(text, a, p)
            if m is not None:
                return m.end()
            if a == floor:
                return floor
            size *= 8


class LazyAnchored:
    """An :class:`Anchored` pattern compiled and proven on first use (start-up pays nothing)."""

    __slots__ = ("_compile", "_args", "_anchors", "_anchored")

    def __init__(self, compile_fn: Callable[..., Any], args: tuple[Any, ...], anchors: Sequence[str]) -> None:
        self._compile = compile_fn
        self._args = args
        self._anchors = tuple(anchors)
        self._anchored: Anchored | None = None

    @property
    def anchored(self) -> Anchored:
        if self._anchored is None:
            self._anchored = Anchored(self._compile(*self._args), self._anchors)
        return self._anchored

    @property
    def pattern(self) -> Any:
        """The compiled pattern itself (for a whole-text scan, or a test against the windows)."""
        return self.anchored.pattern

    def finditer(self, text: str, **kwargs: Any) -> Iterator[Any]:
        return self.anchored.finditer(text, **kwargs)


def anchored(compile_fn: Callable[..., Any], *args: Any, anchors: Sequence[str]) -> LazyAnchored:
    """``anchored(re.compile, r"…号", anchors=["号"])``: a pattern run only around its anchors,
    compiled and proven (:func:`shape`) on first use; tests/test_rule_examples.py uses every rule,
    so a pattern that cannot be proven fails the test suite, not a user's run."""
    return LazyAnchored(compile_fn, args, anchors)
