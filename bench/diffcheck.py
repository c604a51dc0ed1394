"""Differential check: every finding on a fixed document set, recorded and compared across commits.

A refactor or a speed change must not change what the linter reports. This script runs the
default rule set and every rule (``ALL``) over

- the clean reports in ``../shared/data/clean-reports`` (and ``train-reports`` with ``--train``),
- the bundled sample,
- every string literal with a Han character in ``tests/*.py`` and every rule example,
- random mixes: corpus sentences cut at random places and joined with marks, digits, spaces,
  brackets and markers (a fixed seed, so both sides see the same texts),

and records, per document, each finding's code, span, message, severity and fix. ``compare``
prints the documents whose findings differ and exits 1 if any do.

    python bench/diffcheck.py record /tmp/before.jsonl     # on the old commit
    python bench/diffcheck.py record /tmp/after.jsonl      # on the new one
    python bench/diffcheck.py compare /tmp/before.jsonl /tmp/after.jsonl

The document set is read from this checkout's tests and the shared data, so record both sides
from the same checkout state of ``tests/`` (``--docs FILE`` saves or reuses the set).
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

_MIX_PIECES = [
    "，", "。", "、", "、、", "；", "：", "？", "！", ",", ".", ";", ":", "(", ")", "（", "）", "“", "”",
    "《", "》", "〔", "〕", "【", "】", " ", "  ", "\t", "\n", "\n\n", "1.", "（一）", "一、", "二、", "（1）",
    "2023年", "二〇二三年", "3月5日", "4月27日-28日", "20%", "～", "~", "-", "—", "——", "……", "...",
    "##paidbegin##", "<br>", "&nbsp;", "XX", "××", "\u200b", "１２３", "的的", "截止", "一是", "二是", "四是",
    "第一", "第三", "等", "和", "及", "13800138000", "110101199003074578",
]


def _han(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s)


def test_strings() -> list[str]:
    """Every string constant with a Han character in tests/*.py."""
    out: list[str] = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _han(node.value):
                out.append(node.value)
    return out


def example_strings() -> list[str]:
    from reportlint.api import Linter

    linter = Linter(isolated=True, select=["ALL"])
    out = []
    for rule in linter.all_rules().values():
        for ex in rule.examples:
            out.append(ex.text)
            if ex.fixed:
                out.append(ex.fixed)
    return out


def corpus(train: bool) -> list[tuple[str, str]]:
    folders = [DATA / "clean-reports" / "texts"]
    if train:
        folders.append(DATA / "train-reports" / "texts")
    out = []
    for folder in folders:
        if not folder.is_dir():
            sys.exit(f"diffcheck: {folder} is missing: the differential check needs ../shared/data")
        for path in sorted(folder.glob("*.txt")):
            out.append((f"{folder.parent.name}/{path.name}", path.read_text(encoding="utf-8")))
    return out


def mixes(sentences: list[str], n: int, seed: int = 20261202) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(2, 12)):
            if rnd.random() < 0.5 and sentences:
                s = rnd.choice(sentences)
                a = rnd.randrange(len(s))
                parts.append(s[a : a + rnd.randint(1, 40)])
            else:
                parts.append(rnd.choice(_MIX_PIECES))
        out.append("".join(parts))
    return out


def documents(train: bool, n_mix: int) -> list[tuple[str, str]]:
    docs = corpus(train)
    sample = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"
    docs.append(("sample", sample.read_text(encoding="utf-8")))
    docs += [(f"test-string-{i}", s) for i, s in enumerate(test_strings())]
    docs += [(f"example-{i}", s) for i, s in enumerate(example_strings())]
    sentences = [s for _, text in docs[:50] for s in text.split("。") if s]
    docs += [(f"mix-{i}", s) for i, s in enumerate(mixes(sentences, n_mix))]
    return docs


def findings(docs: list[tuple[str, str]]) -> Iterator[dict[str, object]]:
    from reportlint.api import Linter
    from reportlint.errors import ReportlintError

    linters = {"default": Linter(isolated=True), "all": Linter(isolated=True, select=["ALL"])}
    for name, text in docs:
        for suffix in (".txt", ".md"):
            for label, linter in linters.items():
                if suffix == ".md" and label == "default" and not name.startswith(("mix", "test")):
                    continue  # keep the run short: Markdown reading of corpus files adds nothing new
                try:
                    doc = linter.read_bytes(f"doc{suffix}", text.encode("utf-8", "surrogatepass"))  # a test string holds a lone surrogate
                except ReportlintError as exc:  # NUL bytes, say: the error is part of the behaviour
                    yield {"doc": name, "suffix": suffix, "rules": label, "findings": [], "problems": [str(exc)]}
                    continue
                result = linter.check_document(doc)
                rows = []
                for f in result.findings:
                    fix = None
                    if f.fix is not None:
                        fix = [f.fix.replacement, f.fix.applicability.value, *f.fix_span()]
                    rows.append([f.code, f.start, f.end, f.message, f.severity.value, fix])
                problems = [p.message for p in result.problems]
                yield {"doc": name, "suffix": suffix, "rules": label, "findings": rows, "problems": problems}


def record(out: Path, train: bool, n_mix: int, docs_file: Path | None) -> None:
    if docs_file and docs_file.exists():
        docs = [tuple(x) for x in json.loads(docs_file.read_text(encoding="utf-8"))]
    else:
        docs = documents(train, n_mix)
        if docs_file:
            docs_file.write_text(json.dumps(docs), encoding="utf-8")  # ASCII escapes: the mixes hold lone surrogates
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in findings(docs):  # type: ignore[arg-type]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += len(row["findings"])  # type: ignore[arg-type]
    print(f"diffcheck: {len(docs)} documents, {n} findings -> {out}")


def compare(old: Path, new: Path, limit: int) -> int:
    def load(p: Path) -> dict[tuple[str, str, str], dict]:
        rows = (json.loads(line) for line in p.open(encoding="utf-8"))
        return {(r["doc"], r["suffix"], r["rules"]): r for r in rows}

    a, b = load(old), load(new)
    differing = 0
    for key in sorted(a.keys() | b.keys()):
        ra, rb = a.get(key), b.get(key)
        if ra is None or rb is None or ra["findings"] != rb["findings"] or ra["problems"] != rb["problems"]:
            differing += 1
            if differing <= limit:
                fa = {json.dumps(x, ensure_ascii=False) for x in (ra or {}).get("findings", [])}
                fb = {json.dumps(x, ensure_ascii=False) for x in (rb or {}).get("findings", [])}
                print(f"== {key}")
                for x in sorted(fa - fb):
                    print(f"  - {x}")
                for x in sorted(fb - fa):
                    print(f"  + {x}")
                if (ra or {}).get("problems") != (rb or {}).get("problems"):
                    print(f"  problems: {(ra or {}).get('problems')} -> {(rb or {}).get('problems')}")
    print(f"diffcheck: {len(a.keys() | b.keys())} runs compared, {differing} differing")
    return 1 if differing else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("out", type=Path)
    r.add_argument("--train", action="store_true", help="also the 1,345 train-reports (slow)")
    r.add_argument("--mixes", type=int, default=3000)
    r.add_argument("--docs", type=Path, help="save the document set here, or reuse it if it exists")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()
    if args.cmd == "record":
        record(args.out, args.train, args.mixes, args.docs)
        return 0
    return compare(args.old, args.new, args.limit)


if __name__ == "__main__":
    sys.exit(main())
