"""Built-in plugin, family D: dates that cannot be right, and how dates are written.

The extractor (``extract``) finds every date form used in 公文; ``context`` works out the
report period, the signing date and the year of a bare 3月21日; ``rules`` holds D101–D114.
The plugin also tells every family the year a report covers when config does not
(``reportlint_report_year``: the year its title names).
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlint import Config, Document, Rule, hookimpl
from reportlint.plugin import Context
from reportlint_dates import rules
from reportlint_dates.context import title_year


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    return rules.RULES


@hookimpl
def reportlint_report_year(document: Document, context: Context) -> int | None:
    return title_year(document)
