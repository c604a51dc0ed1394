"""Per-rule speed of the default rule set on the bundled sample x100, and the ratio to autocorrect-py.

Usage: .venv/bin/python bench/bench_rules.py [--copies 100] [--runs 5] [--top 0] [--json out.json]
Each rule's check runs alone on one document made of the (repaired) sample repeated; the
end-to-end figure runs ``Linter.check_document`` (engine, filtering, locating) on the same
copies as separate documents, the way bench/run.py does, and autocorrect-py's ``lint_for``
on the same documents in the same process. Times are medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import clean_sample  # noqa: E402


def _median(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print the per-rule table and the end-to-end ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--top", type=int, default=0, help="show only the N slowest rules (0: all)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    from reportlint.api import Linter

    base = clean_sample()
    text = base * args.copies
    mb = len(text.encode("utf-8")) / 1e6
    linter = Linter(isolated=True)
    linter.check_document(linter.read_bytes("warm.txt", base.encode("utf-8")))  # build automata, lazy data
    doc = linter.read_bytes("x.txt", text.encode("utf-8"))
    _ = (doc.paragraphs, doc.outline, doc.lines)  # shared preparation, timed apart

    rules = linter.selected_rules(linter.default_config())
    # Each pass starts with no shared scans (doc.memo): the first rule of a family that asks
    # for one pays for it, as in a real run, so the sum of the rules is the real cost.
    samples: dict[str, list[float]] = {rule.code: [] for rule in rules}
    for _ in range(args.runs):
        doc.meta.pop("_memo", None)
        for rule in rules:
            t0 = time.perf_counter()
            for _f in rule.check(doc):
                pass
            samples[rule.code].append(time.perf_counter() - t0)
    per_rule = [(code, statistics.median(ts)) for code, ts in samples.items()]
    per_rule.sort(key=lambda r: -r[1])
    total = sum(t for _, t in per_rule)

    data = base.encode("utf-8")

    def ours() -> None:
        # Read (decode, paragraphs, outline) and check each document, as bench/run.py does.
        for i in range(args.copies):
            linter.check_document(linter.read_bytes(f"s{i}.txt", data))

    ours()
    t_ours = _median(ours, args.runs)
    try:
        import autocorrect_py

        def theirs() -> None:
            for _ in range(args.copies):
                autocorrect_py.lint_for(base, "text")

        theirs()
        t_ac = _median(theirs, args.runs)
    except ImportError:
        t_ac = float("nan")

    print(f"corpus: bundled sample x{args.copies} = {mb:.2f} MB; {len(rules)} default rules; median of {args.runs}")
    print(f"{'rule':<6} {'ms':>8} {'ms/MB':>8} {'MB/s':>9}")
    shown = per_rule[: args.top] if args.top else per_rule
    for code, t in shown:
        print(f"{code:<6} {t * 1000:8.2f} {t * 1000 / mb:8.2f} {mb / t if t else float('inf'):9.1f}")
    print(f"sum of rules: {total * 1000:.1f} ms = {mb / total:.2f} MB/s")
    print(f"reportlint end to end ({args.copies} documents, read + check): {mb / t_ours:.2f} MB/s")
    print(f"autocorrect-py lint_for (same documents): {mb / t_ac:.2f} MB/s")
    print(f"ratio reportlint / autocorrect: {t_ac / t_ours:.2f}")
    if args.json:
        args.json.write_text(
            json.dumps({"mb": mb, "rules": dict(per_rule), "ours_mbps": mb / t_ours, "ac_mbps": mb / t_ac}, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
