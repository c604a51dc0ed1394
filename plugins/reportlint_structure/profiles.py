"""Pack kind ``required``: the parts a document profile (工作总结, 述职报告…) must have, from profiles.toml.

Each ``[[rules]]`` entry of kind ``required`` is one profile: ``profile`` (its name),
``titles`` (title endings that identify it), ``except_titles`` (title fragments that
rule it out, e.g. 政府工作报告 for 工作报告) and ``[[rules.parts]]`` with ``name`` and
``accept`` (wordings that count as that part when they occur in a heading).

Which profile applies is decided per check: the configured profile (``Context.profile``) if
set, else the first profile whose title endings the title has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from reportlint import Document, Finding, Rule
from reportlint.plugin import Context, LiteralMatcher, PackContext, lazy, rule_fields

#: Longest unnumbered paragraph still read as a heading (存在的问题和不足 on a line of its own).
MAX_PLAIN_HEADING = 30
#: How many leading characters of a body paragraph may name a part (存在的问题主要是…, 下一步，…).
PARAGRAPH_OPENING = 12

# Draft marks and bracketed notes after a title: 工作总结（讨论稿）.
_TITLE_TAIL = lazy(regex.compile, r"(?:[（(][^（）()]{1,12}[)）]|[\s。，；：、.,;:！？!?])+$")
# The characters _TITLE_TAIL can end with (its \s never ends a stripped title: all of it is str whitespace).
_TAIL_ENDS = frozenset(")）。，；：、.,;:！？!?")
_SENTENCE_END = lazy(regex.compile, r"[。！？!?；;]")

DEFAULT_MESSAGE = "按“{profile}”的通常结构，缺少{missing}部分（各级小标题中均未见；可设“{example}”部分）"


@dataclass(frozen=True, slots=True)
class Part:
    """A required part and the wordings that count as it."""

    name: str
    accept: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """A document type: how its title ends and which parts its headings must show."""

    name: str
    titles: tuple[str, ...]
    except_titles: tuple[str, ...]
    parts: tuple[Part, ...]

    def excluded_by(self, title: str) -> bool:
        """True if ``title`` names a document type this profile does not cover (政府工作报告)."""
        return any(x in title for x in self.except_titles)

    def matches_title(self, title: str) -> bool:
        """True if ``title`` (a first paragraph) names this document type."""
        return self.matches_core(title_core(title))

    def matches_core(self, core: str) -> bool:
        """:meth:`matches_title` for a title already passed through :func:`title_core`."""
        return not self.excluded_by(core) and core.endswith(self.titles)


def title_core(title: str) -> str:
    """``title`` stripped, without the draft marks and punctuation after it (工作总结（讨论稿）。)."""
    core = title.strip()
    if core[-1:] not in _TAIL_ENDS:
        return core  # _TITLE_TAIL cannot match: its last character is none of these
    return str(_TITLE_TAIL.sub("", core))


def may_apply(profile: Profile, doc: Document, ctx: Context) -> bool:
    """True when ``profile`` governs ``doc``: the configured profile (``ctx.profile``), else the
    first profile whose document type the title names."""
    return active_profile(ctx) == profile.name


#: Rule code -> profile, filled as packs load; read by the finding filter.
PROFILES: dict[str, Profile] = {}


def _strings(entry: Mapping[str, Any], ctx: PackContext, key: str, *, required: bool = True) -> tuple[str, ...]:
    """A list of non-empty strings from a pack entry; PackError naming the key otherwise."""
    value = entry.get(key, [] if not required else None)
    if value is None:
        raise ctx.error(entry, f"missing key {key!r}")
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ctx.error(entry, f"key {key!r} must be a list of non-empty strings")
    return tuple(value)


def _parts(entry: Mapping[str, Any], ctx: PackContext) -> tuple[Part, ...]:
    """The ``[[rules.parts]]`` tables of an entry, validated."""
    raw = entry.get("parts")
    if not isinstance(raw, list) or not raw:
        raise ctx.error(entry, "a required rule needs [[rules.parts]] tables with 'name' and 'accept'")
    parts = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ctx.error(entry, "each of 'parts' needs a string 'name' and a list 'accept'")
        unknown = set(item) - {"name", "accept"}
        if unknown:
            raise ctx.error(entry, f"part {item['name']!r}: unknown key(s) {', '.join(sorted(unknown))}")
        parts.append(Part(item["name"], _strings(item, ctx, "accept")))
    return tuple(parts)


def heading_texts(doc: Document) -> list[str]:
    """Texts that may name a part (title excluded): numbered heading titles, short unnumbered
    lines, and the opening words of other paragraphs (下一步，我们要… opens a part too)."""
    numbered = {h.paragraph: h.title for h in doc.outline.headings}
    sentence_end = _SENTENCE_END.search
    out: list[str] = []
    for para in doc.paragraphs[1:]:
        title = numbered.get(para.index)
        if title is not None:
            out.append(title)
            continue
        text = para.text
        # strip() copies the paragraph: only call it when an end is blank (most texts are not).
        edged = text[:1].isspace() or text[-1:].isspace()
        if (len(text) <= MAX_PLAIN_HEADING or (edged and len(text.strip()) <= MAX_PLAIN_HEADING)) \
                and not sentence_end(text):
            out.append(text)
        else:
            out.append((text.lstrip() if edged else text)[:PARAGRAPH_OPENING])
    return out


def missing_parts(
    doc: Document, parts: tuple[Part, ...], matcher: LiteralMatcher, *, headings_first: bool = False
) -> list[Part]:
    """The parts no heading names; [] when the document has no numbered headings to judge.

    ``headings_first`` (only when no wording holds a line break, so none spans two texts): look
    at the numbered headings' titles alone first; when they name every part, the other
    paragraphs cannot change the answer and are not gathered.
    """
    headings = doc.outline.headings
    if not headings:
        return []
    found: set[int] = set()
    if headings_first:
        for _start, _end, indexes in matcher.finditer("\n".join([h.title for h in headings if h.paragraph])):
            found.update(indexes)
        if len(found) == len(parts):
            return []
    for _start, _end, indexes in matcher.finditer("\n".join(heading_texts(doc))):
        found.update(indexes)
    return [p for i, p in enumerate(parts) if i not in found]


def required_kind(entry: Mapping[str, Any], ctx: PackContext) -> Rule:
    """``required``: one profile's parts; a document missing any gets one finding at line 1."""
    fields = rule_fields(entry, ctx, ("profile", "titles", "except_titles", "parts"))
    name = entry.get("profile")
    if not isinstance(name, str) or not name:
        raise ctx.error(entry, "key 'profile' must be a non-empty string, e.g. 工作总结")
    profile = Profile(name, _strings(entry, ctx, "titles"), _strings(entry, ctx, "except_titles", required=False),
                      _parts(entry, ctx))
    message = str(entry.get("message", DEFAULT_MESSAGE))
    # One automaton for every wording of every part: value = the part indexes a wording counts for.
    words: dict[str, set[int]] = {}
    for i, part in enumerate(profile.parts):
        for w in part.accept:
            words.setdefault(w, set()).add(i)
    matcher = LiteralMatcher(words)
    headings_first = not any("\n" in w for w in words)
    PROFILES[fields["code"]] = profile

    def check(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not may_apply(profile, doc, ctx):
            return
        missing = missing_parts(doc, profile.parts, matcher, headings_first=headings_first)
        if not missing:
            return
        # Reported on the title: what the document lacks is judged against what it says it is. Not
        # from offset 0, which may lie in text no rule reports in (a Markdown comment above the title).
        title = doc.title
        start, end = (title.start, title.end) if title is not None else (0, 0)
        names = "".join(f"“{p.name}”" for p in missing)
        example = "及".join(p.name for p in missing)
        yield rule.finding(start, end, message.format(profile=profile.name, missing=names, example=example))

    return Rule(check_fn=check, **fields)


def active_profile(ctx: Context) -> str | None:
    """The profile governing the checked document: the configured one, else the first whose title matches."""
    if ctx.profile:
        return ctx.profile
    return ctx.memo("structure.title_profile", _title_profile)  # S201-S203 each ask


def _title_profile(doc: Document) -> str | None:
    """The first profile whose document type the title names."""
    title = doc.title
    if title is None:
        return None
    core = title_core(title.text)
    for profile in PROFILES.values():
        if profile.matches_core(core):
            return profile.name
    return None
