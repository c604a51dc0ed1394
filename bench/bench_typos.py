"""The typo table of issue 16: the dictionary, the statistical detector and both, on ../shared/data.

    .venv/bin/python bench/bench_typos.py [--inject 500] [--seed 16] [--show 0]

Three rule sets: the dictionary (T101 hand list, T108 variant forms, T202 misused words kept by
evidence), the detector (T201) and both. For each:

- ECSpell odw / law / med train (../shared/data/spelling): sentence-level detection precision,
  recall and F1 (a sentence is detected when the set reports anything on its source; it holds an
  error when source and target differ, as bench/bench_ecspell.py counts), and character-level
  precision and recall (characters inside a finding against the characters the correction changes);
  T201's classifier learnt from these sentences, so they are scored cross-validated: five folds by
  line number, each scored by a classifier fitted without it (rebuilt here from ../shared/data, about
  three minutes; ``--no-cv`` scores them in-sample with the shipped one);
- false alarms: the share of the 5,000 error-free 学习强国 sentences (spelling/clean-xxqg.jsonl)
  with a finding, and findings per 100,000 characters of the 400 clean reports (clean-reports);
- injected common typos: a misused-word pair of the word lists (lexicons/misused_words: ECSpell's
  curated list and pycorrector's confusion pairs, same length, none touching the sample's 上时间)
  written into a random line of a random clean report that holds its right form; found when a
  finding of the set covers the injected characters and was not there before;

and for the detector its speed (MB of UTF-8 per second of this process's CPU time, detection only,
over the clean reports, after a warm-up), the model's size and its load time (a fresh interpreter:
numpy's import included; CPU and wall). The language model is trained on train-reports only, so the
clean reports and clean-xxqg are text it has not seen, and ECSpell is cross-validated; T202's
dictionary is built from the same word lists as the injections (its injected recall is not an
independent figure).

Without ../shared/data the script says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SPELLING = DATA / "spelling"
CLEAN = DATA / "clean-reports" / "texts"
MISUSED = DATA / "lexicons" / "misused_words"
MODEL = ROOT / "plugins" / "reportlint_words" / "data" / "typo-model.bin"

DICTIONARY = ("T101", "T108", "T202")
DETECTOR = ("T201",)
SETS = {"dictionary (T101+T108+T202)": DICTIONARY, "detector (T201)": DETECTOR, "both": DICTIONARY + DETECTOR}
DOMAINS = ("odw", "law", "med")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    char_hit: int = 0  # flagged characters the correction changes
    char_flagged: int = 0
    char_changed: int = 0

    def add(self, wrong: bool, flagged: set[int], changed: set[int]) -> None:
        if wrong:
            self.tp += bool(flagged)
            self.fn += not flagged
        else:
            self.fp += bool(flagged)
            self.tn += not flagged
        self.char_hit += len(flagged & changed)
        self.char_flagged += len(flagged)
        self.char_changed += len(changed)

    @staticmethod
    def _div(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def p(self) -> float:
        return self._div(self.tp, self.tp + self.fp)

    @property
    def r(self) -> float:
        return self._div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return self._div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def char_p(self) -> float:
        return self._div(self.char_hit, self.char_flagged)

    @property
    def char_r(self) -> float:
        return self._div(self.char_hit, self.char_changed)


def linter():
    from reportlint.api import Linter

    return Linter(isolated=True, select=list(DICTIONARY + DETECTOR))


def findings(lint, text: str, name: str = "sentence.txt") -> list:
    return lint.check_document(lint.read_bytes(name, text.encode("utf-8"))).findings


def covered(found: Iterable, codes: tuple[str, ...]) -> set[int]:
    return {i for f in found if f.code in codes for i in range(f.start, f.end)}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_jsonl_lines(path: Path) -> list[dict | None]:
    """Every line of a JSON-lines file, None for a blank one (line numbers decide the CV fold)."""
    return [json.loads(line) if line.strip() else None for line in path.read_text(encoding="utf-8").splitlines()]


def build_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_typo_model
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return build_typo_model


def fold_classifiers() -> list[tuple[dict, dict]]:
    """One classifier per cross-validation fold, each fitted without that fold's ECSpell sentences.

    The shipped classifier learnt from the ECSpell train sentences, so scoring them with it would be
    scoring the training set: each sentence is scored by the classifier of its fold instead
    (build_typo_model.cross_validated: same language model, same procedure, threshold included).
    """
    build = build_module()
    _, folds = build.cross_validated(DATA, log=lambda *_: None)
    return folds


def ecspell(lint, folds: list[tuple[dict, dict]] | None) -> dict[str, dict[str, Counts]]:
    """Sentence and character counts on the three ECSpell train sets; cross-validated if ``folds``."""
    from reportlint_words import statistical
    from reportlint_words.detector import trees

    model = statistical.model()
    shipped = dict(model.arrays), dict(model.meta)

    def use(k: int | None) -> None:
        arrays, meta = shipped if k is None else folds[k]
        model.arrays.update({name: arrays[name] for name in trees.NAMES})
        model.meta.update({name: meta[name] for name in ("clf_bias", "trees_depth", "threshold")})

    out: dict[str, dict[str, Counts]] = {domain: {name: Counts() for name in SETS} for domain in DOMAINS}
    try:
        for k in range(len(folds)) if folds else [None]:
            use(k)
            for domain in DOMAINS:
                counts = out[domain]
                for line, row in enumerate(read_jsonl_lines(SPELLING / f"ecspell-{domain}-train.jsonl")):
                    if row is None or (k is not None and line % len(folds) != k):
                        continue
                    src, tgt = row["source"], row["target"]
                    changed = ({i for i, (a, b) in enumerate(zip(src, tgt, strict=False)) if a != b}
                               if len(src) == len(tgt) else set())
                    found = findings(lint, src)
                    for name, codes in SETS.items():
                        counts[name].add(src != tgt, covered(found, codes), changed)
    finally:
        use(None)
    return out


def xxqg(lint) -> tuple[int, dict[str, int], dict[str, list[str]]]:
    rows = read_jsonl(SPELLING / "clean-xxqg.jsonl")
    flagged = dict.fromkeys(SETS, 0)
    examples: dict[str, list[str]] = {name: [] for name in SETS}
    for row in rows:
        found = findings(lint, row["source"])
        for name, codes in SETS.items():
            hit = [f for f in found if f.code in codes]
            if hit:
                flagged[name] += 1
                examples[name].append(f"{row['source']}  [{', '.join(f'{f.code} {f.message}' for f in hit)}]")
    return len(rows), flagged, examples


def reports(lint) -> tuple[int, dict[str, int], list[str]]:
    chars = 0
    per = dict.fromkeys(SETS, 0)
    t201: list[str] = []
    for path in sorted(CLEAN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        found = findings(lint, text, path.name)
        for name, codes in SETS.items():
            per[name] += sum(f.code in codes for f in found)
        for f in found:
            if f.code == "T201":
                t201.append(f"{path.name}:{f.line}: {text[max(0, f.start - 12):f.end + 12]!r}  {f.message}")
    return chars, per, t201


def pairs() -> list[tuple[str, str]]:
    """Misused-word pairs (wrong, right) of ECSpell's curated list and pycorrector's confusion pairs."""
    out = set()
    for name in ("ecspell_common_misused.jsonl", "pycorrector_custom_confusion.jsonl"):
        for row in read_jsonl(MISUSED / name):
            wrong, right = row["wrong"], row["right"]
            if wrong != right and len(wrong) == len(right) >= 2 and "时间" not in wrong + right:
                out.add((wrong, right))
    return sorted(out)


def injected(lint, n: int, seed: int) -> tuple[int, dict[str, int], int]:
    """Inject ``n`` misused-word typos into random lines of random clean reports; count those found."""
    rng = random.Random(seed)
    words = pairs()
    files = sorted(CLEAN.glob("*.txt"))
    texts: dict[Path, str] = {}
    before: dict[Path, set[tuple[str, int, int]]] = {}
    found = dict.fromkeys(SETS, 0)
    tried = 0
    while tried < n:
        path = rng.choice(files)
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8")
        text = texts[path]
        lines = text.split("\n")
        li = rng.randrange(len(lines))
        line = lines[li]
        if len(line) < 20:
            continue
        present = [(w, r) for w, r in words if r in line]
        if not present:
            continue
        wrong, right = rng.choice(present)
        starts = [i for i in range(len(line)) if line.startswith(right, i)]
        at = rng.choice(starts)
        offset = sum(len(x) + 1 for x in lines[:li]) + at
        new = text[:offset] + wrong + text[offset + len(right):]
        if path not in before:
            before[path] = {(f.code, f.start, f.end) for f in findings(lint, text, path.name)}
        after = findings(lint, new, path.name)
        tried += 1
        span = set(range(offset, offset + len(wrong)))
        for name, codes in SETS.items():
            found[name] += any(f.code in codes and (f.code, f.start, f.end) not in before[path]
                               and span & set(range(f.start, f.end)) for f in after)
    return tried, found, len(words)


def speed() -> tuple[float, float, int]:
    """MB/s and ms per 20,000 characters of detection (this process's CPU), and the characters timed."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from reportlint_words import statistical

    texts = [p.read_text(encoding="utf-8") for p in sorted(CLEAN.glob("*.txt"))]
    statistical.hits(texts[0])  # warm-up: the model is loaded
    t0 = time.process_time()
    for t in texts:
        statistical.hits(t)
    cpu = time.process_time() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)
    return mb / cpu, cpu / chars * 20_000 * 1000, chars


def load_time() -> tuple[float, float]:
    """CPU and wall seconds of a fresh interpreter's first model load (numpy's import included)."""
    code = (
        "import resource, time\n"
        "from reportlint_words import statistical\n"
        "u = resource.getrusage(resource.RUSAGE_SELF); c0 = u.ru_utime + u.ru_stime; w0 = time.perf_counter()\n"
        "statistical.model()\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(u.ru_utime + u.ru_stime - c0, time.perf_counter() - w0)\n"
    )
    best = (float("inf"), float("inf"))
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        best = min(best, (float(out[0]), float(out[1])))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inject", type=int, default=500, help="injected typos (default 500)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--show", type=int, default=0, help="print up to this many T201 findings on the clean texts")
    ap.add_argument("--no-cv", action="store_true",
                    help="score the ECSpell sentences with the shipped classifier, which learnt from them "
                         "(in-sample figures; the default cross-validates)")
    args = ap.parse_args(argv)
    need = [SPELLING / f"ecspell-{d}-train.jsonl" for d in DOMAINS] + [SPELLING / "clean-xxqg.jsonl", CLEAN, MISUSED]
    need += [DATA / "train-reports" / "texts", DATA / "lexicons" / "vocab"]  # the cross-validation rebuilds
    missing = [str(p) for p in need if not p.exists()]
    if missing:
        print(f"bench_typos: ../shared/data is absent or incomplete (missing {', '.join(missing)}); "
              "it ships only beside the development checkout. Nothing was measured.", file=sys.stderr)
        return 2
    if not MODEL.is_file():
        print(f"bench_typos: {MODEL} is absent: build it with scripts/build_typo_model.py", file=sys.stderr)
        return 2

    lint = linter()
    folds = None if args.no_cv else fold_classifiers()
    spell = ecspell(lint, folds)
    n_xxqg, flagged, xx_examples = xxqg(lint)
    chars, per, t201 = reports(lint)
    tried, found, n_pairs = injected(lint, args.inject, args.seed)
    mbps, ms20k, timed = speed()
    load_cpu, load_wall = load_time()

    head = "| rule set | " + " | ".join(f"{d} P | {d} R | {d} F1 | {d} charP | {d} charR" for d in DOMAINS)
    head += " | clean-xxqg flagged | clean-reports /100k | injected found |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name in SETS:
        cells = []
        for d in DOMAINS:
            c = spell[d][name]
            cells += [f"{c.p:.3f}", f"{c.r:.3f}", f"{c.f1:.3f}", f"{c.char_p:.3f}", f"{c.char_r:.3f}"]
        cells += [f"{100 * flagged[name] / n_xxqg:.2f} %", f"{100_000 * per[name] / chars:.2f}", f"{100 * found[name] / tried:.1f} %"]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("ECSpell: " + ("in-sample (--no-cv: the shipped classifier learnt from these sentences)" if args.no_cv else
                         f"cross-validated, {len(folds)} folds by line number; each fold scored by a classifier "
                         "fitted without it (build_typo_model.cross_validated)"))
    for d in DOMAINS:
        c = spell[d]["detector (T201)"]
        print(f"ECSpell {d} train: {c.tp + c.fn + c.fp + c.tn:,} sentences, {c.tp + c.fn:,} with an error; "
              f"T201 TP {c.tp} FP {c.fp} FN {c.fn} TN {c.tn}")
    print(f"clean-xxqg: {n_xxqg:,} sentences; clean-reports: {chars:,} characters, findings "
          + ", ".join(f"{name} {per[name]}" for name in SETS))
    print(f"injected: {tried} misused-word typos from {n_pairs:,} pairs, seed {args.seed}")
    print(f"detector speed: {mbps:.2f} MB/s of UTF-8 (CPU time, detection only, {timed:,} characters of clean-reports); "
          f"{ms20k:.0f} ms CPU per 20,000 characters")
    print(f"model: {MODEL.stat().st_size:,} bytes ({MODEL.stat().st_size / 2**20:.1f} MiB); "
          f"load {load_cpu:.2f} s CPU, {load_wall:.2f} s wall (fresh interpreter, numpy import included, best of 3)")
    if args.show:
        print("\nT201 on clean-reports:")
        for line in t201[:args.show]:
            print("  " + line)
        print("\nT201 on clean-xxqg:")
        for line in [x for x in xx_examples["detector (T201)"]][:args.show]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
