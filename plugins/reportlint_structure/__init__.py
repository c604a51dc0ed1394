"""Built-in plugin, family S: headings, numbering, sequence words, required parts, title.

Rules: S101-S105 heading hierarchy (GB/T 9704-2012 7.3.3), S111-S113 sequence words,
S201-S203 required parts per profile (pack kind ``required``, data in profiles.toml beside this
module), S301-S303 the title and a request hidden in a report, S401 document numbers (发文字号).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reportlint import Config, Rule, hookimpl
from reportlint_structure import docno, headings, profiles, sequence, title


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    """The Python rules of family S (S201-S203 come from the pack profiles.toml)."""
    return [*headings.RULES, *sequence.RULES, *title.RULES, *docno.RULES]


@hookimpl
def reportlint_add_rule_kinds() -> Mapping[str, Any]:
    """The pack kind ``required``: a profile's required parts."""
    return {"required": profiles.required_kind}


@hookimpl
def reportlint_add_packs() -> Iterable[Path]:
    """S201-S203: the required parts of each profile (kind ``required``), in profiles.toml."""
    return [Path(__file__).with_name("profiles.toml")]
