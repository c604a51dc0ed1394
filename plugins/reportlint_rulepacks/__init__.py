"""Built-in plugin: the declarative rule packs shipped in ``rules/`` (data only)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportlint import hookimpl


def packs_dir() -> Path:
    """``rules/`` inside the installed package, or beside the source tree in an editable install."""
    import reportlint

    installed = Path(reportlint.__file__).parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def reportlint_add_packs() -> Iterable[Path]:
    return sorted(packs_dir().glob("*.toml"))
