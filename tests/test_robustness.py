"""End to end, as a user meets it: bad files, hostile packs and plugins, odd consoles, odd paths.

Each bad input gives ONE clear line on stderr naming the file, exit code 2, while
every other file on the same command line is still checked and reported. Runs go
through the venv's ``reportlint`` in a subprocess unless a setting must be patched
in-process (the pack pattern timeout), where click's CliRunner is used.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_data

from reportlint import kinds
from reportlint.api import Linter
from reportlint.cache import load_entry
from reportlint.cli import main
from reportlint.plugins import PluginManager
from reportlint.readers import SUPPORTED_SUFFIXES

REPORTLINT = Path(sys.executable).with_name("reportlint")
MARKED = "要求##paidbegin##全市\n"  # M101 at 1:3


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed ``reportlint`` as a user would; output kept as bytes (the console may not be UTF-8)."""
    full = {k: v for k, v in os.environ.items()
            if not k.startswith(("REPORTLINT_", "PYTHONIOENCODING", "LC_", "LANG")) or k == "REPORTLINT_LANG"}  # conftest: English
    full.update(env or {})
    return subprocess.run([str(REPORTLINT), *args], capture_output=True, cwd=cwd, env=full, timeout=120)


def err_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    return proc.stderr.decode("utf-8", "replace").strip().splitlines()


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# -- bad files on one command line ------------------------------------------------------------


def make_bad_files(root: Path) -> dict[str, str]:
    """Bad inputs beside a good one; returns name -> the start of the line the user must see."""
    (root / "ok.txt").write_text(MARKED, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (root / "undecodable.txt").write_bytes("正常".encode() + b"\xff\xfe\xfd\x80\x80")
    (root / "broken.docx").write_bytes(docx_bytes("正文")[:700])
    (root / "empty.txt").write_bytes(b"")
    (root / "badcfg").mkdir()
    (root / "badcfg" / "reportlint.toml").write_text("foo = 1\n", encoding="utf-8")
    (root / "badcfg" / "a.txt").write_text(MARKED, encoding="utf-8")
    with open(root / "big.txt", "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: refused by size before any byte is read
    return {
        "missing.txt": "missing.txt: error: no such file or directory",
        "binary.txt": "binary.txt: error: binary file (contains NUL bytes), not a text document",
        "undecodable.txt": "undecodable.txt: error: cannot decode: neither UTF-8 (byte 0xff at offset 6) nor GB18030",
        "broken.docx": "broken.docx: error: not a valid .docx (not a zip package:",
        "badcfg/a.txt": f"badcfg/a.txt: error: {root / 'badcfg' / 'reportlint.toml'}: unknown key 'foo' (known keys:",
        "big.txt": "big.txt: error: file is 22,020,096 bytes, over max-file-size (20,971,520); raise it in config to check it",
    }


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_each_bad_file_is_one_line_and_the_others_are_still_checked(tmp_path, jobs):
    expected = make_bad_files(tmp_path)
    names = ["missing.txt", "binary.txt", "undecodable.txt", "broken.docx", "empty.txt", "badcfg/a.txt", "big.txt", "ok.txt"]
    proc = cli("check", "-j", jobs, "--format", "concise", *names, cwd=tmp_path)
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == len(expected), lines  # one line per bad file, nothing for empty.txt
    for name, start in expected.items():
        assert sum(line.startswith(start) for line in lines) == 1, (name, lines)
    assert "Traceback" not in proc.stderr.decode()
    assert "ok.txt:1:3: M101" in proc.stdout.decode("utf-8")  # still checked and reported


def test_an_empty_file_is_no_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.md").write_bytes(b"")
    proc = cli("check", "empty.txt", "empty.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, b"")


def test_a_missing_file_alone_exits_2_with_one_line(tmp_path):
    proc = cli("check", "nowhere/缺失 文件.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert err_lines(proc) == ["nowhere/缺失 文件.txt: error: no such file or directory"]


def test_stdin_that_cannot_be_decoded_is_one_line(tmp_path):
    proc = subprocess.run([str(REPORTLINT), "check", "--no-cache", "-"], input=b"\xa1\xff" * 200, capture_output=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("-: error: ") and "cannot decode" in lines[0], lines


def test_an_undecodable_file_name_is_reported_without_crashing(tmp_path):
    name = os.fsdecode(b"bad\xff\xfename.txt")
    (tmp_path / name).write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--no-cache", "--format", "concise", name, cwd=tmp_path)
    assert proc.returncode == 1 and b"M101" in proc.stdout and b"Traceback" not in proc.stderr


def test_a_file_name_too_long_is_one_line(tmp_path):
    (tmp_path / "ok.txt").write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--no-cache", "--format", "concise", "a" * 300 + ".txt", "ok.txt", cwd=tmp_path)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert len(err_lines(proc)) == 1 and b"ok.txt:1:3: M101" in proc.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(MARKED, encoding="utf-8")
    try:
        proc = cli_with_timeout(tmp_path, 4, "check", "--no-cache", "--format", "concise", "pipe.txt", "ok.txt")
    except subprocess.TimeoutExpired:
        pytest.fail("reportlint blocked reading a named pipe")
    assert proc.returncode == 2 and len(err_lines(proc)) == 1 and b"ok.txt:1:3: M101" in proc.stdout


def cli_with_timeout(cwd: Path, timeout: float, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(REPORTLINT), *args], capture_output=True, cwd=cwd, timeout=timeout)


# -- consoles that are not UTF-8 -------------------------------------------------------------------

CONSOLES = {
    "LC_ALL=C": {"LC_ALL": "C"},
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "gbk-code-page": {"PYTHONIOENCODING": "gbk"},
    "C-locale-no-utf8-mode": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.mark.parametrize("console", list(CONSOLES))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_console_that_is_not_utf8_degrades_gracefully(tmp_path, console, fmt):
    folder = tmp_path / "报告 目录"
    folder.mkdir()
    # astral (𠀀), emoji and a GBK-less character in the excerpt line
    (folder / "年度 总结.txt").write_text("要求##paidbegin##全市😀𠀀\n", encoding="utf-8")
    proc = cli("check", "--format", fmt, "报告 目录", "缺失.txt", cwd=tmp_path, env=CONSOLES[console])
    assert proc.returncode == 2, proc.stderr  # findings, plus the missing file
    assert b"Traceback" not in proc.stderr
    assert b"M101" in proc.stdout
    assert len(err_lines(proc)) == 1 and b"error: no such file or directory" in proc.stderr


def test_json_on_an_ascii_console_is_still_valid_json(tmp_path):
    (tmp_path / "总结.txt").write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--format", "json", "总结.txt", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    data = json.loads(proc.stdout.decode("ascii"))
    assert data[0]["path"] == "总结.txt" and data[0]["code"] == "M101"


def test_json_on_an_ascii_console_with_astral_characters(tmp_path):
    (tmp_path / "总结😀.txt").write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--format", "json", "总结😀.txt", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert json.loads(proc.stdout.decode("ascii"))[0]["path"] == "总结😀.txt"


# -- paths with Chinese characters and spaces ------------------------------------------------------------


def test_chinese_paths_with_spaces_named_walked_and_fixed(tmp_path):
    folder = tmp_path / "2023 年度 报告" / "第一 季度"
    folder.mkdir(parents=True)
    (folder / "工作 总结.txt").write_text(MARKED, encoding="utf-8")
    (folder / "党风 廉政.md").write_text("## 一、总体情况\n\n" + MARKED, encoding="utf-8")
    (folder / "会议 纪要.docx").write_bytes(docx_bytes("会议纪要", MARKED.strip()))
    walked = cli("check", "--format", "concise", "--no-cache", "2023 年度 报告", cwd=tmp_path)
    out = walked.stdout.decode("utf-8")
    assert walked.returncode == 1, walked.stderr
    for name, line in (("工作 总结.txt", 1), ("党风 廉政.md", 3), ("会议 纪要.docx", 2)):
        assert f"2023 年度 报告/第一 季度/{name}:{line}:3: M101" in out, out
    named = cli("check", "--format", "json", str(folder / "工作 总结.txt"), cwd=tmp_path)
    assert json.loads(named.stdout.decode("utf-8"))[0]["path"] == str(folder / "工作 总结.txt")
    fixed = cli("check", "--fix", "--select", "M101", str(folder / "工作 总结.txt"), cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert (folder / "工作 总结.txt").read_text(encoding="utf-8") == "要求全市\n"


# -- a catastrophic pattern in a user pack -----------------------------------------------------------------

EVIL_PACK = """
[pack]
name = "evil"

[[rules]]
kind = "pattern"
code = "X101"
name = "evil-pattern"
summary = "a pattern that backtracks exponentially"
message = "命中"
pattern = '{pattern}'
bad = ["a"]
good = ["b"]
"""


def _pack_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str) -> tuple[object, float]:
    (tmp_path / "evil.toml").write_text(EVIL_PACK.format(pattern=pattern), encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('packs = ["evil.toml"]\n', encoding="utf-8")
    (tmp_path / "long.txt").write_text("a" * 5000 + "b\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(MARKED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(kinds, "PATTERN_TIMEOUT", 0.2)
    t0 = time.perf_counter()
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise", "long.txt", "ok.txt"])
    return result, time.perf_counter() - t0


def test_a_catastrophic_pack_pattern_is_an_error_naming_pack_and_entry(tmp_path, monkeypatch):
    result, elapsed = _pack_run(tmp_path, monkeypatch, "(a|a)+$")
    assert result.exit_code == 2 and elapsed < 10
    assert result.stderr.strip().splitlines() == [
        f"long.txt: error: pack 'evil' ({tmp_path / 'evil.toml'}), rule X101: pattern ran longer than 0.2 s on long.txt; simplify it"
    ]
    assert "ok.txt:1:3: M101" in result.stdout  # the other file is still checked


def test_nested_quantifier_finishes(tmp_path, monkeypatch):
    """``(a+)+$`` on a's then b: the regex module does not backtrack exponentially on it."""
    result, elapsed = _pack_run(tmp_path, monkeypatch, "(a+)+$")
    assert elapsed < 10 and "Traceback" not in result.output
    assert result.exit_code in (1, 2)


# -- hostile local plugins -----------------------------------------------------------------------------------

HOSTILE_PLUGIN = '''
from reportlint import Finding, hookimpl, rule

@rule("Z101", "raises", "raises", bad=["x"], good=["y"])
def raises(self, doc):
    raise RuntimeError("kaboom")
    yield

@rule("Z102", "outside", "a span past the end", bad=["x"], good=["y"])
def outside(self, doc):
    yield self.finding(0, len(doc.text) + 5, "越界")

@rule("Z103", "garbage", "not a finding", bad=["x"], good=["y"])
def garbage(self, doc):
    yield {"start": 0}

@rule("Z104", "float-offset", "a float offset", bad=["x"], good=["y"])
def float_offset(self, doc):
    yield self.finding(0.5, 1.5, "浮点")

@hookimpl
def reportlint_add_rules(config):
    return [raises, outside, garbage, float_offset]
'''


def _plugin_dir(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "myplugin.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (folder / "reportlint.toml").write_text('plugins = ["myplugin.py"]\n', encoding="utf-8")
    (folder / "a.txt").write_text(MARKED, encoding="utf-8")
    return folder


def test_hostile_plugin_rules_are_each_reported_by_name(tmp_path):
    folder = _plugin_dir(tmp_path, HOSTILE_PLUGIN)
    proc = cli("check", "--no-cache", "--format", "concise", "a.txt", cwd=folder)
    assert proc.returncode == 2
    lines = err_lines(proc)
    plugin = f"(plugin 'local:{folder / 'myplugin.py'}')"
    assert lines == [
        f"a.txt: error: rule Z101 raises {plugin} crashed: RuntimeError: kaboom",
        f"a.txt: error: rule Z102 outside {plugin} returned an invalid finding: span 0..23 is outside the text (0..18)",
        f"a.txt: error: rule Z103 garbage {plugin} returned an invalid finding: dict {{'start': 0}}, not a Finding",
        f"a.txt: error: rule Z104 float-offset {plugin} returned an invalid finding: offsets 0.5..1.5 are not integers",
    ]
    assert "a.txt:1:3: M101" in proc.stdout.decode("utf-8")  # the other rules still ran
    assert b"Traceback" not in proc.stderr
    verbose = cli("check", "--no-cache", "--verbose", "a.txt", cwd=folder)
    assert verbose.returncode == 2
    assert b"Traceback (most recent call last)" in verbose.stderr and b'raise RuntimeError("kaboom")' in verbose.stderr


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("raise ImportError('nope')\n", "failed to import: ImportError: nope"),
        ("from reportlint import hookimpl\n@hookimpl\ndef reportlint_add_rules(config):\n    raise KeyError('x')\n",
         "failed in reportlint_add_rules: KeyError: 'x'"),
        ("from reportlint import hookimpl\n@hookimpl\ndef reportlint_add_rules(config):\n    return [42]\n",
         "reportlint_add_rules returned int, not a Rule"),
        ("def broken(:\n", "failed to import: SyntaxError"),
    ],
)
def test_a_plugin_that_cannot_load_is_one_line_and_other_folders_are_checked(tmp_path, source, expected):
    _plugin_dir(tmp_path, source)
    (tmp_path / "ok.txt").write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--no-cache", "--format", "concise", "proj/a.txt", "ok.txt", cwd=tmp_path)
    assert proc.returncode == 2
    lines = err_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("proj/a.txt: error: ") and expected in lines[0], lines
    assert "myplugin.py" in lines[0]
    assert "ok.txt:1:3: M101" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize("hook", ["reportlint_config_keys()", "reportlint_add_packs()"])
def test_a_plugin_hook_that_raises_is_one_line_naming_the_plugin(tmp_path, hook):
    _plugin_dir(tmp_path, f"from reportlint import hookimpl\n@hookimpl\ndef {hook}:\n    raise RuntimeError('hook boom')\n")
    (tmp_path / "ok.txt").write_text(MARKED, encoding="utf-8")
    proc = cli("check", "--no-cache", "--format", "concise", "proj/a.txt", "ok.txt", cwd=tmp_path)
    lines = err_lines(proc)
    assert proc.returncode == 2 and len(lines) == 1, lines
    assert lines[0].startswith("proj/a.txt: error: ") and "myplugin.py" in lines[0] and "hook boom" in lines[0]
    assert "ok.txt:1:3: M101" in proc.stdout.decode("utf-8")


def _linter_with(plugin: object) -> Linter:
    """A Linter whose own plugin manager has ``plugin`` (the process-wide one stays clean)."""
    pm = PluginManager()
    pm.load_builtins_and_entry_points(autoload=False)
    pm.register(plugin, "hostile-hooks")
    return Linter(isolated=True, select=["M101"], plugin_manager=pm)


def test_a_crashing_filter_hook_is_reported_once_and_findings_are_kept():
    from reportlint import hookimpl
    from reportlint.document import Document

    class Filter:
        @hookimpl
        def reportlint_filter_finding(self, finding, document, config):  # type: ignore[no-untyped-def]
            raise ValueError("filter broke")

    result = _linter_with(Filter()).check_document(Document(MARKED * 3, path="a.txt"))
    assert [f.code for f in result.findings] == ["M101"] * 3
    assert [str(p) for p in result.problems] == [
        "a.txt: error: a reportlint_filter_finding hook crashed on a finding of rule M101: ValueError: filter broke"
    ]


def test_a_crashing_skip_spans_hook_is_a_problem_not_a_crash():
    from reportlint import hookimpl
    from reportlint.document import Document

    class Skipper:
        @hookimpl
        def reportlint_skip_spans(self, document):  # type: ignore[no-untyped-def]
            raise ValueError("skip broke")

    result = _linter_with(Skipper()).check_document(Document(MARKED, path="a.txt"))
    assert len(result.problems) == 1 and "skip broke" in str(result.problems[0])


def test_fix_with_a_crashing_rule_leaves_the_file_untouched(tmp_path):
    folder = _plugin_dir(tmp_path, HOSTILE_PLUGIN)
    data = "一、总体情况\r\n要求##paidbegin##全市\r\n".encode("gb18030")
    (folder / "a.txt").write_bytes(data)
    proc = cli("check", "--fix", "a.txt", cwd=folder)
    assert proc.returncode == 2
    assert (folder / "a.txt").read_bytes() == data  # nothing half-fixed when a rule failed


def test_fix_keeps_encoding_bom_and_line_endings(tmp_path):
    for name, enc, bom in (("gb.txt", "gb18030", b""), ("bom.txt", "utf-8", b"\xef\xbb\xbf"), ("u16.txt", "utf-16-le", b"\xff\xfe")):
        (tmp_path / name).write_bytes(bom + "一、总体情况\r\n要求##paidbegin##全市\r\n".encode(enc))
    proc = cli("check", "--fix", "--select", "M101", "gb.txt", "bom.txt", "u16.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name, enc, bom in (("gb.txt", "gb18030", b""), ("bom.txt", "utf-8", b"\xef\xbb\xbf"), ("u16.txt", "utf-16-le", b"\xff\xfe")):
        assert (tmp_path / name).read_bytes() == bom + "一、总体情况\r\n要求全市\r\n".encode(enc)


# -- two runs at once sharing a cache ----------------------------------------------------------------------


def test_two_runs_at_once_sharing_a_cache_agree_and_never_corrupt_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(16):
        (docs / f"{i:02d}.txt").write_text(f"第{i}份\n" + MARKED * (i % 3 + 1), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"REPORTLINT_CACHE_DIR": str(cache)}
    reference = cli("check", "--no-cache", "--format", "concise", "docs", cwd=tmp_path)
    assert reference.returncode == 1
    for _ in range(2):
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda j: cli("check", "-j", j, "--format", "concise", "docs", cwd=tmp_path, env=env), ["2", "1"]))
        for run in runs:
            assert (run.returncode, run.stdout, run.stderr) == (1, reference.stdout, reference.stderr)
    entries = [p for p in cache.rglob("*") if p.is_file() and p.suffix == ".json"]
    assert entries and not [p for p in cache.rglob(".tmp-*")]
    for p in entries:
        load_entry(p)  # each a whole, valid entry (its key and checksum hold)
    for p in entries:  # damage every entry: the next run must ignore them, not crash or report garbage
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])
    damaged = cli("check", "--format", "concise", "docs", cwd=tmp_path, env=env)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (1, reference.stdout, reference.stderr)


# -- the whole corpus ----------------------------------------------------------------------------------------


def test_every_clean_report_is_checked_without_a_problem(clean_reports):
    linter = Linter(isolated=True, select=["ALL"])
    files = sorted(p for p in clean_reports.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    assert files, f"no report files under {clean_reports}"
    problems = [str(p) for f in files for p in linter.check_path(f).problems]
    assert not problems, "\n".join(problems[:20])


def _ecspell_sentences(files: list[Path]) -> list[str]:
    """Every sentence in the ECSpell files (json/jsonl records or tab-separated lines), both sides."""
    out: list[str] = []

    def strings(value: object) -> None:
        if isinstance(value, str):
            if any("\u4e00" <= c <= "\u9fff" for c in value):
                out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                strings(v)
        elif isinstance(value, list):
            for v in value:
                strings(v)

    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            strings(json.loads(text))
        elif path.suffix == ".jsonl":
            for line in text.splitlines():
                if line.strip():
                    strings(json.loads(line))
        elif path.suffix in (".txt", ".tsv", ".csv", ""):
            for line in text.splitlines():
                strings(line.split("\t"))
    return out


def test_every_ecspell_sentence_is_checked_without_a_problem():
    """Every sentence (source and target sides) of every ECSpell file, e.g. spelling/ecspell-odw-train.jsonl."""
    base = shared_data()
    files = sorted(p for p in base.rglob("*") if p.is_file() and "ecspell" in p.relative_to(base).as_posix().lower())
    if not files:
        pytest.skip(f"no ECSpell files under {base}")
    from reportlint.document import Document

    # T201 (the statistical detector, off by default) costs ~3 ms a sentence: it checks every 10th of the
    # ~238,000 strings, the other rules check them all.
    linter = Linter(isolated=True, select=["ALL"], ignore=["T201"])
    detector = Linter(isolated=True, select=["T201"])
    problems: list[str] = []
    sentences = _ecspell_sentences(files)
    assert sentences, f"no sentences found in {files}"
    for n, sentence in enumerate(sentences):
        for lint in (linter, detector) if n % 10 == 0 else (linter,):
            result = lint.check_document(Document(sentence, path=f"ecspell#{n}"))
            problems.extend(str(p) for p in result.problems)
    assert not problems, "\n".join(problems[:20])


def test_a_hanging_python_rule_is_stopped_and_named(monkeypatch):
    """A plugin rule stuck in a loop becomes one Problem; the rules after it still run."""
    import time as _time

    from reportlint import deadline
    from reportlint.api import Linter
    from reportlint.rules import rule

    @rule("HG101", "hangs", "never returns", bad=["x"], good=["y"])
    def hangs(self, doc):
        while True:
            _time.sleep(0.01)
        yield  # pragma: no cover

    monkeypatch.setattr(deadline, "DOCUMENT_TIMEOUT", 0.5)
    linter = Linter(isolated=True, select=["M101"])
    doc = linter.read_bytes("a.txt", "要##a##求\n".encode())
    from reportlint.engine import lint

    m101 = linter.selected_rules(linter.default_config())
    findings, problems = lint(doc, [hangs, *m101])
    assert len(problems) == 1 and "HG101" in problems[0].message and "was stopped" in problems[0].message
    assert [f.code for f in findings] == ["M101"]
