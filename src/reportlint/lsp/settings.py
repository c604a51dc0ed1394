"""Client settings (``initializationOptions``, ``workspace/configuration`` section ``reportlint``):
the command line's select/ignore/profile flags, given by the editor.

Keys are camelCase as editors write them (``extendSelect``), the config file's kebab-case
(``extend-select``) is accepted too. A bad value is reported and left out, never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: setting -> Linter keyword, for the list-valued selector settings.
_LISTS = {"select": "select", "extendSelect": "extend_select", "ignore": "ignore"}


@dataclass(frozen=True)
class Settings:
    """What the client asked for; ``linter_kwargs`` go to :class:`reportlint.api.Linter` as CLI flags do."""

    linter_kwargs: dict[str, Any] = field(default_factory=dict)
    rule_docs_url: str | None = None
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
            errors.append(f"设置 {key} 应为规则代码的列表，收到 {merged[key]!r}")
        elif sels or key != "select":
            kwargs[kw] = sels
    profile = merged.get("profile")
    if profile is not None:
        if isinstance(profile, str) and profile.strip():
            kwargs["profile"] = profile.strip()
        elif profile != "":
            errors.append(f"设置 profile 应为文档类型（如“工作总结”），收到 {profile!r}")
    year = merged.get("reportYear")
    if year is not None:
        if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100:
            kwargs["report_year"] = year
        else:
            errors.append(f"设置 reportYear 应为年份（如 2023），收到 {year!r}")
    url = merged.get("ruleDocsUrl")
    if url is not None and not (isinstance(url, str) and url.strip()):
        errors.append(f"设置 ruleDocsUrl 应为网址，收到 {url!r}")
        url = None
    return Settings(kwargs, url.strip() if url else None, tuple(errors))
