"""The worst-case inputs of issue 23 (item 7) through the CLI: CPU time and peak memory of each run.

    python bench/probe_worst.py [--exe PATH] [--timeout 300] [--only 0,3]

Each input is a file checked by ``reportlint check --no-cache FILE`` (default format: the text
formatter, report to a pipe). CPU is user+sys of the run and peak is its maximum resident set,
both from ``getrusage(RUSAGE_CHILDREN)`` in a wrapper process of its own (so neither this script's
memory nor another run's counts). Times in seconds on a shared machine vary; CPU time much less
than wall time. bench/linearity.py measures growth per rule; this is the user's view of it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PHRASE = "推进全面从严 治党工作落实，"  # 14 characters, a space between Han runs of 6 (P104)

#: name -> text
INPUTS: dict[str, str] = {
    "P104: a 14-character phrase with a space, 10,000 times in one paragraph": "标题\n\n" + PHRASE * 10_000 + "\n",
    "P106: 40,000 unmatched ）(推进）× 40,000)": "标题\n\n" + "推进）" * 40_000 + "\n",
    "P106: 100,000 unmatched ）": "标题\n\n" + "推进）" * 100_000 + "\n",
    "text format: one 3.3 MB line with 333,000 findings (推进 ，× 333,000)": "标题\n\n" + "推进 ，" * 333_000 + "\n",
    "2 million one-character lines (字)": "字\n" * 2_000_000,
    "2 million one-character lines (a)": "a\n" * 2_000_000,
}

_WRAPPER = """
import resource, subprocess, sys
try:
    p = subprocess.run(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=float(sys.argv[1]))
    rc, lines, err = p.returncode, p.stdout.count(b"\\n"), p.stderr.decode("utf-8", "replace").strip().splitlines()
except subprocess.TimeoutExpired:
    rc, lines, err = "timeout", -1, []
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(rc, lines, round(r.ru_utime + r.ru_stime, 2), r.ru_maxrss // 1024, (err or [""])[-1][:80], sep="\\t")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exe", default=shutil.which("reportlint") or "reportlint")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--only", default="", help="comma-separated row numbers (0-based)")
    args = ap.parse_args()
    only = {int(x) for x in args.only.split(",") if x}
    print("| input | MB | exit | stdout lines | CPU s | peak MB | last stderr line |")
    print("|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="probe-worst-") as tmp:
        for i, (name, text) in enumerate(INPUTS.items()):
            if only and i not in only:
                continue
            f = Path(tmp) / f"input{i}.txt"
            f.write_text(text, encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", _WRAPPER, str(args.timeout), args.exe, "check", "--no-cache", str(f)],
                                 capture_output=True, text=True).stdout.rstrip("\n").split("\t")
            rc, lines, cpu, peak, err = (out + [""] * 5)[:5]
            print(f"| {name} | {f.stat().st_size / 1e6:.2f} | {rc} | {lines} | {cpu} | {peak} | {err} |", flush=True)


if __name__ == "__main__":
    main()
