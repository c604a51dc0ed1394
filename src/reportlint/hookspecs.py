"""Every hook a reportlint plugin may implement, documented; nothing else.

A plugin is a module (or object) with functions marked ``@reportlint.hookimpl`` named like the
specs below; it may implement any subset, and each implementation may take any subset of the
spec's parameters (pluggy passes them by name). It is found through the ``reportlint``
entry-point group, or named in config under ``plugins``. The built-in plugins are registered
the same way. Types a plugin meets are in :mod:`reportlint.plugin`.

The data flow, and where each hook acts::

    path ─ reportlint_read_document ─▶ Document ─▶ Context (config, report year: reportlint_report_year)
        ─▶ every selected Rule (reportlint_add_rules, packs: reportlint_add_packs + reportlint_add_rule_kinds)
        ─▶ findings ─ reportlint_skip_spans, reportlint_filter_finding, accept, suppressions ─▶ output
           (reportlint_add_formats)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import pluggy

if TYPE_CHECKING:
    from reportlint.config import Config
    from reportlint.context import Context
    from reportlint.document import Document
    from reportlint.engine import LintResult
    from reportlint.formats import FormatContext
    from reportlint.packs import PackContext
    from reportlint.rules import Finding, Rule

hookspec = pluggy.HookspecMarker("reportlint")


class RuleKind(Protocol):
    """A declarative kind: builds a Rule from one ``[[rules]]`` table of a TOML pack."""

    def __call__(self, entry: Mapping[str, Any], pack: PackContext) -> Rule:
        """``entry``: the table as parsed (keys as written); ``pack``: where it comes from, with
        :meth:`PackContext.error` for a clear PackError. Validate every key (``rule_fields`` does the
        common ones), compile here, and return the Rule."""
        ...


class Formatter(Protocol):
    """An output format: writes the results of a run to a text stream."""

    def __call__(self, results: Sequence[LintResult], out: TextIO, context: FormatContext) -> None:
        """``results``: one LintResult per file, in the order given (findings located and sorted,
        problems for files that failed); ``out``: where to write; ``context``: the rules by code and
        the output options (statistics, quiet …)."""
        ...


@hookspec
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    """Return the plugin's rules. The only way Python rules enter the engine.

    :param config: the config the rules are collected for (a plugin may read its own table in
        ``config.extra``); called once per distinct config, so compile here, not per file.
    :return: Rules (the ``rule`` decorator makes them); each code defined once across all plugins.
    """


@hookspec
def reportlint_add_packs() -> Iterable[Path]:
    """Return the TOML rule packs the plugin ships (files inside its own package).

    :return: paths of pack files; the core loads them with every known kind. The built-ins' pack
        examples are run by the test suite rather than at every start; a third party's at load.
    """


@hookspec
def reportlint_add_rule_kinds() -> Mapping[str, RuleKind]:
    """Return declarative kinds usable from TOML packs.

    :return: ``{kind name: factory}``; a factory raises ``PackError`` (``pack.error(entry, ...)``)
        with a clear message on bad input.
    """


@hookspec(firstresult=True)
def reportlint_read_document(path: str, data: bytes) -> Document | None:
    """Turn a file's bytes into a Document, or return None if the file is not this plugin's format.

    :param path: the path as the user named it (its suffix says the format; ``-`` for stdin goes
        by ``--stdin-filename``).
    :param data: the whole file.
    :return: a Document whose ``text`` is exactly what was decoded (offsets index into it), or None.
        Raise ``InputError`` (one line: what is wrong) for a file of this format that cannot be read.
    """


@hookspec
def reportlint_add_formats() -> Mapping[str, Formatter]:
    """Return output formats for ``--format``.

    :return: ``{format name: formatter}``.
    """


@hookspec
def reportlint_skip_spans(document: Document) -> Iterable[tuple[int, int]]:
    """Return character spans no rule reports in (quoted law text, code in Markdown).

    :param document: the document being checked.
    :return: ``(start, end)`` character offsets; a finding overlapping one is dropped. A hook
        that raises is a problem of this file only (exit 2), the check goes on without its spans.
    """


@hookspec(firstresult=True)
def reportlint_report_year(document: Document, context: Context) -> int | None:
    """Return the year ``document`` reports on, read from its text, or None if it does not say.

    :param document: the document being checked.
    :param context: the check's context (its ``config.report_year`` is unset when this is called).
    :return: a year, or None to let the next plugin try. Called at most once per check, and only
        when a rule asks for ``context.report_year``. The dates family implements it (the year the
        title names).
    """


@hookspec(firstresult=True)
def reportlint_filter_finding(finding: Finding, document: Document, config: Config) -> bool | None:
    """Decide whether to drop a finding (allow-lists, suppressions).

    :param finding: a finding a rule reported (not yet located: ``line``/``column`` are 0).
    :param document: the document it is in.
    :param config: the config governing the file.
    :return: True to drop it; None to leave the decision to other plugins (kept if none drops it).
    """


@hookspec
def reportlint_config_keys() -> Mapping[str, str]:
    """Declare the config keys (usually one table) the plugin reads.

    :return: ``{key: one-line description}``; a key declared by neither the core nor a plugin is a
        config error naming the key and the file.
    """


@hookspec(historic=True)
def reportlint_configure(config: Config) -> None:
    """Read the plugin's own config (``config.extra[key]``); called for every config loaded, and
    again for a plugin registered later (historic).

    :param config: a loaded, validated config.
    """
