"""Build plugins/reportlint_words/data/words.bin: the dictionary words T104 and T202 check boundaries with.

    .venv/bin/python scripts/build_wordlist.py [--min-freq 5] [--out PATH]

The words are jieba's dictionary (MIT licence; installed with the build extra,
``pip install -e '.[model]'``): the entries of 2-4 Han characters with a frequency of at
least ``--min-freq`` (123,107 words at 5; below that jieba lists pairs such as 很紧 that
are not words). Each is stored as the CRC-32 of its UTF-8 bytes, sorted, unique, as
little-endian uint32: 0.5 MB, read with the standard library's ``array`` and searched with
``bisect`` (reportlint_words/words.py), so the rules that use it need no numpy. Sorted
input and a fixed format make the output the same bytes for the same jieba release.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "plugins" / "reportlint_words" / "data" / "words.bin"
_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")


def jieba_entries() -> tuple[list[tuple[str, int]], str]:
    """(word, frequency) of every line of jieba's dict.txt, and jieba's version."""
    import jieba

    lines = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            out.append((parts[0], int(parts[1])))
    return out, str(getattr(jieba, "__version__", "?"))


def word_hashes(entries: Iterable[tuple[str, int]], min_freq: int) -> array:
    """Sorted unique CRC-32 keys of the 2-4 character Han words seen ``min_freq`` times or more."""
    keys = sorted({zlib.crc32(w.encode("utf-8")) for w, f in entries if f >= min_freq and _WORD.fullmatch(w)})
    out = array("I", keys)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-freq", type=int, default=5)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    entries, version = jieba_entries()
    table = word_hashes(entries, args.min_freq)
    args.out.write_bytes(table.tobytes())
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out}: {len(table):,} words from jieba {version}, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
