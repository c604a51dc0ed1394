"""The reviewed corpus snapshot: every default-rule finding on clean-reports, each with a verdict.

    python bench/corpus_snapshot.py            # regenerate tests/corpus/clean-reports.tsv, keeping verdicts
    python bench/corpus_snapshot.py --check    # print the difference from the snapshot; exit 1 if any
    python bench/corpus_snapshot.py --docs     # rewrite the precision section of docs/benchmarks.md

One finding a line, sorted by file and position, tab-separated:

    file  line:column  code  severity  context  verdict  reason

``context`` is the flagged text in ⟦⟧ with up to CONTEXT characters either side on its own line
(whitespace other than the plain space, controls and invisible characters are escaped, so the
line stays one line and an invisible defect stays visible). ``verdict`` is a proofreader's:

- ``real``: a defect by the standard the rule cites (GB/T 15834, GB/T 15835, GB/T 9704 …);
- ``style``: defensible either way (a variant the standard allows, a house style);
- ``wrong``: the rule misread the text (a false positive).

Regenerating keeps each verdict by file + code + context (not the line), so an unchanged finding
keeps its verdict when lines move; a new finding has an empty verdict until someone judges it,
and the test (tests/test_corpus_snapshot.py) fails until then. The count of ``wrong`` verdicts is
the project's false-positive figure; :func:`precision_section` turns the file into the per-rule
precision table of docs/benchmarks.md (bench/run.py calls it).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The corpus, beside the checkout as in CI (../shared/data); a user's clone has none.
CORPUS = ROOT.parent / "shared" / "data" / "clean-reports"
SNAPSHOT = ROOT / "tests" / "corpus" / "clean-reports.tsv"
BASIS = ROOT / "tests" / "corpus" / "severity-basis.toml"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
VERDICTS = ("real", "style", "wrong")
#: Characters of context shown on each side of the flagged text (never past its own line).
CONTEXT = 10
#: A flagged text longer than this is shown by its two ends.
SPAN_MAX = 40
HEADER = "\t".join(("# file", "line:column", "code", "severity", "context", "verdict", "reason"))
#: Markers of the precision section in docs/benchmarks.md.
BEGIN, END = "<!-- precision:begin -->", "<!-- precision:end -->"
#: Error severity needs this share of `real` verdicts among a rule's corpus findings.
ERROR_PRECISION = 0.95
#: Below this many corpus findings a share is too small a sample: such an error rule needs a recorded basis.
MIN_MEASURED = 20


@dataclass(frozen=True)
class Entry:
    """One finding of the snapshot."""

    file: str
    line: int
    column: int
    code: str
    severity: str
    context: str
    verdict: str = ""
    reason: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What a verdict is kept by: the line may move, the text round the finding may not."""
        return (self.file, self.code, self.context)

    @property
    def finding(self) -> tuple[str, int, int, str, str, str]:
        """What the test compares: the finding without the judgement."""
        return (self.file, self.line, self.column, self.code, self.severity, self.context)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code, self.context)

    def show(self) -> str:
        return f"{self.file}:{self.line}:{self.column} {self.code} {self.severity} {self.context}"


def _escape_char(ch: str) -> str:
    if ch == "\\":
        return "\\\\"
    if ch == "\t":
        return "\\t"
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    if ch != " " and unicodedata.category(ch)[0] in "CZ":  # controls, format characters, odd spaces
        return f"\\u{ord(ch):04x}"
    return ch


def escape(text: str) -> str:
    """Text on one visible line; injective, so equal contexts mean equal text."""
    return "".join(_escape_char(ch) for ch in text)


def context_of(text: str, start: int, end: int) -> str:
    """The flagged text in ⟦⟧ with up to CONTEXT characters either side, within its own line."""
    line_start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", end)
    line_end = len(text) if nl == -1 else nl
    before = text[max(line_start, start - CONTEXT) : start]
    after = text[end : max(end, min(line_end, end + CONTEXT))]
    span = text[start:end]
    shown = escape(span)
    if len(span) > SPAN_MAX:
        half = SPAN_MAX // 2 - 2
        shown = f"{escape(span[:half])}…({len(span)})…{escape(span[-half:])}"
    return f"{escape(before)}⟦{shown}⟧{escape(after)}"


def collect(corpus: Path = CORPUS) -> list[Entry]:
    """Every finding of the default rule set (no config) on the corpus's texts, sorted."""
    from reportlint.api import Linter

    linter = Linter(isolated=True)
    entries: list[Entry] = []
    for path in sorted((corpus / "texts").glob("*.txt")):
        result = linter.check_path(path, display=path.name)
        if result.problems:
            raise RuntimeError("; ".join(str(p) for p in result.problems))
        text = result.document.text
        for f in result.findings:
            entries.append(Entry(path.name, f.line, f.column, f.code, f.severity.value, context_of(text, f.start, f.end)))
    return sorted(entries, key=Entry.sort_key)


def read(path: Path = SNAPSHOT) -> list[Entry]:
    entries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 7:
            raise ValueError(f"{path}:{n}: {len(parts)} fields, expected 7")
        file, pos, code, severity, context, verdict, reason = parts
        ln, col = pos.split(":")
        entries.append(Entry(file, int(ln), int(col), code, severity, context, verdict, reason))
    return entries


def render(entries: Iterable[Entry]) -> str:
    lines = [HEADER]
    for e in sorted(entries, key=Entry.sort_key):
        reason = e.reason.replace("\t", " ").replace("\n", " ")
        lines.append("\t".join((e.file, f"{e.line}:{e.column}", e.code, e.severity, e.context, e.verdict, reason)))
    return "\n".join(lines) + "\n"


def write(entries: Iterable[Entry], path: Path = SNAPSHOT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(entries), encoding="utf-8", newline="\n")
    tmp.replace(path)


def merge(old: Sequence[Entry], new: Sequence[Entry]) -> list[Entry]:
    """``new`` findings with the verdicts of ``old`` ones of the same file, code and context (taken in order)."""
    judged: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for e in sorted(old, key=Entry.sort_key):
        judged[e.key].append(e)
    out = []
    for e in sorted(new, key=Entry.sort_key):
        same = judged.get(e.key)
        if same:
            prev = same.pop(0)
            e = replace(e, verdict=prev.verdict, reason=prev.reason)
        out.append(e)
    return out


def difference(old: Sequence[Entry], new: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(added, removed): findings in ``new`` and not in ``old``, and the other way round (as multisets)."""
    a = Counter(e.finding for e in new)
    b = Counter(e.finding for e in old)
    return _pick(new, a - b), _pick(old, b - a)


def _pick(entries: Sequence[Entry], extra: Counter) -> list[Entry]:
    out = []
    for e in entries:
        if extra[e.finding] > 0:
            extra[e.finding] -= 1
            out.append(e)
    return out


def describe(added: Sequence[Entry], removed: Sequence[Entry], limit: int = 60) -> str:
    """The difference as a reader wants it: counts by rule, then the findings (+ new, - gone)."""
    plus, minus = Counter(e.code for e in added), Counter(e.code for e in removed)
    lines = [f"{len(added)} findings added, {len(removed)} removed (by rule: "
             + ", ".join(f"{c} +{plus[c]}/-{minus[c]}" for c in sorted({*plus, *minus})) + ")"]
    for sign, group in (("+", added), ("-", removed)):
        for e in group[:limit]:
            lines.append(f"  {sign} {e.show()}" + (f"  [was {e.verdict}: {e.reason}]" if sign == "-" and e.verdict else ""))
        if len(group) > limit:
            lines.append(f"  {sign} … and {len(group) - limit} more")
    lines.append("Regenerate with `python bench/corpus_snapshot.py` (verdicts are kept) and judge the new findings.")
    return "\n".join(lines)


# -- precision ----------------------------------------------------------------------------------


def per_rule(entries: Iterable[Entry]) -> dict[str, Counter]:
    """code -> Counter of verdicts (and 'n')."""
    out: dict[str, Counter] = defaultdict(Counter)
    for e in entries:
        out[e.code]["n"] += 1
        out[e.code][e.verdict or "unjudged"] += 1
    return dict(out)


def corpus_chars(corpus: Path = CORPUS) -> int | None:
    """Characters of the corpus's texts, or None when it is absent."""
    texts = corpus / "texts"
    if not texts.is_dir():
        return None
    return sum(len(p.read_text(encoding="utf-8")) for p in texts.glob("*.txt"))


def precision_section(path: Path = SNAPSHOT, chars: int | None = None) -> list[str]:
    """The per-rule precision table (markdown lines) from the snapshot file."""
    entries = read(path)
    rules = per_rule(entries)
    severities: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        severities[e.code].add(e.severity)
    severity = {code: "/".join(sorted(s)) for code, s in severities.items()}
    total = Counter(e.verdict or "unjudged" for e in entries)
    errors = [e for e in entries if e.severity == "error"]
    err_real = sum(e.verdict == "real" for e in errors)
    rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    lines = [
        "## Precision on the clean corpus (reviewed snapshot)",
        "",
        f"Every finding of the default rule set on ../shared/data/clean-reports, judged by a proofreader in `{rel}` "
        "(`real`: a defect by the cited standard; `style`: defensible either way; `wrong`: the rule misread the text). "
        "Regenerate with `python bench/corpus_snapshot.py`; `tests/test_corpus_snapshot.py` fails when the findings "
        "differ from it. Severity follows these figures (docs/precision.md).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| findings | {len(entries):,} (real {total['real']:,}, style {total['style']:,}, wrong {total['wrong']:,}"
        + (f", unjudged {total['unjudged']:,}" if total["unjudged"] else "") + ") |",
    ]
    if chars:
        lines.append(f"| `wrong` per 100,000 characters | **{total['wrong'] * 1e5 / chars:.2f}** ({chars:,} characters) |")
        lines.append(f"| findings per 100,000 characters | {len(entries) * 1e5 / chars:.1f} |")
    lines += [
        f"| error-severity findings `real` | **{err_real / len(errors):.1%}** ({err_real} of {len(errors)}) |" if errors
        else "| error-severity findings | 0 |",
        "",
        "| rule | severity | n | real | style | wrong | precision (real / n) |",
        "|---|---|---|---|---|---|---|",
    ]
    for code in sorted(rules):
        c = rules[code]
        lines.append(f"| {code} | {severity[code]} | {c['n']} | {c['real']} | {c['style']} | {c['wrong']} | {c['real'] / c['n']:.0%} |")
    lines.append("")
    basis = _read_basis()
    if basis:
        lines += [
            f"Error rules with fewer than {MIN_MEASURED} findings on the clean corpus, and how their precision is known "
            f"(`{BASIS.relative_to(ROOT).as_posix()}`; `exact`: every match is a defect by construction; `reviewed`: "
            "findings on other real text judged by hand):",
            "",
            "| rule | corpus findings | basis |",
            "|---|---|---|",
        ]
        for code, entry in sorted(basis.items()):
            what = entry.get("reason") if entry.get("basis") == "exact" else \
                f"{entry.get('real')} of {entry.get('n')} real: {entry.get('where')}"
            lines.append(f"| {code} | {rules.get(code, Counter())['n']} | {entry.get('basis')}: {what} |")
        lines.append("")
    return lines


def _read_basis(path: Path = BASIS) -> dict:
    if not path.is_file():
        return {}
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(path.read_text(encoding="utf-8"))


def write_docs(path: Path = BENCHMARKS) -> None:
    """Put the precision section into docs/benchmarks.md between its markers (before "## Accuracy" the first time)."""
    section = [BEGIN, *precision_section(chars=corpus_chars()), END]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(section) + tail
    elif "\n## Accuracy" in text:  # where bench/run.py puts it
        head, tail = text.split("\n## Accuracy", 1)
        text = head + "\n" + "\n".join(section) + "\n\n## Accuracy" + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="regenerate or check the reviewed corpus snapshot")
    ap.add_argument("--check", action="store_true", help="print the difference from the snapshot and exit 1 if any")
    ap.add_argument("--docs", action="store_true", help="rewrite the precision section of docs/benchmarks.md")
    args = ap.parse_args(argv)
    if args.docs:
        write_docs()
        print(f"wrote the precision section of {BENCHMARKS}")
        return 0
    if not (CORPUS / "texts").is_dir():
        print(f"corpus_snapshot: {CORPUS} is absent: the snapshot needs ../shared/data beside the checkout", file=sys.stderr)
        return 2
    old = read() if SNAPSHOT.exists() else []
    new = collect()
    added, removed = difference(old, new)
    if args.check:
        if added or removed:
            print(describe(added, removed))
            return 1
        print(f"snapshot up to date: {len(new)} findings")
        return 0
    merged = merge(old, new)
    write(merged)
    unjudged = sum(not e.verdict for e in merged)
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(merged)} findings, {len(added)} added, {len(removed)} removed, "
          f"{unjudged} without a verdict")
    return 0


if __name__ == "__main__":
    sys.exit(main())
