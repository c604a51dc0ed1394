"""Resolving --select/--ignore selectors (codes, prefixes, names, ALL) to a set of rules."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import replace

from reportlint.errors import ConfigError
from reportlint.i18n import gettext
from reportlint.rules import Finding, Rule, Severity


def matches(selector: str, rule: Rule) -> bool:
    """A selector names a rule by code, code prefix (P, P1), name, or ALL."""
    return selector == "ALL" or rule.code.startswith(selector) or selector == rule.name


def check_selectors(selectors: Iterable[str], rules: Mapping[str, Rule], where: str) -> None:
    """Every selector must name at least one known rule (a typo should not silently select nothing)."""
    for sel in selectors:
        if not any(matches(sel, r) for r in rules.values()):
            raise ConfigError(f"{where}: " + gettext("unknown rule selector {selector!r} (see `reportlint rules`)").format(selector=sel))


def select_rules(
    rules: Mapping[str, Rule],
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Rule]:
    """Defaults (or ``select``) plus ``extend_select``, minus ``ignore``, in code order."""
    select = list(select) if select is not None else None
    extend_select = list(extend_select)
    ignore = list(ignore)
    out = []
    for code in sorted(rules):
        rule = rules[code]
        on = rule.default if select is None else any(matches(s, rule) for s in select)
        if not on and any(matches(s, rule) for s in extend_select):
            on = True
        if on and any(matches(s, rule) for s in ignore):
            on = False
        if on:
            out.append(rule)
    return out


def per_file_ignored(rel_path: str, per_file_ignores: Iterable[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Selectors ignored for a file, from globs matched against its path relative to the config."""
    name = rel_path.rsplit("/", 1)[-1]
    out: list[str] = []
    for pattern, selectors in per_file_ignores:
        if fnmatch.fnmatchcase(rel_path, pattern) or fnmatch.fnmatchcase(name, pattern):
            out.extend(selectors)
    return out


def override_severity(findings: Iterable[Finding], table: Iterable[tuple[str, str]]) -> list[Finding]:
    """Findings with the severity config gives their rule; the most specific selector wins (P101 over P1 over P)."""
    entries = sorted(table, key=lambda kv: (kv[0] != "ALL", len(kv[0])), reverse=True)
    out = []
    for f in findings:
        for sel, sev in entries:
            if sel == "ALL" or f.code.startswith(sel) or sel == f.name:
                if sev != f.severity.value:
                    f = replace(f, severity=Severity(sev))
                break
        out.append(f)
    return out
