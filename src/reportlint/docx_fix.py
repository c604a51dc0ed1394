"""Editing a .docx at text offsets: split runs at a span, replace a span's text, fix a copy.

:class:`DocxEditor` reopens the bytes a .docx Document was read from and keeps,
for every Word paragraph, the live ``w:r`` elements with their offsets in
``doc.text``. Splitting a run copies its formatting (``w:rPr``) to both halves,
so a span can be covered by whole runs (Word comments) and a fix changes only the
text of the runs it touches; every other run is left byte for byte as it was.
"""

from __future__ import annotations

import bisect
import copy
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlint.document import Document
from reportlint.errors import InputError
from reportlint.i18n import gettext as _
from reportlint.readers.docx import TEXT_TAGS, DocxMap, flatten, iter_paragraphs, open_word, run_text, text_runs
from reportlint.rules import Finding

if TYPE_CHECKING:
    from pathlib import Path

    from reportlint.config import Config
    from reportlint.engine import LintResult

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"



def _content(r: Any) -> list[Any]:
    """A run's children other than its properties."""
    return [c for c in r if c.tag != _W + "rPr"]


def _length(child: Any) -> int:
    return len(str(child)) if child.tag in TEXT_TAGS else 0


def _set_t(t: Any, text: str) -> None:
    """Set a ``w:t``'s text, preserving spaces Word would otherwise trim."""
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def split_run(r: Any, k: int) -> Any:
    """Split run ``r`` after its ``k``-th character; return the new right-hand run (same formatting)."""
    right = copy.deepcopy(r)
    pos = 0
    for left_child, right_child in zip(_content(r), _content(right), strict=True):
        n = _length(left_child)
        if pos + n <= k and (n > 0 or pos < k):
            right.remove(right_child)  # wholly before the cut
        elif pos >= k:
            r.remove(left_child)  # wholly after the cut (empty children at the cut go right)
        else:  # a w:t straddling the cut
            text = left_child.text or ""
            _set_t(left_child, text[: k - pos])
            _set_t(right_child, text[k - pos :])
        pos += n
    r.addnext(right)
    return right


@dataclass
class _Para:
    """A live Word paragraph: its python-docx object and ``[start, end, w:r]`` segments."""

    obj: Any
    start: int
    end: int
    segs: list[list[Any]] = field(default_factory=list)


class DocxEditor:
    """A .docx opened for editing at offsets of the Document read from the same bytes."""

    def __init__(self, data: bytes, doc: Document | None = None, path: str = "<docx>") -> None:
        self.path = path
        self.word = open_word(path, data)
        self.paras: list[_Para] = []
        pos = 0
        for p, _unused in iter_paragraphs(self.word):
            para = _Para(p, pos, pos)
            for r in text_runs(p._p):
                n = len(run_text(r))
                para.segs.append([pos, pos + n, r])
                pos += n
            para.end = pos
            self.paras.append(para)
            pos += 1
        if doc is not None:
            self._check_same(doc)

    def _check_same(self, doc: Document) -> None:
        """The Document must come from these bytes: same map, same text."""
        meta = doc.meta.get("docx")
        if isinstance(meta, DocxMap):
            mine = tuple((p.start, tuple((seg[0], seg[1]) for seg in p.segs)) for p in self.paras)
            if mine != meta.paragraphs:
                raise InputError(f"{self.path}: " + _("the .docx does not match the checked document (changed since it was read)"))
        if self.text() != doc.text:
            raise InputError(f"{self.path}: " + _("the .docx does not match the checked document (changed since it was read)"))

    def text(self) -> str:
        """The Document text of the current state (one line per paragraph)."""
        return "\n".join(flatten("".join(run_text(seg[2]) for seg in p.segs)) for p in self.paras)

    def _para(self, offset: int) -> _Para | None:
        i = bisect.bisect_right([p.start for p in self.paras], offset) - 1
        if i >= 0 and self.paras[i].start <= offset <= self.paras[i].end:
            return self.paras[i]
        return None

    def split_at(self, offset: int) -> tuple[Any, Any] | None:
        """Make ``offset`` a run boundary; the (left, right) runs if one was split, else None."""
        para = self._para(offset)
        if para is None:
            return None
        for i, (s, e, r) in enumerate(para.segs):
            if s < offset < e:
                right = split_run(r, offset - s)
                para.segs[i:i + 1] = [[s, offset, r], [offset, e, right]]
                return r, right
        return None

    def runs_in(self, start: int, end: int) -> list[tuple[Any, Any]]:
        """(w:r, paragraph) of the runs covering exactly ``[start, end)``, after splitting at both ends."""
        self.split_at(start)
        self.split_at(end)
        out: list[tuple[Any, Any]] = []
        for para in self.paras:
            if para.end < start or para.start > end:
                continue
            out.extend((r, para.obj) for s, e, r in para.segs if start <= s and e <= end and s < e)
        return out

    def replace(self, start: int, end: int, new: str) -> bool:
        """Replace ``text[start:end]`` by ``new`` inside one paragraph; False if that cannot be done faithfully.

        Only the runs covering the span change; the inserted text takes the
        formatting of the first run covered (or, for an insertion, of the run before it).
        """
        para = self._para(start)
        if para is None or end > para.end or "\n" in new or "\r" in new:
            return False  # a fix across a paragraph end (or adding one) would change Word structure
        raw = "".join(run_text(seg[2]) for seg in para.segs)[start - para.start : end - para.start]
        if "\n" in raw or "\r" in raw:
            return False  # the span holds a soft line break (shown as a space in the text)
        splits = [pair for pair in (self.split_at(start), self.split_at(end)) if pair is not None]
        covered = [seg for seg in para.segs if start <= seg[0] and seg[1] <= end and seg[0] < seg[1]]
        if covered:
            # The new text goes where the first covered character was, in that run's formatting.
            t = _text_element(new) if new else None
            if t is not None:
                [c for c in _content(covered[0][2]) if _length(c) > 0][0].addprevious(t)
            for _s, _e, r in covered:
                for c in _content(r):
                    if _length(c) > 0 and c is not t:
                        r.remove(c)
                if not _content(r):  # nothing left in it (and not the run given the new text)
                    r.getparent().remove(r)
        elif new:
            self._insert(para, start, new)
        # Rejoin the pieces the splits made where they still sit side by side with the same formatting,
        # so the edit shows in Word as a change of text only.
        pieces = [r for pair in splits for r in pair]
        for r in pieces:
            while r.getparent() is not None:
                nxt = r.getnext()
                if nxt is None or not any(nxt is q for q in pieces):
                    break
                _rejoin(r, nxt)
                if nxt.getparent() is not None:  # different formatting: left as two runs
                    break
        self._relayout(para)
        return True

    def _insert(self, para: _Para, at: int, new: str) -> None:
        """Insert text at a run boundary: at the end of the run before it, else the start of the run after it."""
        before = [r for s, e, r in para.segs if e == at and s < e]
        after = [r for s, e, r in para.segs if s == at and s < e]
        if before:
            [c for c in _content(before[-1]) if _length(c) > 0][-1].addnext(_text_element(new))
        elif after:
            [c for c in _content(after[0]) if _length(c) > 0][0].addprevious(_text_element(new))
        else:  # an empty paragraph, or only empty runs
            para.segs.append([at, at, para.obj.add_run()._r])
            para.segs[-1][2].append(_text_element(new))

    def _relayout(self, para: _Para) -> None:
        """Recompute the paragraph's run offsets after an edit, drop emptied runs, shift later paragraphs."""
        pos = para.start
        kept = []
        for seg in para.segs:
            r = seg[2]
            if r.getparent() is None:
                continue
            n = len(run_text(r))
            kept.append([pos, pos + n, r])
            pos += n
        para.segs = kept
        delta = pos - para.end
        para.end = pos
        if delta:
            for later in self.paras[self.paras.index(para) + 1 :]:
                later.start += delta
                later.end += delta
                for seg in later.segs:
                    seg[0] += delta
                    seg[1] += delta

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.word.save(buf)
        return buf.getvalue()


def _rejoin(left: Any, right: Any) -> None:
    """Merge ``right`` into ``left`` if both are still adjacent runs with the same formatting."""
    from lxml import etree

    if left.getparent() is None or right.getparent() is None or left.getnext() is not right:
        return
    lp, rp = left.find(_W + "rPr"), right.find(_W + "rPr")
    if (lp is None) != (rp is None) or (lp is not None and etree.tostring(lp) != etree.tostring(rp)):
        return
    for child in _content(right):
        last = _content(left)[-1] if _content(left) else None
        if last is not None and last.tag == child.tag == _W + "t":
            _set_t(last, (last.text or "") + (child.text or ""))
        else:
            left.append(child)
    right.getparent().remove(right)


def _text_element(text: str) -> Any:
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    _set_t(t, text)
    return t


def chosen_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> list[tuple[int, int, str]]:
    """The non-overlapping fixes :func:`reportlint.fixes.apply_fixes` would apply, as (start, end, replacement)."""
    from reportlint.fixes import select_fixes

    return select_fixes(findings, unsafe=unsafe)


def apply_docx_fixes(data: bytes, doc: Document, findings: Sequence[Finding], *, unsafe: bool = False) -> tuple[bytes, int]:
    """Apply one pass of fixes to the .docx ``data`` was read as ``doc``; the new bytes and how many applied.

    A fix that would cross or add a paragraph end is skipped (Word structure is not rewritten).
    """
    fixes = chosen_fixes(findings, unsafe=unsafe)
    if not fixes:
        return data, 0
    editor = DocxEditor(data, doc, doc.path)
    applied = 0
    for start, end, new in sorted(fixes, reverse=True):  # from the end, so earlier offsets stay valid
        if editor.replace(start, end, new):
            applied += 1
    return (editor.save(), applied) if applied else (data, 0)


def fix_docx(linter: Any, doc: Document, data: bytes, config: Config | None = None, *, unsafe: bool = False) -> tuple[bytes, Document, LintResult]:
    """Fix pass after pass until none applies: the fixed bytes, their Document and its remaining findings."""
    from reportlint.fixes import MAX_FIX_PASSES
    from reportlint.readers.docx import read_docx

    total = 0
    result = linter.check_document(doc, config)
    seen = {hash(doc.text)}
    for _pass in range(MAX_FIX_PASSES):  # as Linter.fix_document: until stable, at most MAX_FIX_PASSES
        if result.problems:
            break
        new_data, n = apply_docx_fixes(data, doc, result.findings, unsafe=unsafe)
        if n == 0:
            break
        total += n
        new_doc = read_docx(doc.path, new_data)
        if hash(new_doc.text) in seen:  # fixes undoing each other
            total -= n
            break
        seen.add(hash(new_doc.text))
        data, doc = new_data, new_doc
        result = linter.check_document(doc, config)
    result.fixed = total
    return data, doc, result


def output_path(output: Path, source: Path | None, display: str, what: str) -> Path:
    """Where a new .docx goes: ``output`` itself, or ``output/<name>`` if it is a folder; never the source."""
    from pathlib import Path as _Path

    target = output / _Path(display).name if output.is_dir() else output
    if source is not None and target.exists() and target.resolve() == source.resolve():
        raise InputError(f"{display}: " + _("{what} would overwrite the original; give another file").format(what=what))
    if target.suffix.lower() != ".docx":
        raise InputError(f"{display}: " + _("{what} must be a .docx file, not {name}").format(what=what, name=target.name))
    return target


def fix_docx_cli(
    linter: Any, doc: Document, data: bytes, config: Config | None, display: str, source: Path | None,
    *, output: Path | None, diff: bool, unsafe: bool, diffs: list[str],
) -> LintResult:
    """``--fix --output new.docx`` and ``--diff`` for a .docx: the original is never rewritten."""
    from reportlint.engine import Problem
    from reportlint.fixes import write_atomic

    if not diff and output is None:
        result = linter.check_document(doc, config)
        result.problems.append(Problem(display, _("fixing a .docx in place is not supported; give --fixed-output new.docx (the original is never rewritten)")))
        return result
    def unfixed(exc: InputError) -> LintResult:
        # Nothing was written, so every finding of the original still stands and is reported
        # (issue 23: a fix that did not reach a file is never counted, and its defect never hidden).
        result = linter.check_document(doc, config)
        result.problems.append(Problem(display, str(exc).removeprefix(f"{display}: ")))
        return result

    try:
        target = None if diff or output is None else output_path(output, source, display, "--fixed-output")
        new_data, fixed_doc, result = fix_docx(linter, doc, data, config, unsafe=unsafe)
    except InputError as exc:
        return unfixed(exc)
    if diff:
        if fixed_doc.text != doc.text:
            from reportlint.fixes import unified_diff

            diffs.append(unified_diff(doc.text, fixed_doc.text, display))
        result.fixed = 0
        return result
    assert target is not None
    try:
        write_atomic(target, new_data, display=str(target))
    except InputError as exc:
        return unfixed(exc)
    result.document = fixed_doc
    return result
