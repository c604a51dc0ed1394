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
