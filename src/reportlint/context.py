"""Context: what the engine tells a rule about one check beyond the document itself.

The :class:`~reportlint.document.Document` is what was read, and nobody changes it after the
reader made it. Everything that depends on *how* it is checked — the config that governs the
file, the report year and profile, the scans several rules share — travels in a Context the
engine makes for each check and hands to every rule that asks for it (a check function with a
third parameter, ``def check(rule, doc, ctx)``). Checking one Document twice under two configs
therefore gives each config's own answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from reportlint.config import Config
    from reportlint.document import Document

T = TypeVar("T")

#: ``infer_year(document, context)``: the year a document covers, read from its text, or None.
YearInference = Callable[["Document", "Context"], "int | None"]

_UNSET: Any = object()


class Context:
    """Settings and shared scans for one check of one document; made by the engine.

    - ``config``: the :class:`~reportlint.config.Config` governing the file (its own table of
      plugin keys under ``config.extra``).
    - ``profile``: the configured document type (工作总结, 述职报告 …) or None.
    - ``report_year``: the configured year, else the year a plugin reads from the text (the dates
      family reads the title's year through the ``reportlint_report_year`` hook), else None.
    - ``memo(key, factory)``: a scan shared by the rules of one family (one code letter).
    - ``shared(key, factory)``: a scan shared by every rule of the check, whatever its family.
    """

    __slots__ = ("document", "config", "_family", "_shared", "_infer_year", "_year")

    def __init__(self, document: Document, config: Config | None = None, *, infer_year: YearInference | None = None) -> None:
        if config is None:
            from reportlint.config import Config

            config = Config()
        self.document = document
        self.config = config
        self._family: dict[str, Any] = {}
        self._shared: dict[str, Any] = {}
        self._infer_year = infer_year
        self._year: Any = _UNSET

    @property
    def profile(self) -> str | None:
        return self.config.profile

    @property
    def report_year(self) -> int | None:
        """The year the report covers: configured (``report-year``), else read from the text, else None."""
        if self._year is _UNSET:
            year = self.config.report_year
            if year is None and self._infer_year is not None:
                year = self._infer_year(self.document, self)
            self._year = year
        return self._year  # type: ignore[no-any-return]

    def memo(self, key: str, factory: Callable[[Document], T]) -> T:
        """``factory(document)`` computed once and shared by the rules of one family.

        Scan once: every D rule needs the dates found in the text, so they share one analysis.
        The engine runs rules grouped by the first letter of their code and forgets these
        results when the letter changes (memory on huge files): share within a family, and use
        :meth:`shared` for what several families need.
        """
        cache = self._family
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = cache[key] = factory(self.document)
            return value

    def shared(self, key: str, factory: Callable[[Document], T]) -> T:
        """``factory(document)`` computed once and kept for the whole check (every family)."""
        cache = self._shared
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = cache[key] = factory(self.document)
            return value

    def next_family(self) -> None:
        """Forget the family-scoped scans (the engine calls it when the code letter changes)."""
        if self._family:
            self._family = {}
