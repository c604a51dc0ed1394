"""Benchmarks and the accuracy report: one command writes docs/benchmarks.md and its plots.

    python bench/run.py [--quick] [--rounds 5] [--big-mb 50] [--out docs/benchmarks.md]

Measured on the real corpus only, ../shared/data/clean-reports (400 government work reports
beside the checkout, as in CI): without it the script says so and stops (exit 2); there is no
stand-in corpus. The page holds

- speed against autocorrect-py (a Rust linter for CJK text, through its Python binding): both
  tools as a user runs them, one process and one core each, no result cache, JSON out, in the
  same run and interleaved round by round; and both in this process, interleaved file by file;
- the cost of each rule family (ms per MB) now and at the start of the speed work (issue 18:
  bench/before.json, measured the same way on the same machine);
- start-up (bench/startup.py), one file of 50 MB built from the corpus (time, peak memory);
- speed against document size (both tools) and against dictionary size (plots), the linearity
  table (bench/linearity.py, when present);
- accuracy: the per-rule precision table of the reviewed corpus snapshot
  (bench/corpus_snapshot.py), findings per 100,000 characters, the typo detectors on ECSpell's
  official-document sentences, and recall on defects injected at random positions of the clean
  reports, drawn from the word lists in ../shared/data/lexicons and generic defect forms.

Timing under load: the machine this runs on is often shared, so every speed figure is CPU time
(user + system of the measuring child, or this thread's), with wall time beside it; medians of
rounds, the two tools interleaved so that a change in load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPUS = DATA / "clean-reports" / "texts"
#: More real reports (1,345 of prefecture-level cities): a second row of the speed table when present. They
#: are the typo detector's training text, not unseen text (the unseen reports of issue 18 are kept back).
MORE = DATA / "train-reports" / "texts"
LEXICONS = DATA / "lexicons"
DOCS = ROOT / "docs"
BEFORE = ROOT / "bench" / "before.json"
sys.path.insert(0, str(ROOT / "bench"))


def need_corpus() -> list[Path]:
    """The corpus files; stop with a clear line when the corpus is absent (no stand-in)."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        print(f"bench/run.py: {CORPUS} is absent or empty. The benchmark page is measured on the real corpus "
              "only (../shared/data beside the checkout, as in CI); nothing was written.", file=sys.stderr)
        sys.exit(2)
    return files


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _child_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _child_env(tmp: Path) -> dict[str, str]:
    """The children cache compiled modules as an installed copy does (see bench/startup.py)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one child; its output is discarded, its failure stops the run."""
    cpu, t0 = _child_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, used = time.perf_counter() - t0, _child_cpu() - cpu
    if proc.returncode != 0:
        sys.exit(f"bench/run.py: {' '.join(cmd[:6])} … failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, used


def t2_rules() -> list[str]:
    """Codes of the statistical typo detector's rules (T2xx), measured apart from the default set."""
    from reportlint.api import Linter

    return sorted(code for code in Linter(isolated=True, select=["ALL"]).all_rules() if code.startswith("T2"))


def default_t2(t2: list[str]) -> list[str]:
    """The T2xx codes the default rule set runs (the others are off by default)."""
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    selected = {r.code for r in linter.selected_rules(linter.default_config())}
    return [c for c in t2 if c in selected]


# --- speed against autocorrect-py ----------------------------------------------------------------------------


def cli_comparison(files: list[Path], rounds: int, ignore: list[str], folder: Path = CORPUS) -> dict[str, Any]:
    """Both command lines over ``files`` (all of ``folder``), one core each, no cache, JSON out,
    alternating who goes first each round: median wall and CPU seconds of each."""
    py = sys.executable
    ours = [py, "-m", "reportlint", "check", "--isolated", "--no-cache", "-j", "1", "--format", "json",
            "--exit-zero", *(["--ignore", ",".join(ignore)] if ignore else []), str(folder)]
    theirs = [py, str(ROOT / "bench" / "autocorrect_json.py"), *map(str, files)]
    out: dict[str, Any] = {"ours": [], "theirs": [], "ours_all": [],
                           "command": " ".join(["reportlint", *ours[3:-1], "<corpus>"])}
    # The same command with the T2xx rules too (the whole default set), when they are apart.
    every = [a for a in ours if a not in ("--ignore", ",".join(ignore))] if ignore else None
    with tempfile.TemporaryDirectory() as tmp:
        env = _child_env(Path(tmp))
        _run(ours, env), _run(theirs, env)  # warm: .pyc files, the OS file cache
        for r in range(rounds):
            pair = [("ours", ours), ("theirs", theirs)]
            for key, cmd in pair if r % 2 == 0 else reversed(pair):
                out[key].append(_run(cmd, env))
            if every is not None:
                out["ours_all"].append(_run(every, env))
    if out["ours_all"]:
        out["ours_all_cpu"] = statistics.median(c for _, c in out["ours_all"])
    for key in ("ours", "theirs"):
        out[key + "_wall"] = statistics.median(w for w, _ in out[key])
        out[key + "_cpu"] = statistics.median(c for _, c in out[key])
        out[key + "_cpu_range"] = (min(c for _, c in out[key]), max(c for _, c in out[key]))
    # The ratio of each round (the two tools ran back to back, under the same load), and its spread.
    ratios = [t / o for (_, o), (_, t) in zip(out["ours"], out["theirs"], strict=True)]
    out["ratios"] = (statistics.median(ratios), min(ratios), max(ratios))
    return out


def in_process_comparison(files: list[Path], rounds: int, ignore: list[str]) -> dict[str, float]:
    """Both tools in this process, file by file, each file's two runs back to back; CPU time of this
    thread, each file's median over rounds, summed: (ours, theirs, ours_wall, theirs_wall)."""
    import autocorrect_py

    from reportlint.api import Linter

    linter = Linter(isolated=True, ignore=ignore)
    datas = [(p.name, p.read_bytes()) for p in files]
    clock, wall = time.thread_time, time.perf_counter
    samples: dict[str, list[list[float]]] = {k: [[] for _ in datas] for k in ("ours", "theirs", "ours_w", "theirs_w")}

    def ours(name: str, data: bytes) -> None:
        result = linter.check_document(linter.read_bytes(name, data))
        json.dumps([{"code": f.code, "line": f.line, "column": f.column, "message": f.message} for f in result.findings],
                   ensure_ascii=False)

    def theirs(name: str, data: bytes) -> None:
        res = autocorrect_py.lint_for(data.decode("utf-8"), name)
        json.dumps([{"line": x.line, "column": x.col, "old": x.old, "new": x.new} for x in res.lines], ensure_ascii=False)

    for name, data in datas[:3]:
        ours(name, data), theirs(name, data)
    for r in range(rounds):
        for i, (name, data) in enumerate(datas):
            pair = [("ours", ours), ("theirs", theirs)]
            for key, fn in pair if (r + i) % 2 == 0 else reversed(pair):
                c, w = clock(), wall()
                fn(name, data)
                samples[key][i].append(clock() - c)
                samples[key + "_w"][i].append(wall() - w)
    return {k: sum(statistics.median(s) for s in v) for k, v in samples.items()}


def t2_speed(files: list[Path], codes: list[str], rounds: int) -> float | None:
    """MB/s of the statistical typo detector's rules alone (CPU time), or None when there are none."""
    if not codes:
        return None
    from reportlint.api import Linter

    linter = Linter(isolated=True, select=codes)
    datas = [(p.name, p.read_bytes()) for p in files]
    linter.check_document(linter.read_bytes(*datas[0]))
    best = float("inf")
    for _ in range(rounds):
        t0 = time.thread_time()
        for name, data in datas:
            linter.check_document(linter.read_bytes(name, data))
        best = min(best, time.thread_time() - t0)
    return sum(len(d) for _, d in datas) / 1e6 / best


# --- where the time goes ----------------------------------------------------------------------------------


def family_costs(files: list[Path], rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """ms per MB of each rule family and of each rule on the corpus (see :func:`rule_costs`)."""
    per_rule = rule_costs([(p.name, p.read_bytes()) for p in files], rounds)
    return _by_family(per_rule), per_rule


def rule_costs(datas: list[tuple[str, bytes]], rounds: int) -> dict[str, float]:
    """ms per MB of each default rule and of reading (decode, paragraphs, lines, outline) on the
    documents ``datas`` ((name, bytes) pairs), run as the engine runs them (rules by code, one
    Context per document, a family's shared scans dropped at the next family, so the first rule
    that asks pays for one); this thread's CPU time, minimum of rounds."""
    from reportlint.api import Linter
    from reportlint.config import Config
    from reportlint.context import Context
    from reportlint.rules import takes_context

    linter = Linter(isolated=True)
    config = linter.default_config()
    if any(len(d) > config.max_file_size for _, d in datas):
        config = Config(max_file_size=max(len(d) for _, d in datas))
    rules = linter.selected_rules(config)
    plan = [(r, r.check_fn, takes_context(r.check_fn)) for r in rules]
    clock = time.thread_time
    best: dict[str, float] = {}
    for _ in range(rounds):
        acc: dict[str, float] = {}
        for name, data in datas:
            t0 = clock()
            doc = linter.read_bytes(name, data)
            _ = (doc.paragraphs, doc.lines, doc.outline)
            acc["(reading)"] = acc.get("(reading)", 0.0) + clock() - t0
            ctx = Context(doc, config, infer_year=linter._infer_year)
            letter = ""
            for rule, check, wants in plan:
                if rule.family != letter:
                    ctx.next_family()
                    letter = rule.family
                t0 = clock()
                for _f in check(rule, doc, ctx) if wants else check(rule, doc):
                    pass
                acc[rule.code] = acc.get(rule.code, 0.0) + clock() - t0
        for key, value in acc.items():
            best[key] = min(best.get(key, value), value)
    mb = sum(len(d) for _, d in datas) / 1e6
    return {k: v * 1000 / mb for k, v in best.items()}


def _by_family(per_rule: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in per_rule.items():
        fam = key if key.startswith("(") else "T2 (typo detector)" if key.startswith("T2") else key.rstrip("0123456789")
        out[fam] = out.get(fam, 0.0) + value
    return out


def _before() -> dict[str, Any] | None:
    return json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.is_file() else None


# --- start-up, a big file -------------------------------------------------------------------------------------


def startup(runs: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "startup.py"), "--runs", str(runs), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def big_file(files: list[Path], mb: float, runs: int) -> dict[str, float]:
    """One file of ``mb`` MB made by joining the corpus's reports (again and again): check time and
    CPU time of a fresh process, and its peak memory (its own VmHWM)."""
    code = (
        "import json,resource,sys,time; from pathlib import Path; from reportlint.api import Linter;"
        "from reportlint.config import Config; l=Linter(isolated=True); l._by_file[None]=Config(max_file_size=10**11);"
        "c=time.process_time(); w=time.perf_counter(); r=l.check_path(Path(sys.argv[1]));"
        "w=time.perf_counter()-w; c=time.process_time()-c; assert not r.problems, r.problems;"
        "hwm=[x for x in Path('/proc/self/status').read_text().splitlines() if x.startswith('VmHWM')];"
        "print(json.dumps({'wall': w, 'cpu': c, 'findings': len(r.findings),"
        " 'peak_mb': int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    texts = [p.read_text(encoding="utf-8") for p in files]
    parts: list[str] = []
    size = 0
    while size < mb * 1e6:
        t = texts[len(parts) % len(texts)]
        parts.append(t)
        size += len(t.encode("utf-8")) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text("\n".join(parts), encoding="utf-8")
        size = path.stat().st_size
        env = _child_env(Path(tmp))
        results = []
        for _ in range(runs):
            proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                sys.exit(f"bench/run.py: the {mb:.0f} MB file failed: {proc.stderr[-2000:]}")
            results.append(json.loads(proc.stdout))
    return {"mb": size / 1e6, "wall": statistics.median(r["wall"] for r in results),
            "cpu": statistics.median(r["cpu"] for r in results), "cpu_min": min(r["cpu"] for r in results),
            "cpu_max": max(r["cpu"] for r in results), "peak_mb": max(r["peak_mb"] for r in results),
            "peak_min_mb": min(r["peak_mb"] for r in results), "runs": runs, "findings": results[0]["findings"]}


# --- scale ----------------------------------------------------------------------------------------------------


def ratio_by_size(files: list[Path], rounds: int) -> list[tuple[int, float, float]]:
    """Both tools on documents of several sizes cut from the corpus text, ~1 MB in all per size,
    interleaved; CPU time: (characters per document, reportlint MB/s, autocorrect MB/s)."""
    import autocorrect_py

    from reportlint.api import Linter

    linter = Linter(isolated=True)
    base = "\n".join(p.read_text(encoding="utf-8") for p in files)
    out = []
    # autocorrect-py 2.14 stops with "call limit reached" (its parser) on one document of 400,000 characters
    for chars in (2_000, 18_000, 200_000):
        text = base[:chars]
        data = text.encode("utf-8")
        copies = max(1, 1_000_000 // len(data))
        mb = len(data) * copies / 1e6

        def ours(data: bytes = data, copies: int = copies) -> None:
            for i in range(copies):
                linter.check_document(linter.read_bytes(f"d{i}.txt", data))

        def theirs(text: str = text, copies: int = copies) -> None:
            for _ in range(copies):
                autocorrect_py.lint_for(text, "text")

        times = _interleaved([ours, theirs], rounds)
        out.append((chars, mb / times[0], mb / times[1]))
    return out


def _interleaved(fns: list[Callable[[], object]], rounds: int) -> list[float]:
    """Median CPU time of each function, the functions taking turns (one warm-up call each)."""
    for fn in fns:
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for r in range(rounds):
        order = list(range(len(fns)))
        if r % 2:
            order.reverse()
        for i in order:
            t0 = time.thread_time()
            fns[i]()
            samples[i].append(time.thread_time() - t0)
    return [statistics.median(s) for s in samples]


#: The two kinds of text of the size series: CPython stores a text with a character beyond the BMP at
#: four bytes a character (UCS-4), else at two; one report of the corpus has one (U+32CDD), so any
#: text joined from the whole corpus past ~11 MB is of the second kind, and a series mixing the two
#: shows a step that is the storage, not the size.
SIZE_KINDS = ("BMP only (2 bytes a character)", "one character beyond the BMP (4 bytes a character)")


#: Why the ms per MB of the size series rises from 1 to 10 MB, measured when the page was last reworked.
NOTE_SCALE = (
    'Two things raise the ms per MB between 1 and 10 MB without making the time grow faster than the size'
    ': a rule whose prefilter a longer text always passes (a × or a < somewhere) then scans all of it, ab'
    'out 1 ms per MB each for P107, M103, M107, M110 (51.6 at 1 MB, 58.9 at 8 MB, minimum of 3 rounds); a'
    'nd past several MB the text outgrows the processor caches: one `re` search for an absent character c'
    'osts 3.5 times as much per character over 16 million characters as over 1 to 4 million on this machi'
    'ne (memory, not work). From there it is flat: the whole corpus as one text once and twice over, 20.8'
    ' and 41.5 MB, 66.0 and 68.7 ms per MB.'
)


def scale(files: list[Path], quick: bool) -> tuple[list[tuple[str, float, float]], list[tuple[int, float]]]:
    """CPU seconds against document size for each of SIZE_KINDS, (kind, MB, seconds); and one
    Aho-Corasick pass's speed against dictionary size."""
    from reportlint.api import Linter
    from reportlint.document import Document
    from reportlint.matcher import LiteralMatcher

    linter = Linter(isolated=True)
    texts = [p.read_text(encoding="utf-8") for p in files]
    base = "\n".join(texts)
    # The same mix of text at every size: the paragraphs of every report in one shuffled order, so a
    # small document is not the first few reports (cheaper text than the corpus's average) and a large
    # one all of them; sizes past the corpus repeat it.
    paras = [line for t in texts if max(t, default=" ") <= "\uffff" for line in t.split("\n") if line.strip()]
    random.Random(7).shuffle(paras)
    bmp = "\n".join(paras)
    wide = chr(max(ord(max(base)), 0x10000))  # the corpus's own character beyond the BMP
    by_size = []
    for kind, prefix in zip(SIZE_KINDS, ("", wide), strict=True):
        for kb in [1, 10, 100, 1000, 5000] if quick else [1, 10, 100, 1000, 10000, 30000]:
            text = prefix + (bmp * (kb * 1000 // len(bmp.encode("utf-8")) + 1)).encode("utf-8")[: kb * 1000 - len(
                prefix.encode("utf-8"))].decode("utf-8", "ignore")
            best = float("inf")
            for _ in range(2 if kb >= 1000 else 3):
                t0 = time.thread_time()
                linter.check_document(Document(text, path="x.txt"))
                best = min(best, time.thread_time() - t0)
            by_size.append((kind, kb / 1000, best))
    rng = random.Random(7)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    text = base[:2_000_000]
    by_dict = []
    for n in [1000, 10000, 100000] if quick else [1000, 5000, 20000, 50000, 100000]:
        words = {"".join(rng.choice(han) for _ in range(rng.randint(3, 5))): i for i in range(n)}
        m = LiteralMatcher(words)
        list(m.finditer("预热"))
        (t,) = _interleaved([lambda m=m: sum(1 for _ in m.finditer(text))], 3)
        by_dict.append((n, len(text.encode("utf-8")) / 1e6 / t))
    return by_size, by_dict


def plot(by_size: list[tuple[str, float, float]], by_dict: list[tuple[int, float]], out_dir: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    for kind, style in zip(SIZE_KINDS, ("o-", "s--"), strict=True):
        rows = [(s, t) for k, s, t in by_size if k == kind]
        ax.plot([s for s, _ in rows], [t for _, t in rows], style, label=kind)
    ax.set_xlabel("document size (MB)")
    ax.set_ylabel("check time (CPU s)")
    ax.set_title("reportlint: time against document size")
    ax.legend(fontsize=7)
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


def linearity(quick: bool) -> list[str]:
    """The linearity table of bench/linearity.py (the safety work), when that script is present."""
    try:
        import linearity as lin
    except ImportError:
        return ["bench/linearity.py is not in this checkout yet: no linearity table.", ""]
    table = lin.linearity_table(size=10_000 if quick else 50_000, runs=1 if quick else 3)
    return [table.rstrip("\n"), ""]


# --- accuracy ---------------------------------------------------------------------------------------------------


def density(files: list[Path]) -> tuple[Counter, int, int]:
    """Findings per (family, severity) of the default rule set on the corpus; problems; characters."""
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    counts: Counter = Counter()
    problems = chars = 0
    for p in files:
        data = p.read_bytes()
        result = linter.check_document(linter.read_bytes(p.name, data))
        chars += len(result.document.text) if result.document else 0
        problems += len(result.problems)
        for f in result.findings:
            counts[(f.code.rstrip("0123456789"), f.severity.value)] += 1
    return counts, problems, chars


def ecspell(select: list[str] | None) -> list[tuple[str, Any]]:
    """Sentence-level detection on ECSpell's three domains (bench/bench_ecspell.py's scoring)."""
    import bench_ecspell

    out = []
    for domain in ("odw", "law", "med"):
        path = DATA / "spelling" / f"ecspell-{domain}-train.jsonl"
        if path.is_file():
            out.append((domain, bench_ecspell.score(bench_ecspell.read_pairs(path), select, 0)))
    return out


# Injected defects. Each maker takes a clean line and a random generator and returns the line with one
# defect at a random place (or None when the line offers none). Word-level typos come from the word lists
# in ../shared/data/lexicons, never from the sample report: its defects are what the rules were first
# written against, and reverting one of its repairs measures nothing.
Maker = Callable[[str, random.Random], "str | None"]


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _at_random(pieces: list[str]) -> Maker:
    def make(line: str, rng: random.Random) -> str | None:
        i = rng.randrange(1, len(line))
        return line[:i] + rng.choice(pieces) + line[i:]

    return make


def _misused(pairs: list[tuple[str, str]]) -> Maker:
    """A right word of the line written as the list's wrong one."""
    def make(line: str, rng: random.Random) -> str | None:
        found = [(w, r) for w, r in pairs if r in line]
        if not found:
            return None
        wrong, right = rng.choice(found)
        starts = [i for i in range(len(line)) if line.startswith(right, i)]
        i = rng.choice(starts)
        return line[:i] + wrong + line[i + len(right):]

    return make


def _confused(sets: dict[str, list[str]]) -> Maker:
    """One Han character replaced by one of its sound or shape confusions."""
    def make(line: str, rng: random.Random) -> str | None:
        spots = [i for i, c in enumerate(line) if c in sets]
        if not spots:
            return None
        i = rng.choice(spots)
        return line[:i] + rng.choice(sets[line[i]]) + line[i + 1:]

    return make


def _double_point(line: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(line) if c in "，、；。："]
    if not spots:
        return None
    i = rng.choice(spots)
    return line[: i + 1] + line[i] + line[i + 1:]


def _halfwidth_comma(line: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(line) if c == "，" and i and _han(line[i - 1])]
    if not spots:
        return None
    i = rng.choice(spots)
    return line[:i] + "," + line[i + 1:]


def _drop_close_quote(line: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(line) if c in "”）》"]
    if not spots:
        return None
    i = rng.choice(spots)
    return line[:i] + line[i + 1:]


def _double_word(line: str, rng: random.Random) -> str | None:
    spots = [i for i in range(len(line) - 1) if _han(line[i]) and _han(line[i + 1]) and line[i] != line[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return line[: i + 2] + line[i: i + 2] + line[i + 2:]


def _invalid_date(line: str, rng: random.Random) -> str | None:
    month, day = rng.choice([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 1), (rng.randint(1, 12), 32)])
    return _at_random([f"{rng.randint(2000, 2030)}年{month}月{day}日"])(line, rng)


def _id_number(line: str, rng: random.Random) -> str | None:
    """A valid 18-character resident ID (GB 11643: region, birth date, sequence, ISO 7064 check)."""
    body = f"{rng.randint(110000, 659000)}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return _at_random([body + check])(line, rng)


def _political(line: str, rng: random.Random, sets: dict[str, list[str]]) -> str | None:
    """One character of a fixed political formula (四个自信, 两个维护 …) replaced by a confusion."""
    terms = ["四个意识", "四个自信", "两个维护", "两个确立", "中央八项规定", "习近平新时代中国特色社会主义思想",
             "以习近平同志为核心的党中央", "形式主义", "官僚主义", "享乐主义", "奢靡之风"]
    found = [(t, i) for t in terms for i in range(len(line)) if line.startswith(t, i)]
    if not found:
        return None
    term, start = rng.choice(found)
    spots = [k for k, c in enumerate(term) if c in sets and c not in "四两八个"]
    if not spots:
        return None
    k = rng.choice(spots)
    i = start + k
    return line[:i] + rng.choice(sets[term[k]]) + line[i + 1:]


def _lexicons() -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Misused-word pairs (the curated list and pycorrector's) and sound + shape confusion sets (ECSpell)."""
    pairs = []
    for name in ("ecspell_common_misused.jsonl", "pycorrector_custom_confusion.jsonl"):
        path = LEXICONS / "misused_words" / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    obj = json.loads(line)
                    if obj["wrong"] != obj["right"] and len(obj["right"]) >= 2:
                        pairs.append((obj["wrong"], obj["right"]))
    sets: dict[str, list[str]] = {}
    for name in ("ecspell_soundConfusion.json", "ecspell_shapeConfusion.json"):
        path = LEXICONS / "confusion_sets" / name
        if path.is_file():
            for char, others in json.loads(path.read_text(encoding="utf-8")).items():
                sets.setdefault(char, []).extend(o for o in others if len(o) == 1 and o != char)
    return pairs, sets


def injections() -> tuple[list[tuple[str, str, Maker]], dict[str, Any]]:
    """(kind, expected family, maker) and notes on the word lists used."""
    pairs, sets = _lexicons()
    if not pairs or not sets:
        sys.exit(f"bench/run.py: the word lists under {LEXICONS} are absent: the recall section needs them")
    dictionary = set()
    tsv = ROOT / "plugins" / "reportlint_words" / "typos.tsv"
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            dictionary.add(line.split("\t")[0])
    notes = {"pairs": len(pairs), "in_dictionary": sum(w in dictionary for w, _ in pairs), "sets": len(sets)}
    kinds: list[tuple[str, str, Maker]] = [
        ("misused word (word lists)", "T", _misused(pairs)),
        ("one character confused (sound/shape sets)", "T", _confused(sets)),
        ("political formula, one character confused", "G", lambda line, rng: _political(line, rng, sets)),
        ("doubled 点号", "P", _double_point),
        ("half-width comma after Han", "P", _halfwidth_comma),
        ("closing quote or bracket dropped", "P", _drop_close_quote),
        ("two characters typed twice", "T", _double_word),
        ("impossible date", "D", _invalid_date),
        ("resident ID number", "I", _id_number),
        ("HTML residue", "M", _at_random(["<br>", "</span>", "<p>", "&nbsp;", "&#12288;", "<div class=\"x\">"])),
        ("unfilled placeholder", "M", _at_random(["XX", "XXX", "××", "20XX年", "X月X日", "○○", "某某"])),
        ("zero-width character", "M", _at_random(["\u200b", "\ufeff", "\u200d"])),
    ]
    return kinds, notes


def recall(files: list[Path], per_kind: int, seed: int = 18) -> tuple[list[tuple[str, str, int, int]], dict[str, Any]]:
    """Per kind: defects injected at random places of random clean reports, and how many the default
    rule set found (a finding of the expected family on the injected line, not there before)."""
    from reportlint.api import Linter

    kinds, notes = injections()
    linter = Linter(isolated=True)
    rng = random.Random(seed)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    before_cache: dict[str, set[tuple[str, int]]] = {}
    out = []
    for kind, family, make in kinds:
        tried = found = attempts = 0
        while tried < per_kind and attempts < per_kind * 50:
            attempts += 1
            name, text = rng.choice(texts)
            lines = text.split("\n")
            li = rng.randrange(len(lines))
            if len(lines[li]) < 20:
                continue
            new = make(lines[li], rng)
            if new is None or new == lines[li]:
                continue
            if name not in before_cache:
                result = linter.check_document(linter.read_bytes(name, text.encode("utf-8")))
                before_cache[name] = {(f.code, f.line) for f in result.findings}
            lines[li] = new
            after = linter.check_document(linter.read_bytes(name, "\n".join(lines).encode("utf-8"))).findings
            tried += 1
            found += any(f.code.startswith(family) and f.line == li + 1 and (f.code, f.line) not in before_cache[name]
                         for f in after)
        out.append((kind, family, tried, found))
    return out, notes


def precision_table() -> list[str]:
    """The per-rule precision table of the reviewed corpus snapshot (bench/corpus_snapshot.py)."""
    import corpus_snapshot

    if not corpus_snapshot.SNAPSHOT.is_file():
        return ["No reviewed corpus snapshot (tests/corpus/clean-reports.tsv) in this checkout.", ""]
    section = corpus_snapshot.precision_section(chars=corpus_snapshot.corpus_chars())
    return [corpus_snapshot.BEGIN, *section, corpus_snapshot.END, ""]


def what_it_took() -> list[str]:
    path = ROOT / "bench" / "what-it-took.md"
    return [path.read_text(encoding="utf-8").rstrip("\n"), ""] if path.is_file() else []


# --- the page ----------------------------------------------------------------------------------------------------


def _fmt_cost(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description="reportlint benchmarks and accuracy report (docs/benchmarks.md)")
    ap.add_argument("--quick", action="store_true", help="fewer rounds, smaller sizes (a smoke run; the page says so)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of each interleaved comparison (median)")
    ap.add_argument("--big-mb", type=float, default=50.0)
    ap.add_argument("--out", type=Path, default=DOCS / "benchmarks.md")
    args = ap.parse_args()
    files = need_corpus()
    if args.quick:
        args.rounds, args.big_mb = 1, min(args.big_mb, 5.0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    mb = sum(p.stat().st_size for p in files) / 1e6

    def say(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    t2 = t2_rules()
    say(f"corpus: {len(files)} files, {mb:.1f} MB; T2 rules measured apart: {t2 or 'none'}")
    cli = cli_comparison(files, args.rounds, t2)
    say(f"CLI: reportlint {mb / cli['ours_cpu']:.2f} MB/s CPU, autocorrect {mb / cli['theirs_cpu']:.2f}")
    more_files = sorted(MORE.glob("*.txt")) if MORE.is_dir() and not args.quick else []
    more = cli_comparison(more_files, max(3, args.rounds // 2), t2, MORE) if more_files else None
    more_mb = sum(p.stat().st_size for p in more_files) / 1e6
    if more:
        say(f"CLI, train-reports: reportlint {more_mb / more['ours_cpu']:.2f} MB/s CPU, autocorrect {more_mb / more['theirs_cpu']:.2f}")
    inproc = in_process_comparison(files, max(1, args.rounds // 2), t2)
    say(f"in process: reportlint {mb / inproc['ours']:.2f} MB/s CPU, autocorrect {mb / inproc['theirs']:.2f}")
    t2_mbps = t2_speed(files, t2, max(1, args.rounds // 2))
    families, per_rule = family_costs(files, 1 if args.quick else 3)
    say(f"families: {sum(families.values()):.1f} ms/MB")
    st = startup(5 if args.quick else 15)
    big = big_file(files, args.big_mb, 1 if args.quick else 3)
    say(f"big file: {big['mb']:.0f} MB, {big['cpu']:.1f} s CPU, peak {big['peak_mb']:.0f} MB; start-up {st['median_ms']:.0f} ms")
    by_doc_size = ratio_by_size(files, 1 if args.quick else 3)
    by_size, by_dict = scale(files, args.quick)
    plot(by_size, by_dict, args.out.parent)
    lin = linearity(args.quick)
    say("accuracy")
    counts, problems, chars = density(files)
    spell = ecspell(None)
    # T201's classifier learns from the ECSpell train sentences: scored here it would be scored on its own
    # training set. bench/bench_typos.py gives its cross-validated figures (bench/typos-review.md).
    t2_unseen = [c for c in t2 if c != "T201"]
    spell_t2 = ecspell(t2_unseen) if t2_unseen else []
    rec, notes = recall(files, 10 if args.quick else 60)

    before = _before()
    b_fam = _by_family(before["per_rule"]) if before else {}
    ratio_cpu = cli["theirs_cpu"] / cli["ours_cpu"]
    ratio_wall = cli["theirs_wall"] / cli["ours_wall"]
    ratio_in = inproc["theirs"] / inproc["ours"]
    all_fams = sorted(set(families) | set(b_fam), key=lambda f: -families.get(f, 0.0))
    slow = sorted(((k, v) for k, v in per_rule.items() if not k.startswith("(")), key=lambda kv: -kv[1])[:12]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    before_row = []
    if before and "cli" in before:
        b = before["cli"]
        before_row = [f"| clean-reports at the start of issue 18 ({before['commit']}, {before['date']}) | {b['ours_mbps']:.2f} MB/s | "
                      f"{b['theirs_mbps']:.2f} MB/s | {b['ours_mbps'] / b['theirs_mbps']:.2f} | — |"]
    lines = [
        "# Benchmarks and accuracy",
        "",
        f"Generated by `python bench/run.py{' --quick' if args.quick else ''}` on {time.strftime('%Y-%m-%d')}"
        f"{' (a smoke run: one round, small sizes; not the figures to quote)' if args.quick else ''}. "
        "Rerun it to refresh every figure here; it needs ../shared/data beside the checkout and stops without it.",
        "",
        "## Machine and versions",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"load average when the run started: {load:.1f}",
        f"- Python {platform.python_version()}; reportlint {_version('reportlint')}; regex {_version('regex')}; "
        f"ahocorasick-rs {_version('ahocorasick-rs')}; autocorrect-py {_version('autocorrect-py')}",
        f"- corpus: {len(files)} reports of ../shared/data/clean-reports, {mb:.1f} MB, {chars:,} characters",
        "- timing: CPU time, user + system: of each child process for the command lines (getrusage "
        "RUSAGE_CHILDREN round each run), of this thread in process (time.thread_time); wall time beside it. On a "
        "shared machine the wall time grows with other processes' load, the CPU time far less (it still grows some: "
        "caches and cores are shared). Medians of "
        f"{args.rounds} rounds with their spread (min–max), the two tools taking turns.",
        "- commands: `python bench/run.py` (this page), `python bench/startup.py`, `python bench/bench_rules.py` (each "
        "rule's ms per MB), `python bench/diffcheck.py` (every finding before/after a change), `python bench/bench_ci.py`",
        "",
        "## Speed against autocorrect-py",
        "",
        "Both tools as a user runs them on the 400 reports: one process, one core, no result cache, JSON out; "
        f"`{cli['command']}` against `python bench/autocorrect_json.py <files>` (autocorrect-py's `lint_for` per file, "
        "its findings as JSON). Start-up included. The T2xx rules, the typo detector's (issue 16), are measured apart"
        + (f" (`--ignore {','.join(t2)}`; their own speed below, and the whole set in a row of its own)."
           if t2 else " (no T2 rule is installed yet)."),
        "",
        "| corpus (one core each, `--no-cache`, JSON out) | reportlint | autocorrect-py | ratio (CPU) | ratio (wall) |",
        "|---|---:|---:|---:|---:|",
        f"| clean-reports, {len(files)} files, {mb:.1f} MB: CPU time | **{mb / cli['ours_cpu']:.2f} MB/s** | "
        f"{mb / cli['theirs_cpu']:.2f} MB/s | **{ratio_cpu:.2f}** | {ratio_wall:.2f} |",
        f"| same, CPU time: spread over {args.rounds} rounds (min–max) | {mb / cli['ours_cpu_range'][1]:.2f}–"
        f"{mb / cli['ours_cpu_range'][0]:.2f} MB/s | {mb / cli['theirs_cpu_range'][1]:.2f}–{mb / cli['theirs_cpu_range'][0]:.2f} "
        f"MB/s | {cli['ratios'][1]:.2f}–{cli['ratios'][2]:.2f} (each round's; median {cli['ratios'][0]:.2f}) | |",
        f"| same, wall time | {mb / cli['ours_wall']:.2f} MB/s | {mb / cli['theirs_wall']:.2f} MB/s | | |",
        *([f"| clean-reports, the whole default set, CPU time ({', '.join(default_t2(t2)) or 'no T2xx rule'} included) | {mb / cli['ours_all_cpu']:.2f} MB/s | "
           f"{mb / cli['theirs_cpu']:.2f} MB/s | {cli['theirs_cpu'] / cli['ours_all_cpu']:.2f} | |"] if "ours_all_cpu" in cli else []),
        *before_row,
        *([f"| train-reports, {len(more_files):,} files, {more_mb:.1f} MB (the typo detector's training text; "
           f"median of {len(more['ours'])} rounds, CPU time) | {more_mb / more['ours_cpu']:.2f} MB/s "
           f"({more_mb / more['ours_cpu_range'][1]:.2f}–{more_mb / more['ours_cpu_range'][0]:.2f}) | "
           f"{more_mb / more['theirs_cpu']:.2f} MB/s ({more_mb / more['theirs_cpu_range'][1]:.2f}–"
           f"{more_mb / more['theirs_cpu_range'][0]:.2f}) | {more['theirs_cpu'] / more['ours_cpu']:.2f} | "
           f"{more['theirs_wall'] / more['ours_wall']:.2f} |"] if more else []),
        f"| both in one process, file by file, interleaved (CPU) | {mb / inproc['ours']:.2f} MB/s | "
        f"{mb / inproc['theirs']:.2f} MB/s | {ratio_in:.2f} | {inproc['theirs_w'] / inproc['ours_w']:.2f} |",
        "",
        "CPU time still moves with the machine's load (shared caches and memory bandwidth): compare the ratio, each "
        "measured with both tools in the same rounds, rather than one tool's MB/s across runs made at different times.",
        "",
        ("The T2xx rules (" + ", ".join(t2) + "; in the default set: " + (", ".join(default_t2(t2)) or "none")
         + f") alone, in this process: {t2_mbps:.2f} MB/s (CPU time, best of rounds; the model loaded before the clock starts)."
         if t2 and t2_mbps else "Typo detector: no T2 rule is installed in this checkout yet."),
        "",
        "### Start-up and a big file",
        "",
        "| measure | value |",
        "|---|---|",
        f"| start-up, `reportlint check` on a one-line file (bench/startup.py, median of {st['runs']} runs) | "
        f"**{st['cpu_ms']:.0f} ms CPU** ({st.get('cpu_min_ms', st['cpu_ms']):.0f}–{st.get('cpu_max_ms', st['cpu_ms']):.0f}), "
        f"{st['median_ms']:.0f} ms wall |",
        f"| one file of {big['mb']:.0f} MB made by joining the corpus's reports (median of {big['runs']} runs) | "
        f"{big['mb'] / big['cpu']:.2f} MB/s ({big['cpu']:.1f} s CPU, {big['cpu_min']:.1f}–{big['cpu_max']:.1f}; "
        f"{big['wall']:.1f} s wall), {big['findings']:,} findings |",
        f"| peak memory on that file (the process's VmHWM, largest of the runs) | **{big['peak_mb']:.0f} MB** "
        f"({big['peak_min_mb']:.0f}–{big['peak_mb']:.0f}) |",
        "",
        "### Where the time goes",
        "",
        "Each rule timed as the engine runs it (rules by code, the first rule of a family paying for the family's "
        "shared scan), on every corpus report, this thread's CPU time, minimum of 3 rounds: ms per MB. "
        + (f"\"Before\" is the same measurement at the start of issue 18 ({before['commit']}, {before['date']}, "
           "this machine)." if before else ""),
        "",
        "| part | before | now |",
        "|---|---:|---:|",
        *[f"| {fam} | {_fmt_cost(b_fam.get(fam))} | {_fmt_cost(families.get(fam))} |" for fam in all_fams],
        f"| **all** | **{_fmt_cost(sum(b_fam.values()) if b_fam else None)}** | **{sum(families.values()):.1f}** |",
        "",
        "Slowest rules now: " + ", ".join(f"{code} {v:.1f}" for code, v in slow) + " (ms per MB).",
        "",
        "### Speed against document size",
        "",
        "The corpus text cut into documents of one size, about 1 MB in all per row, both tools in this process, "
        "interleaved, CPU time (reportlint pays a fixed cost per document for its ~90 rules; the corpus averages "
        "about 18,000 characters a report):",
        "",
        "| characters per document | reportlint MB/s | autocorrect-py MB/s | ratio |",
        "|---:|---:|---:|---:|",
        *[f"| {c:,} | {a:.2f} | {b:.2f} | {a / b:.2f} |" for c, a, b in by_doc_size],
        "",
        *what_it_took(),
        "## Scale",
        "",
        "![time against size](bench-size.png) ![speed against dictionary size](bench-dictionary.png)",
        "",
        "One document of each size cut from the paragraphs of the corpus's reports in one shuffled order (the "
        "reports without a character beyond the BMP; the same mix of text at every size, repeated past the corpus's "
        "size), checked in this process, CPU time (minimum of 3 runs below 1 MB, of 2 from 1 MB): "
        "once as is, and once with one character beyond the BMP at its start, which makes CPython store the whole "
        "text at four bytes a character (the corpus has one such report, so the 50 MB file above is of that kind). "
        "Linear in size means a flat ms per MB from about 1 MB up (below that, the fixed cost per document shows); "
        "each kind is compared with itself. " + NOTE_SCALE,
        "",
        "| text | document size (MB) | check time (CPU s) | ms per MB |",
        "|---|---:|---:|---:|",
        *[f"| {k} | {s:g} | {t:.3f} | {t * 1000 / s:.1f} |" for k, s, t in by_size],
        "",
        "| dictionary entries | Aho-Corasick scan (MB/s) |",
        "|---:|---:|",
        *[f"| {n:,} | {v:.1f} |" for n, v in by_dict],
        "",
        "### Linear time",
        "",
        *lin,
        *precision_table(),
        "## Accuracy",
        "",
        f"Findings per 100,000 characters of the default rule set on the corpus ({chars:,} characters); "
        f"files that could not be checked: {problems}.",
        "",
        "| family | severity | findings | per 100k chars |",
        "|---|---|---:|---:|",
        *([f"| {fam} | {sev} | {n} | {n * 1e5 / chars:.2f} |" for (fam, sev), n in sorted(counts.items())]
          or ["| (none) | | 0 | 0.00 |"]),
        "",
        "### Typo detection on ECSpell",
        "",
        "Sentence-level detection on ECSpell's sentence pairs (train split; `odw` is official-document writing): "
        "a sentence counts as flagged when a T rule reports anything in it (bench/bench_ecspell.py).",
        "",
        "| rules | domain | sentences | precision | recall | F1 |",
        "|---|---|---:|---:|---:|---:|",
        *[f"| default T rules | {d} | {s.tp + s.fp + s.fn + s.tn:,} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
          for d, s in spell],
        *[f"| {', '.join(t2_unseen)} | {d} | {s.tp + s.fp + s.fn + s.tn:,} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
          for d, s in spell_t2],
        "",
        "T201 (the statistical detector, off by default) is not scored here: its classifier learns from these "
        "sentences. Its cross-validated figures (five folds, each scored by a classifier fitted without it) are "
        "in bench/typos-review.md, made by bench/bench_typos.py.",
        "",
        "### Recall on injected defects",
        "",
        "Each defect is put at a random place of a random line of a random clean report (seed 18) and counts as "
        "found only when a finding of the expected family appears on that line and was not there before. Word "
        f"typos come from the lists in ../shared/data/lexicons: {notes['pairs']:,} misused-word pairs (ECSpell's "
        f"curated list and pycorrector's; {notes['in_dictionary']} of them are also in T101's dictionary) and "
        f"ECSpell's sound and shape confusion sets ({notes['sets']:,} characters); the other kinds are generic "
        "forms. None comes from the sample report.",
        "",
        "| defect | family | injected | found | recall |",
        "|---|---|---:|---:|---:|",
        *[f"| {k} | {fam} | {t} | {f} | {f / t if t else 0:.2f} |" for k, fam, t, f in rec],
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
