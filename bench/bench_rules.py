"""Each default rule's cost in ms per MB on the real corpus, slowest first (CPU time).

    python bench/bench_rules.py [--rounds 3] [--top 0] [--big MB] [--only P1,N104] [--json out.json]

The rules run as the engine runs them, on every report of ../shared/data/clean-reports (the
same measurement as the "where the time goes" table of docs/benchmarks.md, bench/run.py).
``--big MB`` runs them instead on one text of about that many MB made by joining the reports:
a rule whose prefilter every long text passes shows up there. Without the corpus the script says
so and stops.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import need_corpus, rule_costs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--top", type=int, default=0, help="show only the N slowest rules (0: all)")
    ap.add_argument("--big", type=float, default=0.0, help="one text of this many MB joined from the corpus")
    ap.add_argument("--only", default="", help="comma-separated code prefixes to show")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    files = need_corpus()
    datas = [(p.name, p.read_bytes()) for p in files]
    what = f"{len(files)} reports of clean-reports"
    if args.big:
        parts: list[bytes] = []
        size = 0
        while size < args.big * 1e6:
            parts.append(datas[len(parts) % len(datas)][1])
            size += len(parts[-1]) + 1
        datas = [("big.txt", b"\n".join(parts))]
        what = f"one text of {len(datas[0][1]) / 1e6:.1f} MB joined from clean-reports"
    costs = rule_costs(datas, args.rounds)
    rows = sorted(costs.items(), key=lambda kv: -kv[1])
    if args.only:
        rows = [r for r in rows if r[0].startswith(tuple(args.only.split(",")))]
    if args.top:
        rows = rows[: args.top]
    print(f"{what}: {sum(costs.values()):.1f} ms per MB in all (CPU time, minimum of {args.rounds} rounds)")
    for code, v in rows:
        print(f"{code:<10} {v:7.2f}")
    if args.json:
        args.json.write_text(json.dumps(costs, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
