"""The exceptions that become one clear line and exit code 2."""

from __future__ import annotations


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
