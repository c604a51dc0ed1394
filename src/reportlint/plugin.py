"""The API for plugin authors: everything a rule, a pack kind or a reader may use, in one module.

Plugins import from here (and from ``reportlint`` and ``reportlint.testing``); every other module
of the package is internal and may change without notice. The built-in plugins take the same
route as a third-party one, and a test holds them to it (tests/test_plugin_api.py).

Rules and their values
    :func:`rule` (the decorator that makes a :class:`Rule` from ``def check(rule, doc[, ctx])``),
    :class:`Finding`, :class:`Fix`, :class:`Applicability`, :class:`Severity`, :class:`Example`,
    :data:`hookimpl`.
What a rule reads
    :class:`Document` (the text as read, its paragraphs, lines and outline — :class:`Outline`,
    :class:`Section`, :class:`Heading`), :class:`Context` (the config, report year and profile of
    this check, and scans shared between rules), :class:`Config`.
Helpers for fast, exact scans
    :func:`lazy` (a pattern compiled on first use), the character classes :data:`HAN`,
    :data:`DIGIT`, :data:`SPACE` for stdlib ``re``, :func:`has_any` and :func:`has_word`
    (cheap prefilters), :func:`mark` (quote text for a message), :func:`finditer_near`,
    :func:`finditer_in` and :func:`merge` (run a pattern only around rare anchors or in given spans),
    :func:`anchored` / :class:`Anchored` (a pattern run only around the literals every match holds,
    proven from the pattern, :class:`AnchorError` when it cannot be), :class:`LiteralMatcher` (many literal
    words in one pass), :func:`low_bytes` / :func:`document_low_bytes` (a text one byte a
    character, for byte-level scans), :func:`chinese_number` and :data:`CANONICAL_FORMS`.
Pack kinds (``reportlint_add_rule_kinds``)
    :class:`RuleKind`, :class:`PackContext`, :func:`rule_fields`, :data:`PATTERN_TIMEOUT`,
    :class:`PackError`.
Output formats (``reportlint_add_formats``)
    :class:`Formatter`, :class:`FormatContext`, :class:`LintResult`, :class:`Problem`.
Readers (``reportlint_read_document``)
    :class:`Document`, :class:`InputError`.
"""

from __future__ import annotations

from reportlint import hookimpl
from reportlint.anchors import Anchored, AnchorError, anchored
from reportlint.chars import DIGIT, HAN, SPACE, has_any, has_word, mark
from reportlint.config import Config
from reportlint.context import Context
from reportlint.document import Document, Paragraph
from reportlint.engine import LintResult, Problem
from reportlint.errors import InputError, PackError
from reportlint.formats import FormatContext
from reportlint.hookspecs import Formatter, RuleKind
from reportlint.kinds import PATTERN_TIMEOUT
from reportlint.lazyre import lazy
from reportlint.matcher import LiteralMatcher, document_low_bytes, low_bytes
from reportlint.outline import CANONICAL_FORMS, Heading, Outline, Section, chinese_number
from reportlint.packs import PackContext, rule_fields
from reportlint.rules import Applicability, Example, Finding, Fix, Rule, Severity, rule
from reportlint.windows import finditer_in, finditer_near, merge

__all__ = [
    "CANONICAL_FORMS",
    "DIGIT",
    "HAN",
    "PATTERN_TIMEOUT",
    "SPACE",
    "AnchorError",
    "Anchored",
    "Applicability",
    "Config",
    "Context",
    "Document",
    "Example",
    "Finding",
    "Fix",
    "FormatContext",
    "Formatter",
    "Heading",
    "InputError",
    "LintResult",
    "LiteralMatcher",
    "Outline",
    "PackContext",
    "PackError",
    "Paragraph",
    "Problem",
    "Rule",
    "RuleKind",
    "Section",
    "Severity",
    "anchored",
    "chinese_number",
    "document_low_bytes",
    "finditer_in",
    "finditer_near",
    "has_any",
    "has_word",
    "hookimpl",
    "lazy",
    "low_bytes",
    "mark",
    "merge",
    "rule",
    "rule_fields",
]
