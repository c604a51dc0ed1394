"""The Python API: Linter (config discovery, rule sets, reading, checking, fixing), lint_text, lint_path.

The CLI is a thin layer over :class:`Linter`; programs may use it the same way.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any

from reportlint.config import Config, _strings, find_config_file, parse_config, read_config_table
from reportlint.context import Context
from reportlint.document import Document
from reportlint.engine import LintResult, Problem, lint
from reportlint.errors import ConfigError, InputError, PluginError, ReportlintError
from reportlint.fixes import MAX_FIX_PASSES, apply_fixes
from reportlint.i18n import gettext
from reportlint.packs import load_pack
from reportlint.plugins import PluginManager, get_plugin_manager, local_name
from reportlint.rules import Finding, Rule
from reportlint.safeio import read_file
from reportlint.selection import check_selectors, override_severity, per_file_ignored, select_rules


class Linter:
    """Checks documents with the rules their config selects.

    Configs are found per folder (nearest wins) unless ``config_file`` is given or
    ``isolated`` is set; rules are collected and packs compiled once per config.
    """

    def __init__(
        self,
        *,
        config_file: Path | None = None,
        isolated: bool = False,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        profile: str | None = None,
        report_year: int | None = None,
        max_file_size: int | None = None,
        plugin_manager: PluginManager | None = None,
    ) -> None:
        self.pm = plugin_manager or get_plugin_manager()
        #: The constructor's settings: enough to build an equal Linter elsewhere (a spawned worker).
        self.settings: dict[str, Any] = {
            "config_file": config_file, "isolated": isolated, "select": select, "extend_select": tuple(extend_select),
            "ignore": tuple(ignore), "profile": profile, "report_year": report_year, "max_file_size": max_file_size,
        }
        self._config_file = config_file
        self._isolated = isolated
        self._cli: dict[str, Any] = {"select": select, "extend_select": tuple(extend_select), "ignore": tuple(ignore)}
        self._cli_extra: dict[str, Any] = {"profile": profile, "report_year": report_year, "max_file_size": max_file_size}
        self._by_folder: dict[Path, Config | ConfigError] = {}
        self._by_file: dict[Path | None, Config] = {}
        self._rules: dict[Path | None, dict[str, Rule]] = {}
        self._cli_checked = False
        self._packs: dict[Path, list[Rule]] = {}
        self._selected: dict[tuple[Path | None, tuple[str, ...]], list[Rule]] = {}

    # -- config -----------------------------------------------------------------------------

    def _plugin_keys(self) -> set[str]:
        keys: set[str] = set()
        for _, declared in self.pm.call_each("reportlint_config_keys"):
            keys.update(declared or {})
        return keys

    def _load(self, path: Path, table: dict[str, Any]) -> Config:
        if path in self._by_file:
            return self._by_file[path]
        if "plugins" in table:
            local = [str(path.parent / p) if p.endswith(".py") else p for p in _strings(path, "plugins", table["plugins"])]
            try:
                self.pm.load_local(Path(p) for p in local)
            except PluginError as exc:
                raise ConfigError(f"{path}: {exc}") from None
            self.pm.check_pending()
        config = parse_config(path, table, self._plugin_keys())
        config = config.with_overrides(**self._cli, **self._cli_extra)
        self.pm.hook.reportlint_configure.call_historic(kwargs={"config": config})
        self._by_file[path] = config
        return config

    def default_config(self) -> Config:
        if None not in self._by_file:
            config = Config().with_overrides(**self._cli, **self._cli_extra)
            self.pm.hook.reportlint_configure.call_historic(kwargs={"config": config})
            self._by_file[None] = config
        return self._by_file[None]

    def config_for(self, path: Path) -> Config:
        """The config governing ``path`` (a file or folder); ConfigError if that config is bad."""
        if self._isolated:
            return self.default_config()
        if self._config_file is not None:
            if self._config_file in self._by_file:  # read and validated once, not once per file
                return self._by_file[self._config_file]
            return self._load(self._config_file, read_config_table(self._config_file))
        folder = (path if _is_dir(path) else path.parent).resolve()
        cached = self._by_folder.get(folder)
        if cached is None:
            try:
                found = find_config_file(folder)
                cached = self.default_config() if found is None else self._load(*found)
            except ConfigError as exc:
                cached = exc
            self._by_folder[folder] = cached
        if isinstance(cached, ConfigError):
            raise cached
        return cached

    # -- rules ------------------------------------------------------------------------------

    def all_rules(self, config: Config | None = None) -> dict[str, Rule]:
        """Every rule known under ``config`` (plugins and packs), by code."""
        config = config or self.default_config()
        key = config.path
        if key in self._rules:
            return self._rules[key]
        rules: dict[str, Rule] = {}

        def add(rule: Rule, owner: str) -> None:
            if not isinstance(rule, Rule):
                raise PluginError(gettext("plugin {plugin!r}: reportlint_add_rules returned {type}, not a Rule").format(plugin=owner, type=type(rule).__name__))
            rule = rule.with_plugin(owner)
            if rule.code in rules:
                other = rules[rule.code].plugin
                raise PluginError(gettext("rule code {code} is defined twice: by {first!r} and by {second!r}").format(code=rule.code, first=other, second=owner))
            rules[rule.code] = rule

        foreign = self._foreign_plugins(config)
        for name, produced in self.pm.call_each("reportlint_add_rules", skip=foreign, config=config):
            for rule in produced or ():
                add(rule, name)
        for owner, shipped in self.pm.call_each("reportlint_add_packs", skip=foreign):
            for pack in shipped or ():
                # The built-in packs' examples are run by the test suite, not at every start (~25 ms).
                for rule in self._pack(Path(pack), verify=owner not in self.pm.builtin):
                    add(rule, owner)
        for pack in config.packs:
            for rule in self._pack(pack):
                add(rule, f"pack:{pack.name}")
        # Command-line selectors are merged into every config: judge them first, under their own name.
        check_selectors(self._cli_selectors(), rules, "command line")
        where = config.source
        check_selectors((*(config.select or ()), *config.extend_select, *config.ignore), rules, where)
        for _, sels in config.per_file_ignores:
            check_selectors(sels, rules, where)
        check_selectors((sel for sel, _ in config.severity), rules, where)
        self._rules[key] = rules
        return rules

    def _foreign_plugins(self, config: Config) -> set[str]:
        """Local plugins another config named: they do not act on files this config governs
        (a plugin file listed in one folder's config is that folder's, as a conftest is pytest's)."""
        return self.pm.local_plugins() - {local_name(Path(p)) for p in config.plugins}

    def _pack(self, path: Path, verify: bool = True) -> list[Rule]:
        """A pack's rules, compiled and example-checked once per Linter."""
        key = path.resolve()
        if key not in self._packs:
            self._packs[key] = load_pack(path, self.rule_kinds(), verify=verify)
        return self._packs[key]

    def rule_kinds(self) -> dict[str, Any]:
        kinds: dict[str, Any] = {}
        for _, declared in self.pm.call_each("reportlint_add_rule_kinds"):
            kinds.update(declared or {})
        return kinds

    def formats(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for mapping in self.pm.hook.reportlint_add_formats():
            out.update(mapping)
        return out

    def rules_for(self, paths: Iterable[str]) -> dict[str, Rule]:
        """Every rule known under the configs of ``paths`` (their packs included), for output
        formats that describe rules; configs that fail to load are skipped (their files report it)."""
        rules: dict[str, Rule] = {}
        for path in {*paths, "."}:
            try:
                rules.update(self.all_rules(self.config_for(Path(path))))
            except ReportlintError:
                continue
        return rules

    def _cli_selectors(self) -> list[str]:
        return [*(self._cli["select"] or ()), *self._cli["extend_select"], *self._cli["ignore"]]

    def check_cli_selectors(self) -> None:
        """Fail once, before any file, on a command-line selector that names no rule.

        Judged against the rules of the config that governs the current folder (so a rule
        from its packs may be selected); a broken config there is left for its files to report.
        """
        if self._cli_checked:
            return
        try:
            config = self.config_for(Path.cwd())
        except ConfigError:
            config = self.default_config()
        self.all_rules(config)
        self._cli_checked = True

    def selected_rules(self, config: Config, path: str | None = None) -> list[Rule]:
        """The rules that run on ``path`` under ``config``, per-file-ignores applied."""
        rules = self.all_rules(config)
        ignore = list(config.ignore)
        if path and config.per_file_ignores:
            try:
                rel = Path(path).resolve().relative_to(config.root.resolve()).as_posix()
            except ValueError:
                rel = PurePath(path).as_posix()
            ignore.extend(per_file_ignored(rel, config.per_file_ignores))
        key = (config.path, tuple(ignore))  # selection is the same for every file with the same ignores
        if key not in self._selected:
            self._selected[key] = select_rules(rules, config.select, config.extend_select, ignore)
        return self._selected[key]

    # -- reading and checking -----------------------------------------------------------------

    def read_bytes(self, display_path: str, data: bytes) -> Document:
        """A Document from bytes, by the reader for ``display_path``'s type."""
        hook = self.pm.hook.reportlint_read_document
        impls = hook.get_hookimpls()
        if len(impls) == 1 and impls[0].plugin_name == "core":
            doc = impls[0].function(path=display_path, data=data)  # only the built-in readers: skip pluggy's call machinery (~4 µs)
        else:
            doc = hook(path=display_path, data=data)
        if doc is None:
            suffix = PurePath(display_path).suffix or "(none)"
            raise InputError(f"{display_path}: " + gettext("unsupported file type {suffix} (supported: .txt, .md, .docx, .pdf, .ofd, .doc, .wps)").format(suffix=suffix))
        return doc

    def read_path(self, path: Path, config: Config | None = None, display: str | None = None) -> tuple[Document, bytes]:
        """A file's Document and bytes; a FIFO or device is refused without blocking (reportlint.safeio)."""
        display = display or str(path)
        limit = (config or self.default_config()).max_file_size
        data = read_file(path, display, limit)
        return self.read_bytes(display, data), data

    def check_document(self, doc: Document, config: Config | None = None) -> LintResult:
        """Run the selected rules on a document; problems are collected, not raised."""
        config = config or self.default_config()
        result = LintResult(doc.path, doc)
        try:
            rules = self.selected_rules(config, doc.path)
            result.findings, result.problems = self._lint(doc, rules, config)
        except ReportlintError as exc:
            result.problems.append(Problem(doc.path, _strip_path(str(exc), doc.path)))
        return result

    def _lint(self, doc: Document, rules: Sequence[Rule], config: Config) -> tuple[list[Finding], list[Problem]]:
        skip: list[tuple[int, int]] = []
        hook_problems: list[Problem] = []

        def crashed(error: PluginError) -> None:  # a crashing hook is this file's problem, not the whole run's
            cause = error.__cause__
            detail = "".join(traceback.format_exception(cause)) if cause is not None else ""
            hook_problems.append(Problem(doc.path, str(error), detail))

        foreign = self._foreign_plugins(config)
        for name, spans in self.pm.call_each("reportlint_skip_spans", on_error=crashed, skip=foreign, document=doc):
            try:
                skip.extend((int(s), int(e)) for s, e in (spans or ()))
            except (TypeError, ValueError) as exc:
                crashed(PluginError(f"plugin {name!r} returned spans that are not (start, end) integers from "
                                    f"reportlint_skip_spans: {exc}"))
        drop = None
        hook = self.pm.hook_caller("reportlint_filter_finding", foreign)
        if hook.get_hookimpls():

            def drop(f: Finding) -> bool:
                return bool(hook(finding=f, document=doc, config=config))

        context = Context(doc, config, infer_year=self._infer_year)
        findings, problems = lint(doc, rules, context=context, skip_spans=skip, accept=config.accept, drop=drop)
        if config.severity:
            findings = override_severity(findings, config.severity)
        if doc.format == "md":  # suppression comments exist only in Markdown; RL001 needs every finding first
            from reportlint.suppress import apply_suppressions

            findings = apply_suppressions(doc, findings, rules, self.all_rules(config))
        return findings, hook_problems + problems

    def _infer_year(self, doc: Document, context: Context) -> int | None:
        """The year a document covers, read from its text by a plugin (``reportlint_report_year``)."""
        year = self.pm.hook.reportlint_report_year(document=doc, context=context)
        return year if type(year) is int else None

    def check_path(self, path: Path, display: str | None = None, cache: Any | None = None) -> LintResult:
        """Read and check one file, through ``cache`` (a reportlint.cache.Cache) when given; every
        failure becomes a Problem of this file alone."""
        display = display or str(path)
        try:
            config = self.config_for(path)
            doc, data = self.read_path(path, config, display)
        except ReportlintError as exc:
            return LintResult(display, None, problems=[Problem(display, _strip_path(str(exc), display))])
        key = None
        if cache is not None:
            try:
                key = cache.key(config, data, display)
            except ReportlintError as exc:
                return LintResult(display, doc, problems=[Problem(display, _strip_path(str(exc), display))])
            found = cache.get(config, key, display)
            if found is not None:
                return LintResult(display, doc, findings=found)
        del data  # hashed if at all; on a big file the bytes need not outlive the decoded text
        result = self.check_document(doc, config)
        if cache is not None and key is not None and not result.problems:
            cache.put(config, key, result.findings)
        return result

    def fix_document(self, doc: Document, config: Config | None = None, *, unsafe: bool = False) -> tuple[Document, LintResult]:
        """Apply fixes pass after pass until the text is stable; the fixed document and its remaining findings.

        Each pass applies the fixes :func:`reportlint.fixes.select_fixes` keeps apart and re-checks
        the new text, so what is reported is always the check of the text returned: a defect a fix
        left or made is reported, never hidden. Stops at a rule failure, after MAX_FIX_PASSES, or
        when a text comes back (fixes undoing each other).
        """
        config = config or self.default_config()
        total = 0
        result = self.check_document(doc, config)
        seen = {hash(doc.text)}  # hashes, not texts: a huge document is not kept 32 times
        for _ in range(MAX_FIX_PASSES):
            if result.problems:
                break
            new_text, n = apply_fixes(doc.text, result.findings, unsafe=unsafe)
            if n == 0 or hash(new_text) in seen:
                break
            seen.add(hash(new_text))
            total += n
            doc = self.reread(doc, new_text)
            result = self.check_document(doc, config)
        result.fixed = total
        return doc, result

    def reread(self, doc: Document, new_text: str) -> Document:
        """``doc`` with new text, through its reader (so paragraphs and skip spans are fresh).

        The text goes in as UTF-8 and the original encoding and BOM are put back: detecting
        the encoding again could take GB18030 bytes for UTF-8. A path without a suffix
        (stdin as ``-``) is read by the document's format.
        """
        name = doc.path if PurePath(doc.path).suffix else f"stdin.{doc.format}"
        new = self.read_bytes(name, new_text.encode("utf-8"))
        return dataclasses.replace(new, path=doc.path, encoding=doc.encoding, bom=doc.bom)


def _is_dir(path: Path) -> bool:
    """Path.is_dir() that is False, not an OSError, for a name the system refuses (too long, say)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _strip_path(message: str, path: str) -> str:
    """Problems carry their own path; avoid ``a.txt: error: a.txt: ...``."""
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


_DEFAULT: Linter | None = None


def _linter(config: Path | str | None, kwargs: dict[str, Any]) -> Linter:
    global _DEFAULT
    if config is None and not any(kwargs.values()):
        if _DEFAULT is None:
            _DEFAULT = Linter(isolated=True)
        return _DEFAULT
    return Linter(config_file=Path(config) if config else None, isolated=config is None, **kwargs)


def lint_text(
    text: str,
    *,
    filename: str = "<text>.txt",
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    config: Path | str | None = None,
) -> list[Finding]:
    """Check a string; returns findings sorted by position. ``filename``'s suffix picks the reader.

    >>> [f.code for f in lint_text("要求##paidbegin##全市")]
    ['M101']
    """
    linter = _linter(config, {"select": list(select) if select is not None else None,
                              "extend_select": tuple(extend_select), "ignore": tuple(ignore)})
    doc = linter.read_bytes(filename, text.encode("utf-8")) if not filename.endswith(".docx") else None
    if doc is None:
        raise InputError(f"{filename}: lint_text takes text; use lint_path for a .docx")
    result = linter.check_document(doc)
    if result.problems:
        raise ReportlintError(str(result.problems[0]))
    return result.findings


def lint_path(
    path: Path | str,
    *,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    config: Path | str | None = None,
) -> list[Finding]:
    """Check one file (.txt, .md, .docx, .pdf, .ofd, .doc, .wps); InputError or another ReportlintError if it cannot be checked.

    Without ``config`` the nearest config file above ``path`` applies, as on the command line.
    """
    linter = Linter(
        config_file=Path(config) if config else None,
        select=list(select) if select is not None else None,
        extend_select=tuple(extend_select),
        ignore=tuple(ignore),
    )
    result = linter.check_path(Path(path))
    if result.problems:
        raise ReportlintError(str(result.problems[0]))
    return result.findings
