"""The language server (pygls): diagnostics, code actions, hover and configuration for .txt and .md.

Checks run in one worker thread through :class:`reportlint.api.Linter`, the same API the CLI
uses, so the event loop keeps answering while a large document is checked; a result is
published only if the text it was computed from is still the editor's (stale ones are dropped).
Every handler's failure is contained: logged once through ``window/logMessage``, never fatal.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from reportlint import __version__, i18n
from reportlint.api import Linter
from reportlint.config import CONFIG_FILES, Config, find_config_file
from reportlint.docs import rule_markdown
from reportlint.document import Document
from reportlint.engine import Problem
from reportlint.errors import ConfigError, InputError, PluginError, ReportlintError
from reportlint.i18n import gettext as _
from reportlint.lsp import actions
from reportlint.lsp.ruledocs import RuleDocs
from reportlint.lsp.settings import Settings, parse_settings
from reportlint.lsp.text import TextBuffer, text_edits
from reportlint.plugins import PluginManager
from reportlint.rules import Finding, Rule, Severity

log = logging.getLogger(__name__)

#: Quiet time after the last change before a document is checked: a 30,000-character report
#: checks in ~10 ms, so diagnostics still follow a pause in typing within 200 ms (bench/lsp_latency.py).
DEBOUNCE = 0.05
#: How long the first checks wait for the client's settings (workspace/configuration) after ``initialized``.
SETTINGS_WAIT = 2.0
FIX_ALL = "source.fixAll.reportlint"
ACCEPT_COMMAND = "reportlint.acceptWord"
SOURCE = "reportlint"
#: Files whose change reloads configuration: config files, rule packs and their word lists.
WATCHED = ("**/*.toml", "**/*.tsv")
_SUFFIXES = {".txt": ".txt", ".md": ".md", ".markdown": ".md"}
_LANGUAGES = {"markdown": ".md", "plaintext": ".txt", "text": ".txt"}  # "text": Neovim's and Helix's name
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


@dataclass
class Checked:
    """One check of one version of a document's text."""

    version: int
    text: str
    shift: int = 0  # characters before doc.text (a BOM the reader dropped)
    document: Document | None = None
    config: Config | None = None
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None  # the document could not be checked (bad config, too large …)
    config_error: bool = False
    linter: Linter | None = None


@dataclass
class OpenDoc:
    """A document the editor has open: the editor's text and what reportlint last made of it."""

    uri: str
    path: Path | None
    name: str  # what the reader sees: its suffix picks .txt or .md
    buffer: TextBuffer
    version: int
    result: Checked | None = None
    timer: asyncio.TimerHandle | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    closed: bool = False
    fix_all: tuple[int, lsp.CodeAction | None] | None = None


def reader_name(uri: str, language_id: str | None) -> tuple[Path | None, str] | None:
    """The file path of ``uri`` (None for an unsaved buffer) and the name the reader is given;
    None for a document reportlint does not check."""
    fs = to_fs_path(uri) if uri.startswith("file:") else None
    path = Path(fs) if fs else None
    suffix = _SUFFIXES.get(path.suffix.lower()) if path else None
    if suffix is None:
        suffix = _LANGUAGES.get(language_id or "")
        if suffix is None:
            return None
        return path, (f"{path}{suffix}" if path else f"untitled{suffix}")
    return path, str(path)


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` was asked for (kinds are hierarchical: ``source`` covers ``source.fixAll.x``)."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, minus its copy of open documents: :class:`TextBuffer` keeps the text, with
    LSP's own line breaks (pygls's splits at U+2028 and form feeds too and would drift)."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class ReportlintServer(LanguageServer):
    """The server's state: open documents, the Linter built from the client's settings, the worker."""

    def __init__(self) -> None:
        super().__init__("reportlint", __version__, protocol_cls=_Protocol, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.docs: dict[str, OpenDoc] = {}
        self.init_options: Any = None
        self.settings = Settings()
        self.linter: Linter | None = None
        self.rule_docs = RuleDocs(lang=i18n.language())
        # One worker: checks never run at once, so the Linter's caches need no lock, and on one
        # core a second thread would only share the same CPU.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportlint-check")
        self.ready = asyncio.Event()
        self._said: set[str] = set()
        self._config_mtimes: dict[Path, int] = {}

    # -- reporting --------------------------------------------------------------------------

    def say_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error, *, show: bool = False) -> None:
        """``message`` through window/logMessage (and showMessage if ``show``), once until settings or config change."""
        if message in self._said:
            return
        self._said.add(message)
        log.warning("%s", message)
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
            if show:
                self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))
        except Exception:  # the client is gone: nothing left to tell
            log.exception("cannot send a message to the client")

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls's hook for a failed handler: one log message, not a pop-up per keystroke."""
        self.say_once(_("reportlint language server: internal error: {error}").format(error=f"{type(error).__name__}: {error}"))

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        """Run ``coro`` as a task whose failure is logged, never lost or fatal."""

        async def guarded() -> Any:
            try:
                return await coro
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.error("%s", traceback.format_exc())
                self.say_once(_("reportlint language server: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}"))
                return None

        return asyncio.get_running_loop().create_task(guarded())

    async def in_worker(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    # -- settings and configuration ----------------------------------------------------------

    @property
    def position_encoding(self) -> str:
        enc = self.workspace.position_encoding if self.protocol._workspace is not None else None
        return str(enc.value if isinstance(enc, lsp.PositionEncodingKind) else enc or "utf-16")

    @staticmethod
    def build_linter(settings: Settings) -> tuple[Linter, list[str]]:
        """A Linter with fresh plugins (a reloaded config may name other local plugins) and the
        client's settings as command-line flags, and what to tell the user; runs in the worker."""
        said: list[str] = []
        pm = PluginManager()
        try:
            pm.load_builtins_and_entry_points()
            pm.check_pending()
        except PluginError as exc:
            said.append(_("a plugin failed to load; only the built-in rules are used: {error}").format(error=exc))
            pm = PluginManager()
            pm.load_builtins_and_entry_points(autoload=False)
        linter = Linter(plugin_manager=pm, **settings.linter_kwargs)
        try:
            linter.all_rules(linter.default_config())  # judges the client's selectors once, now
        except ReportlintError as exc:
            message = str(exc).replace("command line:", _("editor settings:"), 1)
            said.append(_("bad editor settings; select, extendSelect and ignore are left out: {error}").format(error=message))
            kept = {k: v for k, v in settings.linter_kwargs.items() if k not in ("select", "extend_select", "ignore")}
            linter = Linter(plugin_manager=pm, **kept)
        return linter, said

    async def new_linter(self) -> None:
        """Build the Linter for the current settings in the worker; tell the user what went wrong."""
        linter, said = await self.in_worker(self.build_linter, self.settings)
        for message in said:
            self.say_once(message, show=True)
        self.linter = linter

    def use_settings(self, *sources: Any) -> None:
        """Take the client's settings (later sources win): the language first, so that what is
        said about the settings is said in it."""
        i18n.set_language(parse_settings(*sources).lang)
        self.settings = parse_settings(*sources)
        self.rule_docs = RuleDocs(self.settings.rule_docs_url, i18n.language())

    def say_setting_errors(self) -> None:
        for error in self.settings.errors:
            self.say_once(_("bad editor setting: {error}").format(error=error), lsp.MessageType.Warning, show=True)

    async def reload(self, settings: tuple[Any, ...] | None = None) -> None:
        """New settings (their sources) or changed config files: a new Linter, every open document checked again."""
        self._said.clear()
        if settings is not None:
            self.use_settings(*settings)
            self.say_setting_errors()
        self._config_mtimes.clear()
        await self.new_linter()
        for od in list(self.docs.values()):
            od.result = None
            od.fix_all = None
            self.schedule(od, 0)

    async def pull_settings(self) -> dict[str, Any] | None:
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return None
        try:
            got = await self.workspace_configuration_async(lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="reportlint")]))
        except Exception as exc:
            log.warning("workspace/configuration failed: %s", exc)
            return None
        return got[0] if got and isinstance(got[0], dict) else None

    def config_changed(self) -> bool:
        """Whether a config file a check read has changed on disk since (for clients without file watching)."""
        for path, mtime in list(self._config_mtimes.items()):  # the worker adds to it
            try:
                if path.stat().st_mtime_ns != mtime:
                    return True
            except OSError:
                return True
        return False

    # -- checking ----------------------------------------------------------------------------

    def schedule(self, od: OpenDoc, delay: float = DEBOUNCE) -> None:
        """Check ``od`` after ``delay`` seconds unless it changes again before."""
        if od.timer is not None:
            od.timer.cancel()
        loop = asyncio.get_running_loop()
        od.timer = loop.call_later(delay, lambda: self.spawn(self.check(od)))

    async def check(self, od: OpenDoc) -> Checked | None:
        """The check of the document's current text (cached per version); published when still current."""
        if not self.ready.is_set():
            try:
                await asyncio.wait_for(self.ready.wait(), SETTINGS_WAIT)
            except asyncio.TimeoutError:
                self.ready.set()
        async with od.lock:
            if od.closed:
                return None
            if od.result is not None and od.result.version == od.version:
                return od.result
            if self.linter is None:
                await self.new_linter()
            version, text = od.version, od.buffer.text
            checked: Checked = await self.in_worker(self.check_sync, self.linter, od, version, text)
            if od.closed or version != od.version or checked.linter is not self.linter:
                return None  # the text or the config changed meanwhile: a newer check is due
            od.result = checked
            self.publish(od, checked)
            return checked

    def check_sync(self, linter: Linter, od: OpenDoc, version: int, text: str) -> Checked:
        """Read and check a snapshot of the text; runs in the worker. Failures become ``error``."""
        out = Checked(version, text, linter=linter)
        try:
            config = self.config_of(linter, od.path)
            out.config = config
            data = text.encode("utf-8", "surrogatepass")
            if len(data) > config.max_file_size:
                raise InputError(
                    _("{path}: file is {size:,} bytes, over max-file-size ({limit:,}); not checked (raise it in config to check it)").format(
                        path=od.name, size=len(data), limit=config.max_file_size)
                )
            doc = linter.read_bytes(od.name, data)
            shift = len(text) - len(doc.text)
            if shift not in (0, 1) or text[shift:] != doc.text:
                raise InputError(_("{path}: the text read differs from the editor's; not checked").format(path=od.name))
            result = linter.check_document(doc, config)
        except ConfigError as exc:
            out.error, out.config_error = str(exc), True
            return out
        except ReportlintError as exc:
            out.error = str(exc)
            return out
        out.document, out.shift, out.findings, out.problems = doc, shift, result.findings, result.problems
        buffer = TextBuffer(text, self.position_encoding)
        rules = linter.all_rules(config)
        out.diagnostics = [self.diagnostic(buffer, shift, f, rules.get(f.code), linter) for f in result.findings]
        return out

    def config_of(self, linter: Linter, path: Path | None) -> Config:
        """The config governing a document, as the CLI finds it; an unsaved one's is the workspace's."""
        if path is None:
            root = self.workspace.root_path if self.protocol._workspace is not None else None
            return linter.config_for(Path(root)) if root else linter.default_config()
        config = linter.config_for(path)
        if config.path is not None and config.path not in self._config_mtimes:
            try:
                self._config_mtimes[config.path] = config.path.stat().st_mtime_ns
            except OSError:
                pass
        return config

    def diagnostic(self, buffer: TextBuffer, shift: int, f: Finding, rule: Rule | None, linter: Linter) -> lsp.Diagnostic:
        start = lsp.Position(*buffer.position(f.start + shift))
        end = lsp.Position(*buffer.position(f.end + shift))
        url = self.rule_docs.url(rule, rule.plugin in linter.pm.builtin) if rule is not None else None
        return lsp.Diagnostic(
            range=lsp.Range(start, end),
            message=f.message,
            severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
            code=f.code,
            code_description=lsp.CodeDescription(href=url) if url else None,
            source=SOURCE,
        )

    def publish(self, od: OpenDoc, checked: Checked) -> None:
        if checked.error is not None:
            self.say_once(checked.error, show=checked.config_error)
        for p in checked.problems:  # a crashing rule: told once (not once per document or keystroke); other findings still shown
            if p.message not in self._said:
                self._said.add(p.message)
                self.say_once(f"{p.path}: {p.message}" + (f"\n{p.detail}" if p.detail else ""))
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=od.uri, diagnostics=checked.diagnostics, version=checked.version)
        )

    # -- edits --------------------------------------------------------------------------------

    def workspace_edit(self, uri: str, version: int | None, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        """A versioned edit where the client takes one (it refuses it if the text moved on), else plain changes."""
        caps = self.client_capabilities.workspace
        if caps and caps.workspace_edit and caps.workspace_edit.document_changes:
            ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=edits)])
        return lsp.WorkspaceEdit(changes={uri: edits})

    def can_create_files(self) -> bool:
        caps = self.client_capabilities.workspace
        ops = caps.workspace_edit.resource_operations if caps and caps.workspace_edit else None
        return bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes and ops and lsp.ResourceOperationKind.Create in ops)

    @staticmethod
    def text_edit(buffer: TextBuffer, start: int, end: int, new_text: str) -> lsp.TextEdit:
        return lsp.TextEdit(range=lsp.Range(lsp.Position(*buffer.position(start)), lsp.Position(*buffer.position(end))), new_text=new_text)

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        od = self.docs.get(params.text_document.uri)
        if od is None:
            return None
        if od.timer is not None:
            od.timer.cancel()
        checked = await self.check(od)
        if checked is None or checked.document is None or checked.version != od.version:
            return None
        buffer = TextBuffer(checked.text, self.position_encoding)
        shift = checked.shift
        lo = buffer.offset(params.range.start.line, params.range.start.character) - shift
        hi = buffer.offset(params.range.end.line, params.range.end.character) - shift
        only = params.context.only
        out: list[lsp.CodeAction] = []
        quick = _wanted(lsp.CodeActionKind.QuickFix, only)
        accepted = checked.config.accept if checked.config else ()
        can_accept, config_file = self.accept_target(od)
        for f, diag in zip(checked.findings, checked.diagnostics, strict=True):
            if not (quick and f.start <= hi and f.end >= lo):
                continue
            if f.fix is not None:
                s, e, r = actions.fix_edit(f)
                edit = self.workspace_edit(od.uri, checked.version, [self.text_edit(buffer, s + shift, e + shift, r)])
                out.append(lsp.CodeAction(title=actions.fix_title(checked.document.text, f), kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[diag], edit=edit, is_preferred=f.fix.safe))
            if checked.document.format == "md":
                s, e, r = actions.suppress_edit(checked.document.text, f)
                edit = self.workspace_edit(od.uri, checked.version, [self.text_edit(buffer, s + shift, e + shift, r)])
                out.append(lsp.CodeAction(title=actions.suppress_title(f), kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag], edit=edit))
            word = actions.acceptable_word(checked.document.text, f, accepted)
            if word is not None and can_accept:
                title = actions.accept_title(word, config_file)
                out.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                                          command=lsp.Command(title=title, command=ACCEPT_COMMAND, arguments=[od.uri, word])))
        explicit = only is not None or params.context.trigger_kind == lsp.CodeActionTriggerKind.Invoked
        if explicit and _wanted(FIX_ALL, only) and any(f.fix is not None and f.fix.safe for f in checked.findings):
            action = await self.fix_all_action(od, checked)
            if action is not None:
                out.append(action)
        return out

    def accept_target(self, od: OpenDoc) -> tuple[bool, Path | None]:
        """Whether "accept this word" can be done here, and the config file it edits (None: one is created)."""
        folder = od.path.parent if od.path else (Path(self.workspace.root_path) if self.workspace.root_path else None)
        if folder is None or not self.client_capabilities.workspace or not self.client_capabilities.workspace.apply_edit:
            return False, None
        try:
            found = find_config_file(folder.resolve())
        except ReportlintError:
            return False, None
        if found is not None:
            return True, found[0]
        return self.can_create_files(), None

    async def fix_all_action(self, od: OpenDoc, checked: Checked) -> lsp.CodeAction | None:
        """All safe fixes, applied as ``reportlint check --fix`` applies them (Linter.fix_document)."""
        if od.fix_all is not None and od.fix_all[0] == checked.version:
            return od.fix_all[1]
        linter, document = checked.linter, checked.document
        assert document is not None and linter is not None

        def run() -> tuple[str, int]:
            fixed, result = linter.fix_document(document, checked.config)
            return fixed.text, result.fixed

        new_text, n = await self.in_worker(run)
        action = None
        if n:
            old = document.text
            buffer = TextBuffer(checked.text, self.position_encoding)
            edits = [self.text_edit(buffer, s + checked.shift, e + checked.shift, r) for s, e, r in text_edits(old, new_text)]
            title = i18n.ngettext("reportlint: apply {n} safe fix", "reportlint: apply all {n} safe fixes", n).format(n=n)
            action = lsp.CodeAction(title=title, kind=FIX_ALL,
                                    edit=self.workspace_edit(od.uri, checked.version, edits))
        od.fix_all = (checked.version, action)
        return action

    async def accept_word(self, uri: str, word: str) -> bool:
        """Add ``word`` to ``accept`` in the document's config file, by asking the editor to make the edit."""
        od = self.docs.get(uri)
        if od is None:
            return False
        possible, target = self.accept_target(od)
        if not possible:
            self.say_once(_("cannot accept the word: the editor does not let a language server edit or create the config file"), show=True)
            return False
        if target is not None:
            data = target.read_bytes()
            old = data.decode("utf-8-sig")
            new = actions.config_with_accepted(target, old, word)
            buffer = TextBuffer(old, self.position_encoding)
            config_uri = from_fs_path(str(target)) or target.as_uri()
            edit = self.workspace_edit(config_uri, None, [self.text_edit(buffer, s, e, r) for s, e, r in text_edits(old, new)])
        else:
            folder = self.new_config_folder(od)
            config_uri = from_fs_path(str(folder / actions.NEW_CONFIG_NAME)) or (folder / actions.NEW_CONFIG_NAME).as_uri()
            content = actions.config_with_accepted(None, "", word)
            ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=config_uri, version=None)
            edit = lsp.WorkspaceEdit(document_changes=[
                lsp.CreateFile(uri=config_uri, options=lsp.CreateFileOptions(overwrite=False, ignore_if_exists=True)),
                lsp.TextDocumentEdit(text_document=ident, edits=[lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text=content)]),
            ])
        label = _("reportlint: accept the word “{word}”").format(word=word)
        result = await self.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit, label=label))
        if not result.applied:
            reason = result.failure_reason or _("no reason given")
            self.say_once(_("the editor did not apply the accepted word: {reason}").format(reason=reason), lsp.MessageType.Warning)
            return False
        await self.reload()  # the editor may have saved it already; if not, the file watcher reports the save
        return True

    def new_config_folder(self, od: OpenDoc) -> Path:
        """Where a new config file goes: the workspace folder holding the document, else the document's folder."""
        assert od.path is not None or self.workspace.root_path
        if od.path is None:
            return Path(self.workspace.root_path)
        for folder in self.workspace.folders.values():
            root = to_fs_path(folder.uri)
            if root and od.path.resolve().is_relative_to(Path(root).resolve()):
                return Path(root)
        root = self.workspace.root_path
        if root and od.path.resolve().is_relative_to(Path(root).resolve()):
            return Path(root)
        return od.path.parent

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        """The documentation of the rules whose findings lie under the cursor."""
        od = self.docs.get(params.text_document.uri)
        checked = od.result if od else None
        if od is None or checked is None or checked.version != od.version or checked.linter is None or checked.config is None:
            return None
        buffer = TextBuffer(checked.text, self.position_encoding)
        at = buffer.offset(params.position.line, params.position.character) - checked.shift
        rules = checked.linter.all_rules(checked.config)
        parts = []
        for f, diag in zip(checked.findings, checked.diagnostics, strict=True):
            if f.start <= at <= f.end and f.code in rules:
                label = _("rule documentation")
                link = f"\n\n[{label}]({diag.code_description.href})" if diag.code_description else ""
                parts.append(f"**{f.code}** {f.message}\n\n{rule_markdown(rules[f.code])}{link}")
        if not parts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


server = ReportlintServer()


@server.feature(lsp.INITIALIZE)
def _initialize(ls: ReportlintServer, params: lsp.InitializeParams) -> None:
    ls.init_options = params.initialization_options
    ls.use_settings(params.initialization_options if isinstance(params.initialization_options, dict) else None)


@server.feature(lsp.INITIALIZED)
async def _initialized(ls: ReportlintServer, params: lsp.InitializedParams) -> None:
    try:
        caps = ls.client_capabilities.workspace
        registrations = []
        if caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            registrations.append(lsp.Registration(id="reportlint-config-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                                  register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)))
        if caps and caps.did_change_configuration and caps.did_change_configuration.dynamic_registration:
            registrations.append(lsp.Registration(id="reportlint-settings", method=lsp.WORKSPACE_DID_CHANGE_CONFIGURATION,
                                                  register_options=lsp.DidChangeConfigurationRegistrationOptions(section="reportlint")))
        if registrations:
            try:
                await ls.client_register_capability_async(lsp.RegistrationParams(registrations=registrations))
            except Exception as exc:
                log.warning("client/registerCapability failed: %s", exc)
        pulled = await ls.pull_settings()
        if pulled is not None:
            ls.use_settings(ls.init_options, pulled)
        ls.say_setting_errors()
        await ls.new_linter()
    finally:
        ls.ready.set()


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def _did_change_configuration(ls: ReportlintServer, params: lsp.DidChangeConfigurationParams) -> None:
    pulled = await ls.pull_settings()
    if pulled is None and isinstance(params.settings, dict):
        pulled = params.settings
    await ls.reload((ls.init_options, pulled))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def _did_change_watched_files(ls: ReportlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    names = {Path(to_fs_path(c.uri) or c.uri).name for c in params.changes}
    if names & set(CONFIG_FILES) or any(n.endswith((".toml", ".tsv")) for n in names):
        await ls.reload()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: ReportlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    found = reader_name(item.uri, item.language_id)
    if found is None:
        return
    path, name = found
    od = OpenDoc(item.uri, path, name, TextBuffer(item.text, ls.position_encoding), item.version)
    ls.docs[item.uri] = od
    ls.schedule(od, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: ReportlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    od = ls.docs.get(params.text_document.uri)
    if od is None:
        return
    for change in params.content_changes:
        if isinstance(change, lsp.TextDocumentContentChangePartial):
            r = change.range
            od.buffer.apply((r.start.line, r.start.character), (r.end.line, r.end.character), change.text)
        else:
            od.buffer.apply(None, None, change.text)
    od.version = params.text_document.version
    ls.schedule(od)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
async def _did_save(ls: ReportlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if ls.config_changed():  # a client without file watching: a config edited elsewhere is seen at the next save
        await ls.reload()
        return
    od = ls.docs.get(params.text_document.uri)
    if od is not None:
        od.result = None  # checked again on save, as the issue asks; cheap
        ls.schedule(od, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: ReportlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    od = ls.docs.pop(params.text_document.uri, None)
    if od is None:
        return
    od.closed = True
    if od.timer is not None:
        od.timer.cancel()
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=od.uri, diagnostics=[]))


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
)
async def _code_action(ls: ReportlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    return await ls.code_actions(params)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def _hover(ls: ReportlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    return ls.hover(params)


@server.command(ACCEPT_COMMAND)
async def _accept_word(ls: ReportlintServer, *args: Any) -> bool:
    if len(args) != 2 or not all(isinstance(a, str) for a in args):
        raise ValueError(f"{ACCEPT_COMMAND} takes a document URI and a word, got {args!r}")
    return await ls.accept_word(args[0], args[1])


@server.feature(lsp.SHUTDOWN)
def _shutdown(ls: ReportlintServer, params: Any) -> None:
    for od in ls.docs.values():
        if od.timer is not None:
            od.timer.cancel()
    ls.worker.shutdown(wait=False, cancel_futures=True)


def serve() -> None:
    """Run the server over stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="reportlint lsp: %(levelname)s: %(message)s")
    server.start_io()
