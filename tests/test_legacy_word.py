""".doc and .wps through LibreOffice: the sample's findings as from the .txt, --annotate on the converted
copy, and a missing, failing or hanging LibreOffice as one error for that file with nothing left running."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE

from reportlint.annotate import anchored_texts
from reportlint.api import Linter


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated", "--no-cache", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=600)


def _positions(out: str, name: str) -> list[str]:
    """``line:col: CODE`` of each finding line in concise output."""
    return [line.split(":", 1)[1].split(" ", 2)[0] + " " + line.split(" ")[1] for line in out.splitlines() if line.startswith(name)]


def test_sample_as_doc_and_wps_gives_the_txt_findings_and_annotates_the_converted_copy(office_files, tmp_path):
    for kind in ("doc", "wps"):
        (tmp_path / f"总结.{kind}").write_bytes(office_files[kind].read_bytes())
    (tmp_path / "总结.txt").write_bytes(SAMPLE.read_bytes())
    expected = _positions(run("--format", "concise", "总结.txt", cwd=tmp_path).stdout, "总结.txt")
    assert len(expected) == 7
    notes = tmp_path / "notes"
    notes.mkdir()
    proc = run("--format", "concise", "--annotate", str(notes), "总结.doc", "总结.wps", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert _positions(proc.stdout, "总结.doc") == expected  # the same findings at the same line:column
    assert _positions(proc.stdout, "总结.wps") == expected
    # The annotated copies are .docx (what LibreOffice converted them to), named after the original.
    assert sorted(p.name for p in notes.iterdir()) == ["总结.doc.docx", "总结.wps.docx"]
    for name in ("总结.doc.docx", "总结.wps.docx"):
        annotated = anchored_texts((notes / name).read_bytes())
        assert len(annotated) == 7 and all(author == "reportlint" for author, _, _ in annotated)
        assert {anchor for _, _, anchor in annotated} >= {"##paidbegin##", "##paidend##", "XX", "、、"}


def test_fix_refuses_doc(tmp_path):
    import docx

    doc = tmp_path / "a.doc"  # a .docx saved under the old name: read without LibreOffice, still a .doc to --fix
    word = docx.Document()
    word.add_paragraph("要##paidbegin##求")
    word.save(doc)
    before = doc.read_bytes()
    proc = run("--fix", str(doc))
    assert proc.returncode == 2 and doc.read_bytes() == before
    assert proc.stderr.strip() == f"{doc}: error: --fix does not apply to .doc files (they are never rewritten); correct the source document"


def _fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    exe = folder / "soffice"
    exe.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return exe


def _env(path: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_SOFFICE"}
    env.update(PATH=path, **extra)
    return env


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent's wait is missing.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a fake soffice shell script and /proc")
def test_a_hanging_libreoffice_is_killed_with_its_children_and_other_files_are_checked(tmp_path):
    pids = tmp_path / "pids"
    # The fake soffice starts a helper (as soffice starts soffice.bin) and both sleep.
    _fake_soffice(tmp_path / "bin", f'sleep 600 &\necho $! >> {pids}\necho $$ >> {pids}\nsleep 600\n')
    hanging = tmp_path / "hang.doc"
    hanging.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    good = tmp_path / "good.txt"
    good.write_text("要##a##求\n", encoding="utf-8")
    t0 = time.monotonic()
    proc = run("--select", "M101", "--format", "concise", str(hanging), str(good),
               env=_env(f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}", REPORTLINT_SOFFICE_TIMEOUT="2"))
    assert time.monotonic() - t0 < 60
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{hanging}: error: LibreOffice took longer than 2 s to convert it; stopped"
    assert f"{good}:1:2: M101" in proc.stdout
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2 and not any(_alive(p) for p in started), started


def test_without_libreoffice_the_error_names_what_to_install(tmp_path):
    doc = tmp_path / "a.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    good = tmp_path / "b.txt"
    good.write_text("要##a##求\n", encoding="utf-8")
    empty = tmp_path / "empty-path"
    empty.mkdir()
    proc = run("--select", "M101", str(doc), str(good), env=_env(str(empty)))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"{doc}: error: reading .doc files needs LibreOffice (soffice), which is not on PATH; "
                                   "install LibreOffice (Debian/Ubuntu: apt install libreoffice-writer; elsewhere: libreoffice.org)")
    assert f"{good}:1:2: M101" in proc.stdout


@pytest.mark.parametrize(("data", "needle"), [
    (b"this is not a word document", "not a Word .doc file"),
    (b"", "not a Word .doc file"),
])
def test_a_file_that_is_no_word_document_is_refused_before_libreoffice(data, needle):
    from reportlint.errors import InputError

    with pytest.raises(InputError, match=needle):
        Linter(isolated=True).read_bytes("x.doc", data)


def test_a_corrupt_doc_that_libreoffice_cannot_convert_is_one_error(office_files, tmp_path):
    data = office_files["doc"].read_bytes()
    corrupt = tmp_path / "corrupt.doc"
    corrupt.write_bytes(data[:512] + b"\xff" * 2048)  # the OLE2 header, then garbage
    proc = run(str(corrupt))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "corrupt.doc: error: " in proc.stderr
