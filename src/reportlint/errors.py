"""The exceptions that become one clear line and exit code 2."""

from __future__ import annotations

import errno as _errno

from reportlint.i18n import N_
from reportlint.i18n import gettext as _gettext


class ReportlintError(Exception):
    """A problem the user can fix; its message is the line they see."""


class InputError(ReportlintError):
    """A file that cannot be read as a document (missing, binary, undecodable, corrupt)."""


class ConfigError(ReportlintError):
    """A bad config file, key or value; the message names the file and the key."""


class PackError(ReportlintError):
    """A TOML rule pack that cannot be loaded; the message names the pack and entry."""


class PluginError(ReportlintError):
    """A plugin that failed to load or crashed; the message names the plugin and rule."""


def one_line(message: str) -> str:
    """``message`` on one line: every line break (``\\n``, ``\\r\\n``, U+2028 …) becomes a space.

    Errors are one line each on stderr (a tool reading them splits on lines), whatever a
    library put in its exception text (an XML parser quoting a value with a newline, say).
    """
    return " ".join(part.strip() for part in message.splitlines() if part.strip()) if message else message


# The reason an operating-system call failed, in the language in use. ``exc.strerror`` is the C
# library's text, English whatever --lang says, so a Chinese line read "无法写入：No space left on
# device；文件未改动" (issue 23's full disk). The msgids are glibc's own texts, so English output is
# what it always was; an errno not listed here keeps the system's wording.
_REASONS: dict[int, str] = {
    _errno.EACCES: N_("Permission denied"),
    _errno.EPERM: N_("Operation not permitted"),
    _errno.ENOSPC: N_("No space left on device"),
    _errno.EROFS: N_("Read-only file system"),
    _errno.EFBIG: N_("File too large"),
    _errno.EIO: N_("Input/output error"),
    _errno.ENOENT: N_("No such file or directory"),
    _errno.EISDIR: N_("Is a directory"),
    _errno.ENOTDIR: N_("Not a directory"),
    _errno.ENAMETOOLONG: N_("File name too long"),
    _errno.ELOOP: N_("Too many levels of symbolic links"),
    _errno.EBUSY: N_("Device or resource busy"),
    _errno.EEXIST: N_("File exists"),
    _errno.EPIPE: N_("Broken pipe"),
}
if hasattr(_errno, "EDQUOT"):
    _REASONS[_errno.EDQUOT] = N_("Disk quota exceeded")


def os_reason(exc: BaseException) -> str:
    """Why ``exc`` (an OSError, usually) happened, translated when its errno is a common one."""
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in _REASONS:
        return _gettext(_REASONS[code])
    return str(getattr(exc, "strerror", None) or exc)
