"""File I/O that never hangs and never loses a byte: reading regular files, atomic writes, temporaries.

Reading opens without blocking and checks the open file is a regular one before reading
(a FIFO, a device or a socket would block or never end). Writing goes through a temporary
file beside the real file (a symbolic link is followed, so the link stays a link), is
flushed to disk, renamed over the target and read back. Temporaries carry a recognisable
name; they are removed when the process is stopped by SIGTERM, SIGINT or SIGHUP, and a later
run removes the ones a killed run (SIGKILL, power loss) left behind once they are old.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlint.errors import InputError, os_reason
from reportlint.i18n import N_, gettext

#: Every temporary file reportlint writes ends with this (and starts with a dot).
TMP_SUFFIX = ".reportlint-tmp"
#: A temporary older than this is left over from a run that was killed: a write takes well under
#: a second, so ten minutes never catches one still being written by another run.
STALE_AFTER = 600.0

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

# -- messages: kept together, marked for the catalogue (reportlint.i18n), translated where shown --------------
MSG_NO_SUCH_FILE = N_("no such file or directory")
MSG_FOLDER = N_("is a folder, not a file")
MSG_NOT_REGULAR = N_("not a regular file")
MSG_PERMISSION = N_("permission denied")
MSG_TOO_BIG = N_("file is {size} bytes, over max-file-size ({limit}); raise it in config to check it")
MSG_CANNOT_READ = N_("cannot read: {reason}")
MSG_CHANGED = N_("changed since it was read; not fixed (run again)")
MSG_CANNOT_REREAD = N_("cannot re-read before writing: {reason}")
MSG_READ_ONLY = N_("read-only file; not written (make it writable first)")
MSG_HARD_LINKS = N_("has {n} hard links; not written (replacing it would split them)")
MSG_NOT_WRITTEN = N_("cannot write: {reason}; the file is unchanged")
MSG_NOT_VERIFIED = N_("written, but the file reads back differently; check it")


def _error(display: str, message: str, **fields: Any) -> InputError:
    """The InputError ``display: <message in the language in use>``."""
    return InputError(f"{display}: " + gettext(message).format(**fields))


def read_file(path: Path, display: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``; InputError (naming ``display``) for anything else.

    The file is opened without blocking and judged by ``fstat`` of the open descriptor, so a
    FIFO (or one swapped in after a ``stat``) is refused instead of waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | _O_BINARY | _O_CLOEXEC)
    except FileNotFoundError:
        raise _error(display, MSG_NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise _error(display, MSG_FOLDER) from None
    except PermissionError:
        if _is_dir(path):  # Windows opens no folder: it says permission denied
            raise _error(display, MSG_FOLDER) from None
        raise _error(display, MSG_PERMISSION) from None
    except OSError as exc:
        raise _error(display, MSG_CANNOT_READ, reason=os_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _error(display, MSG_FOLDER)
        if not stat.S_ISREG(st.st_mode):
            raise _error(display, MSG_NOT_REGULAR)
        if limit is not None and st.st_size > limit:
            raise _error(display, MSG_TOO_BIG, size=f"{st.st_size:,}", limit=f"{limit:,}")
        return _read_all(fd, st.st_size)
    except OSError as exc:
        raise _error(display, MSG_CANNOT_READ, reason=os_reason(exc)) from None
    finally:
        os.close(fd)


def _read_all(fd: int, size: int) -> bytes:
    """Everything ``fd`` holds: one read of the stat size, then on until end of file (it may grow)."""
    chunks = []
    want = max(size + 1, 1 << 16)
    while True:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        want = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


# -- temporaries ---------------------------------------------------------------------------------------

_LIVE: set[str] = set()  # temporaries of this process not yet renamed or removed
_LOCK = threading.Lock()
_SWEPT: set[str] = set()  # folders already swept for stale temporaries in this process
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, n))


def _remove_live(signum: int, frame: Any) -> None:
    """Signal handler: remove this process's temporaries, then die of the signal as if unhandled."""
    for tmp in list(_LIVE):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _LIVE.clear()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def install_signal_cleanup() -> None:
    """Remove live temporaries on SIGTERM, SIGINT and SIGHUP (main thread only; a no-op elsewhere).

    The process still ends by the signal (exit status 128+N as the shell reports it): only the
    temporaries are cleaned first. Handlers a program set itself are left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in _SIGNALS:
        try:
            if signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(sig, _remove_live)
        except (OSError, ValueError):
            pass


def _block_signals() -> Any:
    """Block SIGTERM/SIGINT/SIGHUP for this thread (POSIX); what to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)


def _unblock_signals(previous: Any) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def temporary(folder: Path, name: str) -> Iterator[tuple[int, str]]:
    """A new temporary ``.<name>.<random>.reportlint-tmp`` in ``folder``, removed unless renamed away.

    Yields (descriptor, path); the caller closes the descriptor and renames the file, after
    which removing it is a harmless no-op.
    """
    sweep_stale(folder)
    # Signals wait while the file is made and registered: one arriving in between would find
    # nothing to remove. The file's name (shortened to fit NAME_MAX) says whose temporary it is.
    blocked = _block_signals()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=TMP_SUFFIX, dir=folder)
        with _LOCK:
            _LIVE.add(tmp)
    finally:
        _unblock_signals(blocked)
    try:
        yield fd, tmp
    finally:
        with _LOCK:
            _LIVE.discard(tmp)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        except OSError:
            pass


def is_temporary(name: str) -> bool:
    """True for a name reportlint gives its temporaries."""
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def sweep_stale(folder: Path, *, now: float | None = None) -> int:
    """Remove reportlint temporaries older than STALE_AFTER from ``folder`` (once per folder per run).

    How many were removed; errors (a folder we cannot list or write) are ignored.
    """
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return 0
    _SWEPT.add(key)
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temporary(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


# -- writing -------------------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None, display: str | None = None) -> None:
    """Replace the file ``path`` names with ``data``, atomically; InputError with one line if not done.

    A symbolic link is followed: the file it points to is replaced and the link stays. A file
    with several hard links, or one without write permission, is refused (replacing it would
    split the links or override the user's protection). If ``expected`` is given and the file
    no longer holds those bytes (it changed since it was read), nothing is written. The data
    goes to a temporary beside the target, is flushed to disk with the target's mode (and owner,
    where allowed), renamed over it and read back: a fix is only reported when it is in the file.
    """
    display = display or str(path)
    target = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None  # a new file (an --output copy)
    except OSError as exc:
        raise _error(display, MSG_NOT_WRITTEN, reason=os_reason(exc)) from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise _error(display, MSG_NOT_REGULAR)
        if st.st_nlink > 1:
            raise _error(display, MSG_HARD_LINKS, n=st.st_nlink)
        if not st.st_mode & 0o222 or not os.access(target, os.W_OK):  # root may write anyway: the mode says no
            raise _error(display, MSG_READ_ONLY)
    if expected is not None:
        try:
            current = read_file(target, display)
        except InputError as exc:
            reason = str(exc).removeprefix(f"{display}: ")
            raise _error(display, MSG_CANNOT_REREAD, reason=reason) from None
        if current != expected:
            raise _error(display, MSG_CHANGED)
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:  # a new file: the mode open() would give it, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        with temporary(target.parent, target.name) as (fd, tmp):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
                if hasattr(os, "fchmod"):
                    os.fchmod(fh.fileno(), mode)
                if st is not None and hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                    try:  # keep the owner when allowed (root fixing a user's file); else it becomes ours
                        os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                    except OSError:
                        pass
            if not hasattr(os, "fchmod"):
                os.chmod(tmp, mode)
            os.replace(tmp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise _error(display, MSG_NOT_WRITTEN, reason=os_reason(exc)) from None
    try:
        written = read_file(Path(path), display)
    except InputError:
        written = None
    if written != data:
        raise _error(display, MSG_NOT_VERIFIED)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a system that cannot open a folder skips it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
