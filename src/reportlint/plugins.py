"""Plugin manager: built-ins, installed entry points ("reportlint") and local plugin files."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from reportlint import hookspecs
from reportlint.errors import PluginError, ReportlintError
from reportlint.i18n import gettext

ENTRY_POINT_GROUP = "reportlint"
#: Set to a non-empty value to load only the built-in plugins (like PYTEST_DISABLE_PLUGIN_AUTOLOAD).
DISABLE_AUTOLOAD_ENV = "REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"

#: The distribution whose entry points are the built-in plugins. The list of built-ins is written
#: once, in pyproject.toml's ``[project.entry-points.reportlint]``: they are registered through the
#: same group as third-party plugins (DESIGN: listed explicitly, never found by scanning folders).
BUILTIN_DISTRIBUTION = "reportlint"


#: Names of local plugins (config ``plugins``) start with this, then the path or module name.
LOCAL_PREFIX = "local:"


def local_name(path: Path | str) -> str:
    """The name a local plugin is registered under."""
    return f"{LOCAL_PREFIX}{path}"


def _entry_points() -> Iterable[Any]:
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def _is_builtin(ep: Any) -> bool:
    dist = getattr(ep, "dist", None)
    return dist is not None and dist.name == BUILTIN_DISTRIBUTION


class PluginManager:
    """A pluggy manager that remembers which plugins are built in and where each came from."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("reportlint")
        self.pm.add_hookspecs(hookspecs)
        self.builtin: set[str] = set()

    @property
    def hook(self) -> Any:
        return self.pm.hook

    def register(self, plugin: object, name: str, *, builtin: bool = False) -> None:
        if self.pm.get_plugin(name) is not None:
            return
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:  # pluggy validation errors name the hook
            raise PluginError(gettext("plugin {plugin!r} cannot be registered: {reason}").format(plugin=name, reason=exc)) from exc
        if builtin:
            self.builtin.add(name)

    def load_builtins_and_entry_points(self, *, autoload: bool | None = None) -> None:
        """Register the built-ins, then third-party entry points unless autoload is off."""
        if autoload is None:
            autoload = not os.environ.get(DISABLE_AUTOLOAD_ENV)
        found_builtin = False
        for ep in _entry_points():
            is_builtin = _is_builtin(ep)
            found_builtin |= is_builtin
            if not is_builtin and not autoload:
                continue
            try:
                plugin = ep.load()
            except ModuleNotFoundError as exc:
                if is_builtin:  # an editable install whose entry points predate a plugin's removal
                    raise PluginError(
                        gettext("reportlint's installed entry points are stale: built-in plugin {plugin!r} ({value}) no longer exists; "
                                "reinstall reportlint (`pip install -e .` in a source checkout)").format(plugin=ep.name, value=ep.value)
                    ) from exc
                raise PluginError(
                    gettext("plugin {plugin!r} (entry point {value}) failed to load: {reason}").format(plugin=ep.name, value=ep.value, reason=f"{type(exc).__name__}: {exc}")
                ) from exc
            except Exception as exc:
                raise PluginError(
                    gettext("plugin {plugin!r} (entry point {value}) failed to load: {reason}").format(plugin=ep.name, value=ep.value, reason=f"{type(exc).__name__}: {exc}")
                ) from exc
            self.register(plugin, ep.name, builtin=is_builtin)
        if not found_builtin:
            raise PluginError(
                gettext("the built-in plugins are not registered: reportlint's package metadata is missing "
                        "(install it with pip, e.g. `pip install -e .` in a source checkout)")
            )

    def load_local(self, paths: Iterable[Path]) -> None:
        """Register plugin files (``.py``) or importable module names listed in config."""
        for path in paths:
            name = local_name(path)
            if self.pm.get_plugin(name) is not None:
                continue
            self.register(_import_file(path), name)

    def check_pending(self) -> None:
        """Fail at start-up on a hook implementation with no matching spec (a misspelling)."""
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            raise PluginError(gettext("plugin {plugin!r}: {reason}").format(plugin=exc.plugin, reason=exc)) from exc

    def impls(self, hook_name: str) -> list[tuple[str, Any]]:
        """(plugin name, function) for every implementation of a hook, in call order."""
        caller = getattr(self.pm.hook, hook_name)
        return [(impl.plugin_name, impl.function) for impl in reversed(caller.get_hookimpls())]

    def local_plugins(self) -> set[str]:
        """Names of the registered local plugins (files or modules named under ``plugins`` in a config)."""
        return {name for name, _ in self.pm.list_name_plugin() if name.startswith(LOCAL_PREFIX)}

    def hook_caller(self, hook_name: str, skip: Collection[str] = ()) -> Any:
        """The caller of a hook, without the plugins named in ``skip`` (pluggy's subset caller,
        as pytest scopes a conftest to its folder)."""
        if not skip:
            return getattr(self.pm.hook, hook_name)
        return self.pm.subset_hook_caller(hook_name, [p for p in map(self.pm.get_plugin, skip) if p is not None])

    def call_each(
        self, hook_name: str, *, on_error: Callable[[PluginError], None] | None = None, skip: Collection[str] = (),
        **kwargs: Any,
    ) -> Iterator[tuple[str, Any]]:
        """Call every implementation of a hook: (plugin name, its result), in call order.

        A plugin that raises is named in a :class:`PluginError` ("plugin 'x' failed in hook: …",
        the traceback kept as its cause): raised, or passed to ``on_error`` and the other plugins
        still called. A ReportlintError a plugin raises on purpose goes through as it is. Plugins
        named in ``skip`` are not called.
        """
        for name, fn in self.impls(hook_name):
            if name in skip:
                continue
            try:
                result = fn(**kwargs)
                if isinstance(result, Iterator):  # a generator fails while it runs: inside this try
                    result = list(result)
            except ReportlintError:
                raise
            except Exception as exc:
                error = PluginError(gettext("plugin {plugin!r} failed in {hook}: {reason}").format(plugin=name, hook=hook_name, reason=f"{type(exc).__name__}: {exc}"))
                error.__cause__ = exc
                if on_error is None:
                    raise error from exc
                on_error(error)
                continue
            yield name, result


def _import_file(path: Path) -> ModuleType:
    if path.suffix != ".py":
        try:
            return importlib.import_module(str(path))
        except Exception as exc:
            raise PluginError(gettext("plugin {plugin!r} cannot be imported: {reason}").format(plugin=str(path), reason=f"{type(exc).__name__}: {exc}")) from exc
    if not path.is_file():
        raise PluginError(gettext("plugin file {path} does not exist").format(path=path))
    module_name = f"reportlint_local_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(gettext("plugin file {path} cannot be loaded").format(path=path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[module_name]
        raise PluginError(gettext("plugin file {path} failed to import: {reason}").format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc
    return module


_MANAGER: PluginManager | None = None


def get_plugin_manager() -> PluginManager:
    """The process-wide manager with built-ins and entry points loaded (once)."""
    global _MANAGER
    if _MANAGER is None:
        manager = PluginManager()
        manager.load_builtins_and_entry_points()
        manager.check_pending()
        _MANAGER = manager
    return _MANAGER


def reset_plugin_manager() -> None:
    """Forget the process-wide manager (tests; a changed environment)."""
    global _MANAGER
    _MANAGER = None
