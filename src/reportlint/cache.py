"""A result cache keyed by file content, rule set, config and version, in ``.reportlint_cache``.

One small file per entry, written to a temporary name and renamed into place,
so two runs at once can never leave a half-written entry; an entry names its key
and carries a checksum of its findings, so a damaged or foreign one is treated as
absent, and it is read without blocking (a FIFO there is not waited on). The folder sits beside the governing config file,
or in the current folder when there is none (``REPORTLINT_CACHE_DIR`` overrides).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reportlint import __version__
from reportlint.config import Config
from reportlint.errors import ReportlintError
from reportlint.rules import Applicability, Finding, Fix, Rule, Severity
from reportlint.safeio import read_file, temporary

CACHE_DIR_NAME = ".reportlint_cache"
CACHE_DIR_ENV = "REPORTLINT_CACHE_DIR"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# reportlint's result cache; see https://bford.info/cachedir/\n"


def _hash_files(paths: Iterable[Path], h: Any) -> None:
    for p in sorted(set(paths)):
        h.update(str(p).encode())
        try:
            if p.suffix in _STAT_SUFFIXES:
                # A built model (typo-model.bin is 13 MB) is known by its size and modification time:
                # a rebuild changes them, and reading it whole would cost every run ~20 ms at start-up.
                st = p.stat()
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            else:
                h.update(p.read_bytes())
        except OSError:
            h.update(b"?")


#: Files of a plugin package that can change what it reports (code, the word lists it ships and
#: its built models).
_SOURCE_SUFFIXES = {".py", ".toml", ".tsv", ".txt", ".json", ".yaml", ".yml", ".bin"}
#: Of those, the binary data files hashed by their stat, not their bytes.
_STAT_SUFFIXES = {".bin"}
#: A package bigger than this (a namespace package, say) is represented by its own module file only.
_MAX_PACKAGE_FILES = 1000


def _module_files(module: str) -> list[Path]:
    """The source and data files of the top-level package that defines ``module`` (rules import helpers)."""
    top = sys.modules.get(module.split(".")[0])
    if top is None:
        return []
    files: list[Path] = []
    for root in list(getattr(top, "__path__", []) or []):
        for p in Path(root).rglob("*"):
            if p.suffix in _SOURCE_SUFFIXES and "__pycache__" not in p.parts and p.is_file():
                files.append(p)
            if len(files) > _MAX_PACKAGE_FILES:
                files = []
                break
    file = getattr(top, "__file__", None)
    if not files and file:
        files = [Path(file)]
    return files


def ruleset_fingerprint(rules: Sequence[Rule], pack_files: Iterable[Path], plugin_modules: Iterable[str] = ()) -> str:
    """Codes, settings and source of the rules and plugins: editing a plugin or a pack invalidates the cache.

    Plugins count even without rules of their own: a filter or skip-span hook changes findings too.
    """
    h = hashlib.sha256(__version__.encode())
    modules: set[str] = set(plugin_modules)
    for r in sorted(rules, key=lambda r: r.code):
        h.update(repr((r.code, r.name, r.severity.value, r.default, r.fixable, r.plugin, r.origin)).encode())
        modules.add(getattr(r.check_fn, "__module__", "") or "")
    files: list[Path] = []
    # _module_files depends on the top-level package alone: each package is walked once, not once
    # per module of it (the built-in plugins' rules live in 30 modules of 9 packages).
    for top in sorted({m.split(".")[0] for m in modules}):
        files.extend(_module_files(top))
    for pack in pack_files:
        folder = pack.resolve().parent
        files.extend(q for q in folder.iterdir() if q.is_file())
    _hash_files(files, h)
    return h.hexdigest()


def finding_to_list(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.replacement, f.fix.applicability.value, f.fix.start, f.fix.end]
    return [f.code, f.name, f.message, f.start, f.end, f.severity.value, fix, f.line, f.column, f.end_line, f.end_column,
            f.page, f.end_page]


def finding_from_list(v: Sequence[Any], path: str) -> Finding:
    code, name, message, start, end, sev, fix, line, col, eline, ecol, page, epage = v
    # A damaged or foreign entry can be valid JSON of the wrong types: treat it as a miss.
    if not all(isinstance(x, str) for x in (code, name, message)) or not all(
        type(x) is int and x >= 0 for x in (start, end, line, col, eline, ecol, page, epage)
    ) or not (fix is None or (isinstance(fix, list) and len(fix) == 4 and isinstance(fix[0], str))):
        raise TypeError("cache entry of the wrong shape")
    fx = None if fix is None else Fix(fix[0], Applicability(fix[1]), fix[2], fix[3])
    return Finding(code, name, message, start, end, Severity(sev), fx, path, line, col, eline, ecol, page, epage)


#: An entry bigger than this is not a cache entry (a real one is a few KB per thousand findings).
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def _payload(raw: bytes, key: str) -> list[Any]:
    """The findings list of an entry, after checking it is the entry of ``key`` and its checksum holds."""
    header, sep, payload = raw.partition(b"\n")
    if not sep:
        raise ValueError("cache entry without a header")
    meta = json.loads(header)
    if not isinstance(meta, dict) or meta.get("key") != key or meta.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise ValueError("cache entry of another key, or damaged")
    found = json.loads(payload)
    if not isinstance(found, list):
        raise TypeError("cache entry payload is not a list")
    return found


def load_entry(path: Path) -> list[Any]:
    """The findings lists stored in the entry file ``path`` (ValueError if it is not a valid entry)."""
    return _payload(path.read_bytes(), path.stem)


class Cache:
    """Looks up and stores findings; one instance per run, rule-set fingerprints memoised per config."""

    def __init__(self, linter: Any) -> None:
        self.linter = linter
        self._ruleset: dict[Path | None, str] = {}
        self._tagged: set[Path] = set()
        self.hits = 0
        self.misses = 0

    def folder(self, config: Config) -> Path:
        override = os.environ.get(CACHE_DIR_ENV)
        if override:
            return Path(override)
        base = config.path.parent if config.path is not None else Path.cwd()
        return base / CACHE_DIR_NAME

    def _ruleset_key(self, config: Config) -> str:
        if config.path not in self._ruleset:
            rules = list(self.linter.all_rules(config).values())
            packs = [Path(p) for _, shipped in self.linter.pm.call_each("reportlint_add_packs") for p in (shipped or ())]
            plugins = [getattr(p, "__name__", "") for p in self.linter.pm.pm.get_plugins()]
            self._ruleset[config.path] = ruleset_fingerprint(rules, [*packs, *config.packs], [m for m in plugins if m])
        return self._ruleset[config.path]

    def key(self, config: Config, data: bytes, display: str) -> str:
        """Content hash + rule set + config (with command-line overrides) + version + path."""
        h = hashlib.sha256()
        for part in (__version__, self._ruleset_key(config), repr(config), display):
            h.update(part.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
        h.update(hashlib.sha256(data).digest())
        return h.hexdigest()

    def _entry(self, config: Config, key: str) -> Path:
        return self.folder(config) / __version__ / key[:2] / f"{key}.json"

    def get(self, config: Config, key: str, path: str) -> list[Finding] | None:
        """The findings stored under ``key``, or None: absent, unreadable, or not a valid entry for it.

        An entry is a header line naming its key and the SHA-256 of its payload, then the payload
        (the findings as JSON). Anything else at the entry's path (a truncated write, a ``[]`` put
        there by hand, another key's entry, a FIFO, which is not waited on) is a miss, and the file
        is checked again and its entry rewritten.
        """
        try:
            raw = read_file(self._entry(config, key), "cache entry", MAX_ENTRY_BYTES)
            found = [finding_from_list(v, path) for v in _payload(raw, key)]
        except (ReportlintError, OSError, ValueError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, config: Config, key: str, findings: Sequence[Finding]) -> None:
        """Store atomically; a cache that cannot be written is silently skipped (read-only checkout)."""
        entry = self._entry(config, key)
        payload = json.dumps([finding_to_list(f) for f in findings], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = json.dumps({"key": key, "sha256": hashlib.sha256(payload).hexdigest()}).encode("ascii")
        try:
            self._tag(self.folder(config))
            entry.parent.mkdir(parents=True, exist_ok=True)
            with temporary(entry.parent, "tmp-entry") as (fd, tmp):
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header + b"\n" + payload)
                os.replace(tmp, entry)
        except OSError:
            pass

    def _tag(self, folder: Path) -> None:
        """CACHEDIR.TAG and a .gitignore of '*', so backups and git leave the folder alone."""
        if folder in self._tagged:
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by reportlint\n*\n")):
            p = folder / name
            if not p.exists():
                try:
                    with open(p, "x", encoding="utf-8") as fh:
                        fh.write(text)
                except FileExistsError:
                    pass
        self._tagged.add(folder)
