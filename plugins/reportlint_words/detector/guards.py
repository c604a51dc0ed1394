"""Positions the detector leaves alone: what looks improbable but is not a typo.

A character model trained on reports has not seen every name, title or quotation, and
those are where its false alarms come from (../shared/typo-detection.md, error analysis).
Each guard here is a mask over the tokens of a text:

- quoted text: inside “…”, ‘…’ and 《…》 (titles, slogans, abbreviations such as “三走”);
- short lines without sentence punctuation: headings, the title and the speaker's name;
- a place abbreviation after 来/赴/在 … (来滇设立): the abbreviations come from the model's
  gazetteer, mined from the reports; and whatever follows 驻 (驻甬部队, 驻村);
- a document's own words: a character pair that occurs twice or more in the document, and
  a rare character the document uses several times (a name: 甬 in a 宁波 report);
and for two-character candidates, an original pair that is itself a known word.
"""

from __future__ import annotations

import numpy as np

from .normalize import BREAK, is_han

_QUOTE = ord("“")  # normalize.py maps ” and " to “: pairs alternate
_SINGLE = ord("‘")
_BOOK = (ord("《"), ord("》"))
#: Longest quotation or title (in tokens) treated as a name; a longer one is prose.
MAX_QUOTE = 40
#: Sentence punctuation: a line with none of these is a heading, title or signature.
_SENTENCE = np.array([ord(c) for c in "，。；：！？"], np.uint32)
MAX_HEADING = 24
#: Characters before a place abbreviation: 驻甬部队, 来滇投资, 赴京, 在闽发展, 援藏, 入川, 返乡 …
_BEFORE_PLACE = np.array([ord(c) for c in "驻来赴在援离入留返回进出"], np.uint32)


def _between_pairs(mask: np.ndarray, marks: np.ndarray) -> None:
    """Mark the tokens between consecutive marks taken two by two (short spans only)."""
    for a, b in zip(marks[0::2], marks[1::2], strict=False):
        if b - a <= MAX_QUOTE:
            mask[a + 1:b] = True


def quoted(codes: np.ndarray) -> np.ndarray:
    """Tokens inside a short quotation, single quotation or 《title》."""
    mask = np.zeros(codes.size, bool)
    _between_pairs(mask, np.flatnonzero(codes == _QUOTE))
    _between_pairs(mask, np.flatnonzero(codes == _SINGLE))
    opens = np.flatnonzero(codes == _BOOK[0])
    closes = np.flatnonzero(codes == _BOOK[1])
    if opens.size and closes.size:
        j = np.searchsorted(closes, opens)
        ok = j < closes.size
        for a, b in zip(opens[ok], closes[j[ok]], strict=True):
            if b - a <= MAX_QUOTE:
                mask[a + 1:b] = True
    return mask


def headings(codes: np.ndarray) -> np.ndarray:
    """Tokens of short lines that hold no sentence punctuation."""
    mask = np.zeros(codes.size, bool)
    breaks = np.flatnonzero(codes == BREAK)
    bounds = np.concatenate(([-1], breaks, [codes.size]))
    punct = np.concatenate(([0], np.cumsum(np.isin(codes, _SENTENCE))))
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        if 0 < b - a - 1 <= MAX_HEADING and punct[b] == punct[a + 1]:
            mask[a + 1:b] = True
    return mask


_ZHU = ord("驻")


def place_abbreviations(codes: np.ndarray, abbreviations: np.ndarray) -> np.ndarray:
    """A gazetteer abbreviation right after 驻/来/赴/在 …, and any character right after 驻
    (驻甬部队, 驻禅部队: 驻 is followed by a place, abbreviated to one character)."""
    mask = np.zeros(codes.size, bool)
    if codes.size > 1:
        prev = codes[:-1]
        mask[1:] = (np.isin(codes[1:], abbreviations) & np.isin(prev, _BEFORE_PLACE)) | (prev == _ZHU)
    return mask


def recurring(bigram_hashes: np.ndarray, length: int, seen: np.ndarray | None = None) -> np.ndarray:
    """Tokens whose bigram with the left or right neighbour occurs twice or more in the text
    (and, given ``seen``, a mask of the bigrams the reports know well, is not one of those)."""
    out = np.zeros(length, bool)
    if bigram_hashes.size:
        _, inv, cnt = np.unique(bigram_hashes, return_inverse=True, return_counts=True)
        again = cnt[inv] >= 2
        if seen is not None:
            again &= ~seen
        out[1:] |= again
        out[:-1] |= again
    return out


_SPACES = np.array([ord(c) for c in " \t\u3000\xa0"], np.uint32)


def after_space(raw: np.ndarray, codes: np.ndarray, offsets: np.ndarray, length: int = 3) -> np.ndarray:
    """The ``length`` tokens after a space that follows a Han character: a name set apart in a
    title block (北京市市长 刘淇, 代省长 王君), which a character model cannot know. ``raw`` is the
    text's code points, ``offsets`` each token's offset in it."""
    mask = np.zeros(codes.size, bool)
    inner = np.flatnonzero((offsets > 0) & (offsets < raw.size))
    if inner.size == 0:
        return mask
    hit = inner[np.isin(raw[offsets[inner] - 1], _SPACES)]
    hit = hit[(hit > 0) & is_han(codes[np.maximum(hit - 1, 0)])]
    for i in hit:
        mask[i:i + length] = True
    return mask


def doc_counts(codes: np.ndarray) -> np.ndarray:
    """How often each token's character occurs in the text."""
    _, inv, cnt = np.unique(codes, return_inverse=True, return_counts=True)
    return cnt[inv]


def counts_among(codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """For each token, how often its character occurs at the positions of ``mask``."""
    out = np.zeros(codes.size, np.int64)
    if mask.any():
        keys, cnt = np.unique(codes[mask], return_counts=True)
        i = np.minimum(np.searchsorted(keys, codes), keys.size - 1)
        out = np.where(keys[i] == codes, cnt[i], 0)
    return out
