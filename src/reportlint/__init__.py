"""reportlint: a plugin-based linter for Chinese report text (公文).

Public API: ``hookimpl`` for plugins; ``Document``, ``Finding``, ``Fix``, ``Rule``,
``Severity`` and the ``rule`` decorator for rule authors; ``lint_text`` and
``lint_path`` for programs.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("reportlint")

from reportlint.api import Linter, lint_path, lint_text  # noqa: E402
from reportlint.config import Config  # noqa: E402
from reportlint.document import Document, Paragraph  # noqa: E402
from reportlint.errors import ConfigError, InputError, PackError, PluginError, ReportlintError  # noqa: E402
from reportlint.rules import Applicability, Example, Finding, Fix, Rule, Severity, rule  # noqa: E402

__all__ = [
    "Applicability",
    "Config",
    "ConfigError",
    "Document",
    "Example",
    "Finding",
    "Fix",
    "InputError",
    "Linter",
    "PackError",
    "Paragraph",
    "PluginError",
    "ReportlintError",
    "Rule",
    "Severity",
    "__version__",
    "hookimpl",
    "lint_path",
    "lint_text",
    "rule",
]
