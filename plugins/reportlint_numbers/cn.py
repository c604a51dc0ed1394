"""Arabic to Chinese numerals for small ordinals (届, 次, 中全会, 党的X大)."""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Chinese numeral for 1 <= n <= 999: 20 -> 二十, 14 -> 十四, 105 -> 一百零五."""
    if not 0 < n < 1000:
        raise ValueError(f"{n} out of range")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out
