"""Family M, characters: invisible format characters, controls, private use, broken text (catalogue H06, H07)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from reportlint import Document, Finding, Rule, rule
from reportlint.plugin import HAN, Context, LiteralMatcher, lazy
from reportlint_markup.prefilter import latin

# Zero-width and format characters that never belong in a report: ZWSP, ZWNJ, ZWJ, word joiner,
# invisible operators, BOM inside the text, soft hyphen, Mongolian vowel separator, and the bidi
# embeddings/overrides/isolates (U+202A-202E, U+2066-2069) and marks (U+200E/200F, U+061C).
_FORMAT = lazy(re.compile, r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069\u061c]")
_NAMES = {
    "\u200b": "零宽空格 U+200B", "\u200c": "零宽不连字 U+200C", "\u200d": "零宽连字 U+200D",
    "\u200e": "从左至右标记 U+200E", "\u200f": "从右至左标记 U+200F", "\u2060": "词连接符 U+2060",
    "\ufeff": "字节顺序标记 U+FEFF", "\u00ad": "软连字符 U+00AD", "\u180e": "蒙古文元音分隔符 U+180E",
    "\u061c": "阿拉伯字母标记 U+061C",
}
# ZWJ/ZWNJ are meaningful inside emoji sequences and Indic/Arabic words: only flag them next to
# Han, CJK punctuation or ASCII, where they can only be paste residue.
_JOINERS = {"\u200c", "\u200d"}
_PLAIN_NEIGHBOUR = lazy(re.compile, f"[{HAN}\u3000-\u303f\uff00-\uffef\x20-\x7e]")

# C0 controls other than tab, LF and CR; DEL; C1 controls (U+0080-009F, usually cp1252 residue).
_CONTROL = lazy(re.compile, r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_EDGE = ("", "\n", "\r")
# Private Use Area: Word symbol-font glyphs (Wingdings bullets) and unmapped GBK user-defined codes.
# `regex`, not re: a pattern that is one character range gets its fast scan (~0.2 vs ~1 ms/MB).
_PUA = lazy(regex.compile, r"[\ue000-\uf8ff]+")

# Mojibake literals: GBK bytes of U+FFFD read back (锟斤拷), MSVC fill bytes 0xCC/0xCD shown as GBK
# (烫烫烫, 屯屯屯). UTF-8 curly quotes and dashes (E2 80 xx) read as GBK all start with 鈥, a
# character no modern text uses: 鈥溾€, 鈥滃, 鈥濓紝, 鈥斺.
_MOJIBAKE_WORDS = ("锟斤拷", "烫烫烫", "屯屯屯")
_MOJIBAKE_LITERALS = LiteralMatcher({w: w for w in _MOJIBAKE_WORDS})
_GBK_QUOTE = lazy(re.compile, f"鈥+[{HAN}\ufffd€]?")
# UTF-8 read as Windows-1252/Latin-1 (â€œ, Ã©, Â·, ä¸­æ–‡): a run of Latin-1 letters and cp1252
# punctuation; each candidate is confirmed by re-encoding it and decoding the bytes as UTF-8.
_CP1252_EXTRA = "ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™"
_MAX_RUN = 60  # re-decoding tries every prefix: bound the work on a long Latin-1 run
_LATIN_RUN = lazy(re.compile, "[\u00c0-\u00ff][\u0080-\u00ff" + _CP1252_EXTRA + "]+")


# Prefilters. Each rule asks only for its own characters: a `re` class scan costs ~1 ms/MB
# whatever it holds. The Latin-1 ones (controls, soft hyphen, Latin-1 letters) are looked for
# among the text's Latin-1 characters (prefilter.latin); M104's others by one find each, but
# U+2060-2069, whose low bytes are also the high bytes of common Han (是有服), by one `regex`
# range scan (U+2065 is unassigned: a wider net, never a finding).
_FORMAT_FINDS = "\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"
_FORMAT_RANGE = lazy(regex.compile, "[\u2060-\u2069]")
_ALL_BYTES = bytes(range(256))
_NOT_CONTROL = _ALL_BYTES.translate(None, bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + bytes(range(0x7f, 0xa0)))
_BELOW_C0 = bytes(range(0xc0))


def _has_format_char(doc: Document, ctx: Context) -> bool:
    """Whether the text may hold a character _FORMAT matches."""
    text = doc.text
    for c in _FORMAT_FINDS:  # a plain loop: cheaper than any() over a generator
        if c in text:
            return True
    return 0xAD in latin(ctx) or _FORMAT_RANGE.search(text) is not None


def _neighbours_plain(text: str, i: int) -> bool:
    """True if a character next to offset ``i`` is Han, CJK punctuation or ASCII."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return bool(_PLAIN_NEIGHBOUR.match(before) or _PLAIN_NEIGHBOUR.match(after))


@rule(
    "M104",
    "invisible-format-char",
    "A zero-width, soft-hyphen, BOM or bidi control character inside the text",
    fixable="safe",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Zero-width spaces and joiners, a byte-order mark inside the text, soft hyphens and "
        "bidirectional controls are invisible to a proofreader but break search, copy and "
        "word counts; bidi controls can even reorder what is displayed. Deleting them changes "
        "nothing a reader sees, so the fix is safe."
    ),
    bad=[("落\u200b实", "落实"), ("推进\u202e工作", "推进工作"), ("全面\u00ad从严", "全面从严")],
    good=["落实工作", "👨\u200d👩\u200d👧"],
)
def invisible_format_char(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag each zero-width, format or bidi control character; the fix deletes it."""
    if not _has_format_char(doc, ctx):
        return
    text = doc.text
    for m in _FORMAT.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\ufeff" and i == 0:  # a leading BOM that the reader did not strip is an encoding mark
            continue
        if ch in _JOINERS and not _neighbours_plain(text, i):
            continue
        name = _NAMES.get(ch, f"双向文本控制符 U+{ord(ch):04X}")
        yield self.finding(i, i + 1, f"不可见字符（{name}），应删除", "")


@rule(
    "M105",
    "control-char",
    "A control character (C0 other than tab/LF/CR, DEL or C1) in the text",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Control characters come from conversions (a vertical tab for a Word line break, a form "
        "feed for a page break, C1 codes from a wrong code page). They render as boxes or not at "
        "all. Whether a space or nothing should replace them needs a look, so there is no fix."
    ),
    bad=["成效\x0b明显", "工作\x07总结", "推进\x85工作", "第一\x0c页"],
    good=["成效明显\t（表）", "第一行\r\n第二行", "第一页\n\x0c第二页"],
)
def control_char(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag each control character other than tab, LF and CR."""
    if not latin(ctx).translate(None, _NOT_CONTROL):  # every control lies below U+00A0
        return
    text = doc.text
    for m in _CONTROL.finditer(text):
        i = m.start()
        if m.group() == "\x0c" and (text[i - 1 : i] in _LINE_EDGE or text[i + 1 : i + 2] in _LINE_EDGE):
            continue  # a form feed at a line edge is a page break (Word and pdftotext plain-text export)
        yield self.finding(m.start(), m.end(), f"控制字符 U+{ord(m.group()):04X}，应删除或换成空格、换行")


@rule(
    "M106",
    "private-use-char",
    "A Private Use Area character (symbol-font glyph or unmapped code) in the text",
    severity="warning",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "Private Use Area characters (U+E000-F8FF) are Word symbol-font glyphs such as Wingdings "
        "bullets, or GBK user-defined codes. They show correctly only with the font that defined "
        "them; elsewhere the reader sees a box or a wrong glyph. Replace them with a standard "
        "character (a bullet, a check mark) or an image."
    ),
    bad=["\uf06c加强党建", "推进\ue000工作"],
    good=["● 加强党建", "√ 已完成"],
)
def private_use_char(self: Rule, doc: Document) -> Iterator[Finding]:
    """Flag each run of Private Use Area characters."""
    for m in _PUA.finditer(doc.text):
        codes = "、".join(f"U+{ord(c):04X}" for c in m.group()[:3])
        yield self.finding(m.start(), m.end(), f"私用区字符（{codes}），换用标准字符")


def _cp1252_bytes(s: str) -> bytes | None:
    """The bytes that ``s`` was decoded from as Windows-1252 (Latin-1 for its holes), or None."""
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


# What a mis-decoded Chinese report was made of: ASCII and Latin letters, general and CJK punctuation,
# Han characters, full-width forms. A re-decoding into Hebrew, Greek or Cyrillic is a coincidence of
# two ordinary characters (“数据要素×”: × and ” are the bytes D7 94, the UTF-8 of ה), not evidence.
_PLAUSIBLE = ((0x20, 0x24F), (0x2000, 0x206F), (0x2100, 0x22FF), (0x2460, 0x24FF), (0x2E80, 0x303F),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _PLAUSIBLE)


def _redecode(run: str) -> tuple[int, str] | None:
    """(length, decoded) for the longest prefix of ``run`` that is UTF-8 misread as cp1252."""
    raw = _cp1252_bytes(run)
    if raw is None:
        return None
    for end in range(len(run), 1, -1):
        try:
            decoded = raw[:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(ord(c) > 0x7F for c in decoded) and all(
            c.isprintable() and unicodedata.category(c) != "Cn" and _plausible(c) for c in decoded
        ):
            return end, decoded
    return None


@rule(
    "M107",
    "broken-text",
    "A replacement character U+FFFD or a mojibake signature (锟斤拷, â€œ, Ã©)",
    source="Regulations on the Handling of Party and Government Documents (2012), Art. 20(4): the use of characters, numbers and punctuation must be correct",
    explanation=(
        "U+FFFD (�) marks bytes a program could not decode; 锟斤拷 and 烫烫烫 are the classic "
        "GBK renderings of broken or uninitialised bytes; â€œ, Ã© and ä¸­ are UTF-8 text read "
        "as Windows-1252 (only when the re-decoded text is Chinese or Western text: a lone × before ” in "
        "“数据要素×” is a name, not Hebrew). The original characters are lost or garbled and must be retyped from "
        "the source. Where the garbling can be reversed, the message says what was meant."
    ),
    bad=["推进\ufffd作", "锟斤拷锟斤拷", "鈥滃洓椋庘", "â€œå››é£Žâ€\x9d问题", "cafÃ©"],
    good=["推进工作", "café", "Ärger über", "“四风”问题", "实施“数据要素×”行动", "“人工智能+”“数据要素×”"],
)
def broken_text(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag U+FFFD runs, GBK mojibake literals and UTF-8-as-cp1252 runs that re-decode cleanly."""
    text = doc.text
    pos = text.find("\ufffd")
    while pos != -1:
        end = pos
        while end < len(text) and text[end] == "\ufffd":
            end += 1
        yield self.finding(pos, end, "替换字符“\ufffd”：原文字已损坏，应按原稿重新录入")
        pos = text.find("\ufffd", end)
    last = -1
    # Three literals: their first characters (a find each), the automaton only when one is there.
    mojibake = ("锟" in text or "烫" in text or "屯" in text) and any(w in text for w in _MOJIBAKE_WORDS)
    for start, end, word in _MOJIBAKE_LITERALS.finditer(text) if mojibake else ():
        if start < last:  # 锟斤拷锟斤拷 overlaps itself; one finding per run
            continue
        last = end
        yield self.finding(start, end, f"乱码“{word}”：编码转换错误，应按原稿重新录入")
    for m in _GBK_QUOTE.finditer(text) if "鈥" in text else ():
        yield self.finding(m.start(), m.end(), f"乱码“{m.group()}”：UTF-8 引号或破折号被按 GBK 读出，应按原稿改回")
    # A run starts with a Latin-1 letter (U+00C0-00FF).
    for m in _LATIN_RUN.finditer(text) if latin(ctx).translate(None, _BELOW_C0) else ():
        got = _redecode(m.group()[:_MAX_RUN])
        if got is None:
            continue
        length, decoded = got
        bad = m.group()[:length]
        yield self.finding(
            m.start(), m.start() + length, f"乱码“{bad}”：UTF-8 文字被按西文编码读出，原文应为“{decoded}”"
        )


RULES = [invisible_format_char, control_char, private_use_char, broken_text]
