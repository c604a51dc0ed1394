"""Many files: -j N gives output identical to -j 1; the cache is keyed right and safe (the progress bar: test_cli_ux)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import parallel
from reportlint.api import Linter
from reportlint.cache import Cache, load_entry

VARIANTS = ["", "要##paidbegin##求\n", "学习强国、、微博\n", "召开谈话会 。\n", "4月27日-28日\n", "XX同志\n"]


def _corpus(folder: Path, sample: str, n: int = 24) -> Path:
    """``n`` reports made from the sample: cut at different places, with different defects added."""
    folder.mkdir()
    lines = sample.splitlines(keepends=True)
    for i in range(n):
        body = "".join(lines[: 3 + i % max(1, len(lines) - 3)]) + VARIANTS[i % len(VARIANTS)]
        (folder / f"{i:03d}-报告.txt").write_text(body, encoding="utf-8")
    (folder / "note.md").write_text("# 说明\n\n<!-- reportlint-disable-next-line M101 -->\n干净。\n", encoding="utf-8")
    return folder


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--isolated", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_jobs_output_is_identical_to_serial(tmp_path, sample_text, fmt):
    corpus = _corpus(tmp_path / "reports", sample_text)
    serial = _cli("--no-cache", "-j", "1", "--format", fmt, str(corpus), cwd=tmp_path)
    pooled = _cli("--no-cache", "-j", "2", "--format", fmt, str(corpus), cwd=tmp_path)
    assert serial.returncode == pooled.returncode == 1, serial.stderr
    assert serial.stdout == pooled.stdout
    assert serial.stderr == pooled.stderr == ""  # no progress bar when stderr is not a terminal
    assert serial.stdout.count("M101") >= 4


def test_pool_really_runs_and_keeps_order(tmp_path, sample_text, monkeypatch):
    corpus = _corpus(tmp_path / "reports", sample_text)
    items = [(p, str(p)) for p in sorted(corpus.iterdir())]
    pools = []

    class Recording(parallel.ProcessPoolExecutor):
        def __init__(self, *a, **kw):
            pools.append(kw.get("max_workers"))
            super().__init__(*a, **kw)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recording)
    linter = Linter(isolated=True)
    one = [
        (r.path, [(f.code, f.start) for f in r.findings]) for r in parallel.check_files(linter, items, jobs=1, use_cache=False)
    ]
    two = [
        (r.path, [(f.code, f.start) for f in r.findings]) for r in parallel.check_files(linter, items, jobs=2, use_cache=False)
    ]
    assert pools == [2]
    assert one == two and [p for p, _ in two] == [str(p) for p, _ in items]
    assert all(r.document is not None for r in parallel.check_files(linter, items, jobs=2, use_cache=False))


def test_warm_cache_needs_no_pool_and_misses_alone_go_to_it(tmp_path, sample_text, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path / "reports", sample_text, n=20)
    items = [(p, str(p)) for p in sorted(corpus.iterdir())]
    sent: list[int] = []

    class Recording(parallel.ProcessPoolExecutor):
        def map(self, fn, iterable, **kw):
            batch = list(iterable)
            sent.append(len(batch))
            return super().map(fn, batch, **kw)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recording)
    linter = Linter(isolated=True)

    def run() -> list:
        return [(r.path, r.findings) for r in parallel.check_files(linter, items, jobs=2)]

    cold = run()
    assert run() == cold and sent == [len(items)]  # the warm run started no pool
    for p, _ in items[:10]:
        p.write_text(p.read_text(encoding="utf-8") + "要##new##求\n", encoding="utf-8")
    third = run()
    assert sent == [len(items), 10]  # only the changed files were sent to the pool
    assert [p for p, _ in third] == [p for p, _ in cold] and third[10:] == cold[10:]


@pytest.mark.slow  # spawned workers import everything afresh: a few seconds
def test_spawned_workers_give_the_same_results(tmp_path, sample_text, monkeypatch):
    """Where there is no fork (Windows, macOS), workers rebuild the Linter from its settings."""
    corpus = _corpus(tmp_path / "reports", sample_text, n=10)
    items = [(p, str(p)) for p in sorted(corpus.iterdir())]
    linter = Linter(isolated=True, select=["M", "RL"])
    one = [(r.path, [(f.code, f.start) for f in r.findings]) for r in parallel.check_files(linter, items, jobs=1, use_cache=False)]
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    two = [(r.path, [(f.code, f.start) for f in r.findings]) for r in parallel.check_files(linter, items, jobs=2, use_cache=False)]
    assert one == two and any(codes for _, codes in one)
    assert all(c.startswith(("M", "RL")) for _, codes in two for c, _ in codes)


def test_cache_hits_give_the_same_findings_and_key_on_content_and_config(tmp_path, sample_text, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path / "reports", sample_text, n=6)
    items = [(p, str(p)) for p in sorted(corpus.iterdir())]
    linter = Linter(isolated=True)

    def run(lt: Linter) -> tuple[list, Cache]:
        cache = Cache(lt)
        out = [lt.check_path(p, d, cache) for p, d in items]
        return [(r.path, r.findings) for r in out], cache

    cold, c1 = run(linter)
    warm, c2 = run(linter)
    assert c1.hits == 0 and c2.hits == len(items) and cold == warm
    (corpus / "000-报告.txt").write_text("要##new##求\n", encoding="utf-8")
    _, c3 = run(linter)
    assert c3.hits == len(items) - 1  # only the changed file is checked again
    _, c4 = run(Linter(isolated=True, select=["M"]))
    assert c4.hits == 0  # another rule selection is another key
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file() and (tmp_path / "cache" / ".gitignore").read_text().endswith("*\n")


def test_damaged_cache_entry_is_a_miss_and_is_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    doc = tmp_path / "a.txt"
    doc.write_text("要##paidbegin##求\n", encoding="utf-8")
    linter = Linter(isolated=True)
    linter.check_path(doc, "a.txt", Cache(linter))
    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_text('[["M101", "stray', encoding="utf-8")  # a truncated write, as a crash might leave
    cache = Cache(linter)
    result = linter.check_path(doc, "a.txt", cache)
    assert cache.misses == 1 and [f.code for f in result.findings] == ["M101"]
    assert load_entry(entry)[0][0] == "M101"  # rewritten: a valid entry again


def test_concurrent_runs_share_one_cache_safely(tmp_path, sample_text):
    corpus = _corpus(tmp_path / "reports", sample_text, n=16)
    env_cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reportlint", "check", "--isolated", "-j", "2", "--format", "json", str(corpus)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**__import__("os").environ, "REPORTLINT_CACHE_DIR": str(env_cache)},
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 1 for p in procs), outs
    assert len({o for o, _ in outs}) == 1
    entries = list(env_cache.rglob("*.json"))
    assert len(entries) == 17 and all(isinstance(load_entry(e), list) for e in entries)
    assert not list(env_cache.rglob(".tmp-*"))
    again = _cli("--format", "json", str(corpus), cwd=tmp_path)
    assert again.stdout == outs[0][0]


def test_no_cache_writes_nothing(tmp_path, sample_path):
    res = _cli("--no-cache", str(sample_path), cwd=tmp_path)
    assert res.returncode == 1 and not (tmp_path / ".reportlint_cache").exists()
    res = _cli(str(sample_path), cwd=tmp_path)
    assert (tmp_path / ".reportlint_cache").is_dir()


def test_editing_a_pack_changes_the_rule_set_fingerprint(tmp_path):
    from reportlint.cache import ruleset_fingerprint

    pack = tmp_path / "p.toml"
    pack.write_text("a", encoding="utf-8")
    first = ruleset_fingerprint([], [pack])
    pack.write_text("b", encoding="utf-8")
    assert ruleset_fingerprint([], [pack]) != first




def test_rebuilding_a_plugins_model_file_changes_the_rule_set_fingerprint(tmp_path, monkeypatch):
    """A rebuilt .bin model (T201's typo-model.bin, the words list) invalidates cached findings."""
    import os
    import sys
    import types

    from reportlint.cache import _module_files, ruleset_fingerprint

    pkg = tmp_path / "modelplugin"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    model = pkg / "model.bin"
    model.write_bytes(b"\x00" * 64)
    mod = types.ModuleType("modelplugin")
    mod.__path__ = [str(pkg)]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "modelplugin", mod)
    assert model in _module_files("modelplugin")
    first = ruleset_fingerprint([], [], ["modelplugin"])
    assert ruleset_fingerprint([], [], ["modelplugin"]) == first
    model.write_bytes(b"\x01" * 64)
    os.utime(model, ns=(1, 1))
    assert ruleset_fingerprint([], [], ["modelplugin"]) != first


def test_rule_set_fingerprint_walks_each_package_once_with_the_same_result():
    """ruleset_fingerprint lists each top-level package once; the hash is that of the files every
    module's own listing gave (the plain loop it replaces), for the built-in rules and plugins."""
    import hashlib

    from reportlint import __version__
    from reportlint.api import Linter
    from reportlint.cache import _hash_files, _module_files, ruleset_fingerprint

    linter = Linter(isolated=True, select=["ALL"])
    rules = list(linter.all_rules(linter.default_config()).values())
    plugins = [getattr(p, "__name__", "") for p in linter.pm.pm.get_plugins()]
    plugins = [m for m in plugins if m]
    h = hashlib.sha256(__version__.encode())
    modules = set(plugins)
    for r in sorted(rules, key=lambda r: r.code):
        h.update(repr((r.code, r.name, r.severity.value, r.default, r.fixable, r.plugin, r.origin)).encode())
        modules.add(getattr(r.check_fn, "__module__", "") or "")
    assert len(modules) > len({m.split(".")[0] for m in modules})  # several modules share a package
    files = [f for m in sorted(modules) for f in _module_files(m)]
    _hash_files(files, h)
    assert ruleset_fingerprint(rules, [], plugins) == h.hexdigest()
