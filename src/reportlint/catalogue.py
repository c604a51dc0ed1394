"""The maintainers' catalogue tool: ``python -m reportlint.i18n [--check]`` (needs Babel).

One command does the three gettext steps with Babel's library:

1. extract: every ``_()``/``gettext()``/``ngettext()``/``N_()`` string in src/reportlint and
   plugins/, every built-in rule's summary, explanation and source, and click's own
   messages (Usage:, Options:, its errors — click wraps them in gettext);
2. update: merge them into locale/zh_CN/LC_MESSAGES/reportlint.po (a changed English text
   keeps its old translation marked fuzzy, for review; texts no longer used are dropped);
3. compile: write reportlint.mo beside it (fuzzy entries are left out).

``--check`` changes nothing and exits 1 if a step would change a file or a text has no
finished (non-fuzzy) translation. Babel is a development dependency only: at run time the
standard library reads the compiled .mo (reportlint.i18n).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from reportlint import __version__
from reportlint.i18n import DOMAIN, LOCALE_DIR

try:
    from babel.messages.catalog import Catalog, Message
    from babel.messages.extract import extract_from_dir
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po
except ImportError:  # pragma: no cover
    sys.exit("reportlint.i18n: the catalogue tool needs Babel: pip install -e '.[test]'")

LOCALE = "zh_CN"
PO = Path(LOCALE_DIR) / LOCALE / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
RULE_FIELDS = ("summary", "explanation", "source")


def repo_root() -> Path:
    """The checkout this module runs from (the tool works on the sources, not an installed wheel)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "plugins").is_dir():
        sys.exit(f"reportlint.i18n: run it from a source checkout (no pyproject.toml and plugins/ at {root})")
    return root


def builtin_rules() -> list:
    """Every rule the built-in plugins and packs define (third-party plugins not loaded)."""
    os.environ["REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    from reportlint.api import Linter

    return sorted(Linter(isolated=True).all_rules().values(), key=lambda r: r.code)


def rule_messages(rules: Iterable) -> Iterator[tuple[str, str]]:
    """(text, comment) for each rule's summary, explanation and source."""
    for r in rules:
        for name in RULE_FIELDS:
            text = getattr(r, name)
            if text:
                yield text, f"rule {r.code} {name}"


def _extract(directory: Path, prefix: str) -> Iterator[tuple[str | tuple[str, str], str, list[str]]]:
    for filename, lineno, message, comments, _context in extract_from_dir(
        directory, [("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
        directory_filter=lambda d: "__pycache__" not in d,
    ):
        yield message, f"{prefix}/{filename}:{lineno}", comments


def template(rules: Iterable | None = None) -> Catalog:
    """The catalogue of every text to translate, in a stable order: rules by code, then code, then click."""
    import click

    root = repo_root()
    cat = Catalog(locale=LOCALE, domain=DOMAIN, project="reportlint", version=__version__, charset="utf-8", fuzzy=False)
    for text, comment in rule_messages(builtin_rules() if rules is None else rules):
        msg = cat.get(text)
        if msg is None:
            cat.add(text, auto_comments=[comment])
        else:
            msg.auto_comments.append(comment)
    sources = [(root / "src" / "reportlint", "src/reportlint")]
    sources += [(p, f"plugins/{p.name}") for p in sorted((root / "plugins").iterdir()) if p.is_dir()]
    from importlib.metadata import version

    sources.append((Path(click.__file__).parent, f"click-{version('click')}"))
    for directory, prefix in sources:
        for message, location, comments in _extract(directory, prefix):
            key = message if isinstance(message, str) else message[0]
            path, _, line = location.rpartition(":")
            existing = cat.get(key)
            if existing is None:
                cat.add(message, locations=[(path, int(line))], auto_comments=comments)
            else:
                existing.locations.append((path, int(line)))
    return cat


def read(path: Path = PO) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=LOCALE, domain=DOMAIN)


def po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=0, ignore_obsolete=True, include_lineno=False)
    return buf.getvalue()


def mo_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def updated(po: Catalog, tmpl: Catalog) -> Catalog:
    """``po`` merged with the template (new texts added, changed ones fuzzy, unused ones dropped)."""
    po.update(tmpl, no_fuzzy_matching=False, update_header_comment=False, update_creation_date=False)
    po.fuzzy = False
    return po


_FIELD = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The str.format fields of a text, sorted (a translation must keep every one)."""
    return sorted(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def _translated(msg: Message) -> bool:
    strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
    return any(strings)


def problems(cat: Catalog, rules: Iterable) -> list[str]:
    """Rule texts without a finished translation, and translations that lose or add a format field."""
    out = []
    for text, comment in rule_messages(rules):
        msg = cat.get(text)
        if msg is None or not _translated(msg):
            out.append(f"{comment}: no translation: {text[:60]!r}")
        elif msg.fuzzy:
            out.append(f"{comment}: translation is fuzzy (the English changed; review it): {text[:60]!r}")
    for msg in cat:
        if not msg.id or not _translated(msg):
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        want = placeholders(ids[-1])
        for s in strings:
            if s and placeholders(s) != want and placeholders(s) != placeholders(ids[0]):
                out.append(f"format fields differ: {ids[0][:60]!r} has {want}, the translation {placeholders(s)}")
    return out


def missing(po: Catalog, tmpl: Catalog) -> list[str]:
    """Texts of our code and rules the catalogue lacks (click's are left out: they follow the click installed)."""
    out = []
    for msg in tmpl:
        if not msg.id or all(path.startswith("click") for path, _ in msg.locations) and msg.locations:
            continue
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        if po.get(key) is None:
            out.append(key)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportlint.i18n", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if the catalogue is stale or incomplete")
    args = ap.parse_args(argv)
    rules = builtin_rules()
    tmpl = template(rules)
    if args.check:
        po = read(PO)
        report = [f"not in the catalogue: {text[:70]!r}" for text in missing(po, tmpl)]
        if _mo_entries(MO.read_bytes() if MO.exists() else b"") != _mo_entries(mo_bytes(po)):
            report.append(f"{MO} does not match {PO.name}")
        report += problems(po, rules)
        for line in report:
            print(line, file=sys.stderr)
        if report:
            print("run `python -m reportlint.i18n`, translate what it lists, and run it again", file=sys.stderr)
        return 1 if report else 0
    old_po = PO.read_bytes() if PO.exists() else b""
    po = updated(read(PO), tmpl) if PO.exists() else tmpl
    new_po, new_mo = po_bytes(po), mo_bytes(po)
    PO.parent.mkdir(parents=True, exist_ok=True)
    if _strip_header(new_po) != _strip_header(old_po):
        PO.write_bytes(new_po)
    if _mo_entries(MO.read_bytes() if MO.exists() else b"") != _mo_entries(new_mo):
        MO.write_bytes(new_mo)
    found = problems(po, rules)
    untranslated = sum(1 for m in po if m.id and not _translated(m))
    fuzzy = sum(1 for m in po if m.id and m.fuzzy)
    print(f"{PO}: {len(po)} texts, {untranslated} untranslated, {fuzzy} fuzzy; {MO.name} compiled")
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


def _strip_header(po: bytes) -> bytes:
    """The catalogue without its header (Babel writes its version and the dates there)."""
    text = po.decode("utf-8")
    i = text.find("\n\n#")
    return text[i:].encode("utf-8") if i != -1 else po


def _mo_entries(data: bytes) -> dict:
    """A compiled catalogue's translations, header left out."""
    import gettext

    if not data:
        return {}
    entries = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    entries.pop("", None)
    return entries
