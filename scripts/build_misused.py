"""Build plugins/reportlint_words/misused.tsv: misused words kept by corpus evidence (T202).

    .venv/bin/python scripts/build_misused.py [--data ../shared/data] [--out PATH] [--show]

Candidates are the wrong -> right pairs of ../shared/data/lexicons/misused_words (a curated
常见错字错词 list, pycorrector's custom confusion and macro-correct's automatically gathered
dictionary; MIT / Apache-2.0). A pair is kept when the evidence says the wrong form is a typo:

- the wrong form never occurs in the 22M characters of train-reports, and the right form
  occurs there at least ``--min-right`` times (the word belongs to official prose);
- the wrong form is not a word of jieba's dictionary (标识, 板球, 陆行 are words) and has
  the right form's length (a substitution, not a rewording); single characters are left out;
- it is not already an entry of T101 (typos.tsv) or T108 (variants.tsv);
- a reviewer did not strike it out (REJECTED: valid text the evidence cannot see).

clean-reports are not used, so they stay an honest test. At run time T202 also requires the
match to sit on word boundaries (亲自起草 holds 自起 across 亲自 + 起草). Output: one
``wrong<TAB>right<TAB>count of right`` line a pair, sorted; the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "plugins" / "reportlint_words" / "misused.tsv"
_HAN = re.compile(r"[\u3400-\u9fff]+")
HEADER = """\
# reportlint T202 misused words, built by scripts/build_misused.py from ../shared/data (do not edit by hand):
# wrong<TAB>right<TAB>occurrences of the right form in train-reports. Sources (wrong -> right pairs):
# lexicons/misused_words: ecspell_common_misused (MIT), pycorrector_custom_confusion (Apache-2.0),
# macro_correct_confusion_dict (Apache-2.0). Kept: wrong form absent from the 22M characters of
# train-reports, right form present there at least {min_right} times, wrong form not a jieba word, same length.
"""


#: Pairs the evidence keeps but a reader rejects, with the reason.
REJECTED = {
    "所以问题": "所以问题在于…… is a normal clause",
    "系根据": "系 = 是 in formal prose (本办法系根据……制定)",
    "有孔": "有孔 is a phrase (有孔的管道)",
    "多馀": "馀 is the traditional 余, not 于: the pair is wrong",
    "红虹": "not a typo pair",
    "警省": "警省 (jǐngxǐng, to be alert) is a word: 高度警省, 警省自身",
}


def read_pairs(folder: Path) -> list[tuple[str, str, str]]:
    """(wrong, right, source) of every line of the .jsonl files, in file order."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out.append((str(obj["wrong"]), str(obj["right"]), path.stem))
    return out


def count(strings: set[str], texts: list[str]) -> Counter[str]:
    """Occurrences (overlapping) of each string in the texts, in one Aho-Corasick pass."""
    import ahocorasick_rs

    words = sorted(strings)
    ac = ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard)
    c: Counter[str] = Counter()
    for t in texts:
        c.update(words[i] for i, _, _ in ac.find_matches_as_indexes(t, overlapping=True))
    return c


def existing_entries() -> set[str]:
    """Wrong forms T101 and T108 already hold."""
    out = set()
    for name in ("typos.tsv", "variants.tsv"):
        for line in (ROOT / "plugins" / "reportlint_words" / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.add(line.split("\t")[0])
    return out


def select(pairs: list[tuple[str, str, str]], counts: Counter[str], words: set[str], taken: set[str],
           min_right: int) -> list[tuple[str, str, int]]:
    """The pairs the evidence supports, sorted and unique by wrong form (the most frequent right kept)."""
    best: dict[str, tuple[str, int]] = {}
    for wrong, right, _ in pairs:
        if (len(wrong) < 2 or len(wrong) != len(right) or wrong == right or not _HAN.fullmatch(wrong)
                or not _HAN.fullmatch(right) or wrong in words or wrong in taken or wrong in REJECTED
                or counts[wrong] > 0 or counts[right] < min_right):
            continue
        if wrong not in best or counts[right] > best[wrong][1]:
            best[wrong] = (right, counts[right])
    return sorted((w, r, n) for w, (r, n) in best.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-right", type=int, default=5)
    ap.add_argument("--show", action="store_true", help="print the kept pairs")
    args = ap.parse_args(argv)
    lexicon = args.data / "lexicons" / "misused_words"
    reports = args.data / "train-reports" / "texts"
    if not lexicon.is_dir() or not reports.is_dir():
        print(f"build_misused: {lexicon} or {reports} is absent; pass --data", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_wordlist import jieba_entries

    pairs = read_pairs(lexicon)
    texts = [p.read_text(encoding="utf-8") for p in sorted(reports.glob("*.txt"))]
    counts = count({s for w, r, _ in pairs for s in (w, r) if s}, texts)
    words = {w for w, _ in jieba_entries()[0]}
    kept = select(pairs, counts, words, existing_entries(), args.min_right)
    body = "".join(f"{w}\t{r}\t{n}\n" for w, r, n in kept)
    args.out.write_text(HEADER.format(min_right=args.min_right) + body, encoding="utf-8")
    print(f"{args.out}: {len(kept)} of {len(pairs)} pairs kept")
    if args.show:
        print(body, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
