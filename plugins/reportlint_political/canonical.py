"""The ``canonical`` pack kind: a fixed term, and its near misses reported with the canonical form.

Keys (besides the common ones):

- ``canonical``: the one right form (required).
- ``max_errors``: edits (substitution, insertion, deletion) a near miss may have; 0 turns
  fuzzy matching off, so only ``variants`` are reported. Default 1 up to 6 characters, else 2.
- ``require``: strings a near miss must contain (e.g. 习近平), so other formulas that are
  a few characters away (以江泽民同志为核心的党中央) are never reported; an item may list
  alternatives split by ``|``, one of which must occur.
- ``allow``: legitimate strings near the canonical form (an older official wording); a
  near miss inside one is not reported.
- ``variants``: literal wrong forms, reported wherever they occur (for short terms where
  fuzzy matching would be too loose: 奢侈之风).
- ``near`` and ``near_window``: a finding is kept only if one of these strings occurs within
  ``near_window`` characters (default 30) of it.
- ``anchors``: literal prefilter strings; by default the canonical form cut into
  ``max_errors + 1`` pieces, one of which any near miss must contain intact (pigeonhole).

How it runs: one Aho-Corasick pass finds the canonical form, the allowed forms, the
variants and the anchors. Exact and allowed occurrences are masked; around each anchor
not inside one, a small window is searched with the BESTMATCH fuzzy pattern
``(?:canonical){e<=k}``; a best match with at least one edit is a near miss.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import regex

from reportlint import Document, Finding, PackError, Rule
from reportlint.plugin import PATTERN_TIMEOUT, Context, LiteralMatcher, PackContext, document_low_bytes, rule_fields

_KEYS = ("canonical", "max_errors", "require", "allow", "variants", "near", "near_window", "anchors")
#: Replaces masked (exact or allowed) text inside a window: a character no term contains.
_MASK = "\x00"
_INF = sys.maxsize
#: Exact and allowed forms are shorter than this, which bounds the look-back in sorted spans.
_LONGEST = 200


def _strings(entry: Mapping[str, Any], ctx: PackContext, key: str) -> tuple[str, ...]:
    """A list-of-strings key, validated."""
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ctx.error(entry, f"key {key!r} must be a list of non-empty strings")
    return tuple(value)


def pigeonhole_anchors(canonical: str, k: int) -> tuple[str, ...]:
    """``canonical`` cut into k+1 near-equal pieces: a match with <= k edits keeps one intact."""
    n = k + 1
    size, extra = divmod(len(canonical), n)
    out, i = [], 0
    for j in range(n):
        step = size + (1 if j < extra else 0)
        out.append(canonical[i:i + step])
        i += step
    return tuple(p for p in out if p)


class _Spec:
    """One canonical rule's compiled data."""

    def __init__(self, entry: Mapping[str, Any], ctx: PackContext) -> None:
        canonical = entry.get("canonical")
        if not isinstance(canonical, str) or not canonical:
            raise ctx.error(entry, "key 'canonical' must be a non-empty string")
        self.canonical = canonical
        k = entry.get("max_errors", 1 if len(canonical) <= 6 else 2)
        # More edits than a third of the term would match unrelated text.
        if not isinstance(k, int) or not 0 <= k <= max(1, len(canonical) // 3):
            raise ctx.error(entry, f"key 'max_errors' must be an integer from 0 to {max(1, len(canonical) // 3)}")
        self.k = k
        # Each item is one string or alternatives split by "|" (党中央|为核心的): a near miss must hold one of each.
        self.require = tuple(tuple(r.split("|")) for r in _strings(entry, ctx, "require"))
        self.allow = _strings(entry, ctx, "allow")
        self.variants = _strings(entry, ctx, "variants")
        self.near = _strings(entry, ctx, "near")
        self.near_window = int(entry.get("near_window", 30))
        anchors = _strings(entry, ctx, "anchors") or (pigeonhole_anchors(canonical, k) if k else ())
        for a in anchors:
            if a not in canonical:
                raise ctx.error(entry, f"anchor {a!r} is not part of the canonical form")
        if not self.variants and not anchors:
            raise ctx.error(entry, "a canonical rule needs max_errors > 0 or some 'variants'")
        if any(len(w) >= _LONGEST for w in (canonical, *self.allow)):
            raise ctx.error(entry, f"canonical and allowed forms must be shorter than {_LONGEST} characters")
        if canonical in self.variants:
            raise ctx.error(entry, "the canonical form is listed among its variants")
        self.fuzzy = regex.compile(rf"(?b)(?:{regex.escape(canonical)}){{e<={k}}}") if k else None
        words: dict[str, tuple[str, int]] = {}
        for tag, items in (("anchor", anchors), ("variant", self.variants), ("exact", self.allow), ("exact", (canonical,))):
            for w in items:
                # later tags win: an allowed form that is also an anchor masks; the int is the
                # anchor's offset in the canonical form
                words[w] = (tag, canonical.find(w))
        if not k and not any(v in form for v in self.variants for form in (canonical, *self.allow)):
            # Exact and allowed forms only mask what lies inside them: without fuzzy matching and
            # with no variant inside one, they mask nothing and need not be found (中央八项规定).
            words = {w: value for w, value in words.items() if value[0] != "exact"}
        self.words = words
        # A near miss keeps at least len - k characters of the canonical form (each edit loses at
        # most one), so a window holding fewer of them cannot hold one: no fuzzy search needed.
        self.char_counts = tuple((c, canonical.count(c)) for c in dict.fromkeys(canonical))
        self.min_common = len(canonical) - k
        self.near_matcher = LiteralMatcher({w: w for w in self.near}) if self.near else None


#: Word lists of the plugin's Python rules (G111-G113) that the family scan matches in the same
#: pass: memo key -> {word: value}. The scan stores their hits, as ``list(LiteralMatcher(words)
#: .finditer(text))`` would give them, under the key, so those rules' ``ctx.memo(key, ...)`` finds
#: them ready when a canonical rule ran first (G101-G110 run before G111).
SHARED_WORDS: dict[str, dict[str, Any]] = {}


class _Family:
    """The canonical rules of one pack file: one automaton over all their words, one scan per document.

    Seven rules each scanning the text with their own automaton cost seven passes; the
    family scans once (Context.memo) and hands each rule exactly the hits its own automaton
    would give, in the same order.
    """

    def __init__(self) -> None:
        self.specs: list[_Spec] = []
        self.last_index = -1  # the pack index of the last rule added
        self._matcher: LiteralMatcher | None = None
        self._shared: list[str] = []  # the SHARED_WORDS keys in the matcher
        self._key, self._key_size = "", -1  # the Context.memo key of the scan, for this many specs

    def add(self, spec: _Spec) -> int:
        """Register a rule's spec; its index in the family."""
        self.specs.append(spec)
        self._matcher = None  # rebuilt with the new words on the next scan
        return len(self.specs) - 1

    def hits(self, doc: Document, ctx: Context, index: int) -> _Hits:
        """Spec ``index``'s words in the document: exact/allowed spans sorted, anchors and variants by end offset."""
        if self._key_size != len(self.specs):  # a new key once the pack added rules: a new scan
            self._key, self._key_size = f"canonical-family:{id(self)}:{len(self.specs)}", len(self.specs)
        return ctx.memo(self._key, partial(self._scan, ctx=ctx))[index]

    def _scan(self, doc: Document, ctx: Context) -> list[_Hits]:
        if self._matcher is None:
            # Each word carries where its hits go: (bucket, payload) pairs, buckets 3i, 3i+1, 3i+2
            # for spec i's exact/allowed forms (payload 0), anchors (their offset in the canonical
            # form) and variants (the word), then one per SHARED_WORDS key (the word's value).
            acts: dict[str, list[tuple[int, Any]]] = {}
            for i, spec in enumerate(self.specs):
                for word, (tag, offset) in spec.words.items():
                    act = (3 * i, 0) if tag == "exact" else (3 * i + 1, offset) if tag == "anchor" else (3 * i + 2, word)
                    acts.setdefault(word, []).append(act)
            self._shared = list(SHARED_WORDS)
            for j, key in enumerate(self._shared):
                for word, value in SHARED_WORDS[key].items():
                    acts.setdefault(word, []).append((3 * len(self.specs) + j, value))
            self._matcher = LiteralMatcher({w: tuple(a) for w, a in acts.items()})
        buckets: list[list[tuple[int, int, Any]]] = [[] for _ in range(3 * len(self.specs) + len(self._shared))]
        hits = self._matcher.hits(doc.text, document_low_bytes(ctx))
        hits.reverse()
        pop = hits.pop
        while hits:  # each hit freed once bucketed: a long report has hundreds of thousands (~20 MB)
            s, e, word_acts = pop()
            for b, payload in word_acts:
                buckets[b].append((s, e, payload))
        out: list[_Hits] = []
        for i in range(len(self.specs)):
            exact = buckets[3 * i]
            exact.sort()
            out.append((exact, buckets[3 * i + 1], buckets[3 * i + 2]))
        for key, hits in zip(self._shared, buckets[3 * len(self.specs):], strict=True):
            ctx.memo(key, _given(hits))  # kept if that rule already scanned
        return out


def _given(hits: list[tuple[int, int, Any]]) -> Callable[[Document], list[tuple[int, int, Any]]]:
    """A Context.memo factory that returns hits already found."""
    return lambda _doc: hits


#: One spec's hits in a document: exact/allowed spans (start, end, 0) sorted by start, anchors
#: (start, end, offset in the canonical form) and variants (start, end, text), both by end offset.
_Hits = tuple[list[tuple[int, int, int]], list[tuple[int, int, int]], list[tuple[int, int, str]]]


#: The family being filled, per pack file. A pack's rules are built in index order, so an
#: index not above the last one means the pack is being loaded again: a new family starts.
_FAMILIES: dict[Any, _Family] = {}


def _family(ctx: PackContext) -> _Family:
    """The family of the pack ``ctx`` belongs to (one per load of a pack file)."""
    family = _FAMILIES.get(ctx.path)
    if family is None or ctx.index <= family.last_index:
        family = _FAMILIES[ctx.path] = _Family()
    family.last_index = ctx.index
    return family


def _mask(text: str, lo: int, hi: int, exact: list[tuple[int, int, int]]) -> str:
    """``text[lo:hi]`` with the exact/allowed spans (sorted by start) blanked out, offsets unchanged."""
    i = bisect.bisect_left(exact, (lo - _LONGEST, 0))
    while i < len(exact) and exact[i][0] < hi and exact[i][1] <= lo:
        i += 1  # ends before the window
    if i == len(exact) or exact[i][0] >= hi:
        return text[lo:hi]  # nothing to blank: the common case
    chars = list(text[lo:hi])
    while i < len(exact) and exact[i][0] < hi:
        s, e, _ = exact[i]
        for j in range(max(s, lo), min(e, hi)):
            chars[j - lo] = _MASK
        i += 1
    return "".join(chars)


def _inside(spans: list[tuple[int, int, int]], s: int, e: int) -> bool:
    """True if ``[s, e)`` lies inside one of ``spans`` ((start, end, 0), sorted; spans are short)."""
    i = bisect.bisect_right(spans, (s, _INF))
    while i > 0:
        i -= 1
        a, b, _ = spans[i]
        if b >= e:
            return True
        if s - a > _LONGEST:
            return False
    return False


def _trim(spec: _Spec, got: str, start: int) -> tuple[str, int]:
    """Drop an edge character the best match took as a substitution when a deletion explains it as well.

    紧密团结在习近平同志为核心的党中央: 在→以 and a missing 以 both cost one edit; the
    report should cover 习近平……党中央, not swallow 在.
    """
    edits = sum(spec.fuzzy.fullmatch(got).fuzzy_counts)  # type: ignore[union-attr]
    for _ in range(spec.k):
        if got and got[0] != spec.canonical[0]:
            m = spec.fuzzy.fullmatch(got[1:])  # type: ignore[union-attr]
            if m is not None and sum(m.fuzzy_counts) <= edits:
                got, start, edits = got[1:], start + 1, sum(m.fuzzy_counts)
                continue
        if got and got[-1] != spec.canonical[-1]:
            m = spec.fuzzy.fullmatch(got[:-1])  # type: ignore[union-attr]
            if m is not None and sum(m.fuzzy_counts) <= edits:
                got, edits = got[:-1], sum(m.fuzzy_counts)
                continue
        break
    return got, start


def _extend_end(spec: _Spec, text: str, got: str, start: int) -> str:
    """Take the next character too when the match stopped short and a substitution explains it as well.

    以习近平同志为核心的党中心: a missing 央 and 心→央 both cost one edit; the report should
    cover 党中心, so its fix does not leave 心 behind. (At the start the opposite holds: 以 is
    the word writers drop, see :func:`_trim`.)
    """
    edits = sum(spec.fuzzy.fullmatch(got).fuzzy_counts)  # type: ignore[union-attr]
    end = start + len(got)
    while len(got) < len(spec.canonical) and end < len(text) and "\u4e00" <= text[end] <= "\u9fff":
        m = spec.fuzzy.fullmatch(got + text[end])  # type: ignore[union-attr]
        if m is None or sum(m.fuzzy_counts) > edits:
            break
        got, edits, end = got + text[end], sum(m.fuzzy_counts), end + 1
    return got


def _near_misses(spec: _Spec, text: str, anchors: list[tuple[int, int, int]], exact: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, matched text) of each fuzzy near miss around the anchors."""
    assert spec.fuzzy is not None
    seen: set[tuple[int, int]] = set()
    size, k = len(spec.canonical), spec.k
    for a_start, a_end, offset in anchors:
        if _inside(exact, a_start, a_end):
            continue
        # The anchor sits at ``offset`` in the canonical form, so a near miss with <= k edits
        # starts within k characters of a_start - offset: a window of len + 2k characters.
        lo, hi = max(0, a_start - offset - k), min(len(text), a_start - offset + size + k)
        window = _mask(text, lo, hi, exact)
        if not _holds(window, spec.require) or not _enough_characters(window, spec):
            continue  # cheap: the near miss could not be in the window
        m = spec.fuzzy.search(window, timeout=PATTERN_TIMEOUT)
        if m is None or not any(m.fuzzy_counts):
            continue
        got, start = _trim(spec, m.group(), lo + m.start())
        got = _extend_end(spec, text, got, start)
        span = (start, start + len(got))
        if span in seen or _MASK in got or not _holds(got, spec.require):
            continue
        seen.add(span)
        yield span[0], span[1], got


def _holds(text: str, require: tuple[tuple[str, ...], ...]) -> bool:
    """True if ``text`` holds one of the alternatives of every ``require`` item."""
    for alternatives in require:
        for alt in alternatives:
            if alt in text:
                break
        else:
            return False
    return True


def _enough_characters(window: str, spec: _Spec) -> bool:
    """False if ``window`` has fewer than len - k of the canonical characters: no near miss fits in it."""
    common = 0
    for c, n in spec.char_counts:
        found = window.count(c)
        common += found if found < n else n
    return common >= spec.min_common


def _is_near(spec: _Spec, text: str, s: int, e: int) -> bool:
    """True if no ``near`` strings are set, or one occurs within the window around ``[s, e)``."""
    if spec.near_matcher is None:
        return True
    lo, hi = max(0, s - spec.near_window), min(len(text), e + spec.near_window)
    return any(True for _ in spec.near_matcher.finditer(text[lo:hi]))


def canonical_kind(entry: Mapping[str, Any], ctx: PackContext) -> Rule:
    """Build a ``canonical`` rule from one ``[[rules]]`` table."""
    fields = rule_fields(entry, ctx, _KEYS)
    if fields["fixable"] is None:
        fields["fixable"] = "unsafe"
    spec = _Spec(entry, ctx)
    family = _family(ctx)
    index = family.add(spec)
    message = entry.get("message", "“{match}”应为“{canonical}”")
    if not isinstance(message, str):
        raise ctx.error(entry, "key 'message' must be a string")
    where = ctx.where(entry)

    def check(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
        exact, anchors, found = family.hits(doc, ctx, index)
        if not anchors and not found:
            return  # exact forms alone are never reported
        text = doc.text
        found = [f for f in found if not _inside(exact, f[0], f[1])]
        if spec.fuzzy is not None and anchors:
            try:
                found.extend(_near_misses(spec, text, anchors, exact))
            except TimeoutError:
                raise PackError(f"{where}: fuzzy search ran longer than {PATTERN_TIMEOUT:g} s on {doc.path}") from None
        reported: list[tuple[int, int]] = []
        reach = -1  # the furthest end reported: spans come sorted by start, so one overlaps iff it starts before it
        for s, e, got in sorted(found):
            overlaps = reach > s if s < e else any(a < e and s < b for a, b in reported)
            if got == spec.canonical or overlaps or not _is_near(spec, text, s, e):
                continue
            reported.append((s, e))
            reach = max(reach, e)
            msg = message.replace("{match}", got).replace("{canonical}", spec.canonical)
            yield rule.finding(s, e, msg, spec.canonical)

    return Rule(check_fn=check, **fields)
