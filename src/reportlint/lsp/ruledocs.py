"""Where a rule's documentation is: the link each diagnostic carries (``codeDescription``).

The documentation is the rule reference, docs/rules.md (docs/rules.en.md in English), generated from the rules
(``python -m reportlint.docs``); each rule is a heading ``## CODE name``. A web copy is linked
by the heading's anchor as GitHub and most Markdown hosts make it (``…/docs/rules.md#m101-stray-marker``);
its address is the ``ruleDocsUrl`` client setting, else the ``Rules`` entry of the package's
Project-URL metadata (``[project.urls]`` in pyproject.toml). Without either, the reference
shipped with reportlint (in the wheel, or the checkout's docs/) is linked as a file, by line
(``#L123``, which VS Code and other editors follow).
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import reportlint
from reportlint.docs import PAGES, rule_markdown
from reportlint.rules import Rule

_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    return _NOT_IN_SLUG.sub("", heading.strip().lower()).replace(" ", "-")


def rule_heading(rule: Rule) -> str:
    """The rule's heading text in the reference (the first line of its page, without the #)."""
    return rule_markdown(rule).split("\n", 1)[0].lstrip("#").strip()


def local_reference(lang: str = "zh") -> Path | None:
    """The rule reference in ``lang`` installed with reportlint, or the checkout's docs/ page."""
    package = Path(reportlint.__file__).resolve().parent
    name = Path(PAGES.get(lang, PAGES["zh"])).name
    for candidate in (package / "docs" / name, package.parents[1] / "docs" / name):
        if candidate.is_file():
            return candidate
    return None


def metadata_url() -> str | None:
    """The ``Rules`` Project-URL of the installed distribution, if it declares one."""
    try:
        entries = metadata.metadata("reportlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "rules" and url.strip():
            return url.strip()
    return None


class RuleDocs:
    """Links to rules' documentation; None for a rule the reference does not describe (a local plugin's)."""

    def __init__(self, base_url: str | None = None, lang: str = "zh") -> None:
        self.base = (base_url or metadata_url() or "").split("#", 1)[0] or None
        self.reference = local_reference(lang)
        self._lines: dict[str, int] = {}
        if self.reference is not None:
            for number, line in enumerate(self.reference.read_text(encoding="utf-8").splitlines(), 1):
                if line.startswith("## "):
                    self._lines.setdefault(line[3:].split(" ", 1)[0], number)

    def url(self, rule: Rule, builtin: bool) -> str | None:
        """The link for ``rule``; ``builtin`` says whether it ships with reportlint (so is in the reference)."""
        if self._lines and rule.code not in self._lines:
            return None
        if self.base is not None:
            return f"{self.base}#{anchor(rule_heading(rule))}" if builtin or self._lines else None
        if self.reference is not None:
            return f"{self.reference.as_uri()}#L{self._lines[rule.code]}"
        return None
