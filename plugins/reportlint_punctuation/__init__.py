"""Built-in plugin, family P: punctuation (GB/T 15834-2011 《标点符号用法》)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl

from . import halfwidth, marks, pairs, points, spacing


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return [*points.RULES, *spacing.RULES, *halfwidth.RULES, *pairs.RULES, *marks.RULES]
