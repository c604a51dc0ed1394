"""The HTML report: screenshots for docs/, and how big and how slow the page is for a huge input.

Usage:
    python bench/html_report.py screenshots      # docs/html-report.png and docs/html-report-detail.png
    python bench/html_report.py size [--mb 10] [--runs 3] [--old PATH]

``screenshots`` renders the bundled sample in headless Chromium (Debian's ``chromium``; CJK
fonts: ``apt-get install fonts-noto-cjk``) with one finding's explanation open, in Chinese.

``size`` writes a report of about ``--mb`` MB (the sample repeated), then times Chromium taking
a screenshot of the page (median of ``--runs``; each run starts a fresh browser, so the figure
includes start-up: the same is timed on a one-file page and printed beside it). ``--old PATH``
times the page of another checkout too (its ``src`` and ``plugins`` are put first on the path),
for a before/after figure. Timing is wall time on a shared machine: compare runs made together.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The finding whose explanation the screenshots open (P101: two 点号 in a row, with its GB/T 15834 clause).
SHOT_CODE = "P101"


def chromium(url: str, *extra: str) -> float:
    """Seconds Chromium took to load ``url`` and do what ``extra`` asks (a screenshot)."""
    with tempfile.TemporaryDirectory(prefix="rl-chromium-") as profile:
        start = time.perf_counter()
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={profile}", *extra, url], capture_output=True, check=True, timeout=600)
        return time.perf_counter() - start


def report(paths: list[str], out: Path, cwd: Path, pythonpath: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_LANG"}  # the default language: Chinese
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-cache", "--isolated", "--max-file-size", str(200 * 2**20),
                    "--format", "html", "-o", str(out), *paths], cwd=cwd, env=env, capture_output=True, check=False)
    if not out.exists():  # an older reportlint without --max-file-size: a config file instead
        (cwd / "reportlint.toml").write_text(f"max-file-size = {200 * 2**20}\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "html", "-o", str(out), *paths],
                       cwd=cwd, env=env, capture_output=True, check=False)


def screenshots() -> None:
    import json
    import re

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        report([SAMPLE.name], page, SAMPLE.parent)
        data = json.loads(re.search(r'id="rl-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
        fid = next(k for k, v in data["findings"].items() if v["code"] == SHOT_CODE)
        full = ROOT / "docs" / "html-report.png"
        chromium(page.as_uri() + f"#finding={fid}", "--window-size=1280,860", f"--screenshot={full}")
    try:
        from PIL import Image
    except ImportError:
        print(f"wrote {full} (install Pillow for the detail crop)")
        return
    with Image.open(full) as im:
        w, h = im.size
        detail = ROOT / "docs" / "html-report-detail.png"
        im.crop((w - 372, 80, w, h)).save(detail, optimize=True)
    print(f"wrote {full} and {detail}")


def size(mb: float, runs: int, old: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        text = SAMPLE.read_text(encoding="utf-8")
        big = tmpdir / "big.txt"
        big.write_text(text * (int(mb * 2**20) // len(text.encode("utf-8")) + 1), encoding="utf-8")
        small = tmpdir / "small"
        small.mkdir()
        shutil.copy(SAMPLE, small / "sample.txt")
        pages = {"one-file page": (small / "one.html", ["sample.txt"], small, None)}
        pages["this checkout"] = (tmpdir / "new.html", ["big.txt"], tmpdir, None)
        if old is not None:
            olddir = tmpdir / "old"
            olddir.mkdir()
            os.symlink(big, olddir / "big.txt")
            pages["--old checkout"] = (olddir / "old.html", ["big.txt"], olddir, f"{old / 'src'}{os.pathsep}{old / 'plugins'}")
        for out, paths, cwd, pythonpath in pages.values():
            report(paths, out, cwd, pythonpath)
        times: dict[str, list[float]] = {name: [] for name in pages}
        for _ in range(runs):  # interleaved, so a busy moment hits every page alike
            for name, (out, *_rest) in pages.items():
                times[name].append(chromium(out.as_uri(), "--window-size=1280,900", f"--screenshot={tmpdir / 'shot.png'}"))
        print(f"input: {big.stat().st_size / 2**20:.1f} MB ({SAMPLE.name} repeated); Chromium screenshot, median of {runs}:")
        for name, (out, *_rest) in pages.items():
            print(f"  {name:15} page {out.stat().st_size / 2**20:6.1f} MB   {statistics.median(times[name]):6.1f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    sub.add_parser("screenshots")
    s = sub.add_parser("size")
    s.add_argument("--mb", type=float, default=10)
    s.add_argument("--runs", type=int, default=3)
    s.add_argument("--old", type=Path, help="another checkout (its src/ and plugins/) to compare with")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"needs Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    if args.what == "screenshots":
        screenshots()
    else:
        size(args.mb, args.runs, args.old)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
