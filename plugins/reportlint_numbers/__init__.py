"""Built-in plugin, family N: numbers (GB/T 15835-2011 《出版物上数字用法》)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl

from . import forms, terms


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return [*forms.RULES, *terms.RULES]
