"""Kill ``reportlint check --fix`` while it writes a large file (issue 23, item 6), as a user's kill would.

    python bench/probe_kill.py [--exe PATH] [--signal SIGTERM] [--rounds 8]

Each round writes an ~18 MB text with one P103 finding a line into a fresh folder, starts
``reportlint check --no-cache --fix --select P103`` on it, waits until a ``*.reportlint-tmp``
temporary appears beside it (the write has begun) and sends the signal. It reports in how many
rounds a temporary was left and whether the file is whole (the old or the new text, never a
mix), then ages the leftovers by an hour (as a killed run's are by the next day) and runs
``--fix`` once more in each folder: how many temporaries that later run left.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

SUFFIX = ".reportlint-tmp"
LINE = "加强学习 ，推进工作。我们要坚持不懈地推进各项改革措施落到实处。\n"


def leftovers(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(SUFFIX)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exe", default=shutil.which("reportlint") or "reportlint")
    ap.add_argument("--signal", default="SIGTERM", choices=["SIGTERM", "SIGINT", "SIGKILL", "SIGHUP"])
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    sig = getattr(signal, args.signal)
    text = ("测试报告\n\n" + LINE * 180_000).encode()  # ~18 MB: under the default max-file-size (20 MB)
    fixed = text.replace(" ，".encode(), "，".encode())
    exe = str(Path(args.exe).resolve()) if os.sep in args.exe else args.exe  # the runs start in other folders
    cmd = [exe, "check", "--no-cache", "--fix", "--select", "P103", "big.txt"]
    with tempfile.TemporaryDirectory(prefix="probe-kill-") as tmp:
        folders = []
        hit = left = whole = 0
        for r in range(args.rounds):
            d = Path(tmp) / f"r{r}"
            d.mkdir()
            folders.append(d)
            (d / "big.txt").write_bytes(text)
            proc = subprocess.Popen(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while proc.poll() is None:
                if leftovers(d):
                    time.sleep(0.002 * (r % 4))  # at different points of the write
                    proc.send_signal(sig)
                    hit += 1
                    break
                time.sleep(0.0005)
            proc.wait()
            left += bool(leftovers(d))
            whole += (d / "big.txt").read_bytes() in (text, fixed)
        print(f"{args.signal}: signalled during the write {hit}/{args.rounds}; temporaries left in "
              f"{left}/{args.rounds} folders; file whole (old or new text) {whole}/{args.rounds}")
        old = time.time() - 3600
        small = text[: text.index(b"\n", 2000) + 1]
        for d in folders:
            for name in leftovers(d):
                os.utime(d / name, (old, old))
            (d / "big.txt").write_bytes(small)
            subprocess.run(cmd, cwd=d, capture_output=True)
        print(f"after a later --fix run in each folder (leftovers aged 1 h): {sum(len(leftovers(d)) for d in folders)} left")


if __name__ == "__main__":
    main()
