"""autocorrect-py over files, JSON out: the peer's side of bench/run.py's speed comparison.

    python bench/autocorrect_json.py FILE... > findings.json

Each file is read and decoded as UTF-8 and linted by ``autocorrect_py.lint_for`` (autocorrect's
Rust linter for CJK text: spacing, punctuation width); its findings go to stdout as one JSON
array, as ``reportlint check --format json`` writes its own. One process, one core.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    import autocorrect_py

    out = []
    for name in argv:
        text = Path(name).read_bytes().decode("utf-8")
        result = autocorrect_py.lint_for(text, name)
        for line in result.lines:
            out.append({"path": name, "line": line.line, "column": line.col, "old": line.old, "new": line.new,
                        "severity": str(line.severity)})
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
