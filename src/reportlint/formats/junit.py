"""``--format junit``: JUnit XML, one test case per file checked, one failure per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from reportlint.engine import LintResult
from reportlint.formats import FormatContext, position
from reportlint.lazyre import lazy

# XML 1.0 cannot carry most control characters, and findings about invisible characters may quote them.
_NOT_XML = lazy(re.compile, "[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def junit_tree(results: Sequence[LintResult]) -> ET.Element:
    """<testsuites><testsuite name="reportlint"><testcase name=PATH>…<failure/>… per finding."""
    suites = ET.Element("testsuites", name="reportlint")
    suite = ET.SubElement(suites, "testsuite", name="reportlint")
    failed = errors = 0
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="reportlint", name=_x(r.path), file=_x(r.path))
        for f in r.findings:
            text = f"{f.path}:{position(f)}: {f.code} {f.message}"
            node = ET.SubElement(case, "failure", type=f.code, message=_x(f"{position(f)}: {f.code} {f.message}"))
            node.text = _x(text)
        for p in r.problems:
            node = ET.SubElement(case, "error", type="error", message=_x(p.message))
            node.text = _x(str(p))
        failed += bool(r.findings)
        errors += bool(r.problems)
    for el in (suites, suite):
        el.set("tests", str(len(results)))
        el.set("failures", str(failed))
        el.set("errors", str(errors))
        el.set("time", "0")
    return suites


def format_junit(results: Sequence[LintResult], out: TextIO, ctx: FormatContext) -> None:
    tree = junit_tree(results)
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode"))
    out.write("\n")
