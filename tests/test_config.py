"""Config discovery (nearest wins), validation (file and key named), selection keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.api import Linter
from reportlint.config import find_config_file, load_config_file
from reportlint.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_wins_and_pyproject_without_table_is_passed_over(tmp_path):
    write(tmp_path / "reportlint.toml", 'ignore = ["M101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "sub" / "deeper" / ".reportlint.toml", 'select = ["M"]\n')
    found = find_config_file(tmp_path / "sub")
    assert found is not None and found[0] == tmp_path / "reportlint.toml"
    found = find_config_file(tmp_path / "sub" / "deeper")
    assert found is not None and found[0].name == ".reportlint.toml"


def test_pyproject_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.reportlint]\nignore = ["M101"]\nreport-year = 2023\nprofile = "工作总结"\n')
    config = load_config_file(tmp_path / "pyproject.toml")
    assert config.ignore == ("M101",) and config.report_year == 2023 and config.profile == "工作总结"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("selct = ['M']\n", "unknown key 'selct'"),
        ("select = 'M101'\nignore = 3\n", "key 'ignore' must be a list of strings"),
        ("report-year = 'last'\n", "key 'report-year' must be a year"),
        ("per-file-ignores = 1\n", "per-file-ignores"),
        ("max-file-size = -1\n", "max-file-size"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path, text, needle):
    path = write(tmp_path / "reportlint.toml", text)
    with pytest.raises(ConfigError) as exc:
        Linter().config_for(tmp_path / "a.txt")
    assert str(path) in str(exc.value) and needle in str(exc.value)


def test_unknown_selector_in_config_is_an_error(tmp_path):
    write(tmp_path / "reportlint.toml", 'ignore = ["ZZ999"]\n')
    linter = Linter()
    with pytest.raises(ConfigError, match="unknown rule selector 'ZZ999'"):
        linter.all_rules(linter.config_for(tmp_path / "a.txt"))


def test_config_selection_and_cli_overrides(tmp_path):
    write(tmp_path / "reportlint.toml", 'ignore = ["M101"]\n')
    doc_path = write(tmp_path / "a.txt", "要##a##求\n")
    assert Linter().check_path(doc_path).findings == []
    assert [f.code for f in Linter(extend_select=["M101"], ignore=[]).check_path(doc_path).findings] == []  # ignore wins
    assert [f.code for f in Linter(isolated=True).check_path(doc_path).findings] == ["M101"]


def test_per_file_ignores_and_accept(tmp_path):
    write(tmp_path / "reportlint.toml", '[per-file-ignores]\n"drafts/*" = ["M"]\n')
    a = write(tmp_path / "drafts" / "a.txt", "要##a##求\n")
    b = write(tmp_path / "final" / "b.txt", "要##a##求\n")
    linter = Linter()
    assert linter.check_path(a).findings == []
    assert [f.code for f in linter.check_path(b).findings] == ["M101"]
    write(tmp_path / "final" / "reportlint.toml", 'accept = ["##a##"]\n')
    assert Linter().check_path(b).findings == []


def test_report_year_and_profile_reach_plugins(tmp_path):
    write(tmp_path / "reportlint.toml", "report-year = 2022\n")
    config = Linter(profile="述职报告").config_for(tmp_path / "a.txt")
    assert config.report_year == 2022 and config.profile == "述职报告"
