"""Text to the token sequence the typo model counts: one code a character, runs folded.

The model and the detector must see text the same way, so both the build script and the
detector call :func:`tokens`. Han characters and punctuation keep their code points;
a run of digits (with the decimal points and thousands commas between them) becomes one
digit token, a run of Latin letters one Latin token, a run of line breaks one break token;
other white space is dropped (a stray space inside a sentence is not context). Half-width
punctuation is mapped to its full-width form, as 公文 writes it (GB/T 15834-2011 4.1).
Every token keeps the offset of its first character in the text, so a finding lands on
the original characters.
"""

from __future__ import annotations

import numpy as np

#: The tokens that stand for a folded run.
DIGIT = ord("0")
LATIN = ord("A")
BREAK = ord("\n")
_DROP = 0  # white space other than a line break: no token

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", "%": "％", "~": "～",
         '"': "“", "\u201d": "“", "'": "‘", "\u2019": "‘", "[": "【", "]": "】", "<": "〈", ">": "〉"}


def _table() -> np.ndarray:
    """Code of each BMP character (0 = dropped); digits, letters and breaks by class."""
    t = np.arange(0x10000, dtype=np.uint32)
    for c in " \t\r\x0b\x0c\xa0\u3000\u2002\u2003\u2009\u200b\u200c\u200d\ufeff":
        t[ord(c)] = _DROP
    for c in "\n\u2028\u2029\x85":
        t[ord(c)] = BREAK
    t[0x30:0x3A] = DIGIT
    t[0xFF10:0xFF1A] = DIGIT
    t[0x41:0x5B] = LATIN
    t[0x61:0x7B] = LATIN
    t[0xFF21:0xFF3B] = LATIN
    t[0xFF41:0xFF5B] = LATIN
    t[0xC0:0x250] = LATIN  # Latin-1 and Latin Extended letters (×, ÷ restored below)
    t[0xD7] = 0xD7
    t[0xF7] = 0xF7
    for half, full in _FULL.items():
        t[ord(half)] = ord(full)
    return t


_TABLE = _table()
_SEPS = np.array([ord(c) for c in ".,．，·"], dtype=np.uint32)


def tokens(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, offsets)``: uint32 token codes and the int64 offset in ``text`` of each token."""
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = raw.size
    if n == 0:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    bmp = raw < 0x10000
    codes = np.where(bmp, _TABLE[np.where(bmp, raw, 0)], raw).astype(np.uint32)
    # A decimal point or thousands comma between two digits belongs to the number.
    if n > 2:
        sep = np.isin(raw[1:-1], _SEPS) & (codes[:-2] == DIGIT) & (codes[2:] == DIGIT)
        codes[1:-1][sep] = DIGIT
    keep = codes != _DROP
    offsets = np.flatnonzero(keep)
    codes = codes[keep]
    # Fold runs: a digit, Latin or break token equal to the one before it is dropped.
    if codes.size > 1:
        prev = np.empty_like(codes)
        prev[0] = 0xFFFFFFFF
        prev[1:] = codes[:-1]
        fold = (codes == prev) & ((codes == DIGIT) | (codes == LATIN) | (codes == BREAK))
        if fold.any():
            codes = codes[~fold]
            offsets = offsets[~fold]
    return codes, offsets.astype(np.int64)


def is_han(codes: np.ndarray) -> np.ndarray:
    """Mask of the tokens that are Han ideographs (the only ones the detector flags)."""
    return ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF)) | (
        (codes >= 0x20000) & (codes <= 0x3134F)
    )
