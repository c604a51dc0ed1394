"""`reportlint lsp` with Neovim 0.11's capabilities: UTF-8 positions (its first choice), no dynamic
file watching (a config change is seen at the next save), settings from initializationOptions."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nvim-workspace")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "reportlint", "lsp", "--stdio"]))
async def client(lsp_client: LanguageClient, workspace: Path):
    result = await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("neovim@v0.11"), root_uri=workspace.as_uri(),
        initialization_options={"ignore": ["P118"], "lang": "en"}))
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    client.diagnostics.pop(uri, None)
    for _ in range(400):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {uri}")


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "text") -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


async def test_utf8_positions_and_initialization_options(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "a.txt", "𠮷要##paidbegin##求、、\n、另起一段\n")
    diags = {str(d.code): d for d in await diagnostics(client, uri)}
    assert set(diags) == {"M101", "P101"}  # P118 (line 2 starts with 、) is ignored by the settings
    # UTF-8: 𠮷 is 4 bytes, 要 3, the marker 13.
    assert (diags["M101"].range.start.character, diags["M101"].range.end.character) == (7, 20)
    # English on request: the code actions' titles (the findings' messages are the rules' own, Chinese).
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diags["P101"].range,
        context=lsp.CodeActionContext(diagnostics=[diags["P101"]])))
    assert [a.title for a in actions or [] if isinstance(a, lsp.CodeAction)] == ["Fix P101: “、、” → “、”"]


async def test_config_change_seen_at_save_without_file_watching(client: LanguageClient, workspace: Path) -> None:
    folder = workspace / "sub"
    folder.mkdir()
    config = folder / "reportlint.toml"
    config.write_text("ignore = []\n", encoding="utf-8")
    uri = open_doc(client, folder / "b.md", "要##paidbegin##求\n", "markdown")
    assert {str(d.code) for d in await diagnostics(client, uri)} == {"M101"}
    config.write_text('ignore = ["M101"]\n', encoding="utf-8")
    os.utime(config, ns=(config.stat().st_atime_ns, config.stat().st_mtime_ns + 10**9))  # a coarse clock must still see a change
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert await diagnostics(client, uri) == []
