"""`reportlint lsp` end to end: one server over stdio per module, driven by pytest-lsp's client
with VS Code's real capabilities, as an editor drives it."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from conftest import SAMPLE
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from reportlint.api import Linter
from reportlint.lsp.text import TextBuffer

pytestmark = pytest.mark.asyncio(loop_scope="module")

WAIT = 20.0  # seconds; a check takes milliseconds, a loaded machine needs slack


class Editor:
    """What the test client keeps of an editor: open buffers, received diagnostics, applied edits."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.buffers: dict[str, tuple[int, TextBuffer]] = {}
        self.published: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        self.arrived = asyncio.Event()
        self.registrations: list[lsp.Registration] = []
        self.root: Path | None = None

    # -- what the server sends --------------------------------------------------------------

    def on_diagnostics(self, params: lsp.PublishDiagnosticsParams) -> None:
        self.published[params.uri] = (params.version, list(params.diagnostics))
        self.arrived.set()

    def on_apply_edit(self, params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        """Apply the edit as an editor with auto-save does: open buffers get didChange, files are written
        and reported to the server's file watcher."""
        changed: list[lsp.FileEvent] = []
        for change in params.edit.document_changes or []:
            if isinstance(change, lsp.CreateFile):
                path = Path(change.uri.removeprefix("file://"))
                if not path.exists():
                    path.write_text("", encoding="utf-8")
                    changed.append(lsp.FileEvent(uri=change.uri, type=lsp.FileChangeType.Created))
            elif isinstance(change, lsp.TextDocumentEdit):
                uri = change.text_document.uri
                if uri in self.buffers:
                    self.edit(uri, [e for e in change.edits if isinstance(e, lsp.TextEdit)])
                    continue
                path = Path(uri.removeprefix("file://"))
                buf = TextBuffer(path.read_text(encoding="utf-8"))
                for e in sorted(change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
                    buf.apply((e.range.start.line, e.range.start.character), (e.range.end.line, e.range.end.character), e.new_text)
                path.write_text(buf.text, encoding="utf-8")
                changed.append(lsp.FileEvent(uri=uri, type=lsp.FileChangeType.Changed))
        if changed:
            self.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=changed))
        return lsp.ApplyWorkspaceEditResult(applied=True)

    def on_register(self, params: lsp.RegistrationParams) -> None:
        self.registrations.extend(params.registrations)

    # -- what the user does -------------------------------------------------------------------

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = path.as_uri()
        self.buffers[uri] = (1, TextBuffer(text))
        self.published.pop(uri, None)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def close(self, uri: str) -> None:
        self.buffers.pop(uri)
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))

    def edit(self, uri: str, edits: list[lsp.TextEdit]) -> int:
        """Apply edits (ranges in the current text, as in a WorkspaceEdit) and send them incrementally."""
        version, buf = self.buffers[uri]
        changes = []
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            buf.apply((e.range.start.line, e.range.start.character), (e.range.end.line, e.range.end.character), e.new_text)
            changes.append(lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
        version += 1
        self.buffers[uri] = (version, buf)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=changes))
        return version

    def text(self, uri: str) -> str:
        return self.buffers[uri][1].text

    async def diagnostics(self, uri: str, version: int | None = None, *, settle: float = 0.0) -> list[lsp.Diagnostic]:
        """The diagnostics published for ``uri`` (for ``version`` when given), waiting for them."""
        async def wait() -> list[lsp.Diagnostic]:
            while True:
                got = self.published.get(uri)
                if got is not None and (version is None or got[0] == version):
                    return got[1]
                self.arrived.clear()
                await self.arrived.wait()

        found = await asyncio.wait_for(wait(), WAIT)
        if settle:
            await asyncio.sleep(settle)
            found = self.published[uri][1]
        return found

    async def republished(self, uri: str) -> list[lsp.Diagnostic]:
        """The next diagnostics published for ``uri`` after now (a config change publishes the same version again)."""
        self.published.pop(uri, None)
        return await self.diagnostics(uri)

    async def actions(self, uri: str, diag: lsp.Diagnostic | None = None, only: list[str] | None = None) -> list[lsp.CodeAction]:
        rng = diag.range if diag else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        got = await self.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=rng,
            context=lsp.CodeActionContext(diagnostics=[diag] if diag else [], only=only, trigger_kind=lsp.CodeActionTriggerKind.Invoked)))
        return [a for a in got or [] if isinstance(a, lsp.CodeAction)]

    def apply(self, action: lsp.CodeAction) -> int:
        """Apply a code action's edit to its (single) document; the new version."""
        assert action.edit is not None and action.edit.document_changes
        (change,) = action.edit.document_changes
        assert isinstance(change, lsp.TextDocumentEdit)
        assert change.text_document.version == self.buffers[change.text_document.uri][0], "edit made for another version"
        return self.edit(change.text_document.uri, [e for e in change.edits if isinstance(e, lsp.TextEdit)])


EDITOR: dict[str, Editor] = {}


def _converter() -> Any:
    """pygls's converter, telling a Command from a CodeAction as VS Code does (``command`` is a
    string in a Command, an object in a CodeAction): lsprotocol takes any result with a
    ``command`` key for a Command, which would lose "accept this word"."""
    from typing import Union

    from pygls.protocol import default_converter

    converter = default_converter()

    def command_or_action(obj: Any, _: type) -> lsp.Command | lsp.CodeAction:
        kind = lsp.Command if isinstance(obj.get("command"), str) else lsp.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(Union[lsp.Command, lsp.CodeAction], command_or_action)  # noqa: UP007 (lsprotocol's key)
    return converter


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=_converter)
    editor = EDITOR["current"] = Editor(client)

    # pygls passes the client to a handler whose first parameter is named ``ls``.
    def on_diagnostics(ls: Any, params: lsp.PublishDiagnosticsParams) -> None:
        editor.on_diagnostics(params)

    def on_apply_edit(ls: Any, params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        return editor.on_apply_edit(params)

    def on_register(ls: Any, params: lsp.RegistrationParams) -> None:
        editor.on_register(params)

    features: dict[str, Any] = {
        **DEFAULT_CLIENT_FEATURES,
        lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_diagnostics,
        lsp.WORKSPACE_APPLY_EDIT: on_apply_edit,
        lsp.CLIENT_REGISTER_CAPABILITY: on_register,
    }
    register_lsp_features(client, features)
    return client


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp-workspace")


@pytest_lsp.fixture(
    scope="module",
    # The server as users get it: Chinese (the suite's REPORTLINT_LANG=en left out of its environment).
    config=ClientServerConfig(server_command=[sys.executable, "-m", "reportlint", "lsp"], client_factory=make_client,
                              server_env={k: v for k, v in os.environ.items() if k != "REPORTLINT_LANG"}),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    caps = pytest_lsp.client_capabilities("visual-studio-code")
    lsp_client.set_configuration({"reportlint": {}})
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=caps, root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=workspace.as_uri(), name="reports")]))
    EDITOR["current"].root = workspace
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def editor(client: LanguageClient) -> Editor:
    return EDITOR["current"]


def expected_ranges(path: Path, text: str) -> list[tuple[str, int, int, int, int]]:
    """(code, line, character, end line, end character) from the Python API, 0-based; BMP-only text."""
    linter = Linter(isolated=True)
    result = linter.check_document(linter.read_bytes(str(path), text.encode("utf-8")))
    return [(f.code, f.line - 1, f.column - 1, f.end_line - 1, f.end_column - 1) for f in result.findings]


def spans(diags: list[lsp.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) for d in diags)


async def test_sample_gives_its_seven_findings(editor: Editor, workspace: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    path = workspace / SAMPLE.name
    uri = editor.open(path, text)
    diags = await editor.diagnostics(uri, 1)
    assert len(diags) == 7
    assert spans(diags) == sorted(expected_ranges(path, text))
    assert {str(d.code) for d in diags} == {"M108", "P101", "M101", "P103", "D111", "T101"}
    for d in diags:
        assert d.source == "reportlint"
        assert d.severity in (lsp.DiagnosticSeverity.Error, lsp.DiagnosticSeverity.Warning)
        assert any("\u4e00" <= c <= "\u9fff" for c in d.message), d.message  # Chinese
        assert d.code_description is not None
        href = d.code_description.href
        assert href.split("#")[0].endswith("docs/rules.md"), href
        # The link lands on the rule's own heading.
        ref = Path(href.removeprefix("file://").split("#")[0])
        line = int(href.rsplit("#L", 1)[1])
        assert ref.read_text(encoding="utf-8").splitlines()[line - 1].startswith(f"## {d.code} ")
    m101 = [d for d in diags if d.code == "M101" and d.range.start.line == 4]
    assert m101 and (m101[0].range.start.character, m101[0].range.end.character) == (341, 354)
    editor.close(uri)


async def test_position_after_a_character_outside_the_bmp(editor: Editor, workspace: Path) -> None:
    # 𠮷 (U+20BB7) is one character to reportlint and two UTF-16 code units to LSP.
    text = "关于𠮷𠮷同志的情况\n𠮷要##paidbegin##求全市系统\n"
    uri = editor.open(workspace / "astral.txt", text)
    diags = await editor.diagnostics(uri, 1)
    (m101,) = [d for d in diags if d.code == "M101"]
    assert (m101.range.start.line, m101.range.start.character) == (1, 3)  # 𠮷=2 units, 要=1
    assert (m101.range.end.line, m101.range.end.character) == (1, 16)
    # An edit placed by UTF-16 positions lands where the editor meant it: delete the marker.
    version = editor.edit(uri, [lsp.TextEdit(range=m101.range, new_text="")])
    assert editor.text(uri) == "关于𠮷𠮷同志的情况\n𠮷要求全市系统\n"
    assert not [d for d in await editor.diagnostics(uri, version) if d.code == "M101"]
    editor.close(uri)


async def test_quick_fix_removes_the_finding(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / "fix.txt", "充分运用学习强国、、微博等平台。\n")
    (p101,) = [d for d in await editor.diagnostics(uri, 1) if d.code == "P101"]
    acts = await editor.actions(uri, p101)
    preferred = [a for a in acts if a.is_preferred]
    assert len(preferred) == 1 and preferred[0].kind == lsp.CodeActionKind.QuickFix
    assert "P101" in preferred[0].title and preferred[0].diagnostics
    version = editor.apply(preferred[0])
    assert editor.text(uri) == "充分运用学习强国、微博等平台。\n"
    assert not [d for d in await editor.diagnostics(uri, version) if d.code == "P101"]
    editor.close(uri)


async def test_unsafe_fix_is_offered_but_not_preferred(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / "unsafe.txt", "用完及时关闭电源，杜绝上时间待机现象。\n")
    (t101,) = [d for d in await editor.diagnostics(uri, 1) if d.code == "T101"]
    fixes = [a for a in await editor.actions(uri, t101) if a.edit is not None and "T101" in a.title and "修复" in a.title]
    assert len(fixes) == 1 and not fixes[0].is_preferred and "不安全" in fixes[0].title
    editor.close(uri)


async def test_editing_updates_diagnostics_and_drops_stale_results(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / "typing.txt", "今年完成了任务。\n")
    assert await editor.diagnostics(uri, 1) == []
    # Typing a stray marker key by key: only the last text's findings are published, for its version.
    version = 1
    for ch in "##paidend##":
        end = lsp.Position(0, len(editor.text(uri).split("\n")[0]))
        version = editor.edit(uri, [lsp.TextEdit(range=lsp.Range(end, end), new_text=ch)])
    diags = await editor.diagnostics(uri, version, settle=0.3)
    assert editor.published[uri][0] == version
    assert [(d.code, d.range.start.character, d.range.end.character) for d in diags] == [("M101", 8, 19)]
    # And removing it clears them.
    version = editor.edit(uri, [lsp.TextEdit(range=diags[0].range, new_text="")])
    assert await editor.diagnostics(uri, version) == []
    editor.close(uri)
    assert (await editor.diagnostics(uri)) == []  # closing clears the file's diagnostics


async def test_fix_all_applies_what_check_fix_applies(editor: Editor, workspace: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    path = workspace / "fixall.txt"
    uri = editor.open(path, text)
    await editor.diagnostics(uri, 1)
    acts = await editor.actions(uri, only=["source.fixAll"])
    (fix_all,) = acts
    assert fix_all.kind == "source.fixAll.reportlint" and "5" in fix_all.title
    version = editor.apply(fix_all)
    linter = Linter(isolated=True)
    fixed, _ = linter.fix_document(linter.read_bytes(str(path), text.encode("utf-8")))
    assert editor.text(uri) == fixed.text
    left = await editor.diagnostics(uri, version)
    assert sorted(str(d.code) for d in left) == ["M108", "T101"]  # no fix / an unsafe one
    assert await editor.actions(uri, only=["source.fixAll"]) == []
    editor.close(uri)


async def test_ignore_here_in_markdown(editor: Editor, workspace: Path) -> None:
    text = "# 2023年工作总结\n\n一是召开集体廉政谈话会 。组织学习。\n第二行有##paidend##残留。\n"
    uri = editor.open(workspace / "ignore.md", text, "markdown")
    diags = await editor.diagnostics(uri, 1)
    assert {str(d.code) for d in diags} >= {"P103", "M101"}
    for code in ("P103", "M101"):
        (diag,) = [d for d in editor.published[uri][1] if d.code == code]
        (ignore,) = [a for a in await editor.actions(uri, diag) if "忽略" in a.title]
        version = editor.apply(ignore)
        left = await editor.diagnostics(uri, version)
        assert code not in {str(d.code) for d in left}
        assert "RL001" not in {str(d.code) for d in left}  # the comment is used, not reported as unused
    assert editor.text(uri) == (
        "# 2023年工作总结\n\n<!-- reportlint-disable-next-line P103 -->\n"
        "一是召开集体廉政谈话会 。组织学习。<!-- reportlint-disable-next-line M101 -->\n第二行有##paidend##残留。\n"
    )
    editor.close(uri)


async def test_config_file_change_is_applied(editor: Editor, workspace: Path) -> None:
    folder = workspace / "configured"
    folder.mkdir()
    uri = editor.open(folder / "a.txt", "要##paidbegin##求全市系统、、微博\n")
    assert {str(d.code) for d in await editor.diagnostics(uri, 1)} == {"M101", "P101"}
    config = folder / "reportlint.toml"
    config.write_text('ignore = ["M101"]\n', encoding="utf-8")
    editor.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Created)]))
    assert {str(d.code) for d in await editor.republished(uri)} == {"P101"}
    config.write_text('ignore = ["P"]\n', encoding="utf-8")
    editor.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    assert {str(d.code) for d in await editor.republished(uri)} == {"M101"}
    editor.close(uri)
    # The server asked for those notifications: config files, packs and their word lists.
    watched = [r for r in editor.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert watched and {w["globPattern"] for w in watched[0].register_options["watchers"]} >= {"**/*.toml"}


async def test_client_settings_select_and_ignore(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / "settings.txt", "要##paidbegin##求全市系统、、微博\n")
    assert {str(d.code) for d in await editor.diagnostics(uri, 1)} == {"M101", "P101"}
    editor.client.set_configuration({"reportlint": {"ignore": ["P101"]}})
    editor.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    assert {str(d.code) for d in await editor.republished(uri)} == {"M101"}
    editor.client.set_configuration({"reportlint": {"select": "P"}})
    editor.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    assert {str(d.code) for d in await editor.republished(uri)} == {"P101"}
    editor.client.set_configuration({"reportlint": {}})
    editor.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    assert {str(d.code) for d in await editor.republished(uri)} == {"M101", "P101"}
    editor.close(uri)


async def test_accept_word_edits_the_nearest_config_through_the_editor(editor: Editor, workspace: Path) -> None:
    folder = workspace / "accept"
    folder.mkdir()
    uri = editor.open(folder / "a.txt", "XX坚持以习近平新时代中国特色社会主义思想为指导。\n")
    (m108,) = [d for d in await editor.diagnostics(uri, 1) if d.code == "M108"]
    # No config file governs it: the action creates one in the workspace folder.
    assert not any((p / n).exists() for p in (folder, workspace) for n in ("reportlint.toml", ".reportlint.toml"))
    (accept,) = [a for a in await editor.actions(uri, m108) if "接受" in a.title]
    assert "XX" in accept.title and accept.command is not None and accept.edit is None
    applied = await editor.client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=accept.command.command, arguments=accept.command.arguments))
    assert applied is True
    assert (workspace / "reportlint.toml").read_text(encoding="utf-8").endswith('accept = ["XX"]\n')
    assert [d for d in await editor.republished(uri) if d.code == "M108"] == []
    # With a config file in place, the word is added to its accept list, comments and layout kept.
    config = folder / ".reportlint.toml"
    config.write_text('# 本单位设置\naccept = ["甲单位"]  # 单位名称\n\n[severity]\nP = "warning"\n', encoding="utf-8")
    editor.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Created)]))
    (m108,) = [d for d in await editor.republished(uri) if d.code == "M108"]
    (accept,) = [a for a in await editor.actions(uri, m108) if "接受" in a.title]
    assert ".reportlint.toml" in accept.title
    await editor.client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=accept.command.command, arguments=accept.command.arguments))
    assert config.read_text(encoding="utf-8") == '# 本单位设置\naccept = ["甲单位", "XX"]  # 单位名称\n\n[severity]\nP = "warning"\n'
    assert [d for d in await editor.republished(uri) if d.code == "M108"] == []
    editor.close(uri)


async def test_crashing_plugin_rule_is_logged_once_and_the_server_lives(editor: Editor, workspace: Path) -> None:
    folder = workspace / "crashing"
    folder.mkdir()
    (folder / "crash.py").write_text(textwrap.dedent('''
        from reportlint import hookimpl, rule

        @rule("ZZ101", "always-crashes", "A rule that raises", bad=[], good=[])
        def always_crashes(self, doc):
            raise ZeroDivisionError("boom in ZZ101")

        @hookimpl
        def reportlint_add_rules(config):
            return [always_crashes]
    '''), encoding="utf-8")
    (folder / "reportlint.toml").write_text('plugins = ["crash.py"]\n', encoding="utf-8")
    logs_before = len(editor.client.log_messages)
    uri = editor.open(folder / "a.txt", "要##paidbegin##求\n")
    assert {str(d.code) for d in await editor.diagnostics(uri, 1)} == {"M101"}  # the other rules still report
    version = editor.edit(uri, [lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text="今年")])
    assert {str(d.code) for d in await editor.diagnostics(uri, version)} == {"M101"}
    crashes = [m for m in editor.client.log_messages[logs_before:] if "boom in ZZ101" in m.message]
    assert len(crashes) == 1 and crashes[0].type == lsp.MessageType.Error
    # The server still answers.
    other = editor.open(workspace / "alive.txt", "充分运用学习强国、、微博\n")
    assert [d.code for d in await editor.diagnostics(other, 1)] == ["P101"]
    editor.close(uri)
    editor.close(other)


async def test_a_bad_config_is_shown_once_and_its_fix_picked_up(editor: Editor, workspace: Path) -> None:
    folder = workspace / "badconfig"
    folder.mkdir()
    config = folder / "reportlint.toml"
    config.write_text('ignor = ["M101"]\n', encoding="utf-8")
    shown_before = len(editor.client.messages)
    uri = editor.open(folder / "a.txt", "要##paidbegin##求\n")
    assert await editor.diagnostics(uri, 1) == []  # nothing checked under a broken config …
    version = editor.edit(uri, [lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text="今年")])
    await editor.diagnostics(uri, version)
    shown = [m for m in editor.client.messages[shown_before:] if "ignor" in m.message]
    assert len(shown) == 1 and shown[0].type == lsp.MessageType.Error  # … said once, naming the key
    config.write_text('ignore = ["P"]\n', encoding="utf-8")
    editor.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    assert {str(d.code) for d in await editor.republished(uri)} == {"M101"}
    editor.close(uri)


async def test_hover_shows_the_rules_documentation(editor: Editor, workspace: Path) -> None:
    uri = editor.open(workspace / "hover.txt", "充分运用学习强国、、微博等平台。\n")
    (p101,) = await editor.diagnostics(uri, 1)
    hover = await editor.client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=p101.range.start))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "P101" in hover.contents.value and p101.message in hover.contents.value and "doubled-punctuation" in hover.contents.value
    nothing = await editor.client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 1)))
    assert nothing is None
    editor.close(uri)


async def test_an_unsaved_markdown_buffer_is_checked(editor: Editor, workspace: Path) -> None:
    uri = "untitled:Untitled-1"
    editor.buffers[uri] = (1, TextBuffer("要##paidbegin##求\n"))
    editor.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text="要##paidbegin##求\n")))
    assert [str(d.code) for d in await editor.diagnostics(uri, 1)] == ["M101"]
    (ignore,) = [a for a in await editor.actions(uri, editor.published[uri][1][0]) if "忽略" in a.title]
    version = editor.apply(ignore)
    assert editor.text(uri).startswith("<!-- reportlint-disable-next-line M101 -->\n")
    assert await editor.diagnostics(uri, version) == []
    editor.close(uri)
