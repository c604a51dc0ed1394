"""Built-in plugin, family P: punctuation (GB/T 15834-2011 《标点符号用法》)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl

from .halfwidth import halfwidth_punctuation
from .marks import (
    dash_form,
    dunhao_before_conjunction,
    dunhao_before_deng,
    dunhao_between_quoted,
    ellipsis_form,
    ellipsis_with_deng,
    interpunct_form,
    range_mark,
)
from .pairs import (
    ascii_quotes,
    book_title_for_non_work,
    mixed_width_pair,
    nested_book_title,
    nested_double_quotes,
    unbalanced_pair,
)
from .points import doubled_punctuation, paragraph_starts_with_point, stacked_question_exclamation
from .spacing import space_around_punctuation, space_between_han

RULES: tuple[Rule, ...] = (
    doubled_punctuation,
    stacked_question_exclamation,
    space_around_punctuation,
    space_between_han,
    halfwidth_punctuation,
    unbalanced_pair,
    mixed_width_pair,
    nested_book_title,
    nested_double_quotes,
    ascii_quotes,
    ellipsis_form,
    ellipsis_with_deng,
    dash_form,
    range_mark,
    interpunct_form,
    dunhao_before_deng,
    dunhao_between_quoted,
    paragraph_starts_with_point,
    dunhao_before_conjunction,
    book_title_for_non_work,
)


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return list(RULES)
