"""Shared fixtures: paths to the bundled sample and to ../shared/data (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

# reportlint speaks Chinese unless asked otherwise. Most tests assert English texts (stable
# across translation edits), so the suite asks for English, in this process and in the CLI
# subprocesses it starts; tests of the Chinese default (tests/test_i18n.py) remove the variable.
os.environ["REPORTLINT_LANG"] = "en"

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "2023年党风廉政建设工作总结.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason a user's clone lacks it."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data ships only beside the development checkout)")
    return path


@pytest.fixture
def clean_reports() -> Path:
    return shared_data("clean-reports")


@pytest.fixture(scope="session")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample as a 公文-style .docx and, converted once per session by LibreOffice (one run
    per target format), as .pdf, .doc and .wps; plus PDFs of the sample with other headers and
    page numbers (“- N -” with a running header, “第N页”) and with a red 版头. Skipped where LibreOffice is absent."""
    from paged_inputs import convert, gongwen_docx, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer fonts-noto-cjk")
    folder = tmp_path_factory.mktemp("office")
    profile = folder / "profile"
    paras = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    sample = gongwen_docx(paras, folder / "sample.docx", header="XX市农业农村局 2023年党风廉政建设工作总结")
    hyphen = gongwen_docx(paras, folder / "hyphen.docx", footer=("- ", " -"), header="内部资料 注意保存")
    cn = gongwen_docx(paras, folder / "cn.docx", footer=("第", "页"))
    masthead = gongwen_docx(paras, folder / "masthead.docx", masthead=["XX市农业农村局文件", "X农发[2023]05号"])
    files = {"docx": sample}
    pdfs = convert([sample, hyphen, cn, masthead], "pdf", folder / "pdf", profile)
    files["pdf"], files["pdf-hyphen"], files["pdf-cn"], files["pdf-masthead"] = pdfs
    (files["doc"],) = convert([sample], "doc", folder / "doc", profile)
    (files["wps"],) = convert([sample], "wps", folder / "wps", profile)
    return files
