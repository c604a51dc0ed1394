"""The CLI as a modern linter: the paths that used to break, colour, the closing summary, progress, warnings.

Each runs the installed command in a subprocess, as a user does; "on a terminal" is a real
pseudo-terminal (pty), not a mocked isatty.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, lang: str = "en") -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "REPORTLINT_LANG")}
    full.update({"REPORTLINT_LANG": lang} if lang else {})
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          env=full, timeout=300)


def run_tty(*args: str, cwd: Path, stream: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run with ``stream`` ("stdout" or "stderr") on a pseudo-terminal; returns (code, terminal text, the other stream)."""
    master, slave = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update(env or {})
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    kw = {"stdout": slave, "stderr": subprocess.PIPE} if stream == "stdout" else {"stdout": subprocess.PIPE, "stderr": slave}
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", *args], cwd=cwd, env=full, **kw)
    os.close(slave)
    out, err = proc.communicate(timeout=300)
    reader.join(timeout=10)
    os.close(master)
    other = out if stream == "stderr" else err
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), other.decode("utf-8", "replace")


def reports(folder: Path, n: int, text: str = "要##paidbegin##求全市，落实工作。\n") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"r{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("要##paid##求全市")
    d.save(path)
    return path


# -- the broken paths ------------------------------------------------------------------------------


def test_report_to_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    reports(tmp_path, 1)
    proc = run("check", "--select", "M101", "--no-cache", "-o", "/no/such/dir/r.json", "--format", "json", str(tmp_path / "r000.txt"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["error: cannot write the report to /no/such/dir/r.json: the folder /no/such/dir does not exist"]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_annotate_to_a_missing_folder_creates_it_once(tmp_path):
    for name in ("a.docx", "b.docx", "c.docx"):
        make_docx(tmp_path / name)
    proc = run("check", "--select", "M101", "--no-cache", "a.docx", "b.docx", "c.docx", "--annotate", "reviewed", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert sorted(p.name for p in (tmp_path / "reviewed").iterdir()) == ["a.docx", "b.docx", "c.docx"]
    one = run("check", "--select", "M101", "--no-cache", "a.docx", "b.docx", "c.docx", "--annotate", "one.docx", cwd=tmp_path)
    assert one.returncode == 2
    assert one.stderr.strip().splitlines() == ["one.docx: error: --annotate names one file but 3 Word files were checked; give a folder"]


def test_the_old_output_option_for_a_report_explains_itself(tmp_path):
    reports(tmp_path, 1)
    proc = run("check", "--format", "html", "--output", "r.html", "r000.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--output is deprecated: it is now --fixed-output" in proc.stderr and "-o/--output-file" in proc.stderr
    ok = run("check", "--select", "M101", "--no-cache", "--format", "html", "-o", "r.html", "r000.txt", cwd=tmp_path)
    assert ok.returncode == 1 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert ok.stderr.strip() == "Wrote the html report (1 finding) to r.html."
    zh = run("check", "--select", "M101", "--no-cache", "--format", "json", "-o", "r.json", "r000.txt", cwd=tmp_path, lang="")
    assert zh.stderr.strip() == "已将 json 格式的检查报告（1 处问题）写入 r.json。"


# -- the closing summary ---------------------------------------------------------------------------


def test_summary_counts_files_severities_fixable_and_baseline(tmp_path):
    reports(tmp_path / "docs", 3)
    (tmp_path / "docs" / "w.txt").write_text("二〇二三年3月5日召开会议。\n", encoding="utf-8")  # D109, a warning
    base = run("check", "--select", "M101,D109", "--no-cache", "--write-baseline", "b.json", "docs", cwd=tmp_path)
    assert base.returncode == 0 and "Recorded 4 findings in baseline b.json." in base.stderr
    (tmp_path / "docs" / "new.txt").write_text("要##x##求\n", encoding="utf-8")
    proc = run("check", "--select", "M101,D109", "--no-cache", "--baseline", "b.json", "docs", cwd=tmp_path)
    assert proc.returncode == 1
    tail = proc.stdout.strip().splitlines()[-3:]
    assert tail == ["Found 1 finding (1 error) in 5 files.", "[*] 1 fixable with the `--fix` option.",
                    "4 findings hidden by the baseline."]
    zh = run("check", "--select", "M101,D109", "--no-cache", "docs", cwd=tmp_path, lang="")
    assert zh.stdout.strip().splitlines()[-2:] == ["在 5 个文件中发现 5 处问题（错误 4 处，警告 1 处）。", "[*] 其中 5 处可用 `--fix` 自动修复。"]


def test_a_clean_run_says_how_many_files_were_checked(tmp_path):
    reports(tmp_path, 2, "全文无误。\n")
    assert run("check", "--no-cache", str(tmp_path)).stdout.strip() == "All checks passed! (2 files checked)"
    assert run("check", "--no-cache", str(tmp_path), lang="").stdout.strip() == "全部通过，未发现问题（检查了 2 个文件）。"


def test_no_files_found_is_an_error_for_that_folder_and_the_others_are_checked(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdfx").write_text("x", encoding="utf-8")
    reports(tmp_path / "full", 1)
    proc = run("check", "--select", "M101", "--no-cache", "--format", "concise", "empty", "full", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("empty: error: no files to check found here (") and len(proc.stderr.strip().splitlines()) == 1
    assert "full/r000.txt:1:2: M101" in proc.stdout
    alone = run("check", "--no-cache", "empty", cwd=tmp_path)
    assert alone.returncode == 2 and "All checks passed" not in alone.stdout


# -- warnings for options that do nothing ----------------------------------------------------------


def test_options_without_effect_are_warned_about(tmp_path):
    reports(tmp_path, 1)
    proc = run("check", "--select", "M101", "--no-cache", "--unsafe-fixes", "--statistics", "--format", "json", "r000.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "warning: --unsafe-fixes has no effect without --fix or --diff",
        "warning: --statistics has no effect with --format json (only with text and concise)",
    ]
    quiet = run("check", "--select", "M101", "--no-cache", "--statistics", "r000.txt", cwd=tmp_path)
    assert quiet.stderr == ""


# -- colour ----------------------------------------------------------------------------------------


def test_colour_on_a_terminal_only_and_as_asked(tmp_path):
    reports(tmp_path, 1)
    args = ("check", "--select", "M101", "--no-cache", "r000.txt")
    code, tty, _ = run_tty(*args, cwd=tmp_path, stream="stdout", env={"REPORTLINT_LANG": "en"})
    assert code == 1 and ANSI.search(tty), tty
    assert "\x1b[31m" in tty  # the error's code and caret in red
    piped = run(*args, cwd=tmp_path)
    assert not ANSI.search(piped.stdout)
    _c, no_color, _ = run_tty(*args, cwd=tmp_path, stream="stdout", env={"REPORTLINT_LANG": "en", "NO_COLOR": "1"})
    assert not ANSI.search(no_color) and "M101" in no_color
    _c, never, _ = run_tty(*args, "--color", "never", cwd=tmp_path, stream="stdout", env={"REPORTLINT_LANG": "en"})
    assert not ANSI.search(never)
    forced = run(*args, "--color", "always", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert ANSI.search(forced.stdout)
    assert ANSI.sub("", forced.stdout) == piped.stdout  # colour adds nothing but colour


def test_a_report_file_never_gets_colour(tmp_path):
    reports(tmp_path, 1)
    run("check", "--select", "M101", "--no-cache", "--color", "always", "-o", "r.txt", "r000.txt", cwd=tmp_path)
    assert not ANSI.search((tmp_path / "r.txt").read_text(encoding="utf-8"))


# -- progress --------------------------------------------------------------------------------------


def test_progress_bar_on_a_terminal_for_long_runs_only(tmp_path):
    reports(tmp_path / "many", 25)
    code, tty_err, out = run_tty("check", "--select", "M101", "--no-cache", "-j", "1", "many", cwd=tmp_path, stream="stderr",
                                 env={"REPORTLINT_LANG": "en"})
    assert code == 1 and "Found 25 findings" in out
    assert "Checking" in tty_err and "25/25" in tty_err
    assert tty_err.rstrip().endswith("\x1b[K\x1b[?25h")  # the bar is erased: the report is what stays on screen
    piped = run("check", "--select", "M101", "--no-cache", "many", cwd=tmp_path)
    assert piped.stderr == ""
    reports(tmp_path / "few", 3)
    _c, few, _o = run_tty("check", "--select", "M101", "--no-cache", "few", cwd=tmp_path, stream="stderr",
                          env={"REPORTLINT_LANG": "en"})
    assert few == ""


# -- columns ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "columns"), [("全市", 4), ("全\u200b市", 4), ("要e\u0301", 3), ("要\u00e9", 3)])
def test_caret_column_counts_terminal_columns(tmp_path, before, columns):
    (tmp_path / "a.txt").write_text(f"{before}##x##要求\n", encoding="utf-8")
    proc = run("check", "--select", "M101", "--no-cache", "a.txt", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[3] == "  | " + " " * columns + "^" * 5, lines


def test_a_control_character_is_shown_visibly_and_the_caret_stays_aligned(tmp_path):
    (tmp_path / "a.txt").write_text("成效\x0b明显##x##要求\n", encoding="utf-8")
    proc = run("check", "--select", "M101", "--no-cache", "a.txt", cwd=tmp_path)
    src, marks = proc.stdout.splitlines()[2:4]
    assert src == "1 | 成效\u240b明显##x##要求"
    assert marks == "  | " + " " * 9 + "^" * 5


# -- --max-file-size -------------------------------------------------------------------------------


def test_max_file_size_on_the_command_line(tmp_path):
    (tmp_path / "big.txt").write_text("要##x##求" * 100 + "\n", encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text("max-file-size = 100000\n", encoding="utf-8")
    small = run("check", "--select", "M101", "--no-cache", "--max-file-size", "200", "big.txt", cwd=tmp_path)
    assert small.returncode == 2 and "over max-file-size (200)" in small.stderr
    assert run("check", "--select", "M101", "--no-cache", "big.txt", cwd=tmp_path).returncode == 1
    bad = run("check", "--max-file-size", "0", "big.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "--max-file-size" in bad.stderr


def test_the_help_names_exactly_the_built_in_formats():
    from reportlint.api import Linter
    from reportlint.formats import BUILTIN_FORMATS

    assert set(BUILTIN_FORMATS) <= set(Linter(isolated=True).formats())
    core = {name for name, fn in Linter(isolated=True).formats().items() if fn.__module__.startswith("reportlint.")}
    assert core == set(BUILTIN_FORMATS)
