"""Built-in plugin reportlint_punctuation (being written; see its issue)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return []
