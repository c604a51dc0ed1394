"""Output formats for CI: SARIF (validated against the SARIF 2.1.0 schema), JUnit, rdjson, GitHub."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from reportlint.api import Linter
from reportlint.formats import FormatContext

# The SARIF 2.1.0 schema as published to JSON Schema Store (2.1.0-rtm.5, the revision GitHub code
# scanning validates against), copied unmodified from the npm package @microsoft/jest-sarif.
SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")


def _results(tmp_path: Path, sample_path: Path):
    md = tmp_path / "报告.md"
    md.write_text("# 总结\n\n<!-- reportlint-enable M101 -->\n要##paidbegin##求\n", encoding="utf-8")
    linter = Linter(isolated=True)
    return linter, [linter.check_path(sample_path), linter.check_path(md, display="报告.md")]


def _render(name: str, linter: Linter, results) -> str:
    out = io.StringIO()
    linter.formats()[name](results, out, FormatContext(rules=linter.all_rules()))
    return out.getvalue()


def test_sarif_is_valid_against_the_official_schema(tmp_path, sample_path):
    linter, results = _results(tmp_path, sample_path)
    log = json.loads(_render("sarif", linter, results))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "reportlint"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    m101 = rules["M101"]
    assert m101["name"] == "stray-marker" and m101["shortDescription"]["text"] and m101["help"]["text"]
    assert rules["RL001"]["defaultConfiguration"]["level"] == "warning"
    found = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert ("M101", 5) in found and ("M101", 16) in found and ("RL001", 3) in found
    for r in run["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= region.keys()
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    marker = next(r for r in run["results"] if r["ruleId"] == "M101")
    assert (
        marker["level"] == "error"
        and marker["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ""
    )
    # A relative path is a percent-encoded URI against %SRCROOT%.
    md = next(r for r in run["results"] if r["ruleId"] == "RL001")
    assert md["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "%E6%8A%A5%E5%91%8A.md",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_of_no_findings_is_valid(tmp_path):
    linter = Linter(isolated=True)
    clean = tmp_path / "a.txt"
    clean.write_text("要求全市各单位认真落实。\n", encoding="utf-8")
    log = json.loads(_render("sarif", linter, [linter.check_path(clean)]))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)
    assert log["runs"][0]["results"] == []


def test_junit_one_testcase_per_file_one_failure_per_finding(tmp_path, sample_path):
    linter, results = _results(tmp_path, sample_path)
    clean = tmp_path / "clean.txt"
    clean.write_text("要求全市各单位认真落实。\n", encoding="utf-8")
    results.append(linter.check_path(clean))
    root = ET.fromstring(_render("junit", linter, results))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [r.path for r in results]
    for case, r in zip(cases, results, strict=True):
        assert len(case.findall("failure")) == len(r.findings)
    assert cases[-1].findall("failure") == []
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "2"


def test_junit_survives_control_characters_in_messages():
    from reportlint.engine import LintResult
    from reportlint.formats.junit import format_junit
    from reportlint.rules import Finding

    out = io.StringIO()
    f = Finding("X101", "x", "不可见字符\x07", 0, 1, path="a.txt", line=1, column=1, end_line=1, end_column=2)
    format_junit([LintResult("a.txt", None, [f])], out, FormatContext())
    assert "\\x07" in ET.fromstring(out.getvalue()).find("./testsuite/testcase/failure").text


def test_rdjson_columns_are_utf8_bytes(tmp_path):
    linter = Linter(isolated=True)
    p = tmp_path / "a.txt"
    p.write_text("要##paidbegin##求\n", encoding="utf-8")
    data = json.loads(_render("rdjson", linter, [linter.check_path(p)]))
    assert data["source"]["name"] == "reportlint"
    d = data["diagnostics"][0]
    assert d["code"]["value"] == "M101" and d["severity"] == "ERROR"
    # "要" is 3 bytes in UTF-8: the marker starts at byte column 4 and ends after 13 more bytes.
    assert d["location"]["range"] == {"start": {"line": 1, "column": 4}, "end": {"line": 1, "column": 17}}
    assert d["suggestions"] == [{"range": d["location"]["range"], "text": ""}]


def test_github_annotations(sample_path):
    linter = Linter(isolated=True)
    text = _render("github", linter, [linter.check_path(sample_path)])
    assert any(line.startswith("::error ") and "line=5," in line and "M101" in line for line in text.splitlines())


@pytest.mark.parametrize("name", ["sarif", "junit", "rdjson"])
def test_formats_are_registered_for_the_cli(name, sample_path):
    from click.testing import CliRunner

    from reportlint.cli import main

    res = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", name, str(sample_path)])
    assert res.exit_code == 1, res.output
    assert "M101" in res.output


def test_github_actions_example_is_valid_yaml():
    yaml = pytest.importorskip("yaml")
    wf = yaml.safe_load((Path(__file__).resolve().parents[1] / "docs" / "github-actions-example.yml").read_text(encoding="utf-8"))
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    assert any("--format sarif" in s.get("run", "") for s in steps)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    install = next(s["run"] for s in steps if "pip install" in s.get("run", ""))
    assert "git+" in install and "pypi" not in install  # from the repository: there is no package-index entry


def test_no_format_names_an_address_that_does_not_exist(sample_path):
    """rdjson's source url and SARIF's informationUri come from the package metadata, or are left out."""
    import io
    import json

    from reportlint.api import Linter
    from reportlint.formats import FormatContext, project_url
    from reportlint.formats.rdjson import format_rdjson
    from reportlint.formats.sarif import format_sarif

    linter = Linter(isolated=True, select=["M101"])
    results = [linter.check_path(sample_path)]
    for fmt in (format_rdjson, format_sarif):
        out = io.StringIO()
        fmt(results, out, FormatContext(rules=linter.all_rules()))
        assert "pypi.org" not in out.getvalue()
    rd = io.StringIO()
    format_rdjson(results, rd, FormatContext())
    assert json.loads(rd.getvalue())["source"].get("url") == project_url()
