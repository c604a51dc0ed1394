"""Built-in plugin, family N: numbers (GB/T 15835-2011 《出版物上数字用法》)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl

from .forms import (
    fullwidth_alphanumeric,
    fullwidth_thousands_separator,
    period_as_decimal_point,
    year_mixed_numerals,
    zero_glyph,
    zero_in_quantity,
)
from .terms import (
    approximate_with_dunhao,
    arabic_congress_ordinal,
    arabic_weekday,
    arabic_with_qian_bai,
    decrease_by_times,
    range_drops_magnitude,
    twelve_hour_word_with_24h_time,
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
    arabic_with_qian_bai,
    fullwidth_thousands_separator,
    decrease_by_times,
    twelve_hour_word_with_24h_time,
    year_mixed_numerals,
)


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return list(RULES)
