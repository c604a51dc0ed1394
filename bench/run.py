"""Benchmarks and the accuracy report: one command writes docs/benchmarks.md and its plots.

    python bench/run.py [--quick] [--big-mb 50] [--runs 3]

Speed (one core, in process): MB/s and files/s of the default rule set over the corpus and over
one big file made from it, peak memory (a child process's max RSS), start-up on a small file,
each the median of several runs; the same corpus through autocorrect-py's lint (a Rust linter
for Chinese text) and the ratio. Scale: time against document size and against dictionary size
(plots). Accuracy: findings per 100,000 characters by family and severity on the clean corpus;
ECSpell sentence-level detection P/R/F1; recall per defect kind on a synthetic set made by
injecting known defects into clean text.

The corpus is ../shared/data/clean-reports when present; otherwise the bundled sample report
with its known defects repaired (stated in the report, since the figures are then not comparable).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "bench"))

# The sample's known defects and their repairs: the repaired text is a clean base for injection.
SAMPLE_REPAIRS = [("##paidbegin##", ""), ("##paidend##", ""), ("XX坚持", "我委坚持"), ("、、", "、"), ("谈话会 。", "谈话会。"),
                  ("4月27日-28日", "4月27日—28日"), ("上时间待机", "长时间待机"), ("党2023年", "2023年"), ("清醒的认识到", "清醒地认识到")]


def clean_sample() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in SAMPLE_REPAIRS:
        text = text.replace(old, new)
    return text.rstrip("\n") + "\n"


def corpus() -> tuple[list[tuple[str, str]], str]:
    """(name, text) pairs and a description of where they came from."""
    reports = SHARED / "clean-reports"
    if reports.is_dir():
        files = sorted(p for p in reports.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
        return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files], f"{len(files)} files of {reports}"
    base = clean_sample()
    docs = [(f"sample-{i:03d}.txt", base) for i in range(40)]
    return docs, "FALLBACK: ../shared/data/clean-reports absent; 40 copies of the bundled sample with its known defects repaired"


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def lint_all(linter, docs: list[tuple[str, str]], encoded: list[bytes] | None = None) -> list:
    """Read (decode, detect) and check each document: reportlint takes the file's bytes, as from disk;
    ``encoded`` holds them ready so that encoding the benchmark's own strings is not timed."""
    out = []
    for i, (name, text) in enumerate(docs):
        doc = linter.read_bytes(name, encoded[i] if encoded is not None else text.encode("utf-8"))
        out.append(linter.check_document(doc))
    return out


def startup_ms(runs: int) -> float:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "startup.py"), "--runs", str(runs)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("start-up"):
            return float(line.split(":")[1].split("ms")[0])
    return float("nan")


def speed(docs: list[tuple[str, str]], runs: int, big_mb: float, report: list[str]) -> dict:
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    lint_all(linter, docs[:2])  # compile packs, build automata, load lazy data
    chars = sum(len(t) for _, t in docs)
    nbytes = sum(len(t.encode("utf-8")) for _, t in docs)
    encoded = [text.encode("utf-8") for _, text in docs]
    t = median_time(lambda: lint_all(linter, docs, encoded), runs)
    results = {"files": len(docs), "mb": nbytes / 1e6, "chars": chars, "time": t, "mbps": nbytes / 1e6 / t, "fps": len(docs) / t}
    try:
        import autocorrect_py

        def ac() -> None:
            for _name, text in docs:
                autocorrect_py.lint_for(text, "text")

        ac()
        ta = median_time(ac, runs)
        results["ac_mbps"] = nbytes / 1e6 / ta
        results["ac_version"] = _version("autocorrect-py")
    except ImportError:
        results["ac_mbps"] = float("nan")
        results["ac_version"] = "not installed"
    # One big file made from the corpus.
    target = int(big_mb * 1e6)
    parts, size, i = [], 0, 0
    while size < target:
        text = docs[i % len(docs)][1]
        parts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    big_text = "\n".join(parts)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(big_text, encoding="utf-8")
        big_bytes = big.stat().st_size
        from reportlint.config import Config

        big_linter = Linter(isolated=True)
        big_linter._by_file[None] = Config(max_file_size=10**10)
        tb = median_time(lambda: big_linter.check_path(big), max(1, runs // 2))
        results.update(big_mb=big_bytes / 1e6, big_time=tb, big_mbps=big_bytes / 1e6 / tb)
        results["peak_mb"] = peak_rss_mb_big(big)
    return results


def peak_rss_mb_big(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that checks ``path``.

    VmHWM from /proc is this process's own high-water mark. ru_maxrss is not: on Linux it keeps
    the peak from before exec, so a child started by a big parent reports the parent's size.
    """
    code = (
        "import sys,resource; from pathlib import Path; from reportlint.api import Linter; from reportlint.config import Config;"
        "l=Linter(isolated=True); l._by_file[None]=Config(max_file_size=10**10); r=l.check_path(Path(sys.argv[1]));"
        "s=Path('/proc/self/status'); hwm=[l for l in s.read_text().splitlines() if l.startswith('VmHWM')] if s.exists() else [];"
        "print(int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]) / 1024


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def ratio_by_size(docs: list[tuple[str, str]], runs: int) -> list[tuple[int, float, float]]:
    """Both linters on documents of several sizes made from the corpus text, ~1 MB in all per size:
    (characters per document, reportlint MB/s, autocorrect MB/s). Per-document costs weigh on
    small files; the clean-reports corpus averages 18,000 characters a report (7.2M / 400)."""
    try:
        import autocorrect_py
    except ImportError:
        return []
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    base = "\n".join(t for _, t in docs)
    out = []
    # autocorrect-py 2.14 stops with "call limit reached" (its parser) on one document of 400,000 characters
    for chars in (min(len(t) for _, t in docs), 18_000, 200_000):
        text = (base * (chars // max(1, len(base)) + 1))[:chars]
        data = text.encode("utf-8")
        copies = max(1, 1_000_000 // len(text))
        mb = len(data) * copies / 1e6

        def ours(data: bytes = data, copies: int = copies) -> None:
            for i in range(copies):
                linter.check_document(linter.read_bytes(f"d{i}.txt", data))

        def theirs(text: str = text, copies: int = copies) -> None:
            for _ in range(copies):
                autocorrect_py.lint_for(text, "text")

        ours()
        theirs()
        out.append((chars, mb / median_time(ours, runs), mb / median_time(theirs, runs)))
    return out


def family_costs(docs: list[tuple[str, str]], rounds: int) -> tuple[dict[str, float], list[tuple[str, float]], float]:
    """Where the time goes: ms per MB by rule family and for the slowest rules, each document read
    afresh (so the first rule of a family pays for its shared scan, as in a real run); min of rounds."""
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    rules = linter.selected_rules(linter.default_config())
    datas = [(name, text.encode("utf-8")) for name, text in docs]
    best: dict[str, float] = {}
    for _ in range(rounds):
        acc: dict[str, float] = {}
        for name, data in datas:
            t0 = time.perf_counter()
            doc = linter.read_bytes(name, data)
            _ = (doc.paragraphs, doc.lines, doc.outline)
            acc["(reading, paragraphs, outline)"] = acc.get("(reading, paragraphs, outline)", 0.0) + time.perf_counter() - t0
            for rule in rules:
                t0 = time.perf_counter()
                for _f in rule.check(doc):
                    pass
                acc[rule.code] = acc.get(rule.code, 0.0) + time.perf_counter() - t0
        for key, value in acc.items():
            best[key] = min(best.get(key, value), value)
    mb = sum(len(d) for _, d in datas) / 1e6
    families: dict[str, float] = {}
    for key, value in best.items():
        fam = key if key.startswith("(") else key.rstrip("0123456789")
        families[fam] = families.get(fam, 0.0) + value * 1000 / mb
    slowest = sorted(((k, v * 1000 / mb) for k, v in best.items() if not k.startswith("(")), key=lambda kv: -kv[1])[:10]
    return families, slowest, sum(families.values())


def scale(docs: list[tuple[str, str]], quick: bool) -> tuple[list[tuple[float, float]], list[tuple[int, float]]]:
    """Time against document size, and a replace rule's time against its dictionary size."""
    from reportlint.api import Linter
    from reportlint.document import Document
    from reportlint.matcher import LiteralMatcher

    linter = Linter(isolated=True)
    base = "\n".join(t for _, t in docs)
    sizes_kb = [1, 10, 100, 1000, 5000] if quick else [1, 10, 100, 1000, 10000, 50000]
    by_size = []
    for kb in sizes_kb:
        reps = kb * 1000 // max(1, len(base.encode("utf-8"))) + 1
        text = (base * reps).encode("utf-8")[: kb * 1000].decode("utf-8", errors="ignore")
        t = median_time(lambda text=text: linter.check_document(Document(text, path="x.txt")), 1 if kb >= 1000 else 3)
        by_size.append((kb / 1000, t))
    rng = random.Random(7)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    text = base * max(1, 2_000_000 // len(base))
    by_dict = []
    for n in [1000, 10000, 100000] if quick else [1000, 5000, 20000, 50000, 100000]:
        words = {"".join(rng.choice(han) for _ in range(rng.randint(3, 5))): i for i in range(n)}
        m = LiteralMatcher(words)
        list(m.finditer("预热"))
        t = median_time(lambda m=m: sum(1 for _ in m.finditer(text)), 3)
        by_dict.append((n, len(text.encode("utf-8")) / 1e6 / t))
    return by_size, by_dict


def plot(by_size: list[tuple[float, float]], by_dict: list[tuple[int, float]], out_dir: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot([s for s, _ in by_size], [t for _, t in by_size], "o-")
    ax.set_xlabel("document size (MB)")
    ax.set_ylabel("check time (s)")
    ax.set_title("reportlint: time against document size")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_dir / "bench-size.png", dpi=110)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot([n for n, _ in by_dict], [v for _, v in by_dict], "o-")
    ax.set_xscale("log")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("dictionary entries")
    ax.set_ylabel("scan speed (MB/s)")
    ax.set_title("one Aho-Corasick pass: speed against dictionary size")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_dir / "bench-dictionary.png", dpi=110)


def density(results: list, chars: int) -> tuple[Counter, list]:
    counts: Counter = Counter()
    for r in results:
        for f in r.findings:
            counts[(f.code[0], f.severity.value)] += 1
    return counts, [p for r in results for p in r.problems]


# Synthetic defects: (kind, expected code prefix, function(text_line, rng) -> mutated line)
def _insert(piece: str) -> Callable[[str, random.Random], str]:
    def f(line: str, rng: random.Random) -> str:
        i = rng.randrange(1, max(2, len(line) - 1))
        return line[:i] + piece + line[i:]

    return f


def _replace_first(old: str, new: str) -> Callable[[str, random.Random], str]:
    def f(line: str, rng: random.Random) -> str:
        return line.replace(old, new, 1) if old in line else line

    return f


def _double_punct(line: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(line) if c in "，、；"]
    if not idx:
        return line
    i = rng.choice(idx)
    return line[: i + 1] + line[i] + line[i + 1 :]


def _halfwidth_comma(line: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(line) if c == "，" and i > 0 and "\u4e00" <= line[i - 1] <= "\u9fff"]
    if not idx:
        return line
    i = rng.choice(idx)
    return line[:i] + "," + line[i + 1 :]


def _drop_close_quote(line: str, rng: random.Random) -> str:
    i = line.find("”")
    return line[:i] + line[i + 1 :] if i != -1 else line


def _double_char(line: str, rng: random.Random) -> str:
    i = line.find("的")
    return line[:i] + "的的" + line[i + 1 :] if i != -1 else line


INJECTIONS: list[tuple[str, str, Callable[[str, random.Random], str]]] = [
    ("stray marker", "M", _insert("##paidbegin##")),
    ("HTML residue", "M", _insert("<span>")),
    ("invisible character", "M", _insert("\u200b")),
    ("placeholder", "M", _insert("XX同志")),
    ("doubled punctuation", "P", _double_punct),
    ("half-width comma", "P", _halfwidth_comma),
    ("unbalanced quote", "P", _drop_close_quote),
    ("dictionary typo", "T", _replace_first("长时间", "上时间")),
    ("doubled character", "T", _double_char),
    ("invalid date", "D", _insert("2023年2月30日")),
    ("ID number", "I", _insert("11010519491231002X")),
    ("political term", "G", _replace_first("坚定“四个自信”", "坚定“四个自心”")),
]


def synthetic_recall(base_docs: list[tuple[str, str]], per_kind: int, seed: int = 1) -> list[tuple[str, int, int]]:
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    rng = random.Random(seed)
    out = []
    for kind, prefix, mutate in INJECTIONS:
        tried = found = 0
        attempts = 0
        while tried < per_kind and attempts < per_kind * 20:
            attempts += 1
            name, text = rng.choice(base_docs)
            lines = text.split("\n")
            candidates = [i for i, line in enumerate(lines) if len(line) > 20]
            if not candidates:
                continue
            li = rng.choice(candidates)
            new_line = mutate(lines[li], rng)
            if new_line == lines[li]:
                continue
            lines[li] = new_line
            doc = linter.read_bytes(name, "\n".join(lines).encode("utf-8"))
            before = {(f.code, f.line) for f in linter.check_document(linter.read_bytes(name, text.encode("utf-8"))).findings}
            after = linter.check_document(doc).findings
            tried += 1
            if any(f.code.startswith(prefix) and f.line == li + 1 and (f.code, f.line) not in before for f in after):
                found += 1
        out.append((kind, tried, found))
    return out


def ecspell(linter_select: str = "T") -> dict | None:
    path = SHARED / "spelling" / "ecspell-odw-train.jsonl"
    if not path.is_file():
        return None
    from reportlint.api import Linter

    linter = Linter(isolated=True, select=[linter_select])
    tp = fp = fn = tn = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        src = item.get("source") or item.get("src") or item.get("text")
        tgt = item.get("target") or item.get("tgt") or item.get("correct")
        if not src or not tgt:
            continue
        flagged = bool(linter.check_document(linter.read_bytes("s.txt", src.encode())).findings)
        wrong = src != tgt
        tp += flagged and wrong
        fp += flagged and not wrong
        fn += (not flagged) and wrong
        tn += (not flagged) and not wrong
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": tp + fp + fn + tn}


def _precision() -> list[str]:
    """The per-rule precision table from the reviewed corpus snapshot (bench/corpus_snapshot.py), between the
    markers that let `python bench/corpus_snapshot.py --docs` refresh it alone."""
    import corpus_snapshot

    if not corpus_snapshot.SNAPSHOT.is_file():
        return []
    section = corpus_snapshot.precision_section(chars=corpus_snapshot.corpus_chars())
    return [corpus_snapshot.BEGIN, *section, corpus_snapshot.END, ""]


def _what_it_took() -> list[str]:
    """The hand-written account of the speed work (bench/what-it-took.md), included verbatim."""
    path = ROOT / "bench" / "what-it-took.md"
    return [path.read_text(encoding="utf-8").rstrip("\n"), ""] if path.is_file() else []


def main() -> int:
    ap = argparse.ArgumentParser(description="reportlint benchmarks and accuracy report")
    ap.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs (a smoke run)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-mb", type=float, default=50.0)
    ap.add_argument("--out", type=Path, default=DOCS / "benchmarks.md")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.big_mb = 1, min(args.big_mb, 5.0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    docs, origin = corpus()
    print(f"corpus: {origin}", flush=True)
    sp = speed(docs, args.runs, args.big_mb, [])
    print(f"speed: {sp['mbps']:.2f} MB/s, autocorrect {sp['ac_mbps']:.2f} MB/s", flush=True)
    st = startup_ms(5 if args.quick else 15)
    families, slowest, total_cost = family_costs(docs, 1 if args.quick else 3)
    by_doc_size = ratio_by_size(docs, 1 if args.quick else 5)
    by_size, by_dict = scale(docs, args.quick)
    plot(by_size, by_dict, args.out.parent)
    from reportlint.api import Linter

    results = lint_all(Linter(isolated=True), docs)
    chars = sum(len(t) for _, t in docs)
    counts, problems = density(results, chars)
    recall = synthetic_recall(docs, 10 if args.quick else 40)
    spell = ecspell()

    ratio = sp["mbps"] / sp["ac_mbps"] if sp["ac_mbps"] == sp["ac_mbps"] and sp["ac_mbps"] else float("nan")
    lines = [
        "# Benchmarks and accuracy",
        "",
        f"Generated by `python bench/run.py{' --quick' if args.quick else ''}` on {time.strftime('%Y-%m-%d')}. Rerun it to refresh every figure here.",
        "",
        "## Machine and versions",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; reportlint {_version('reportlint')}; regex {_version('regex')}; "
        f"pyahocorasick {_version('pyahocorasick')}; ahocorasick-rs {_version('ahocorasick-rs')}; autocorrect-py {sp['ac_version']}",
        f"- corpus: {origin}",
        "- commands: `python bench/run.py` (this page; `--quick` for a smoke run), `python bench/startup.py` "
        "(start-up alone), `python bench/bench_rules.py` (each rule's ms per MB on one long document), "
        "`python bench/bench_matcher.py` (literal matcher against a regex alternation)",
        "",
        "## Speed (one core, median of runs)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| corpus | {sp['files']} files, {sp['mb']:.2f} MB, {sp['chars']:,} characters |",
        f"| reportlint, default rule set | **{sp['mbps']:.2f} MB/s**, {sp['fps']:.0f} files/s |",
        f"| autocorrect-py lint, same corpus | {sp['ac_mbps']:.2f} MB/s |",
        f"| ratio reportlint / autocorrect | **{ratio:.2f}** |",
        f"| one big file ({sp['big_mb']:.0f} MB) | {sp['big_mbps']:.2f} MB/s ({sp['big_time']:.1f} s) |",
        f"| peak memory on the big file | {sp['peak_mb']:.0f} MB |",
        f"| start-up, `reportlint check` on one small file | {st:.0f} ms |",
        "",
        "### Speed against document size",
        "",
        "The same corpus text cut into documents of a given size, about 1 MB in all per row, each tool on one core "
        "(reportlint pays a fixed cost per document for its ~90 rules; the clean-reports corpus averages about 18,000 "
        "characters a report):",
        "",
        "| characters per document | reportlint MB/s | autocorrect-py MB/s | ratio |",
        "|---|---|---|---|",
        *[f"| {c:,} | {a:.2f} | {b:.2f} | {a / b:.2f} |" for c, a, b in by_doc_size],
        "",
        "### Where the time goes",
        "",
        f"Each rule timed alone on every corpus document read afresh (min of runs): {total_cost:.0f} ms per MB in all, "
        "the sum of the parts below.",
        "",
        "| part | ms per MB |",
        "|---|---|",
        *[f"| {fam} | {v:.1f} |" for fam, v in sorted(families.items(), key=lambda kv: -kv[1])],
        "",
        "Slowest rules: " + ", ".join(f"{code} {v:.1f}" for code, v in slowest) + " (ms per MB).",
        "",
        *_what_it_took(),
        "## Scale",
        "",
        "![time against size](bench-size.png) ![speed against dictionary size](bench-dictionary.png)",
        "",
        "| document size (MB) | time (s) |",
        "|---|---|",
        *[f"| {s:g} | {t:.3f} |" for s, t in by_size],
        "",
        "| dictionary entries | Aho-Corasick scan (MB/s) |",
        "|---|---|",
        *[f"| {n:,} | {v:.1f} |" for n, v in by_dict],
        "",
        *_precision(),
        "## Accuracy",
        "",
        f"Findings per 100,000 characters on the corpus ({chars:,} characters); internal errors: {len(problems)}.",
        "",
        "| family | severity | findings | per 100k chars |",
        "|---|---|---|---|",
        *([f"| {fam} | {sev} | {n} | {n * 1e5 / chars:.2f} |" for (fam, sev), n in sorted(counts.items())]
          or ["| (none) | | 0 | 0.00 |"]),
        "",
        "ECSpell official-document sentences (sentence-level detection, T family): "
        + (f"precision {spell['precision']:.3f}, recall {spell['recall']:.3f}, F1 {spell['f1']:.3f} over {spell['n']} sentences."
           if spell else "not measured: ../shared/data/spelling is absent on this machine."),
        "",
        "Synthetic defects injected into the corpus, each counted as found only when a finding of the "
        "expected family appears on the injected line and was not there before:",
        "",
        "| defect | family | injected | found | recall |",
        "|---|---|---|---|---|",
        *[f"| {k} | {p} | {t} | {f} | {f / t if t else 0:.2f} |" for (k, t, f), (_, p, _) in zip(recall, INJECTIONS, strict=True)],
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
