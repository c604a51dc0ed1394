"""Client settings (``initializationOptions``, ``workspace/configuration`` section ``reportlint``):
the command line's select/ignore/profile flags, given by the editor.

Keys are camelCase as editors write them (``extendSelect``), the config file's kebab-case
(``extend-select``) is accepted too. A bad value is reported and left out, never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reportlint import i18n
from reportlint.i18n import gettext as _

#: setting -> Linter keyword, for the list-valued selector settings.
_LISTS = {"select": "select", "extendSelect": "extend_select", "ignore": "ignore"}


@dataclass(frozen=True)
class Settings:
    """What the client asked for; ``linter_kwargs`` go to :class:`reportlint.api.Linter` as CLI flags do."""

    linter_kwargs: dict[str, Any] = field(default_factory=dict)
    rule_docs_url: str | None = None
    lang: str | None = None  # None: REPORTLINT_LANG, else Chinese (reportlint.i18n.resolve)
    errors: tuple[str, ...] = ()


def _camel(key: str) -> str:
    head, *rest = key.split("-")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _selectors(value: Any) -> list[str] | None:
    """A list of selectors, or a comma-separated string of them (as ``--select P,M1``)."""
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    return None


def parse_settings(*sources: Mapping[str, Any] | None) -> Settings:
    """Merge settings objects (later ones win key by key) and validate them."""
    merged: dict[str, Any] = {}
    for source in sources:
        if isinstance(source, Mapping):
            inner = source.get("reportlint")  # a client may send its whole settings tree
            if isinstance(inner, Mapping):
                source = inner
            merged.update({_camel(str(k)): v for k, v in source.items()})
    kwargs: dict[str, Any] = {}
    errors: list[str] = []
    for key, kw in _LISTS.items():
        if merged.get(key) is None:
            continue
        sels = _selectors(merged[key])
        if sels is None:
            errors.append(_("setting {key} must be a list of rule selectors, got {value!r}").format(key=key, value=merged[key]))
        elif sels or key != "select":
            kwargs[kw] = sels
    profile = merged.get("profile")
    if profile is not None:
        if isinstance(profile, str) and profile.strip():
            kwargs["profile"] = profile.strip()
        elif profile != "":
            errors.append(_("setting profile must be a document type such as 工作总结, got {value!r}").format(value=profile))
    year = merged.get("reportYear")
    if year is not None:
        if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100:
            kwargs["report_year"] = year
        else:
            errors.append(_("setting reportYear must be a year such as 2023, got {value!r}").format(value=year))
    url = merged.get("ruleDocsUrl")
    if url is not None and not (isinstance(url, str) and url.strip()):
        errors.append(_("setting ruleDocsUrl must be a web address, got {value!r}").format(value=url))
        url = None
    lang = merged.get("lang")
    if lang is not None:
        if isinstance(lang, str) and i18n.normalize(lang):
            lang = i18n.normalize(lang)
        else:
            errors.append(_("setting lang must be one of {choices}, got {value!r}").format(choices=", ".join(i18n.CHOICES), value=lang))
            lang = None
    return Settings(kwargs, url.strip() if url else None, lang, tuple(errors))
