"""The built-in plugins take the route a third-party plugin takes: the public API only."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import reportlint.plugin as api

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
PUBLIC = {"reportlint", "reportlint.plugin", "reportlint.testing"}


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return out


def test_built_in_plugins_import_only_the_public_api():
    bad = []
    for path in sorted(PLUGINS.rglob("*.py")):
        for line, module in _imports(path):
            if (module == "reportlint" or module.startswith("reportlint.")) and module not in PUBLIC:
                bad.append(f"{path.relative_to(PLUGINS)}:{line}: {module}")
    assert not bad, "built-in plugins must import from reportlint.plugin, not internals:\n" + "\n".join(bad)


def test_every_public_callable_and_class_is_documented():
    missing = [name for name in api.__all__
               if (inspect.isclass(getattr(api, name)) or inspect.isfunction(getattr(api, name)))
               and not inspect.getdoc(getattr(api, name))]
    assert not missing
    assert set(api.__all__) <= set(dir(api))


def _plugin_modules() -> list[str]:
    """Every module of the built-in plugin packages, as an importable name."""
    names = []
    for path in sorted(PLUGINS.rglob("*.py")):
        parts = path.relative_to(PLUGINS).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_rule_a_plugin_module_defines_is_registered_the_one_way():
    """One registration style: each module lists its rules in ``RULES`` and its plugin returns them
    all; a rule defined and forgotten (never registered) fails here."""
    import importlib

    from reportlint.api import Linter
    from reportlint.rules import Rule

    registered = {id(r.check_fn) for r in Linter(isolated=True, select=["ALL"]).all_rules().values()}
    problems = []
    for name in _plugin_modules():
        module = importlib.import_module(name)
        defined = [v for v in vars(module).values() if isinstance(v, Rule) and v.origin.startswith(f"{name}.")]
        listed = list(getattr(module, "RULES", []))
        for r in defined:
            if r not in listed:
                problems.append(f"{name}: {r.code} is not in its module's RULES")
            if id(r.check_fn) not in registered:
                problems.append(f"{name}: {r.code} is never registered")
            if not r.source:
                problems.append(f"{name}: {r.code} names no source")
        if listed and not defined:
            problems.append(f"{name}: RULES lists rules defined elsewhere")
    assert not problems, "\n".join(problems)
