"""Checking many files: a process pool over files (``-j``) and the result cache (the CLI draws the progress bar).

Results come back in the order the files were given, so the output of ``-j N``
is byte-for-byte that of ``-j 1``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reportlint.engine import LintResult
from reportlint.errors import ReportlintError
from reportlint.safeio import install_signal_cleanup, read_file


def __getattr__(name: str) -> Any:
    """``ProcessPoolExecutor`` on first use: multiprocessing and the pool cost ~25 ms of start-up
    that checking one file never needs (PEP 562)."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Below this many files a pool costs more than it saves (worker start-up, rule compilation).
MIN_FILES_FOR_POOL = 8

_WORKER: dict[str, Any] = {}


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_method() -> str:
    """fork where the platform has it (workers inherit compiled rules), else spawn."""
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _init_worker(args: dict[str, Any] | None, use_cache: bool) -> None:
    """Forked workers inherit the parent's Linter (rules already compiled); spawned ones build their own."""
    from reportlint.api import Linter
    from reportlint.cache import Cache

    if args is not None:
        _WORKER["linter"] = Linter(**args)
        install_signal_cleanup()  # a forked worker inherits the parent's handlers; a spawned one sets its own
    _WORKER["cache"] = Cache(_WORKER["linter"]) if use_cache else None


def _slim(result: LintResult) -> LintResult:
    """Drop the document's computed indexes before pickling it back; the parent rebuilds what it needs."""
    if result.document is not None:
        result.document = dataclasses.replace(result.document)
    return result


def _work(item: tuple[Path, str]) -> LintResult:
    return _slim(_WORKER["linter"].check_path(item[0], item[1], _WORKER["cache"]))


def cached_result(linter: Any, path: Path, display: str, cache: Any) -> LintResult | None:
    """The cached result of a file, or None (a miss, or anything unusual: the full check will report it)."""
    try:
        config = linter.config_for(path)
        data = read_file(path, display, config.max_file_size)  # a FIFO is refused, not waited on
        found = cache.get(config, cache.key(config, data, display), display)
        if found is None:
            return None
        return LintResult(display, linter.read_bytes(display, data), findings=found)
    except (ReportlintError, OSError):
        return None


def _pool(linter: Any, items: Sequence[tuple[Path, str]], jobs: int, use_cache: bool) -> Iterator[LintResult]:
    """Results of ``items`` from a process pool, in order."""
    import multiprocessing

    pool_class = globals().get("ProcessPoolExecutor") or __getattr__("ProcessPoolExecutor")
    workers = min(jobs, len(items))
    ctx: Any
    if _start_method() == "fork":
        ctx = multiprocessing.get_context("fork")
        _WORKER["linter"] = linter  # inherited by the forked workers, compiled rules and all
        initargs: tuple[Any, ...] = (None, use_cache)
    else:
        ctx = multiprocessing.get_context("spawn")
        initargs = (dict(linter.settings), use_cache)
    chunk = max(1, min(16, len(items) // (workers * 4)))
    try:
        with pool_class(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=initargs) as pool:
            yield from pool.map(_work, items, chunksize=chunk)
    finally:
        _WORKER.clear()


def check_files(
    linter: Any,
    items: Sequence[tuple[Path, str]],
    *,
    jobs: int | None = None,
    use_cache: bool = True,
) -> Iterator[LintResult]:
    """Check files in order, ``jobs`` at a time; yields one LintResult per item, in the items' order.

    Cache hits are answered here; only the misses go to the pool, and no pool is
    started when too few files miss (re-checking an unchanged tree stays cheap).
    """
    from reportlint.cache import Cache

    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    cache = Cache(linter) if use_cache else None
    if jobs == 1 or len(items) < MIN_FILES_FOR_POOL:
        for path, display in items:
            yield linter.check_path(path, display, cache)
        return
    ready: dict[int, LintResult] = {}
    if cache is not None:
        for i, (path, display) in enumerate(items):
            hit = cached_result(linter, path, display, cache)
            if hit is not None:
                ready[i] = hit
    misses = [item for i, item in enumerate(items) if i not in ready]
    if len(misses) < MIN_FILES_FOR_POOL:
        checked: Iterator[LintResult] = (linter.check_path(p, d, cache) for p, d in misses)
    else:
        checked = _pool(linter, misses, jobs, use_cache)
    for i in range(len(items)):
        yield ready[i] if i in ready else next(checked)
    for _ in checked:  # close the pool
        pass

