"""Running a helper program (the PDF parser's process, LibreOffice) with a time limit, and nothing left behind.

The child gets its own process group (session), so a timeout kills it and every process
it started (soffice.bin under the soffice script), and is waited for before returning.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence


class ChildTimeout(Exception):
    """The child ran past its time limit; it and its process group have been killed."""


def run(cmd: Sequence[str], *, data: bytes = b"", timeout: float, env: dict[str, str] | None = None,
        cwd: str | None = None) -> tuple[int, bytes, bytes]:
    """(return code, stdout, stderr) of ``cmd`` fed ``data``; ChildTimeout after ``timeout`` seconds."""
    proc = subprocess.Popen(
        list(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env=env, cwd=cwd,
    )
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ChildTimeout from None
    except BaseException:  # KeyboardInterrupt, a broken pipe: never leave the child running
        _kill_group(proc)
        raise
    finally:
        if proc.returncode is None:  # pragma: no cover - communicate() returned, so it has exited
            _kill_group(proc)
    if proc.returncode is not None and hasattr(os, "killpg"):
        # The leader is gone; anything it left in its group (a daemonised soffice.bin) goes too.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    return proc.returncode, out, err


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:  # pragma: no cover - Windows: no process groups here
        proc.kill()
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):  # pragma: no cover
        proc.wait()
