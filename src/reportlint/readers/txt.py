"""Plain text: encoding detection (UTF-8 ± BOM, UTF-16 with BOM, GB18030 fallback)."""

from __future__ import annotations

import codecs

import regex

from reportlint.document import Document
from reportlint.errors import InputError
from reportlint.i18n import gettext
from reportlint.lazyre import lazy

_CONTROL_OK = {"\t", "\n", "\r", "\f"}
# C0 control bytes other than \t \n \f \r: many of them mean the bytes are not text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
# CJK ideographs, CJK punctuation and full-width forms: what a 公文 in UTF-16 decodes to.
_CJK_TEXT = lazy(regex.compile, r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


# Above this size bytes are decoded in slices: CPython's one-shot UTF-8 decoder peaks at about
# 4.5 bytes per character for Chinese text (150 MB for a 50 MB file), slices at twice the result.
_CHUNKED_ABOVE = 8 << 20
_CHUNK = 4 << 20


def _decode(data: bytes | memoryview, encoding: str) -> str:
    """``data`` decoded strictly; large inputs slice by slice, with the one-shot error on failure."""
    if len(data) <= _CHUNKED_ABOVE:
        return bytes(data).decode(encoding) if isinstance(data, memoryview) else data.decode(encoding)
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        parts = [decoder.decode(view[i : i + _CHUNK]) for i in range(0, len(view), _CHUNK)]
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        bytes(data).decode(encoding)  # raises the same error with its offset in the whole input
        raise
    return "".join(parts)


def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """(text, encoding, bom) for ``data``; InputError for binary or undecodable bytes.

    GB18030 is tried only after strict UTF-8 fails: every ASCII and almost no
    non-ASCII UTF-8 text is also valid GB18030, never the other way round.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(memoryview(data)[3:], "utf-8", path), "utf-8", True
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(f"{path}: " + gettext("UTF-32 text is not supported; save it as UTF-8"))
    if data.startswith(b"\xff\xfe"):
        return _strict(memoryview(data)[2:], "utf-16-le", path), "utf-16-le", True
    if data.startswith(b"\xfe\xff"):
        return _strict(memoryview(data)[2:], "utf-16-be", path), "utf-16-be", True
    if b"\x00" in data[:65536]:
        if _looks_like_bomless_utf16(data[:65536]):
            raise InputError(f"{path}: " + gettext("looks like UTF-16 text without a byte-order mark; save it as UTF-8"))
        raise InputError(f"{path}: " + gettext("binary file (contains NUL bytes), not a text document"))
    try:
        text, encoding = _decode(data, "utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = _decode(data, "gb18030"), "gb18030"
        except UnicodeDecodeError:
            bad = data[utf8_error.start : utf8_error.start + 1].hex()
            raise InputError(
                f"{path}: " + gettext("cannot decode: neither UTF-8 (byte 0x{byte} at offset {offset}) nor GB18030").format(byte=bad, offset=utf8_error.start)
            ) from None
    # Control bytes are control characters in UTF-8 and GB18030 alike (their multi-byte
    # sequences use bytes >= 0x30 only): counting bytes is one C pass, no regex.
    head = data[:8192]  # like git's binary sniffing: the first 8 KB decide (a 64 KB pass cost ~35 µs)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls > max(8, len(head) // 100):  # over 1% of the first 8 KB
        raise InputError(f"{path}: " + gettext("binary file ({n} control characters), not a text document").format(n=controls))
    return text, encoding, False


def _looks_like_bomless_utf16(sample: bytes) -> bool:
    """True if ``sample`` decodes as UTF-16 (either order) to Chinese or ASCII text: only to word the error better."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 32:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if sum(1 for c in text if " " <= c <= "~" or c in _CONTROL_OK or _CJK_TEXT.match(c)) >= 0.9 * len(text):
            return True
    return False


def _strict(data: memoryview, encoding: str, path: str) -> str:
    try:
        return _decode(data, encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: " + gettext("cannot decode as {encoding} (byte offset {offset}): the file is damaged").format(encoding=encoding.upper(), offset=exc.start)) from None


def read_txt(path: str, data: bytes) -> Document:
    text, encoding, bom = decode(data, path)
    return Document(text, path=path, format="txt", encoding=encoding, bom=bom)
