"""Built-in plugin, family D: dates that cannot be right, and how dates are written.

The extractor (``extract``) finds every date form used in 公文; ``context`` works out the
report period, the signing date and the year of a bare 3月21日; ``rules`` holds D101–D112.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Rule, hookimpl
from reportlint_dates.rules import ALL_RULES


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return list(ALL_RULES)
