"""T202: misused words kept by corpus evidence, matched on word boundaries.

misused.tsv is built by scripts/build_misused.py from the misused-word lists of
../shared/data: a pair stays when its wrong form never occurs in 22M characters of
official reports while its right form does, and the wrong form is not a dictionary word.
A hit counts only where it sits on word boundaries: no dictionary word may cross its
edges (亲自起草 holds 自起 across 亲自 + 起草; 增长其 holds 长其 across 增长).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from reportlint.plugin import Context, Document, Finding, LiteralMatcher, Rule, document_low_bytes, rule

from .words import LONGEST, crossing

TSV = Path(__file__).with_name("misused.tsv")


def read(path: Path = TSV) -> dict[str, str]:
    """wrong -> right of every line ``wrong<TAB>right<TAB>count``."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            wrong, right, _ = line.split("\t")
            out[wrong] = right
    return out


@cache
def _matcher() -> LiteralMatcher:
    return LiteralMatcher(read())


def on_boundaries(text: str, start: int, end: int) -> bool:
    """True if no dictionary word crosses ``start`` or ``end``: none begins before the span and ends
    inside it, none begins inside it and ends after (a word holding the whole span is no objection)."""
    return not (crossing(text, start, start - LONGEST, end - 1) or crossing(text, end, start + 1, end + LONGEST))


@rule(
    "T202",
    "misused-word",
    "A misused word from word lists, kept where the reports never use it and use its correction",
    severity="warning",
    fixable="unsafe",
    source=(
        "Misused-word lists (ECSpell, pycorrector, macro-correct) filtered by the 22M characters of "
        "official reports in ../shared/data (scripts/build_misused.py)"
    ),
    explanation=(
        "Word lists of common misspellings hold many pairs that are not errors in official prose, or "
        "whose wrong form is a real word elsewhere. This dictionary keeps a pair only on evidence: the "
        "wrong form never occurs in the training reports, the right form does, the wrong form is not a "
        "dictionary word, and both have the same length. A match counts only on word boundaries, so a "
        "wrong form made of the end of one word and the start of the next (亲自起草) is not reported. "
        "The fix is a suggestion (unsafe)."
    ),
    bad=[("党中央的战略部暑", "党中央的战略部署"), ("坚持不榭地推进", "坚持不懈地推进"), ("发扬光大，砥砺前行，防患未燃", "发扬光大，砥砺前行，防患未然")],
    good=["亲自起草文件", "战略部署", "经济增长其他指标", "最近去过"],
)
def misused_word(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag the evidence dictionary's wrong forms that sit on word boundaries."""
    text = doc.text
    last_end = -1
    for start, end, right in sorted(_matcher().hits(text, document_low_bytes(ctx)), key=lambda h: (h[0], -h[1])):
        if start < last_end or not on_boundaries(text, start, end):
            continue
        last_end = end
        yield self.finding(start, end, f"疑为误用词：“{text[start:end]}”应为“{right}”", right)


RULES = [misused_word]
