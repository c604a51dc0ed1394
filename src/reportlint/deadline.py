"""A wall-clock limit on checking one document, so a plugin rule that hangs becomes an error.

Pack patterns have the `regex` timeout; a Python rule has nothing like it. The limit is one
POSIX interval timer per document (two system calls, not two per rule): when it fires, the
rule running at that moment raises RuleTimeout, is reported by the engine, and the timer is
armed again for the rules after it. Where there is no SIGALRM (Windows) or the caller is not
the main thread, checking runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Seconds all rules together may take on one document before the running one is stopped.
#: Far above any real report (a 50 MB file takes about 8 s): only a hang reaches it.
DOCUMENT_TIMEOUT = 120.0


class RuleTimeout(Exception):
    """Raised inside the rule that was running when the document's time ran out."""


def _raise(signum: int, frame: Any) -> None:
    raise RuleTimeout


_SIGALRM = int(getattr(signal, "SIGALRM", 0))
_ITIMER_REAL = int(getattr(signal, "ITIMER_REAL", 0))


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def document_deadline(seconds: float | None = None) -> Iterator[None]:
    """Arm the timer for one document's check; restore the previous SIGALRM handler after."""
    seconds = DOCUMENT_TIMEOUT if seconds is None else seconds
    if not _usable() or seconds <= 0:
        yield
        return
    previous = signal.signal(_SIGALRM, _raise)
    signal.setitimer(_ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(_ITIMER_REAL, 0)
        signal.signal(_SIGALRM, previous)


def rearm(seconds: float | None = None) -> None:
    """Give the rules after a stopped one a fresh budget."""
    if _usable():
        signal.setitimer(signal.ITIMER_REAL, DOCUMENT_TIMEOUT if seconds is None else seconds)
