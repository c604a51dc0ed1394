"""Chinese first, English on request: the language in use and the message catalogue.

Every text a user reads is written in English in the code (the gettext msgid) and
translated from one catalogue, ``reportlint/locale/zh_CN/LC_MESSAGES/reportlint.po``,
compiled to ``reportlint.mo`` and shipped in the wheel. The standard library's
``gettext`` reads it at run time: no dependency, ~1 ms, and only when text is shown.
Rule summaries, explanations and sources are msgids too: a rule is declared in English
and its Chinese text lives in the catalogue, apart from the rule's code.

The language: ``--lang`` (the CLI) > ``REPORTLINT_LANG`` > Chinese. The locale (LANG,
LC_ALL) is deliberately not consulted: the users are Chinese readers, and their machines
(a CI runner, a server, a Docker image) very often say ``LANG=C.UTF-8`` or ``en_US.UTF-8``
without anyone having chosen English.

click's own texts (Usage:, Options:, its error messages) call the stdlib's global
``gettext.gettext``; :func:`click_messages` points that at this catalogue while the CLI runs.

Maintainers: ``python -m reportlint.i18n`` extracts the texts, updates the catalogue and
compiles it (needs Babel, a development dependency); see docs/translations.md.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

DOMAIN = "reportlint"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")
ENV = "REPORTLINT_LANG"
DEFAULT = "zh"
#: The languages a user may ask for, and the catalogue each reads (English is the msgids).
CATALOGUES: dict[str, str | None] = {"zh": "zh_CN", "en": None}
CHOICES = tuple(CATALOGUES)

_lang: str | None = None
_trans: _gettext.NullTranslations | None = None


def normalize(value: str | None) -> str | None:
    """``zh``, ``zh_CN``, ``zh-Hans``, ``zh_CN.UTF-8`` -> ``zh``; ``en``, ``en_US`` -> ``en``; else None."""
    if not value:
        return None
    base = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0].split("@")[0]
    return base if base in CATALOGUES else None


def resolve(explicit: str | None = None) -> str:
    """The language to use: ``explicit`` (``--lang``), else ``REPORTLINT_LANG``, else Chinese."""
    return normalize(explicit) or normalize(os.environ.get(ENV)) or DEFAULT


def env_warning() -> str | None:
    """A message when REPORTLINT_LANG is set to a language we do not have, else None."""
    value = os.environ.get(ENV)
    if value and normalize(value) is None:
        return gettext("{env}={value!r} is not a supported language ({choices}); using {default}").format(
            env=ENV, value=value, choices=", ".join(CHOICES), default=resolve())
    return None


def set_language(lang: str | None) -> str:
    """Use ``lang`` (or the resolved default) from now on; returns the language chosen."""
    global _lang, _trans
    _lang = resolve(lang)
    _trans = None
    return _lang


def language() -> str:
    """The language in use (``zh`` or ``en``)."""
    return _lang if _lang is not None else set_language(None)


def _translations() -> _gettext.NullTranslations:
    global _trans
    if _trans is None:
        code = CATALOGUES.get(language())
        _trans = (_gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
                  if code else _gettext.NullTranslations())
    return _trans


def gettext(message: str) -> str:
    """``message`` in the language in use (itself when the catalogue has no translation)."""
    return _translations().gettext(message) if message else message


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` (Chinese has one form)."""
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (it is translated where shown)."""
    return message


_SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_label(value: str) -> str:
    """A severity (``error``, ``warning``, ``info``) as a reader sees it: 错误, 警告, 提示."""
    return gettext(_SEVERITIES.get(value, value))


class _RuleTexts(Protocol):
    summary: str
    explanation: str
    source: str


def rule_summary(rule: _RuleTexts) -> str:
    """The rule's one-line summary in the language in use."""
    return gettext(rule.summary)


def rule_explanation(rule: _RuleTexts) -> str:
    """The rule's explanation in the language in use; English hard-wrapped lines are joined."""
    text = gettext(rule.explanation)
    return reflow(text) if text is rule.explanation or text == rule.explanation else text


def rule_source(rule: _RuleTexts) -> str:
    """The standard and clause the rule follows, in words, in the language in use."""
    return gettext(rule.source)


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph (blank lines and list items kept)."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if lines and not line.startswith(("- ", "* ", "• ")):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


@contextmanager
def click_messages() -> Iterator[None]:
    """Translate click's own texts for the duration (click calls the stdlib's global gettext).

    click wraps its strings in ``gettext.gettext``, which looks in the current text domain
    for the languages named by the LANGUAGE environment variable. For Chinese we make our
    domain current and set LANGUAGE; everything is restored on exit (the CLI may be run
    several times in one process, as tests do).
    """
    code = CATALOGUES.get(language())
    if code is None:  # English: click's msgids are English
        yield
        return
    old_domain = _gettext.textdomain()
    old_dir = _gettext.bindtextdomain(DOMAIN)
    old_env = os.environ.get("LANGUAGE")
    _gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = code
    try:
        yield
    finally:
        _gettext.textdomain(old_domain)
        _gettext.bindtextdomain(DOMAIN, old_dir)
        if old_env is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = old_env
