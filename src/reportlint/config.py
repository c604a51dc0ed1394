"""Config discovery and validation: [tool.reportlint], reportlint.toml, .reportlint.toml."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlint.errors import ConfigError, os_reason
from reportlint.i18n import gettext

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Searched in each folder from the file's own upwards; the first in this order wins in a folder.
CONFIG_FILES = (".reportlint.toml", "reportlint.toml", "pyproject.toml")

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".reportlint_cache")
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024  # bytes; a 公文 of 20 MB is a mistake, not a report

_LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude", "packs", "plugins", "accept")
CORE_KEYS: dict[str, str] = {
    "select": "rule codes, prefixes or names to enable (replaces the default set)",
    "extend-select": "rule selectors to enable in addition",
    "ignore": "rule selectors to disable",
    "extend-ignore": "rule selectors to disable, added to ignore",
    "per-file-ignores": "table: glob -> rule selectors disabled for matching files",
    "exclude": "globs of files and folders not checked when recursing",
    "extend-exclude": "globs added to exclude",
    "packs": "paths of extra TOML rule packs",
    "plugins": "paths of local plugin files (.py) or importable module names",
    "accept": "words never flagged",
    "profile": "document type, e.g. 工作总结 (selects required parts)",
    "report-year": "the year the report covers",
    "baseline": "path of a baseline file",
    "max-file-size": "largest file checked, in bytes",
    "severity": "table: rule selector -> error, warning or info (overrides the rule's own)",
}


@dataclass(frozen=True)
class Config:
    """Settings for a set of files; ``root`` is the folder relative paths are taken from."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    packs: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    profile: str | None = None
    report_year: int | None = None
    baseline: Path | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    severity: tuple[tuple[str, str], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "<defaults>"

    def with_overrides(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        profile: str | None = None,
        report_year: int | None = None,
        max_file_size: int | None = None,
    ) -> Config:
        """Command-line settings on top: --select replaces, the others add."""
        return replace(
            self,
            select=tuple(select) if select is not None else self.select,
            extend_select=self.extend_select + tuple(extend_select),
            ignore=self.ignore + tuple(ignore),
            profile=profile or self.profile,
            report_year=report_year or self.report_year,
            max_file_size=max_file_size or self.max_file_size,
        )

    def table(self, key: str) -> Mapping[str, Any]:
        """A plugin's own table (declared through ``reportlint_config_keys``), or {}."""
        value = self.extra.get(key, {})
        return value if isinstance(value, Mapping) else {}


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table; a UTF-8 BOM (Windows Notepad) is accepted, another encoding is a clear error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: " + gettext("cannot read config: {reason}").format(reason=os_reason(exc))) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: " + gettext("not UTF-8 (byte 0x{byte} at offset {offset}); save the config as UTF-8").format(byte=f"{data[exc.start]:02x}", offset=exc.start)
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: " + gettext("invalid TOML: {reason}").format(reason=exc)) from exc


def _table_of(path: Path) -> dict[str, Any] | None:
    """The reportlint settings in a config file, or None when a pyproject.toml has none."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("reportlint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: " + gettext("[tool.reportlint] must be a table"))
        return table
    return data


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: " + gettext("key {key!r} must be a list of strings, got {value!r}").format(key=key, value=value))
    return tuple(value)


def parse_config(path: Path, table: Mapping[str, Any], plugin_keys: Iterable[str] = ()) -> Config:
    """Validate a settings table; unknown keys and bad values name the file and the key."""
    known = set(CORE_KEYS) | set(plugin_keys)
    for key in table:
        if key not in known:
            hint = ", ".join(sorted(CORE_KEYS))
            raise ConfigError(f"{path}: " + gettext("unknown key {key!r} (known keys: {known}, and plugin tables)").format(key=key, known=hint))
    root = path.parent
    values: dict[str, Any] = {}
    lists = {k: _strings(path, k, table[k]) for k in _LIST_KEYS if k in table}
    if "select" in lists:
        values["select"] = lists["select"]
    values["extend_select"] = lists.get("extend-select", ())
    values["ignore"] = lists.get("ignore", ()) + lists.get("extend-ignore", ())
    values["exclude"] = lists.get("exclude", DEFAULT_EXCLUDE) + lists.get("extend-exclude", ())
    values["packs"] = tuple((root / p) for p in lists.get("packs", ()))
    values["plugins"] = tuple(str(root / p) if p.endswith(".py") else p for p in lists.get("plugins", ()))
    values["accept"] = lists.get("accept", ())
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{path}: " + gettext("key 'per-file-ignores' must be a table of glob = [codes]"))
    values["per_file_ignores"] = tuple((g, _strings(path, f"per-file-ignores.{g}", v)) for g, v in pfi.items())
    if "profile" in table:
        if not isinstance(table["profile"], str):
            raise ConfigError(f"{path}: " + gettext("key 'profile' must be a string, got {value!r}").format(value=table["profile"]))
        values["profile"] = table["profile"]
    if "report-year" in table:
        year = table["report-year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1949 <= year <= 2100:
            raise ConfigError(f"{path}: " + gettext("key 'report-year' must be a year such as 2023, got {value!r}").format(value=year))
        values["report_year"] = year
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{path}: " + gettext("key 'baseline' must be a path string"))
        values["baseline"] = root / table["baseline"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{path}: " + gettext("key 'max-file-size' must be a positive number of bytes, got {value!r}").format(value=size))
        values["max_file_size"] = size
    sev = table.get("severity", {})
    if not isinstance(sev, dict) or not all(v in ("error", "warning", "info") for v in sev.values()):
        raise ConfigError(f"{path}: " + gettext("key 'severity' must be a table of rule selector = \"error\", \"warning\" or \"info\""))
    values["severity"] = tuple(sev.items())
    extra = {k: v for k, v in table.items() if k not in CORE_KEYS}
    return Config(path=path, root=root, extra=extra, **values)


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file at or above ``start`` (a folder), with its settings table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                table = _table_of(candidate)
                if table is not None:
                    return candidate, table
    return None


def read_config_table(path: Path) -> dict[str, Any]:
    """The settings table of ``--config PATH``; a pyproject.toml needs a [tool.reportlint] table."""
    if not path.is_file():
        raise ConfigError(f"{path}: " + gettext("config file not found"))
    table = _table_of(path)
    if table is None:
        raise ConfigError(f"{path}: " + gettext("config file has no [tool.reportlint] table"))
    return table


def load_config_file(path: Path, plugin_keys: Iterable[str] = ()) -> Config:
    """Load and validate ``--config PATH``."""
    return parse_config(path, read_config_table(path), plugin_keys)
