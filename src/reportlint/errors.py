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
