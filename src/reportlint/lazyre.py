"""Patterns compiled on first use, so start-up pays only for the rules a text wakes.

Compiling a `regex` pattern runs its parser in Python: the ~140 module-level patterns
of the built-in rules cost about 0.1 s when compiled at import, most of the start-up
budget (bench/startup.py), while a short report wakes only a few of them (most rules
return early on a literal prefilter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The pattern methods rules call in their loops. After the first use each slot holds the
# compiled pattern's bound method, so ``lazy_pattern.finditer`` costs a slot read, not a
# Python-level __getattr__ call (~0.6 µs, paid on every call otherwise).
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands in for a compiled pattern; compiles it on the first attribute access."""

    __slots__ = ("_compile", "_args", "_kwargs", "_pattern", *_METHODS)

    def __init__(self, compile_fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self._compile = compile_fn
        self._args = args
        self._kwargs = kwargs
        self._pattern: Any = None

    def __getattr__(self, name: str) -> Any:
        # Only called for names not found on the object itself: the pattern's methods and fields.
        # An empty method slot lands here too, until the first use fills them all.
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = self._compile(*self._args, **self._kwargs)
            for method in _METHODS:
                if hasattr(pattern, method):
                    setattr(self, method, getattr(pattern, method))
        return getattr(pattern, name)


def lazy(compile_fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``lazy(regex.compile, pattern, flags)``: the pattern, compiled when first used."""
    return LazyPattern(compile_fn, args, kwargs)
