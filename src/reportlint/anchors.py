"""Anchored patterns: a pattern run only around the literals every match needs, proven, not assumed.

A ``re``/``regex`` pass costs 1.5-3 ms per MB even when it finds nothing, and more for a pattern
that starts with a class and a lazy repeat (S401's 机关代字 is tried at every Han character).
``str.find`` for a literal costs ~0.1 ms per MB. When every match of a pattern contains one of a
few literals (S401's 号, T103's 左右), :class:`Anchored` finds those *anchors* with ``str.find``
and runs the pattern only in windows around them, returning exactly the matches of
``pattern.finditer(text)``.

Exactness does not rest on the author's word: :func:`shape` reads the pattern with the stdlib
parser and proves, from its structure,

- that every match consumes (or looks ahead at) one of the anchors: a literal run holding an
  anchor (a repeated literal counts its minimum copies), a class made only of one-character
  anchors, a branch whose every alternative has one, a group or a repeat of at least one that
  has one;
- how far right of its start a match attempt can look (``reach``: consumed width, lookaheads,
  one more character for ``$``/``\\b``), when that is bounded;
- which characters no part of the pattern can consume (*stops*): every character outside the
  classes and literals it is made of, when it is made only of those; otherwise the line breaks
  and Chinese sentence and clause marks (\\n 。，；…) it cannot consume.

A window is ``[p + len(anchor) - reach, p + reach)`` around each anchor at ``p``, cut at the
nearest stop each side (the right one included, and one more character when the pattern has a
``$``). Every position the full scan could match at lies in a window, and every position a
window tries sees, within the window, every character the full scan's attempt there would look
at; lookbehinds and ``\\b`` see before a window's start (``re`` and ``regex`` look behind
``pos``). A pattern that cannot be proven raises :class:`AnchorError` — it is never run with
windows on faith. The proof needs no case folding (no ``IGNORECASE``) and, for a `regex`
pattern, only syntax the stdlib parser reads the same way (``\\p{Han}`` is read as
:data:`reportlint.chars.HAN`; nested sets, POSIX classes, fuzzy matching and other `regex`-only
syntax are refused).

A pattern some of whose matches hold no anchor (``every_match=False``) can still be run round
its anchors when it is made only of listed characters (no ``.``, no negated class) and has no
``$``: the windows are then the whole runs of those characters that hold an anchor. No match
crosses a stop, so each run is scanned as the whole pass scans it: every match the windows
return is a match of the whole pass, and every match of the whole pass that holds an anchor is
among them.
"""

from __future__ import annotations

import functools
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

from reportlint.chars import DIGIT, HAN, SPACE
from reportlint.windows import merge

#: Characters a window may be cut at when the pattern is not made only of listed characters but
#: cannot consume these: line breaks and the Chinese sentence and clause marks.
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
    #: A ``re`` class of characters no part of the pattern can consume ("" when none is known).
    stops: str
    #: True when ``stops`` is every character the pattern cannot consume (it is made of listed ones).
    runs: bool
    #: Characters a window keeps from a stop on: 2 when a ``$`` may ask whether text follows it.
    tail: int
    #: True when every match holds an anchor (proved).
    every_match: bool


_MAXREPEAT = _C.MAXREPEAT
_UNSUPPORTED_FLAGS = re.IGNORECASE | re.LOCALE
_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op is not None)
_ATOMIC = getattr(_C, "ATOMIC_GROUP", object())


def shape(pattern: Any, anchors: Sequence[str], *, every_match: bool = True) -> Shape:
    """Prove that every match of ``pattern`` (a compiled ``re`` or `regex` pattern) contains one
    of ``anchors`` (unless ``every_match`` is False); return how far matches reach and where
    windows can be cut.

    Raises :class:`AnchorError` with the reason when that cannot be proven, or when no window
    could be cut (unbounded matches that may consume every break character).
    """
    if not anchors or not all(isinstance(a, str) and a for a in anchors):
        raise AnchorError("anchors must be non-empty strings")
    source = pattern.pattern
    if not isinstance(source, str):
        raise AnchorError("anchors work on str patterns only")
    regex_syntax = type(pattern) is not re.Pattern
    if regex_syntax:
        source, flags = _from_regex(pattern)
    else:
        flags = pattern.flags
    if flags & _UNSUPPORTED_FLAGS:
        raise AnchorError("anchors are found case-sensitively: the pattern may not ignore case")
    try:
        tree = _P.parse(source, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise AnchorError(f"the pattern cannot be analysed: {exc}") from None
    a = _Analysis(tree.state.flags, tuple(anchors), regex_syntax)
    lo, _hi, reach = a.seq(tree, a.flags)
    if lo == 0:
        raise AnchorError("the pattern can match an empty string, which holds no anchor")
    covered = a.covers(tree, a.flags)
    if every_match and not covered:
        raise AnchorError(f"a match of the pattern need not contain one of {list(anchors)}")
    consumable = a.consumable(tree, a.flags)
    tail = 2 if a.asks_end else 1
    if consumable is not None:
        stops, runs = f"[^{consumable}]", True
    else:
        breaks = "".join(ch for ch in BREAKS if not a.consumes(tree, a.flags, ch))
        stops, runs = (f"[{re.escape(breaks)}]" if breaks else ""), False
    if not every_match and not (runs and tail == 1):
        raise AnchorError("a pattern whose matches need not hold an anchor must be made only of listed "
                          "characters (no '.', no negated class) and have no '$'")
    if reach is None and not stops:
        raise AnchorError("the pattern's matches are unbounded and may run across any line or sentence break")
    return Shape(reach, stops, runs, tail, covered)


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
    def __init__(self, flags: int, anchors: tuple[str, ...], regex_syntax: bool) -> None:
        self.flags = flags
        self.anchors = anchors
        self.singles = frozenset(a for a in anchors if len(a) == 1)
        self.regex_syntax = regex_syntax
        self.group_max: dict[int, int | None] = {}
        self.asks_end = False  # a `$` that is not MULTILINE: it asks whether one character follows

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
            if av is _C.AT_END and not flags & re.MULTILINE:
                self.asks_end = True
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
        if op in _REPEATS:
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
        if op is _ATOMIC:
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
            repeated = _repeated_literal(op, av)
            if repeated is not None:  # X{2,}: its first two copies follow what came before
                char, times, exact = repeated
                run.extend(char * times)
                if exact:
                    continue
            if run:
                literal = "".join(run)
                if any(a in literal for a in self.anchors):
                    return True
                run = []
            if repeated is None and op is not None and self.item_covers(op, av, flags):
                return True
        return False

    def item_covers(self, op: Any, av: Any, flags: int) -> bool:
        if op is _C.SUBPATTERN:
            return self.covers(av[3], flags)
        if op is _ATOMIC:
            return self.covers(av, flags)
        if op is _C.BRANCH:
            return all(self.covers(alt, flags) for alt in av[1])
        if op in _REPEATS:
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
            elif op in _REPEATS:
                hit = av[1] != 0 and self.consumes(av[2], flags, ch)
            elif op is _ATOMIC:
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

    # Every character some part of the pattern (lookarounds included) may consume, as the body of a
    # `re` class; None when that is no short list (., a negated literal or class, \W …).
    def consumable(self, items: Iterable[Any], flags: int) -> str | None:
        parts: list[str] = []
        for op, av in items:
            if op is _C.LITERAL:
                parts.append(_class_char(av))
            elif op is _C.IN:
                body = self._class_body(av)
                if body is None:
                    return None
                parts.append(body)
            elif op in (_C.NOT_LITERAL, _C.ANY):
                return None
            else:
                subs: list[Any] = []
                if op is _C.SUBPATTERN:
                    subs = [av[3]]
                elif op is _C.BRANCH:
                    subs = list(av[1])
                elif op in _REPEATS:
                    subs = [av[2]] if av[1] != 0 else []
                elif op is _ATOMIC:
                    subs = [av]
                elif op in (_C.ASSERT, _C.ASSERT_NOT):
                    subs = [av[1]]
                elif op is _C.GROUPREF_EXISTS:
                    subs = [av[1]] + ([av[2]] if av[2] is not None else [])
                for sub in subs:
                    body = self.consumable(sub, flags)
                    if body is None:
                        return None
                    parts.append(body)
        return "".join(dict.fromkeys(parts))

    def _class_body(self, items: Sequence[Any]) -> str | None:
        out = []
        for op, av in items:
            if op is _C.LITERAL:
                out.append(_class_char(av))
            elif op is _C.RANGE:
                out.append(f"{_class_char(av[0])}-{_class_char(av[1])}")
            elif op is _C.CATEGORY and av in _CATEGORY_CLASSES:
                # `regex` reads \d and \s by a newer Unicode than the stdlib: both sets, to be safe.
                out.append(_CATEGORY_CLASSES[av] + (_REGEX_CATEGORY[av] if self.regex_syntax else ""))
            else:  # NEGATE, \D \S \W, \w in `regex` (its Alphabetic is no stdlib class)
                return None
        if self.regex_syntax and any(op is _C.CATEGORY and av is _C.CATEGORY_WORD for op, av in items):
            return None
        return "".join(out)


_CATEGORY_CLASSES = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_WORD: r"\w"}
_REGEX_CATEGORY = {_C.CATEGORY_DIGIT: DIGIT, _C.CATEGORY_SPACE: SPACE, _C.CATEGORY_WORD: ""}


def _class_char(code: int) -> str:
    return f"\\U{code:08x}"


def _repeated_literal(op: Any, av: Any) -> tuple[str, int, bool] | None:
    """(character, minimum copies, whether exactly that many) for a repeat of one literal, else None."""
    if op not in _REPEATS or av[0] < 1:
        return None
    body = list(av[2])
    if len(body) != 1 or body[0][0] is not _C.LITERAL:
        return None
    return chr(body[0][1]), av[0], av[0] == av[1]


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
    that every match contains an anchor and that windows can be cut. With ``every_match=False``
    (a pattern made of listed characters, see the module's docstring) it returns the matches of
    the whole pass that lie in runs holding an anchor, each of those that holds one among them.
    An anchor is found with ``str.find`` (~0.1 ms per MB for one character, ~0.3 for two, on CJK
    text): the fewer its occurrences, the fewer windows; a window costs a few microseconds.
    """

    __slots__ = ("pattern", "anchors", "shape", "_next_stop", "_last_stop")

    def __init__(self, pattern: Any, anchors: Sequence[str], *, every_match: bool = True) -> None:
        self.pattern = pattern
        self.anchors = tuple(dict.fromkeys(anchors))
        self.shape = shape(pattern, self.anchors, every_match=every_match)
        self._next_stop, self._last_stop = _stop_searches(self.shape.stops)

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
        spans = self._runs(text, hits) if not self.shape.every_match else self._cut(text, hits)
        out: list[tuple[int, int]] = []
        for s, e in merge(spans):
            if out and s - out[-1][1] <= GAP:  # what lies between is whole windows or whole runs
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
        the stops round it (the right one included, and the character after it for ``$``). A
        window may be larger than needed, never smaller."""
        reach = self.shape.reach
        if reach is None:
            return self._runs(text, hits)
        # Bounded: the windows within reach of each anchor, those that overlap taken as one group
        # (arithmetic only: dense anchors cost no searches); then each group is cut at the last
        # stop before its first anchor and the first stop after its last one. Every anchor's own
        # window lies inside: a later anchor's stretch starts no earlier than the first one's, an
        # earlier anchor's stretch ends no later than the last one's.
        n = len(text)
        tail = self.shape.tail
        next_stop = self._next_stop
        spans = []
        first = last = -1
        lo = hi = 0
        for p, size in [*hits, (n + 2 * reach + 1, 0)]:  # a sentinel closes the last group
            start = p + size - reach
            if first != -1 and start <= hi:
                last = p
                lo, hi = min(lo, start), max(hi, p + reach)  # a shorter anchor may start its window earlier
                continue
            if first != -1:
                lo, hi = max(0, lo), min(n, hi)
                if next_stop is not None:
                    lo = self._segment_start(text, lo, first)
                    m = next_stop(text, last, hi)
                    if m is not None:
                        hi = min(hi, m.start() + tail)
                spans.append((lo, hi))
            first = last = p
            lo, hi = start, p + reach
        return spans

    def _runs(self, text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The stretch between the stops round each anchor, the right stop included (and the
        character after it for ``$``); one window for the anchors of one stretch."""
        n = len(text)
        next_stop = self._next_stop
        assert next_stop is not None  # shape() refuses unbounded matches with nothing to stop them
        tail = self.shape.tail
        spans = []
        seg_end = -1  # the first stop at or after the previous anchor (n: none): that anchor's stretch
        for p, _size in hits:
            if p < seg_end:
                continue  # the same stretch as the anchor before: the same window
            lo = self._segment_start(text, seg_end + 1 if seg_end != -1 else 0, p)  # never back past the previous one
            m = next_stop(text, p)
            seg_end = m.start() if m is not None else n
            spans.append((lo, min(n, seg_end + tail)))
        return spans

    def _segment_start(self, text: str, floor: int, p: int) -> int:
        """One past the last stop in ``text[floor:p]``, or ``floor`` when there is none; looked for
        in chunks ending at ``p`` that grow eightfold (the nearest stop is usually close)."""
        last_stop = self._last_stop
        assert last_stop is not None
        size = 64
        while True:
            a = max(floor, p - size)
            m = last_stop(text, a, p)
            if m is not None:
                return m.end()
            if a == floor:
                return floor
            size *= 8


@functools.cache
def _stop_searches(stops: str) -> tuple[Any, Any]:
    """The search for the next stop and the match for the last one (patterns sharing a stop class
    share them: compiling a long class costs milliseconds of start-up)."""
    if not stops:
        return None, None
    # Matched (not searched) at a chunk's start, so one attempt: the greedy .* backs off to the last stop.
    return re.compile(stops).search, re.compile(f"(?s:.*){stops}").match


class LazyAnchored:
    """An :class:`Anchored` pattern compiled and proven on first use (start-up pays nothing)."""

    __slots__ = ("_compile", "_args", "_anchors", "_every_match", "_anchored")

    def __init__(self, compile_fn: Callable[..., Any], args: tuple[Any, ...], anchors: Sequence[str],
                 every_match: bool = True) -> None:
        self._compile = compile_fn
        self._args = args
        self._anchors = tuple(anchors)
        self._every_match = every_match
        self._anchored: Anchored | None = None

    @property
    def anchored(self) -> Anchored:
        if self._anchored is None:
            self._anchored = Anchored(self._compile(*self._args), self._anchors, every_match=self._every_match)
        return self._anchored

    @property
    def pattern(self) -> Any:
        """The compiled pattern itself (for a whole-text scan, or a test against the windows)."""
        return self.anchored.pattern

    def finditer(self, text: str, **kwargs: Any) -> Iterator[Any]:
        anchored = self._anchored
        if anchored is None:
            if not any(a in text for a in self._anchors):
                return iter(())  # compiled and proven only when a text holds an anchor (start-up)
            anchored = self.anchored
        return anchored.finditer(text, **kwargs)


def anchored(compile_fn: Callable[..., Any], *args: Any, anchors: Sequence[str], every_match: bool = True) -> LazyAnchored:
    """``anchored(re.compile, r"…号", anchors=["号"])``: a pattern run only around its anchors,
    compiled and proven (:func:`shape`) on first use; tests/test_rule_examples.py uses every rule,
    so a pattern that cannot be proven fails the test suite, not a user's run."""
    return LazyAnchored(compile_fn, args, anchors, every_match)
