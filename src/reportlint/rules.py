"""Rule, Finding, Fix and Severity: the value types every plugin speaks."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlint.context import Context
    from reportlint.document import Document


class Severity(str, enum.Enum):
    """How serious a finding is; ``error`` fails CI, ``info`` is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking (ruff's terms)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``text[start:end]`` by ``replacement``; the span defaults to the finding's."""

    replacement: str
    applicability: Applicability = Applicability.SAFE
    start: int | None = None
    end: int | None = None

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at a character span of a document.

    Rules fill ``code`` to ``fix``; the engine fills the location fields
    (``path``, 1-based ``line``/``column``, exclusive ``end_column``) for output.
    In a paged document (PDF, OFD) ``page``/``end_page`` are the 1-based pages and the
    lines and columns are those of the page; elsewhere ``page`` is 0.
    """

    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.ERROR
    fix: Fix | None = None
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    page: int = 0
    end_page: int = 0

    def fix_span(self) -> tuple[int, int]:
        """The span the fix replaces (its own, or the finding's)."""
        assert self.fix is not None
        start = self.start if self.fix.start is None else self.fix.start
        end = self.end if self.fix.end is None else self.fix.end
        return start, end


@dataclass(frozen=True, slots=True)
class Example:
    """Text a rule must flag (``bad``) or leave alone (``good``); ``fixed`` is the text after its fix."""

    text: str
    bad: bool
    fixed: str | None = None
    filename: str = "example.txt"


#: ``check(rule, doc)`` or ``check(rule, doc, ctx)``: a rule that needs settings (the report
#: year, the profile, plugin config) or scans shared with other rules declares the third
#: parameter, a :class:`~reportlint.context.Context`; the engine passes it (flake8 and pytest
#: likewise give a plugin what its signature asks for).
CheckFn = Callable[..., Iterable[Finding]]


def takes_context(fn: Callable[..., object]) -> bool:
    """True when a check function declares the third parameter (the Context)."""
    import inspect

    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):  # a builtin or C callable: the two-argument form
        return False
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return True
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 3


@dataclass(frozen=True)
class Rule:
    """A check: identity, documentation, and ``check(document) -> findings``.

    The same type whether it is written in Python or declared in a TOML pack.
    """

    code: str
    name: str
    summary: str
    check_fn: CheckFn = field(repr=False, compare=False)
    severity: Severity = Severity.ERROR
    default: bool = True
    fixable: str | None = None  # None, "safe" or "unsafe"
    explanation: str = ""
    source: str = ""
    examples: tuple[Example, ...] = ()
    plugin: str = ""
    origin: str = ""  # pack file or module, for messages about the rule itself

    @property
    def family(self) -> str:
        """The letters before the digits: ``P`` for P101, ``XYZ`` for XYZ001."""
        i = 0
        while i < len(self.code) and self.code[i].isalpha():
            i += 1
        return self.code[:i]

    def check(self, document: Document, context: Context | None = None) -> Iterable[Finding]:
        """The rule's findings on ``document``; ``context`` defaults to the default config's."""
        if takes_context(self.check_fn):
            if context is None:
                from reportlint.context import Context

                context = Context(document)
            return self.check_fn(self, document, context)
        return self.check_fn(self, document)

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | str | None = None,
        *,
        applicability: Applicability | str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Make a finding of this rule; a bare string ``fix`` is a replacement of the span."""
        if isinstance(fix, str):
            appl = Applicability(applicability or self.fixable or "safe")
            fix = Fix(fix, appl)
        return Finding(self.code, self.name, message, start, end, severity or self.severity, fix)

    def with_plugin(self, plugin: str) -> Rule:
        return self if self.plugin else replace(self, plugin=plugin)


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    severity: Severity | str = Severity.ERROR,
    default: bool = True,
    fixable: str | None = None,
    explanation: str = "",
    source: str = "",
    bad: Iterable[str | tuple[str, str]] = (),
    good: Iterable[str] = (),
) -> Callable[[CheckFn], Rule]:
    """Decorator turning ``def check(rule, doc)`` into a :class:`Rule`.

    ``bad`` items are texts or ``(text, fixed_text)`` pairs; ``good`` are texts.
    """

    def make(fn: CheckFn) -> Rule:
        examples: list[Example] = []
        for item in bad:
            if isinstance(item, tuple):
                examples.append(Example(item[0], True, item[1]))
            else:
                examples.append(Example(item, True))
        examples.extend(Example(text, False) for text in good)
        return Rule(
            code=code,
            name=name,
            summary=summary,
            check_fn=fn,
            severity=Severity.parse(severity),
            default=default,
            fixable=fixable,
            explanation=inspect.cleandoc(explanation or fn.__doc__ or ""),
            source=source,
            examples=tuple(examples),
            origin=f"{fn.__module__}.{fn.__qualname__}",
        )

    return make
