"""T201: the statistical typo detector (detector/), off by default.

The detector reads ``data/typo-model.bin`` (character 1-5-gram counts of 1,345 official reports,
confusion sets, jieba word frequencies, 公文 terms, a gazetteer and gradient-boosted trees; built by
scripts/build_typo_model.py from ../shared/data, see data/README.md). numpy and the model are
loaded the first time T201 checks a text, never at start-up: a run that does not select T201
imports neither.

It is off by default: on the 400 clean reports of ../shared/data it gave 90 findings, 21 real typos,
11 variant forms or matters of style and 58 false alarms (names, abbreviations, rare idioms, words
the model has not seen; bench/typos-review.md judges each), not the precision a default rule needs. ``--extend-select T201`` (or ``extend-select = ["T201"]`` in
the config) adds it to the default rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from reportlint.plugin import Document, Finding, Rule, rule

from . import variants

MODEL = Path(__file__).parent / "data" / "typo-model.bin"


@cache
def model() -> Any:
    """The detector's model, read on first use (numpy is imported here, not at start-up)."""
    from .detector.model import load

    return load(MODEL)


def hits(text: str) -> list[Any]:
    """The detector's hits on ``text`` (detector.detect.Hit: start, end, suggestion, probability)."""
    if len(text) < 2:  # nothing to judge a character by: no numpy, no model
        return []
    from .detector.detect import detect

    return detect(model(), text)


def variant_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, right form) of T108's variant forms in ``text``."""
    return [(a, b, v.right) for a, b, v in variants._matcher().hits(text) if len(v.right) == b - a]


@rule(
    "T201",
    "statistical-typo",
    "A character that the statistical language model finds improbable, with a likelier one of the same sound or shape",
    severity="warning",
    default=False,
    fixable="unsafe",
    source=(
        "A character 1-5-gram model of 1,345 official reports (../shared/data/train-reports), confusion sets of "
        "pypinyin readings, ECSpell and pycorrector, jieba word frequencies, ECSpell's official-document terms; "
        "gradient-boosted trees trained on injected and real (ECSpell) typos (scripts/build_typo_model.py)"
    ),
    explanation=(
        "Where a character makes text the model of official prose has never seen, and a character of the same or a "
        "similar sound or shape makes it common, a classifier trained on typos injected into reports and on the "
        "real typos of the ECSpell sentences weighs the evidence; quoted text and 《titles》, names set apart by a space, place abbreviations and a document's own "
        "recurring words are left alone, and so are the variant forms T108 judges by the report's year. The suggestion is an unsafe fix: check it. The rule is off by default: on "
        "the 400 clean government reports of the project's corpus (7.2M characters) it gave 90 findings, 21 real "
        "typos, 11 variant forms or matters of style and 58 false alarms (names, abbreviations, rare idioms, "
        "words the model has not seen), too many for a default rule. Add it to the default rules with "
        "--extend-select T201 (or extend-select = [\"T201\"] in the configuration); --select T201 runs it alone."
    ),
    bad=[
        ("全面惯彻落实党的二十大精神，扎实推进各项工作。", "全面贯彻落实党的二十大精神，扎实推进各项工作。"),
        ("认真落实安全生产责任制，严历打击各类违法行为。", "认真落实安全生产责任制，严厉打击各类违法行为。"),
    ],
    good=[
        "全面贯彻落实党的二十大精神，扎实推进各项工作。",
        "认真落实安全生产责任制，严厉打击各类违法行为。",
        "驻甬部队和武警官兵大力支持地方建设。",
    ],
)
def statistical_typo(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag each character (or pair) the detector would replace, its suggestion as the fix."""
    text = doc.text
    found = hits(text)
    norm = variant_spans(text) if found else []
    for h in found:
        if any(a <= h.start and h.end <= b and right[h.start - a:h.end - a] == h.suggestion for a, b, right in norm):
            continue  # a variant form a dated norm replaced (帐户): T108 judges it by the report's year
        old = text[h.start:h.end]
        yield self.finding(h.start, h.end, f"疑为错字：“{old}”应为“{h.suggestion}”", h.suggestion)


RULES = [statistical_typo]
