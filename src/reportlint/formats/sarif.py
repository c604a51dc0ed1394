"""``--format sarif``: a SARIF 2.1.0 log with rule metadata, for code-scanning services."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from reportlint import __version__
from reportlint.engine import LintResult
from reportlint.formats import FormatContext, project_url, write_json
from reportlint.i18n import gettext as _
from reportlint.i18n import rule_explanation, rule_source, rule_summary
from reportlint.rules import Finding, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# SARIF "level": its names differ from ours only for info.
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path becomes a percent-encoded URI under %SRCROOT%; an absolute one a file: URI."""
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """SARIF reportingDescriptor: id, name, descriptions, help, default level, family tag."""
    summary, explanation = rule_summary(rule), rule_explanation(rule)
    help_text = explanation or summary
    if rule.source:
        help_text += "\n\n" + _("Source: ") + rule_source(rule)
    props: dict[str, Any] = {"tags": [rule.family]}
    if rule.fixable:
        props["fixable"] = rule.fixable
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation or summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value], "enabled": rule.default},
        "properties": props,
    }


def _region(start: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}


def _finding_region(f: Finding) -> dict[str, Any]:
    """The finding's region; in a paged document (PDF, OFD) its lines are the page's and the
    pages go in the region's property bag (SARIF 2.1.0 §3.8: every object may carry one)."""
    region = _region((f.line, f.column), (f.end_line, f.end_column))
    if f.page:
        region["properties"] = {"page": f.page, "endPage": f.end_page}
    return region


def _fix(r: LintResult, f: Finding) -> dict[str, Any] | None:
    if f.fix is None or r.document is None or r.document.page_map is not None:
        return None  # a PDF or OFD is never rewritten: no replacement to offer
    fs, fe = f.fix_span()
    lines = r.document.lines
    return {
        "description": {"text": _("safe fix") if f.fix.safe else _("unsafe fix (confirm by hand)")},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(f.path),
                "replacements": [
                    {
                        "deletedRegion": _region(lines.line_col(fs), lines.line_col(fe)),
                        "insertedContent": {"text": f.fix.replacement},
                    }
                ],
            }
        ],
    }


def sarif_result(r: LintResult, f: Finding, index: Mapping[str, int]) -> dict[str, Any]:
    """One SARIF result; the baseline fingerprint lets services follow it when lines move."""
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.path),
                    "region": _finding_region(f),
                }
            }
        ],
    }
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    if r.document is not None:
        from reportlint.baseline import fingerprint

        out["partialFingerprints"] = {"reportlintContextHash/v1": fingerprint(r.document.text, f)}
    fix = _fix(r, f)
    if fix is not None:
        out["fixes"] = [fix]
    return out


def sarif_log(results: Sequence[LintResult], ctx: FormatContext) -> dict[str, Any]:
    """The whole log as a dict: one run, every known rule described (in the language in use)."""
    url = project_url()  # the package's own home page, if its metadata names one: no invented address
    rules = [ctx.rules[c] for c in sorted(ctx.rules)]
    index = {r.code: i for i, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "reportlint",
                "version": __version__,
                "semanticVersion": __version__,
                **({"informationUri": url} if url else {}),
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
        # Our columns count characters (code points), not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": [sarif_result(r, f, index) for r in results for f in r.findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def format_sarif(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    write_json(out, sarif_log(results, ctx))
