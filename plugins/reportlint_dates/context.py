"""Document-level date context: the report period, the signing date, and the year of 3月21日."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from reportlint import Document
from reportlint.plugin import Context, lazy
from reportlint_dates.extract import Mention, Period, find_mentions, find_periods, parse_date

# A title that reviews a period (总结, 述职, 工作报告) versus one that plans ahead (计划, 要点).
# Plain words: stdlib `re` finds them as `regex` would, with less overhead per call.
_SUMMARY_TITLE = lazy(re.compile, r"总结|述职|报告|汇报|回顾|情况")
_PLAN_TITLE = lazy(re.compile, r"计划|规划|要点|打算|方案|安排|思路|展望|意见|通知|目标|任务")
# How many closing paragraphs may hold the signing date (落款: body, unit, date).
_SIGN_WINDOW = 5


@dataclass(frozen=True, slots=True)
class Signing:
    """The 成文日期: a paragraph at the end that is nothing but a full date."""

    date: dt.date
    start: int
    end: int


@dataclass
class DateContext:
    """Everything the date rules share about one document, computed once."""

    doc: Document
    report_year: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    period: tuple[int, int] | None = None  # first and last year the report covers
    period_source: str = ""  # "config" or "title"
    summary: bool = False  # the title reviews a period and does not plan one
    signing: Signing | None = None

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def _prev_dated(self) -> list[int]:
        """For mention i, the index of the last earlier mention with a year and a month (or -1)."""
        out, last = [], -1
        for i, m in enumerate(self.mentions):
            out.append(last)
            if m.begin.month is not None and _last_year(m) is not None:
                last = i
        out.append(last)  # for offsets past the last mention
        return out

    @cached_property
    def _headings(self) -> list[tuple[int, int, int | None]]:
        """(start, level, year named in its title or None) for every heading, in order."""
        out = []
        for h in self.doc.outline.headings:
            year = None
            k = bisect.bisect_left(self._starts, h.title_start)
            while k < len(self.mentions) and self.mentions[k].start < h.title_end:
                year = _last_year(self.mentions[k])
                if year is not None:
                    break
                k += 1
            out.append((h.marker_start, h.level, year))
        return out

    @cached_property
    def _heading_years(self) -> tuple[list[int], list[int | None]]:
        """Heading starts, and for each the year of the nearest heading on its chain that names one."""
        starts: list[int] = []
        years: list[int | None] = []
        stack: list[tuple[int, int | None]] = []  # (level, year) of the enclosing headings
        for start, level, year in self._headings:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, year))
            starts.append(start)
            years.append(next((y for _, y in reversed(stack) if y is not None), None))
        return starts, years

    def _heading_year(self, offset: int) -> int | None:
        """The year in the title of the nearest enclosing heading that names one (一、2023年工作回顾)."""
        starts, years = self._heading_years
        k = bisect.bisect_right(starts, offset) - 1
        return years[k] if k >= 0 else None

    def year_for(self, mention: Mention) -> tuple[int | None, bool]:
        """The year of a mention and whether it is written (True) or taken from context (False).

        Context, in order: the nearest preceding dated mention in the same paragraph, the
        nearest enclosing heading that names a year (一、2023年工作回顾), the report period (one year), the nearest preceding dated mention anywhere, the signing date.
        """
        if mention.begin.year is not None:
            return mention.begin.year.value, True
        i = bisect.bisect_left(self._starts, mention.start)
        j = self._prev_dated[i]
        anywhere: int | None = None
        if j >= 0:
            prev = self.mentions[j]
            anywhere = _last_year(prev)
            para = self.doc.paragraph_at(mention.start)
            if para is not None and prev.start >= para.start:
                return anywhere, False
        heading_year = self._heading_year(mention.start)
        if heading_year is not None:
            return heading_year, False
        if self.period is not None and self.period[0] == self.period[1]:
            return self.period[0], False
        if anywhere is not None:
            return anywhere, False
        if self.signing is not None:
            return self.signing.date.year, False
        return None, False


def _last_year(mention: Mention) -> int | None:
    """The last year a mention writes out (its end's year for a range)."""
    if mention.end_ref is not None and mention.end_ref.year is not None:
        return mention.end_ref.year.value
    return mention.begin.year.value if mention.begin.year is not None else None


def _title_period(doc: Document, mentions: list[Mention]) -> tuple[int, int] | None:
    """The years the title names (2023年…总结 → 2023; 2021—2023年 → 2021..2023)."""
    title = doc.title
    if title is None:
        return None
    years: list[int] = []
    for m in mentions:
        if m.start >= title.end:
            break
        if m.start < title.start:
            continue
        for ref in (m.begin, m.end_ref):
            if ref is not None and ref.year is not None:
                years.append(ref.year.value)
    return (min(years), max(years)) if years else None


def _signing(doc: Document) -> Signing | None:
    """The last paragraph (of the closing few) that is only a full date, e.g. 2023年12月28日."""
    paras = doc.paragraphs
    for para in reversed(paras[-_SIGN_WINDOW:]):
        text = para.text.strip()
        if len(text) > 20:
            continue
        date = parse_date(text)
        if date is not None:
            lead = len(para.text) - len(para.text.lstrip())
            return Signing(date, para.start + lead, para.start + lead + len(text))
    return None


def analyse(doc: Document, report_year: int | None) -> DateContext:
    """Build the date context of a document (mentions, period, signing date)."""
    mentions = find_mentions(doc.text)
    ctx = DateContext(doc, report_year, mentions, find_periods(doc.text))
    title = doc.title.text if doc.title is not None else ""
    if report_year is not None:
        ctx.period, ctx.period_source = (report_year, report_year), "config"
    else:
        ctx.period = _title_period(doc, mentions)
        ctx.period_source = "title" if ctx.period else ""
    plan = bool(_PLAN_TITLE.search(title))
    ctx.summary = ctx.period is not None and not plan and (
        bool(_SUMMARY_TITLE.search(title)) or ctx.period_source == "config")
    ctx.signing = _signing(doc)
    return ctx


def context(doc: Document, ctx: Context) -> DateContext:
    """The date context of ``doc``, built once per check and shared by every D rule (``Context.memo``).

    A configured ``report-year`` sets the period; otherwise the title's years do.
    """
    return ctx.memo("dates.context", lambda d: analyse(d, ctx.config.report_year))


def title_year(doc: Document) -> int | None:
    """The last year the title names (2023年…总结 → 2023; 2021—2023年工作报告 → 2023), or None.

    Reads the title paragraph only: a rule of another family that asks for the report year
    (``Context.report_year``) does not pay for the whole date analysis.
    """
    title = doc.title
    if title is None:
        return None
    years = [ref.year.value for m in find_mentions(title.text) for ref in (m.begin, m.end_ref)
             if ref is not None and ref.year is not None]
    return max(years) if years else None
