"""Linear time, checked: every rule and every output format on adversarial inputs of growing size.

    python bench/linearity.py [--size 50000] [--factor 4] [--runs 3] [--only P104,P106] [--json out.json]
    python bench/linearity.py --count [--size 400]     # instruction counts under callgrind, not time

Each generator below builds a text meant to hurt one kind of code: repeated marks, brackets
that never close or never open, spaces between Han characters in one long paragraph, headings,
digits, dates, markup, doubled words, one huge line, many short lines, many findings. Every rule
the installed plugins define (``select ALL``, so a rule added tomorrow is measured too) runs alone
on each text at ``--size`` characters and at ``--factor`` times that; its growth exponent is
log(t2 / t1) / log(factor): 1 for linear work, 2 for quadratic. A rule's row shows its worst
generator. The output formats are timed the same way on results with one finding every few
characters, on one long line and on many lines, and reading (decoding, paragraphs, line index,
outline) is timed as the ``document`` row. Times are this thread's CPU time, the minimum of ``--runs``,
the two sizes interleaved, so other processes' load hardly moves them; a cost under ``FLOOR`` seconds at the larger size
is too small to judge and is shown as such.

``--count`` runs the same measurements inside valgrind's callgrind, each measured call inside
``sys.call_tracing`` (the only code collected, and a dump after each): deterministic instruction
counts instead of times, for small sizes (tests/test_linearity.py). It needs valgrind and a
Python whose symbols name ``sys_call_tracing``; it says so and stops otherwise.

:func:`linearity_table` returns the markdown table (bench/run.py puts it in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import gc
import glob
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"
#: Below this many seconds at the larger size a cost is too small to time reliably.
FLOOR = 0.0005
#: A growth exponent above this is reported as superlinear (n log n stays well below it).
LIMIT = 1.3


def _cycle(piece: str, n: int) -> str:
    """``piece`` repeated to about ``n`` characters (whole copies)."""
    return piece * max(1, n // max(1, len(piece)))


def _prose(n: int, sep: str = "\n") -> str:
    """The bundled sample's paragraphs repeated to ``n`` characters, joined by ``sep``."""
    paras = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    size = 0
    i = 0
    while size < n:
        p = paras[i % len(paras)]
        out.append(p)
        size += len(p) + len(sep)
        i += 1
    return sep.join(out) + "\n"


def _headings(n: int) -> str:
    cn = "一二三四五六七八九十"
    lines = []
    size = i = 0
    while size < n:
        k = i % 10
        block = f"{cn[k]}、标题{i}\n（{cn[k]}）小标题\n{k + 1}.条目\n（{k + 1}）细目\n①要点\n第{cn[k]}条 内容\n"
        if i % 7 == 3:
            block += f"{cn[(k + 2) % 10]}、跳号\n（1）错级\n"
        lines.append(block)
        size += len(block)
        i += 1
    return "".join(lines)


def _numbered_lines(n: int) -> str:
    out = []
    size = i = 0
    while size < n:  # numbers cycle (1-500): past 1900 they would start to read as years, another text
        k = i % 500 + 1
        line = f"{k}. 第{k}项工作完成{k % 97}。\n"
        out.append(line)
        size += len(line)
        i += 1
    return "".join(out)


#: name -> text of about n characters. The title line keeps title rules (S3xx) in play.
GENERATORS: dict[str, Callable[[int], str]] = {
    "prose": lambda n: _prose(n),
    "one-paragraph": lambda n: "2023年工作总结\n" + _prose(n, sep="").replace("\n", ""),
    "short-lines": lambda n: "a\n" * (n // 2),
    "repeated-marks": lambda n: "标题\n" + _cycle("推进，，工作。。、、；；：：？？！！……——··", n),
    "marks-one-kind": lambda n: "标题\n" + "，" * n,
    "open-brackets": lambda n: "标题\n" + _cycle("推进（《“【〔〈‘", n),
    "close-brackets": lambda n: "标题\n" + _cycle("推进）", n),
    "closers-mixed": lambda n: "标题\n" + _cycle("推进）》”】〕〉’", n),
    "nested-brackets": lambda n: "标题\n" + "（" * (n // 2) + "）" * (n // 2),
    "deep-then-cross": lambda n: "标题\n" + "《" * (n // 4) + "（" * (n // 4) + "》" * (n // 4) + "）" * (n // 4),
    "crossed-pairs": lambda n: "标题\n" + _cycle("印发《实施方案（试行》）", n),
    "quotes": lambda n: "标题\n" + _cycle("落实”四风“问题，学习“两个确立“，反对”四风”。", n),
    "space-between-han": lambda n: "标题\n" + _cycle("坚持全面从严 治党不动摇，", n),
    "space-around-marks": lambda n: "标题\n" + _cycle("工作 ，成效 。如下： 一是", n),
    "tabs-and-spaces": lambda n: "标题\n" + _cycle("单位\t名称   坚持 治党，", n),
    "headings": _headings,
    "numbered-lines": _numbered_lines,
    "digits": lambda n: "标题\n" + _cycle("1，258，000元增长65。8%第20届4千元二〇２三年2023.3.5", n),
    "long-digit-run": lambda n: "标题\n" + "1" * n + "年",
    "dates": lambda n: "标题\n" + _cycle("2023年3月5日（星期一）至3月8日，4月27日-28日，二〇二三年三月，", n),
    "markup": lambda n: "标题\n" + _cycle("&amp;nbsp;<br>##paidbegin##**粗体**[链接](http://x.cn)", n),
    "repeated-words": lambda n: "标题\n" + _cycle("加强加强管理的的工作企业创业创新", n),
    "han-run": lambda n: "标题\n" + "的" * n,
    "latin": lambda n: "标题\n" + _cycle("word ABC def, ", n),
    "personal": lambda n: "标题\n" + _cycle("电话13812345678，身份证110101199003077777，卡号6222021234567890123，", n),
    "many-findings": lambda n: "标题\n" + _cycle("要##a##求", n),
    "plan-shorthands": lambda n: "标题\n" + _cycle("推进十四五规划，“十四五”时期，", n),
    "md-code-and-directives": lambda n: "# 标题\n\n" + _cycle(
        "`代码`<!-- reportlint-disable P -->正文 ，推进。`x`<!-- reportlint-enable P --><!-- reportlint-disable-next-line -->", n),
    "md-structure": lambda n: _cycle("# 一、标题\n\n- 列表，推进\n\n> 引用“四风“\n\n[链接](http://x.cn)\n\n```\ncode ,\n```\n\n", n),
}
#: Generators whose text is Markdown (read as x.md: code spans, comments, suppression directives).
MARKDOWN = {"md-code-and-directives", "md-structure"}
#: Per rule, its own bad examples repeated: every rule is woken by at least these, so a rule added
#: tomorrow is measured on the text it was written for, with no generator written for it.
OWN_EXAMPLES = ("own-examples-paragraph", "own-examples-lines")


def own_examples(rule: Any, n: int, layout: str) -> tuple[str, str] | None:
    """``rule``'s bad examples repeated to about ``n`` characters (as one paragraph, or one a line),
    and the file name to read them as (Markdown examples as .md)."""
    examples = [ex for ex in rule.examples if ex.bad and not ex.filename.endswith(".docx")]
    if not examples:
        return None
    name = "x.md" if examples[0].filename.endswith(".md") else "x.txt"
    bad = [ex.text for ex in examples if ex.filename.endswith(".md") == name.endswith(".md")]
    if layout == "own-examples-paragraph":
        return "标题\n" + _cycle("，".join(b.replace("\n", "，") for b in bad), n) + "\n", name
    return _cycle("\n".join(bad) + "\n", n), name  # n = 0: one copy


@dataclass
class Row:
    """One measured thing (a rule, a format, reading) on its worst generator."""

    name: str
    kind: str
    generator: str = ""
    small: float = 0.0
    large: float = 0.0
    exponent: float | None = None  # None: too small to judge
    per_generator: dict[str, tuple[float, float]] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)  # the rules a "rules" row ran together


def exponent(small: float, large: float, factor: int, floor: float = FLOOR) -> float | None:
    """log(large / small) / log(factor), or None when ``large`` is under ``floor`` (noise)."""
    if large < floor or small <= 0:
        return None
    return math.log(large / small) / math.log(factor)


# -- measuring: time (min of runs, sizes interleaved) or callgrind instruction counts --------------------


class Timer:
    """CPU time of a call (this thread's), the minimum over ``runs``; the caller interleaves the sizes."""

    def __init__(self, runs: int) -> None:
        self.runs = runs

    def measure(self, pairs: Sequence[Callable[[], Any]]) -> list[float]:
        best = [math.inf] * len(pairs)
        for _ in range(self.runs):
            for i, fn in enumerate(pairs):
                gc.collect()
                gc.disable()  # a collection lands on whichever call crosses its threshold: not the call's own cost
                try:
                    t0 = time.thread_time()  # CPU time of this thread: other processes' load does not count
                    fn()
                    best[i] = min(best[i], time.thread_time() - t0)
                finally:
                    gc.enable()
        return best


class Counter:
    """Inside callgrind: each call runs in ``sys.call_tracing`` (collected, dumped after); counts read at the end."""

    def __init__(self) -> None:
        self.calls = 0

    def measure(self, pairs: Sequence[Callable[[], Any]]) -> list[float]:
        out = []
        for fn in pairs:
            gc.collect()
            gc.disable()  # a collection would land in whichever call crosses its threshold
            try:
                sys.call_tracing(fn, ())
            finally:
                gc.enable()
            self.calls += 1
            out.append(float(self.calls))  # the dump number; replaced by its count afterwards
        return out


# -- what is measured -----------------------------------------------------------------------------------------


def _linter() -> Any:
    from reportlint.api import Linter

    return Linter(isolated=True, select=["ALL"])


def _document(linter: Any, text: str, name: str = "x.txt") -> Any:
    from reportlint.document import Document
    from reportlint.errors import InputError

    try:
        doc = linter.read_bytes(name, text.encode("utf-8"))
    except InputError:  # control characters repeated look binary to the reader: the text as it is
        doc = Document(text, path=name)
    _ = (doc.paragraphs, doc.lines, doc.outline, doc.paragraph_starts)  # shared preparation: the document row
    return doc


def _rule_call(linter: Any, doc: Any, rules: Sequence[Any]) -> Callable[[], Any]:
    from reportlint.context import Context
    from reportlint.engine import lint

    config = linter.default_config()

    def call() -> Any:
        # A fresh context each time: the rules pay for the family scans they ask for, as when run first.
        return lint(doc, rules, context=Context(doc, config, infer_year=linter._infer_year))

    return call


def _all_examples(rules: Sequence[Any], n: int, layout: str) -> tuple[str, str]:
    """Every rule's own bad examples (plain text ones) together, to about ``n`` characters."""
    pieces = [own_examples(r, 0, layout) for r in rules]
    texts = [text for text, name in (p for p in pieces if p) if name == "x.txt"]
    unit = "".join(texts)
    return _cycle(unit, n), "x.txt"


def measure_rules(meter: Timer | Counter, size: int, factor: int, only: Iterable[str] = (),
                  generators: Iterable[str] = (), together: bool = False) -> list[Row]:
    """Every rule (or ``only`` these) and the document preparation, on every generator and on the
    rule's own examples. ``together``: the rules run as one set (one row, "all rules"; the own
    examples of every rule make two more inputs), as a check does: far fewer measurements."""
    linter = _linter()
    rules = linter.selected_rules(linter.default_config())
    wanted = {c.strip().upper() for c in only if c.strip()}
    if wanted:
        rules = [r for r in rules if r.code in wanted]
    gens = [g for g in GENERATORS if not generators or g in set(generators)]
    groups = [("all rules", rules)] if together else [(r.code, [r]) for r in rules]
    rows = {name: Row(name, "rules" if together else "rule", members=[r.code for r in members]) for name, members in groups}
    rows["document"] = Row("document", "reading")
    inputs: list[tuple[str, Callable[[int], tuple[str, str]]]] = [
        (g, lambda n, g=g: (GENERATORS[g](n), "x.md" if g in MARKDOWN else "x.txt")) for g in gens
    ]
    if together and (not generators or set(generators) & set(OWN_EXAMPLES)):
        inputs += [(layout, lambda n, layout=layout: _all_examples(rules, n, layout)) for layout in OWN_EXAMPLES]
    for gen, make in inputs:
        (small, name), (large, _) = make(size), make(size * factor)
        small_doc, large_doc = _document(linter, small, name), _document(linter, large, name)
        _rule_call(linter, large_doc, rules)()  # warm: patterns compiled and data loaded on first use
        s, lg = meter.measure([lambda t=small, nm=name: _document(linter, t, nm), lambda t=large, nm=name: _document(linter, t, nm)])
        rows["document"].per_generator[gen] = (s, lg)
        for group, members in groups:
            s, lg = meter.measure([_rule_call(linter, small_doc, members), _rule_call(linter, large_doc, members)])
            rows[group].per_generator[gen] = (s, lg)
    if together or (generators and not set(generators) & set(OWN_EXAMPLES)):
        return list(rows.values())
    for layout in OWN_EXAMPLES:
        for rule in rules:
            small_ex, large_ex = own_examples(rule, size, layout), own_examples(rule, size * factor, layout)
            if small_ex is None or large_ex is None:
                continue
            small_doc, large_doc = _document(linter, *small_ex), _document(linter, *large_ex)
            s, lg = meter.measure([_rule_call(linter, small_doc, [rule]), _rule_call(linter, large_doc, [rule])])
            rows[rule.code].per_generator[layout] = (s, lg)
    return list(rows.values())


#: Texts whose results hold many findings, for the formats: one long line, many lines.
FORMAT_INPUTS: dict[str, Callable[[int], str]] = {
    "long-line": lambda n: "标题\n" + _cycle("要##a##求", n),
    "many-lines": lambda n: "标题\n" + _cycle("要##a##求\n", n),
    "prose": lambda n: _prose(n),
}


def measure_formats(meter: Timer | Counter, size: int, factor: int, only: Iterable[str] = ()) -> list[Row]:
    """Every output format (the plugins' too) on results with many findings."""
    from reportlint.formats import FormatContext

    linter = _linter()
    formats = linter.formats()
    wanted = {f.strip() for f in only if f.strip()}
    names = [f for f in sorted(formats) if not wanted or f in wanted]
    rows = {f: Row(f, "format") for f in names}
    inputs = FORMAT_INPUTS if isinstance(meter, Timer) else {k: FORMAT_INPUTS[k] for k in ("long-line", "many-lines")}
    for gen, make in inputs.items():
        results = []
        for n in (64, size, size * factor):
            doc = linter.read_bytes("x.txt", make(n).encode("utf-8"))
            results.append([linter.check_document(doc)])
        # The rules the findings name: a format that describes every known rule (SARIF) pays that once
        # per run whatever the input, which says nothing about growth.
        found = {f.code for res in results for r in res for f in r.findings}
        rules = {code: rule for code, rule in linter.rules_for(["x.txt"]).items() if code in found}
        for name in names:
            fmt = formats[name]
            fmt(results[0], io.StringIO(), FormatContext(rules=rules))  # warm (a tiny input): imports, templates

            def call(res: list[Any], fmt: Any = fmt, rules: Any = rules) -> None:
                fmt(res, io.StringIO(), FormatContext(rules=rules))

            s, lg = meter.measure([lambda r=results[1]: call(r), lambda r=results[2]: call(r)])
            rows[name].per_generator[gen] = (s, lg)
    return list(rows.values())


def summarise(rows: Iterable[Row], factor: int, floor: float = FLOOR) -> list[Row]:
    """Each row's worst generator: the highest exponent among those large enough to judge."""
    out = []
    for row in rows:
        worst: tuple[float, str, float, float] | None = None
        biggest = ("", 0.0, 0.0)
        for gen, (s, lg) in row.per_generator.items():
            e = exponent(s, lg, factor, floor)
            if lg > biggest[2]:
                biggest = (gen, s, lg)
            if e is not None and (worst is None or e > worst[0]):
                worst = (e, gen, s, lg)
        if worst is None:
            row.generator, row.small, row.large, row.exponent = biggest[0], biggest[1], biggest[2], None
        else:
            row.exponent, row.generator, row.small, row.large = worst
        out.append(row)
    return out


def render(rows: Sequence[Row], size: int, factor: int, unit: str = "ms", floor: float = FLOOR) -> str:
    """The markdown table, worst first, and a one-line verdict."""
    scale = 1000.0 if unit == "ms" else 1.0
    fmt = "{:.2f}" if unit == "ms" else "{:,.0f}"
    judged = sorted((r for r in rows if r.exponent is not None), key=lambda r: -(r.exponent or 0))
    unjudged = sorted((r for r in rows if r.exponent is None), key=lambda r: r.name)
    lines = [
        f"| what | kind | worst input | {unit} at {size:,} chars | {unit} at {size * factor:,} | growth ratio | exponent |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in judged:
        flag = " **superlinear**" if (r.exponent or 0) > LIMIT else ""
        ratio = r.large / r.small if r.small else math.inf
        lines.append(f"| {r.name} | {r.kind} | {r.generator} | {fmt.format(r.small * scale)} | {fmt.format(r.large * scale)} "
                     f"| {ratio:.1f} | {r.exponent:.2f}{flag} |")
    if unjudged:
        names = ", ".join(r.name for r in unjudged)
        lines.append(f"| {names} | | (every input) | | under {floor * scale:g} {unit} | | too small to judge |")
    bad = [r.name for r in judged if (r.exponent or 0) > LIMIT]
    lines.append("")
    lines.append(f"{len(judged) + len(unjudged)} measured ({len(unjudged)} too cheap to judge on every input); "
                 + (f"superlinear: {', '.join(bad)}." if bad else f"none grows faster than n^{LIMIT} (linear is 1, quadratic 2)."))
    return "\n".join(lines) + "\n"


def linearity_table(size: int = 50_000, factor: int = 4, runs: int = 3, only: Iterable[str] = (),
                    generators: Iterable[str] = ()) -> str:
    """Time every rule, the document preparation and every format; the markdown table (for docs/benchmarks.md)."""
    meter = Timer(runs)
    only = list(only)
    rows = measure_rules(meter, size, factor, only, generators)
    rows += measure_formats(meter, size, factor, [] if only else ())
    header = (f"Every rule alone, reading and every output format, each on {len(GENERATORS)} adversarial inputs of "
              f"{size:,} and {size * factor:,} characters (`python bench/linearity.py --size {size} --factor {factor}`); "
              f"the worst input per row; minimum of {runs} interleaved runs.\n\n")
    return header + render(summarise(rows, factor), size, factor)


# -- callgrind -------------------------------------------------------------------------------------------------


def valgrind_problem() -> str | None:
    """Why instruction counting cannot run here, or None."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        return "valgrind (with callgrind_control) is not installed (apt-get install valgrind)"
    return None


def count(size: int, factor: int, only: Iterable[str] = (), generators: Iterable[str] = (), formats: bool = True,
          timeout: float = 1800) -> list[Row]:
    """The rows with instruction counts (not seconds) from one callgrind run of this script: the rules
    run as one set on each input (one dump per measurement; a dump per rule would cost minutes)."""
    problem = valgrind_problem()
    if problem:
        raise RuntimeError(problem)
    with tempfile.TemporaryDirectory(prefix="linearity-") as tmp:
        out = Path(tmp) / "cg.out"
        labels = Path(tmp) / "rows.json"
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no", "--toggle-collect=sys_call_tracing",
               "--dump-after=sys_call_tracing", f"--callgrind-out-file={out}.%p", "--dump-line=no",
               sys.executable, str(Path(__file__).resolve()), "--_inside", str(labels), "--size", str(size),
               "--factor", str(factor), "--only", ",".join(only), "--generators", ",".join(generators)]
        if not formats:
            cmd.append("--no-formats")
        env = dict(os.environ, PYTHONHASHSEED="0")
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        if proc.returncode != 0 or not labels.exists():
            raise RuntimeError(f"callgrind run failed ({proc.returncode}): {proc.stderr[-2000:]}")
        dumps: dict[int, float] = {}
        for path in glob.glob(f"{out}.*.*"):
            n = int(path.rsplit(".", 1)[1])
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if line.startswith("summary:"):
                        dumps[n] = float(line.split()[1])
                        break
        data = json.loads(labels.read_text(encoding="utf-8"))
        if not dumps or not any(dumps.values()):
            raise RuntimeError("callgrind counted nothing: this Python's symbols do not name sys_call_tracing")
    rows = []
    for item in data:
        row = Row(item["name"], item["kind"], members=item.get("members", []))
        for gen, (s, lg) in item["per_generator"].items():
            row.per_generator[gen] = (dumps.get(int(s), math.nan), dumps.get(int(lg), math.nan))
        rows.append(row)
    return rows


def _instrumentation_on(timeout: float = 120.0) -> None:
    """Ask callgrind to start instrumenting this process, and wait (busy: a blocked process would never
    reach the point where callgrind reads the request) until it has. The start-up before it (imports,
    rules compiled, ~1 s natively) thus runs at valgrind's light speed instead of 50 times slower."""
    proc = subprocess.Popen(["callgrind_control", "--instr=on", str(os.getpid())],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("callgrind_control did not answer: instrumentation never switched on")


def _inside(labels: Path, size: int, factor: int, only: list[str], generators: list[str], formats: bool) -> None:
    """Run the measurements under callgrind; write which dump belongs to which row."""
    _linter()  # import and load everything before instrumenting
    gc.collect()
    gc.freeze()  # what start-up made is never collected again: the collections between calls stay small
    _instrumentation_on()
    meter = Counter()
    rows = measure_rules(meter, size, factor, only, generators, together=True)
    if formats:
        rows += measure_formats(meter, size, factor)
    labels.write_text(json.dumps([{"name": r.name, "kind": r.kind, "per_generator": r.per_generator, "members": r.members}
                                  for r in rows]), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=None, help="characters of the smaller input (default 50000; 400 with --count)")
    ap.add_argument("--factor", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated rule codes (default: every rule)")
    ap.add_argument("--generators", default="", help="comma-separated generator names (default: all)")
    ap.add_argument("--count", action="store_true", help="instruction counts under callgrind instead of time")
    ap.add_argument("--no-formats", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--_inside", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    only = [c for c in args.only.split(",") if c]
    gens = [g for g in args.generators.split(",") if g]
    unknown = [g for g in gens if g not in GENERATORS and g not in OWN_EXAMPLES]
    if unknown:
        ap.error(f"unknown generators {unknown} (known: {', '.join(GENERATORS)})")
    if args._inside:
        _inside(args._inside, args.size, args.factor, only, gens, not args.no_formats)
        return 0
    if args.count:
        size = args.size or 400
        try:
            rows = count(size, args.factor, only, gens, formats=not args.no_formats)
        except RuntimeError as exc:
            print(f"linearity --count: {exc}", file=sys.stderr)
            return 2
        rows = summarise(rows, args.factor, floor=0)
        print(render(rows, size, args.factor, unit="instructions", floor=0))
    else:
        size = args.size or 50_000
        meter = Timer(args.runs)
        rows = measure_rules(meter, size, args.factor, only, gens)
        if not args.no_formats:
            rows += measure_formats(meter, size, args.factor)
        rows = summarise(rows, args.factor)
        print(render(rows, size, args.factor))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    bad = [r for r in rows if (r.exponent or 0) > LIMIT]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
