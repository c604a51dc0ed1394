"""Built-in plugin, family M: markup and leftovers that must never reach a reader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from reportlint import Config, Document, Finding, Rule, hookimpl, rule
from reportlint.plugin import lazy

# ``##paidbegin##``-style markers: two or more # around a name (a Latin letter or Han first, then
# letters, digits, Han, _ or -) and as many # again, paired or not. Paid-content and CMS templates
# leave them when text is pasted out of a web page. Not after a letter or digit (C##, 第2##).
# A chain of markers (##paidbegin####paidend##) is matched as one run and reported marker by
# marker. The run starts only where no # precedes and the # runs are possessive, so a long run of
# # is scanned once instead of once per starting offset (quadratic).
_MARKER = lazy(regex.compile,
    r"(?<![A-Za-z0-9#])(?:(?P<mk>(?P<h>#{2,}+)[A-Za-z\p{Han}][A-Za-z0-9_\-\p{Han}]{0,40}(?P=h)))+"
)


@rule(
    "M101",
    "stray-marker",
    "A template marker such as ##paidbegin## left in the text",
    fixable="safe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Web pages and CMS templates wrap content in markers such as ##paidbegin## and "
        "##paidend##; copied into a report they reach the reader. The fix deletes the "
        "marker and nothing else."
    ),
    bad=[("要##paidbegin##求全市", "要求全市"), ("##paidend##", ""), ("##正文开始##推进", "推进")],
    good=["第##号", "C## 语言", "#标签#", "C##和C##"],
)
def stray_marker(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag each ##name## marker; the fix deletes the marker only."""
    text = doc.text
    if "#" not in text:  # prefilter: a marker needs #, one C scan
        return
    for m in _MARKER.finditer(text):
        for start, end in m.spans("mk"):
            yield self.finding(start, end, f"模板标记“{text[start:end]}”残留，应删除", "")


RULES = [stray_marker]


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    """Family M: markers, markup, invisible and broken characters, placeholders, review residue."""
    from reportlint_markup import chars, leftovers, markup

    return [*RULES, *markup.RULES, *chars.RULES, *leftovers.RULES]
