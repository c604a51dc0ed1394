"""Latency of `reportlint lsp`: from a change sent by the editor to the diagnostics for it.

Usage: python bench/lsp_latency.py [--edits 40] [--chars 30000] [--cpu 0] [--big-chars 2000000]

The server runs as an editor runs it (stdio, pygls's client on the other end), pinned to one
CPU. The report is built from the clean corpus (../shared/data/clean-reports, whole paragraphs
of reports in file order, cut to --chars characters), never from the sample. Figures:

- open: didOpen to the first diagnostics (the first check loads the rules);
- edit: a character typed or deleted at a random place, to the diagnostics of that version:
  the debounce (reportlint.lsp.server.DEBOUNCE) plus the check, the target is 200 ms;
- burst: 10 keystrokes 30 ms apart, from the last one to its diagnostics (stale results dropped);
- fix-all and quick-fix code action requests on the report;
- responsiveness: a hover answered while a --big-chars document is being checked.

A benchmark, not a test: it prints figures and checks nothing. The machine is shared, so
expect noise; run it twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "clean-reports"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/data/clean-reports")


def build_report(chars: int, skip_chars: int = 0) -> str:
    """Paragraphs of the clean reports in file order, one a line, cut to exactly ``chars`` characters."""
    index = CORPUS / "index.jsonl"
    if not index.is_file():
        sys.exit(f"lsp_latency: {CORPUS} is absent (../shared/data ships beside the development checkout); no figures")
    parts: list[str] = []
    total = -skip_chars
    for line in index.read_text(encoding="utf-8").splitlines():
        text = (CORPUS / json.loads(line)["file"]).read_text(encoding="utf-8")
        for para in text.split("\n\n"):
            para = para.strip()
            if not para:
                continue
            total += len(para) + 1
            if total > 0:
                parts.append(para)
            if total >= chars:
                return ("\n".join(parts) + "\n")[:chars]
    sys.exit(f"lsp_latency: the corpus holds fewer than {chars:,} characters")


def check_cpu_ms(report: str, runs: int = 15) -> list[float]:
    """CPU time of reading and checking the report in this process, as the server's worker does:
    a figure the other jobs on a shared machine do not inflate as they do wall time."""
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    linter.check_document(linter.read_bytes("report.txt", report.encode("utf-8")))  # rules loaded
    out = []
    for _ in range(runs):
        t = time.process_time()
        linter.check_document(linter.read_bytes("report.txt", report.encode("utf-8")))
        out.append((time.process_time() - t) * 1000)
    return out


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{name:<34} n={len(ms):<3} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   max {ms[-1]:7.1f} ms"


async def run(args: argparse.Namespace) -> None:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    from reportlint.lsp.server import DEBOUNCE
    from reportlint.lsp.text import TextBuffer

    report = build_report(args.chars)
    big = build_report(args.big_chars, skip_chars=args.chars)
    arrived: dict[str, tuple[int | None, float, int]] = {}
    event = asyncio.Event()
    client = LanguageClient("lsp-latency", "1")

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls: Any, params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.uri] = (params.version, time.perf_counter(), len(params.diagnostics))
        event.set()

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def log_message(ls: Any, params: lsp.LogMessageParams) -> None:
        print(f"  server: {params.message}", file=sys.stderr)

    async def wait(uri: str, version: int) -> float:
        while True:
            got = arrived.get(uri)
            if got is not None and got[0] == version:
                return got[1]
            event.clear()
            await asyncio.wait_for(event.wait(), 60)

    pin = f"import os; os.sched_setaffinity(0, {{{args.cpu}}}); from reportlint.cli import main; main(['lsp'])"
    await client.start_io(sys.executable, "-c", pin)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri(), process_id=os.getpid()))
        client.initialized(lsp.InitializedParams())
        uri = (root / "report.txt").as_uri()
        buf = TextBuffer(report)
        t0 = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "plaintext", 1, report)))
        opened = (await wait(uri, 1) - t0) * 1000
        version = 1
        rng = random.Random(20231)

        def change(edit_range: lsp.Range, text: str) -> int:
            nonlocal version
            version += 1
            buf.apply((edit_range.start.line, edit_range.start.character), (edit_range.end.line, edit_range.end.character), text)
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri), [lsp.TextDocumentContentChangePartial(range=edit_range, text=text)]))
            return version

        edits: list[float] = []
        for i in range(args.edits):
            offset = rng.randrange(len(buf.text))
            pos = lsp.Position(*buf.position(offset))
            if i % 2 == 0:  # type a character (a doubled 、 now and then, which the rules flag)
                v = change(lsp.Range(pos, pos), "、、" if i % 6 == 0 else "的")
            else:  # delete one
                end = lsp.Position(*buf.position(offset + 1))
                v = change(lsp.Range(pos, end), "")
            t = time.perf_counter()
            edits.append((await wait(uri, v) - t) * 1000)
            await asyncio.sleep(0.05)
        bursts: list[float] = []
        for _ in range(max(3, args.edits // 10)):
            offset = rng.randrange(len(buf.text))
            for i, ch in enumerate("今年完成了各项工作务"):
                if i:
                    await asyncio.sleep(0.03)
                pos = lsp.Position(*buf.position(offset))
                v = change(lsp.Range(pos, pos), ch)
                t = time.perf_counter()
                offset += 1
            bursts.append((await wait(uri, v) - t) * 1000)
            await asyncio.sleep(0.1)

        async def timed(coro: Any) -> float:
            t = time.perf_counter()
            await coro
            return (time.perf_counter() - t) * 1000

        whole = lsp.Range(lsp.Position(0, 0), lsp.Position(*buf.position(len(buf.text))))
        fix_all = [await timed(client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), whole, lsp.CodeActionContext([], only=["source.fixAll"])))) for _ in range(5)]
        here = lsp.Range(lsp.Position(3, 0), lsp.Position(3, 5))
        quick = [await timed(client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), here, lsp.CodeActionContext([])))) for _ in range(5)]

        # Responsiveness: hovers on the small report while the big one is being checked.
        big_uri = (root / "big.txt").as_uri()
        t_big = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(big_uri, "plaintext", 1, big)))
        hovers: list[float] = []
        while arrived.get(big_uri) is None:
            hovers.append(await timed(client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(0, 0)))))
            await asyncio.sleep(0.02)
        big_ms = (arrived[big_uri][1] - t_big) * 1000

        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    print(f"reportlint lsp latency (server pinned to CPU {args.cpu}; {os.cpu_count()} CPUs, shared; Python {sys.version.split()[0]})")
    print(f"report: {len(report):,} characters, {report.count(chr(10)):,} lines, from {CORPUS.resolve()}; debounce {DEBOUNCE * 1000:.0f} ms")
    print(f"{'open (first check, rules loaded)':<34} {opened:7.1f} ms")
    print(summary("edit -> diagnostics", edits))
    print(summary("burst of 10 keys -> diagnostics", bursts))
    print(summary("code action: fix all", fix_all))
    print(summary("code action: quick fixes", quick))
    print(f"large document: {len(big):,} characters checked in {big_ms:,.0f} ms (open to diagnostics)")
    if hovers:
        print(summary("hover answered during that check", hovers))
    cpu = check_cpu_ms(report)
    print(summary("check alone, CPU time in-process", cpu) + "   (the part of an edit's latency that is work)")
    within = sum(1 for ms in edits if ms <= 200)
    print(f"edits with diagnostics within 200 ms: {within}/{len(edits)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--chars", type=int, default=30000)
    ap.add_argument("--big-chars", type=int, default=2_000_000)
    ap.add_argument("--cpu", type=int, default=0, help="the CPU the server is pinned to")
    asyncio.run(run(ap.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
