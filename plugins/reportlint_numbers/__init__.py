"""Built-in plugin, family N: numbers (GB/T 15835-2011 《出版物上数字用法》)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl

from .forms import (
    fullwidth_alphanumeric,
    fullwidth_thousands_separator,
    period_as_decimal_point,
    zero_glyph,
    zero_in_quantity,
)
from .terms import (
    approximate_with_dunhao,
    arabic_congress_ordinal,
    arabic_weekday,
    range_drops_magnitude,
    unquoted_plan_shorthand,
)

RULES: tuple[Rule, ...] = (
    fullwidth_alphanumeric,
    zero_glyph,
    zero_in_quantity,
    range_drops_magnitude,
    period_as_decimal_point,
    arabic_congress_ordinal,
    unquoted_plan_shorthand,
    arabic_weekday,
    approximate_with_dunhao,
    fullwidth_thousands_separator,
)


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return list(RULES)
