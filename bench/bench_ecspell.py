"""Sentence-level detection precision, recall and F1 of family T on ECSpell official-document sentences.

ECSpell (Lv et al. 2022) pairs a sentence with its corrected form; the ``odw`` domain is
official-document writing. A sentence counts as detected when a T rule reports anything
on its source side; it is an error sentence when source and target differ.

    .venv/bin/python bench/bench_ecspell.py [PATH] [--select T101,T102] [--show 20]

PATH defaults to ../shared/data/spelling/ecspell-odw-train.jsonl beside the checkout.
Each line is a JSON object with the sentence pair under one of these key pairs:
source/target, src/tgt, original_text/correct_text, or wrong/correct. Without the
file, the script says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "spelling" / "ecspell-odw-train.jsonl"
_KEYS = (("source", "target"), ("src", "tgt"), ("original_text", "correct_text"), ("wrong", "correct"))


@dataclass
class Score:
    """Sentence-level confusion counts and the false positives / misses to look at."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    located: int = 0  # true positives with a finding over a changed character
    target_flags: int = 0  # corrected sentences still flagged (false positives on clean text)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_pairs(path: Path) -> Iterator[tuple[str, str]]:
    """(source, target) of each JSON line, whichever key names the file uses."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            for a, b in _KEYS:
                if a in obj and b in obj:
                    yield str(obj[a]), str(obj[b])
                    break
            else:
                raise SystemExit(f"{path}:{n}: no sentence pair under keys {_KEYS}")


def changed_positions(src: str, tgt: str) -> set[int]:
    """Offsets in ``src`` of characters the correction changes (same-length pairs only)."""
    if len(src) != len(tgt):
        return set()
    return {i for i, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}


def score(pairs: Iterator[tuple[str, str]], select: list[str] | None, show: int) -> Score:
    """Lint each source (and target) with the T rules and count sentence-level outcomes."""
    from reportlint.api import Linter

    linter = Linter(isolated=True, select=select)

    def spans(text: str) -> list[tuple[int, int]]:
        doc = linter.read_bytes("sentence.txt", text.encode("utf-8"))
        return [(f.start, f.end) for f in linter.check_document(doc).findings if f.code.startswith("T")]

    s = Score()
    for src, tgt in pairs:
        found = spans(src)
        wrong = src != tgt
        if wrong and found:
            s.tp += 1
            pos = changed_positions(src, tgt)
            s.located += any(a <= i < b for a, b in found for i in pos)
        elif wrong:
            s.fn += 1
        elif found:
            s.fp += 1
            if len(s.false_positives) < show:
                s.false_positives.append(src)
        else:
            s.tn += 1
        if wrong and spans(tgt):
            s.target_flags += 1
    return s


def main(argv: list[str] | None = None) -> int:
    """Score the file and print the figures; 2 when the data is absent."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--select", help="comma-separated rule selectors (default: the T rules on by default)")
    ap.add_argument("--show", type=int, default=20, help="false positives to print")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(
            f"bench_ecspell: {args.path} is absent. ECSpell data ships only in ../shared/data beside the "
            "development checkout; pass the path of an ecspell-*.jsonl file to score another copy.",
            file=sys.stderr,
        )
        return 2
    select = args.select.split(",") if args.select else None
    s = score(read_pairs(args.path), select, args.show)
    total = s.tp + s.fp + s.fn + s.tn
    print(f"{args.path.name}: {total:,} sentences, {s.tp + s.fn:,} with an error")
    print(f"sentence-level detection: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"  TP {s.tp}  FP {s.fp}  FN {s.fn}  TN {s.tn}; TP with a finding on a changed character: {s.located}")
    print(f"  corrected (target) sentences still flagged: {s.target_flags}")
    for text in s.false_positives:
        print(f"  FP: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
