"""Every hook a reportlint plugin may implement, documented; nothing else.

A plugin is a module (or object) with functions marked ``@reportlint.hookimpl``
named like the specs below. It is found through the ``reportlint`` entry-point
group, or named in config under ``plugins``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from reportlint.config import Config
    from reportlint.context import Context
    from reportlint.document import Document
    from reportlint.rules import Finding, Rule

hookspec = pluggy.HookspecMarker("reportlint")


@hookspec
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    """Return the plugin's rules. The only way rules enter the engine.

    Called once per distinct config; rules are compiled here, not per file.
    """


@hookspec
def reportlint_add_packs() -> Iterable[Path]:
    """Return paths of TOML rule packs the plugin ships; the core loads them with every known kind."""


@hookspec
def reportlint_add_rule_kinds() -> Mapping[str, Any]:
    """Return declarative kinds usable from TOML packs: ``{kind: factory}``.

    ``factory(entry: dict, pack: PackContext) -> Rule`` builds a rule from one
    ``[[rules]]`` table and raises ``PackError`` with a clear message on bad input.
    """


@hookspec(firstresult=True)
def reportlint_read_document(path: str, data: bytes) -> Document | None:
    """Turn a file's bytes into a Document, or return None if not this plugin's format.

    Raise ``InputError`` for a file of this format that cannot be read.
    """


@hookspec
def reportlint_add_formats() -> Mapping[str, Any]:
    """Return output formats for ``--format``: ``{name: callable(results, out, context)}``."""


@hookspec
def reportlint_skip_spans(document: Document) -> Iterable[tuple[int, int]]:
    """Return character spans no rule reports in (quoted law text, code in Markdown)."""


@hookspec(firstresult=True)
def reportlint_report_year(document: Document, context: Context) -> int | None:
    """Return the year ``document`` reports on, read from its text, or None if it does not say.

    Called at most once per check, and only when config sets no ``report-year`` and a rule asks
    for ``context.report_year``. The dates family implements it (the year its title names).
    """


@hookspec(firstresult=True)
def reportlint_filter_finding(finding: Finding, document: Document, config: Config) -> bool | None:
    """Return True to drop a finding (allow-lists, suppressions); None to keep deciding."""


@hookspec
def reportlint_config_keys() -> Mapping[str, str]:
    """Return the config keys (usually one table) the plugin reads: ``{key: description}``.

    Keys not declared by the core or by a plugin are a config error.
    """


@hookspec(historic=True)
def reportlint_configure(config: Config) -> None:
    """Read the plugin's own config; called for every config loaded, and for late plugins."""
