"""False positives of families T and G on clean text: findings per 100,000 characters, each listed.

    .venv/bin/python bench/bench_tg_clean.py [PATH ...] [--select T,G] [--all-rules]

PATHs default to ../shared/data/clean-reports (every .txt/.md below it) and
../shared/data/spelling/clean-xxqg.jsonl (one JSON object a line; the text under
text, content, sentence, target or source). Every finding is printed with its
context so a person can judge it; the target is under 1 per 100,000 characters.
By default only the rules on by default are run (--all-rules adds the opt-in ones).
Missing paths are reported and skipped; with none present the script exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
DEFAULTS = (DATA / "clean-reports", DATA / "spelling" / "clean-xxqg.jsonl")
_TEXT_KEYS = ("text", "content", "sentence", "target", "source")


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of each document under ``path``: files below a folder, or lines of a .jsonl."""
    if path.is_dir():
        for f in sorted(path.rglob("*")):
            if f.suffix in (".txt", ".md") and f.is_file():
                yield str(f.relative_to(path)), f.read_text(encoding="utf-8", errors="replace")
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    obj = json.loads(line)
                    text = next((obj[k] for k in _TEXT_KEYS if isinstance(obj.get(k), str)), None)
                    if text is not None:
                        yield f"{path.name}:{n}", text
    else:
        yield path.name, path.read_text(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Lint every clean text with the T and G rules and print the rate and the findings."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=list(DEFAULTS))
    ap.add_argument("--select", default="T,G", help="rule selectors (default T,G)")
    ap.add_argument("--all-rules", action="store_true", help="include rules that are off by default")
    args = ap.parse_args(argv)
    present = [p for p in args.paths if p.exists()]
    for p in args.paths:
        if not p.exists():
            print(f"bench_tg_clean: {p} is absent, skipped", file=sys.stderr)
    if not present:
        print("bench_tg_clean: no clean text to read (../shared/data ships only beside the development checkout)",
              file=sys.stderr)
        return 2

    from reportlint.api import Linter

    prefixes = tuple(args.select.split(","))
    linter = Linter(isolated=True, select=list(prefixes) if args.all_rules else None)
    chars, per_code = 0, Counter[str]()
    for path in present:
        for name, text in texts(path):
            chars += len(text)
            doc = linter.read_bytes("clean.txt", text.encode("utf-8"))
            for f in linter.check_document(doc).findings:
                if f.code.startswith(prefixes):
                    per_code[f.code] += 1
                    ctx = text[max(0, f.start - 12):f.end + 12].replace("\n", " ")
                    print(f"{name}: {f.code} {f.message} | …{ctx}…")
    total = sum(per_code.values())
    rate = total / chars * 100_000 if chars else 0.0
    print(f"{chars:,} characters, {total} findings = {rate:.2f} per 100,000 characters")
    for code, n in sorted(per_code.items()):
        print(f"  {code}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
