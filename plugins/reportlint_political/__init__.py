"""Built-in plugin, family G: fixed political terms, their members, order and verbs.

It registers the pack kind ``canonical`` (a fixed term and its near misses, found
with `regex` fuzzy matching behind cheap literal anchors); political.toml beside it
uses it for 以习近平同志为核心的党中央 and the other exact formulas. The Python
rules here check the verb that goes with each numbered shorthand (增强“四个意识”,
坚定“四个自信”, 做到“两个维护”) and the members and order of the fixed lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from reportlint import Config, Document, Finding, Rule, hookimpl, rule
from reportlint.plugin import Context, LiteralMatcher, document_low_bytes, lazy
from reportlint_political.canonical import SHARED_WORDS, canonical_kind

# ---------------------------------------------------------------- term + verb (G111)

#: The standard verbs of each shorthand, first one used as the fix (catalogue G07; [S25]).
TERM_VERBS: dict[str, tuple[str, ...]] = {
    "四个意识": ("增强", "树牢", "牢固树立", "树立", "强化"),
    "四个自信": ("坚定",),
    "两个维护": ("做到", "坚决做到", "践行"),
    "两个确立": ("深刻领悟", "领悟", "捍卫", "拥护", "坚决拥护"),
}
#: The three verbs of the fixed triple 增强“四个意识”、坚定“四个自信”、做到“两个维护”, which
#: writers swap. Only these are judged, so any other verb (树立, 强化, 自觉 ...) stays silent.
_CONFUSABLE_VERBS = ("坚决做到", "增强", "坚定", "做到")
_CLOSING = {"“": "”", '"': '"', "「": "」", "": ""}


def _close(quote: str) -> str:
    """The closing mark of an opening quote (or nothing)."""
    return _CLOSING.get(quote, "")


_TERM_VERB = lazy(re.compile,
    r"(?P<verb>" + "|".join(_CONFUSABLE_VERBS) + r")(?P<q>[“\"「]?)(?P<term>" + "|".join(TERM_VERBS) + r")"
)


@rule(
    "G111",
    "term-verb",
    "A numbered shorthand with another shorthand's verb (坚定“四个意识”, 增强“四个自信”)",
    severity="warning",
    fixable="unsafe",
    source="Constitution of the Communist Party of China, General Program (as amended 2017 and 2022): 增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    explanation=(
        "The fixed collocations are 增强 (树牢, 牢固树立) “四个意识”, 坚定 “四个自信”, "
        "做到 (坚决做到) “两个维护” and 深刻领悟 “两个确立”. The rule reports a verb of one "
        "shorthand written directly before another; other verbs are not judged."
    ),
    bad=[
        ("坚定“四个意识”、增强“四个自信”", "增强“四个意识”、坚定“四个自信”"),
        ("坚决做到“四个自信”", "坚定“四个自信”"),
        ("增强“两个维护”", "做到“两个维护”"),
    ],
    good=["增强“四个意识”、坚定“四个自信”、做到“两个维护”", "树牢“四个意识”", "深刻领悟“两个确立”的决定性意义"],
)
def term_verb(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag a shorthand preceded directly by a verb that belongs to another shorthand."""
    text = doc.text
    for m in _term_verbs(text, _words(ctx)):
        verb, term = m.group("verb"), m.group("term")
        allowed = TERM_VERBS[term]
        if verb in allowed:
            continue
        good = allowed[0]
        yield self.finding(
            m.start("verb"), m.end("verb"),
            f"{verb}{m.group('q')}{term}{_close(m.group('q'))}搭配不当，应为{good}{m.group('q')}{term}{_close(m.group('q'))}", good,
        )


def _term_verbs(text: str, words: list[tuple[int, int, tuple[str, str]]]) -> Iterator[re.Match[str]]:
    """``_TERM_VERB.finditer(text)``, searched only in the few characters before each shorthand.

    Every match ends with a shorthand and starts at most 5 characters before it (坚决做到“).
    Verbs, quotes and shorthands share no character, so matches never overlap a shorthand other
    than their own, and searching from ``max(end of the last match, start - 5)`` to the
    shorthand's end finds what finditer finds there.
    """
    search = _TERM_VERB.search
    last = 0
    for s, e, (kind, _) in words:
        if kind != "term":
            continue
        m = search(text, max(last, s - 5), e)
        if m is not None:
            last = m.end()
            yield m


# ---------------------------------------------------------------- fixed lists (G112)

@dataclass(frozen=True)
class FixedList:
    """A numbered formula's members in their fixed order, and how a run of them is found."""

    label: str
    members: tuple[str, ...]
    sep: str = r"(?:以及|、|，|和|与|及)"
    #: Judge a run only when the label is right before it (or, with ``after``, right after it):
    #: for short members (创新、协调) that also make lists of their own.
    needs_label: bool = False
    after: tuple[str, ...] = ()
    #: The year the formula was fixed: a report about an earlier year is not held to it (a 2004 text
    #: that names 官僚主义、形式主义 predates the 2013 “四风”).
    since: int = 0

    def pattern(self) -> re.Pattern[str]:
        """A run of two or more members joined by the separators."""
        alt = "|".join(self.members)
        return re.compile(rf"(?:{alt})(?:{self.sep}(?:{alt})){{1,{len(self.members) - 1}}}")


#: The fixed lists (catalogue G03, G04, G10, G11).
FIXED_LISTS: tuple[FixedList, ...] = (
    # 四个意识: the Politburo meeting of January 2016; 四个自信: 文化自信 joined in July 2016; 四风: the
    # mass-line campaign of 2013; 新发展理念: the Fifth Plenum of October 2015.
    FixedList("四个意识", ("政治意识", "大局意识", "核心意识", "看齐意识"), since=2016),
    FixedList("四个自信", ("道路自信", "理论自信", "制度自信", "文化自信"), since=2016),
    FixedList("四风", ("形式主义", "官僚主义", "享乐主义", "奢靡之风"), since=2013),
    FixedList("新发展理念", ("创新", "协调", "绿色", "开放", "共享"), sep="、", needs_label=True,
              after=("的新发展理念", "新发展理念", "的发展理念", "发展理念"), since=2015),
)
_LIST_PATTERNS = {fl.label: fl.pattern() for fl in FIXED_LISTS}
# The label, quoted or not, followed by a short introducer, right before a run: “四个意识”即……
_INTRO = lazy(re.compile, r"[”\"」]?(?:即|是|就是|：|:|（|\()?$")


def _labelled(text: str, start: int, end: int, fl: FixedList) -> bool:
    """True if the run directly follows its label (“四个意识”即 / （ / ：) or precedes one of ``after``."""
    before = text[max(0, start - len(fl.label) - 4):start]
    i = before.rfind(fl.label)
    if i != -1 and _INTRO.match(before, i + len(fl.label)) is not None:
        return True
    return any(text.startswith(a, end) for a in fl.after)


@rule(
    "G112",
    "fixed-list-order",
    "The members of “四个意识”, “四个自信”, “四风” or 新发展理念 out of their fixed order, or one missing",
    severity="warning",
    fixable="unsafe",
    source="Constitution of the Communist Party of China, General Program (as amended 2017 and 2022) (四个意识, 四个自信, the new development philosophy); the 2013 Opinions on the mass-line campaign (四风)",
    explanation=(
        "“四个意识” is 政治意识、大局意识、核心意识、看齐意识; “四个自信” is 道路自信、理论自信、"
        "制度自信、文化自信; “四风” is 形式主义、官僚主义、享乐主义和奢靡之风, in that order. "
        "新发展理念 is 创新、协调、绿色、开放、共享, judged only next to its name. "
        "A run of three or more members (or two right after the label) must keep the order; a "
        "run right after its label (“四个自信”即……) must list them all. Each formula is checked "
        "only in reports about its year or later (四风 2013, 新发展理念 2015, 四个意识 and 四个自信 "
        "2016), by the report year configured or read from the title."
    ),
    bad=[
        ("核心意识、看齐意识、大局意识和政治意识", "政治意识、大局意识、核心意识和看齐意识"),
        "“四个自信”即道路自信、理论自信、制度自信",
        ("反对形式主义、享乐主义、官僚主义和奢靡之风", "反对形式主义、官僚主义、享乐主义和奢靡之风"),
        ("贯彻协调、创新、绿色、开放、共享的新发展理念", "贯彻创新、协调、绿色、开放、共享的新发展理念"),
    ],
    good=[
        "政治意识、大局意识、核心意识、看齐意识",
        "“四风”问题，特别是形式主义、官僚主义",
        "坚定道路自信、理论自信、制度自信、文化自信",
        "享乐主义和奢靡之风",
        "坚持开放、创新、包容的原则",
        "贯彻创新、协调、绿色、开放、共享的新发展理念",
    ],
)
def fixed_list_order(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag member runs out of the fixed order, and labelled runs missing a member."""
    text = doc.text
    members: dict[str, list[tuple[int, int]]] = {}
    for s, e, (kind, label) in _words(ctx):
        if kind == "member":
            members.setdefault(label, []).append((s, e))
    if not members:
        return
    year = ctx.report_year
    for fl in FIXED_LISTS:
        if year is not None and year < fl.since:
            continue  # the report predates the formula
        for lo, hi in _clusters(members.get(fl.label, [])):
            for m in _LIST_PATTERNS[fl.label].finditer(text, lo, hi):
                yield from _check_run(self, text, m, fl)


def _clusters(members: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of two or more of one list's ``members`` (occurrences), each at most 2 characters after the last.

    A run is members joined by separators of 1 or 2 characters, so each run lies inside one
    cluster; the list pattern finds in a cluster's span exactly the runs finditer finds there
    over the whole text (it has no lookaround, and no member ends past the cluster).
    """
    if len(members) < 2:
        return
    spans = sorted(members)
    lo, hi, count = -9, -9, 0
    for s, e in spans:
        if s - hi <= 2:
            hi, count = max(hi, e), count + 1
            continue
        if count >= 2:
            yield lo, hi
        lo, hi, count = s, e, 1
    if count >= 2:
        yield lo, hi


def _check_run(self: Rule, text: str, m: re.Match[str], fl: FixedList) -> Iterator[Finding]:
    """Findings for one run of members: order (with a fix), then completeness."""
    members, label = fl.members, fl.label
    alt = "|".join(members)
    items = re.findall(alt, m.group())
    labelled = _labelled(text, m.start(), m.end(), fl)
    if fl.needs_label and not labelled:
        return
    order = [members.index(x) for x in items]
    if (len(items) >= 3 or labelled) and order != sorted(set(order)):
        fixed = m.group()
        spans = [(x.start(), x.end()) for x in re.finditer(alt, fixed)]
        wanted = [members[i] for i in sorted(set(order))]
        fix: str | None = None
        if len(wanted) == len(spans):
            for (s, e), new in reversed(list(zip(spans, wanted, strict=True))):
                fixed = fixed[:s] + new + fixed[e:]
            fix = fixed
        yield self.finding(m.start(), m.end(), f"“{label}”的表述顺序应为{'、'.join(members)}", fix)
    elif labelled and len(set(items)) < len(members):
        missing = "、".join(x for x in members if x not in items)
        yield self.finding(m.start(), m.end(), f"“{label}”缺少“{missing}”，应为{'、'.join(members)}")


# ---------------------------------------------------------------- quotes (G113)

# The four shorthands official text always quotes; others (一岗双责, 三会一课) are often written
# bare in real reports, so they are left alone.
# `regex`, not re: with the lookbehind first, re tries every offset (4x slower here).
_BARE_SHORTHAND = lazy(regex.compile, r"(?<![“\"「『‘'])(?:四个意识|四个自信|两个维护|两个确立)(?![”\"」』’'])")
_OPENERS = frozenset("“\"「『‘'")
_CLOSERS = frozenset("”\"」』’'")


@rule(
    "G113",
    "shorthand-quotes",
    "“四个意识” “四个自信” “两个维护” “两个确立” written without quotation marks",
    severity="info",
    fixable="safe",
    source="The usage of central documents, which always quote these shorthands",
    explanation=(
        "Numbered shorthands of fixed political formulas are quoted: 增强“四个意识”, 做到“两个维护”. "
        "Only the four shorthands that official text always quotes are checked; the headword of a "
        "glossary entry (43.两个维护：……) names the term and is left bare like the other headwords."
    ),
    bad=[("增强四个意识、坚定四个自信", "增强“四个意识”、坚定“四个自信”"), ("坚决做到两个维护：", "坚决做到“两个维护”：")],
    good=["增强“四个意识”", "‘两个维护’", "“四个自信”“两个确立”", "名词解释\n43.两个维护：坚决维护习近平总书记党中央的核心",
          "四个自信：道路自信、理论自信、制度自信、文化自信"],
)
def shorthand_quotes(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag a bare 四个意识/四个自信/两个维护/两个确立 and wrap it in quotes."""
    text = doc.text
    for s, e, term in _bare_shorthands(text, _words(ctx)):
        if _HEADWORD_BEFORE.search(text, max(0, s - 12), s) and _HEADWORD_AFTER.match(text, e):
            continue  # 43.两个维护：坚决维护……: the headword of a glossary entry (名词解释) names the term itself
        yield self.finding(s, e, f"“{term}”应加引号", f"“{term}”")


# A glossary entry: the term at the start of a paragraph, after at most a list marker (43. （1） [^17]:),
# then a colon: the headword is the entry's name, written bare like every other headword there.
_HEADWORD_BEFORE = lazy(re.compile, r"(?:^|\n)[ \t\u3000]*(?:\[\^?\d{1,3}\][:：]?|[（(]?\d{1,3}[.．、)）]?)?[ \t\u3000]*$")
_HEADWORD_AFTER = lazy(re.compile, r"[ \t\u3000]*[：:]")


def _bare_shorthands(text: str, words: list[tuple[int, int, tuple[str, str]]]) -> Iterator[tuple[int, int, str]]:
    """The matches of ``_BARE_SHORTHAND``: each shorthand (no two can overlap) with no opening mark
    right before it and no closing mark right after it."""
    for s, e, (kind, term) in words:
        if kind == "term" and (s == 0 or text[s - 1] not in _OPENERS) and text[e:e + 1] not in _CLOSERS:
            yield s, e, term


# ---------------------------------------------------------------- one scan for G111-G113

#: The shorthands (G111, G113) and the members of the fixed lists (G112): every match of those
#: rules' patterns holds one, so one automaton pass tells each rule where to look. The pass is
#: the canonical rules' own (SHARED_WORDS) when they run; _WORDS scans when they do not.
_WORD_LIST: dict[str, Any] = {
    **{term: ("term", term) for term in TERM_VERBS},
    **{member: ("member", fl.label) for fl in FIXED_LISTS for member in fl.members},
}
_WORDS = LiteralMatcher(_WORD_LIST)
_WORDS_KEY = "political-words"
SHARED_WORDS[_WORDS_KEY] = _WORD_LIST


def _words(ctx: Context) -> list[tuple[int, int, tuple[str, str]]]:
    """(start, end, (kind, name)) of every shorthand and list member, by end offset (shared in the family)."""
    return ctx.memo(_WORDS_KEY, lambda d: _WORDS.hits(d.text, document_low_bytes(ctx)))


RULES = [term_verb, fixed_list_order, shorthand_quotes]


@hookimpl
def reportlint_add_rule_kinds() -> Mapping[str, Any]:
    return {"canonical": canonical_kind}


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return RULES


@hookimpl
def reportlint_add_packs() -> Iterable[Path]:
    """G101-G107: the exact formulas (kind ``canonical``), in political.toml."""
    return [Path(__file__).with_name("political.toml")]
