"""``reportlint lsp``: a language server for editors (diagnostics, fixes, suppressions, accepted words).

Its dependencies (pygls, lsprotocol, tomlkit) are the ``lsp`` extra: ``pip install 'reportlint[lsp]'``.
Nothing here is imported by ``reportlint check``; this module itself imports none of them.
"""

from __future__ import annotations

from importlib import metadata

from reportlint.i18n import gettext as _

#: distribution -> lowest major version the server is written for.
REQUIRED = {"pygls": 2, "lsprotocol": 2025, "tomlkit": 0}
INSTALL_HINT = "pip install 'reportlint[lsp]'"


def missing_dependency() -> str | None:
    """One line saying what to install when the server's dependencies are absent or too old, else None."""
    for name, major in REQUIRED.items():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            return _("reportlint lsp needs {name}, which is not installed; run: {hint}").format(name=name, hint=INSTALL_HINT)
        try:
            found = int(version.split(".")[0])
        except ValueError:
            continue
        if found < major:
            return _("reportlint lsp needs {name} {major} or newer ({version} is installed); run: {hint}").format(
                name=name, major=major, version=version, hint=INSTALL_HINT)
    return None
