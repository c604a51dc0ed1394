"""Wall time of `reportlint check` on many reports: -j 1, -j 2, and a warm cache.

    .venv/bin/python bench/bench_ci.py [--files 400] [--repeat 3]

Uses ../shared/data/clean-reports when present; otherwise it writes ~400 reports
made from examples/*.txt (paragraphs rotated, numbers and years varied, a
different defect added to some) into a temporary folder. Each figure is the
best of --repeat runs of the real command line (start-up included).

The code is measured from a snapshot (src/, plugins/, rules/ copied to the
temporary folder and put first on PYTHONPATH): the cache is keyed by the rules'
source, so edits made to the checkout while the benchmark runs would otherwise
turn warm-cache runs cold. --no-snapshot measures the checkout as it is.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT.parent / "shared" / "data" / "clean-reports"
DEFECTS = ["要##paidbegin##求", "学习强国、、微博", "召开谈话会 。", "XX同志", "4月27日-28日", ""]


def make_corpus(folder: Path, n: int, seed: int = 8) -> Path:
    """``n`` reports varied from the bundled examples, deterministic for a seed."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "examples").glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = [line for line in rng.choice(sources) if line.strip()]
        title, body = lines[0], lines[1:]
        k = rng.randrange(len(body)) if body else 0
        body = body[k:] + body[:k]
        text = "\n".join([title.replace("2023", str(2015 + i % 10)), *body])
        text = text.replace("5", str(i % 10)) if i % 3 else text
        if rng.random() < 0.5:
            text += "\n" + rng.choice(DEFECTS)
        (folder / f"{i:04d}-报告.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def snapshot(dest: Path) -> str:
    """Copy the code the CLI runs; returns a PYTHONPATH that puts the copy first."""
    for name in ("src", "plugins", "rules"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return os.pathsep.join(str(dest / name) for name in ("src", "plugins"))


def _child_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def timed(args: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    """Best wall time and the CPU time (user + system, workers included) of that run."""
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        c, t = _child_cpu(), time.perf_counter()
        proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall, used = time.perf_counter() - t, _child_cpu() - c
        if wall < best:
            best, cpu = wall, used
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return best, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-snapshot", action="store_true", help="run the checkout's code, not a copy")
    opts = ap.parse_args()
    load = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        if CLEAN.is_dir():
            corpus, what = CLEAN, f"{CLEAN} ({sum(1 for _ in CLEAN.rglob('*.txt'))} .txt files)"
        else:
            corpus = make_corpus(tmp / "reports", opts.files)
            what = f"{opts.files} reports generated from examples/*.txt ({sum(p.stat().st_size for p in corpus.iterdir()) // 1024} KiB)"
        cache = tmp / "cache"
        env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
        if not opts.no_snapshot:
            env["PYTHONPATH"] = snapshot(tmp / "code") + os.pathsep + env.get("PYTHONPATH", "")
        cli = [sys.executable, "-m", "reportlint", "check", "--isolated", "--format", "concise", "-q", str(corpus)]
        rows: list[tuple[str, tuple[float, float]]] = []
        rows.append(("-j 1, no cache", timed([*cli, "-j", "1", "--no-cache"], env, opts.repeat)))
        rows.append(("-j 2, no cache", timed([*cli, "-j", "2", "--no-cache"], env, opts.repeat)))
        shutil.rmtree(cache, ignore_errors=True)
        rows.append(("-j 2, cold cache (fills it)", timed([*cli, "-j", "2"], env, 1)))
        rows.append(("-j 2, warm cache", timed([*cli, "-j", "2"], env, opts.repeat)))
        rows.append(("-j 1, warm cache", timed([*cli, "-j", "1"], env, opts.repeat)))
        print(
            f"corpus: {what}; {os.cpu_count()} cores; Python {sys.version.split()[0]}; best of {opts.repeat}; "
            f"load average at start: {load:.1f}"
        )
        base = rows[0][1][0]
        print(f"  {'run':<30} {'wall':>8}  {'vs -j 1':>8}  {'CPU (all processes)':>20}")
        for name, (secs, cpu) in rows:
            print(f"  {name:<30} {secs:7.2f}s  {secs / base:7.2f}x  {cpu:19.2f}s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
