"""Word 97-2003 .doc and WPS .wps: converted to .docx by LibreOffice headless, then read as a .docx.

The conversion runs in a fresh temporary folder, one at a time in this process, with this
process's own LibreOffice profile (``-env:UserInstallation``: two instances sharing a
profile block on its lock; reusing it saves the ~2 s of making one), under a time limit;
on timeout the whole process group (the soffice script and soffice.bin) is killed and
the profile, which may be half-written, is thrown away. The Document keeps the converted .docx
(``meta["converted_docx"]``) so ``--annotate`` can write review comments on it.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import threading
from pathlib import Path, PurePath

from reportlint.document import Document
from reportlint.errors import InputError, os_reason
from reportlint.i18n import gettext
from reportlint.readers import child
from reportlint.readers.docx import read_docx

#: Seconds LibreOffice may take to convert one file (a 100-page .doc takes a few seconds);
#: $REPORTLINT_SOFFICE_TIMEOUT overrides it (a slow machine, or a test of the limit).
TIMEOUT = 120.0
#: The signatures a .doc or .wps may start with: an OLE2 compound file (Word 97-2003 and WPS
#: both), RTF saved under the .doc name, or a .docx renamed (a zip: read directly).
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_ZIP = b"PK\x03\x04"

_LOCK = threading.Lock()
_PROFILE: tempfile.TemporaryDirectory[str] | None = None  # removed at exit by its finalizer
_INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt install libreoffice-writer; elsewhere: libreoffice.org)"


def soffice() -> str | None:
    """The LibreOffice program: $REPORTLINT_SOFFICE, else soffice or libreoffice on PATH."""
    return os.environ.get("REPORTLINT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def _timeout() -> float:
    try:
        return float(os.environ.get("REPORTLINT_SOFFICE_TIMEOUT", "")) or TIMEOUT
    except ValueError:
        return TIMEOUT


def convert_to_docx(path: str, data: bytes) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a .doc or .wps); InputError if it cannot."""
    exe = soffice()
    kind = PurePath(path).suffix.lower() or ".doc"
    timeout = _timeout()
    if exe is None:
        raise InputError(f"{path}: " + gettext("reading {kind} files needs LibreOffice (soffice), which is not on PATH; {hint}").format(kind=kind, hint=_INSTALL_HINT))
    global _PROFILE
    with _LOCK, tempfile.TemporaryDirectory(prefix="reportlint-soffice-") as tmp:
        if _PROFILE is None:
            _PROFILE = tempfile.TemporaryDirectory(prefix="reportlint-soffice-profile-")
        profile = Path(_PROFILE.name)
        folder = Path(tmp)
        src = folder / f"input{kind}"  # an ASCII name: the user's file name never reaches a command line
        src.write_bytes(data)
        out = folder / "out"
        cmd = [exe, "--headless", "--norestore", "--nologo", "--nolockcheck",
               f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
        try:
            code, _, err = child.run(cmd, timeout=timeout, cwd=tmp)
        except child.ChildTimeout:
            _PROFILE.cleanup()
            _PROFILE = None
            raise InputError(f"{path}: " + gettext("LibreOffice took longer than {seconds:g} s to convert it; stopped").format(seconds=timeout)) from None
        except OSError as exc:
            raise InputError(f"{path}: " + gettext("cannot run LibreOffice ({exe}): {reason}").format(exe=exe, reason=os_reason(exc))) from None
        result = out / "input.docx"
        if not result.is_file():
            said = err.decode("utf-8", "replace").strip().splitlines()
            why = next((line for line in reversed(said) if "rror" in line), said[-1] if said else f"exit code {code}")
            raise InputError(f"{path}: " + gettext("LibreOffice could not convert it to .docx ({reason})").format(reason=why[:200]))
        return result.read_bytes()


def read_legacy_word(path: str, data: bytes) -> Document:
    """A .doc or .wps, read through the .docx LibreOffice converts it to (paragraph lines as for .docx)."""
    fmt = PurePath(path).suffix.lower().lstrip(".") or "doc"
    if data.startswith(_ZIP):
        converted = data  # a .docx under an old name
    elif data.startswith((_OLE2, _RTF)):
        converted = convert_to_docx(path, data)
    else:
        raise InputError(f"{path}: " + gettext("not a Word .{format} file (neither an OLE2 compound file nor RTF)").format(format=fmt))
    doc = read_docx(path, converted)
    return dataclasses.replace(doc, format=fmt, meta={**doc.meta, "converted_docx": converted})
