"""Speed rewrites keep results: rewritten patterns match what the originals matched."""

from __future__ import annotations

import random
import re

import regex


def _random_text(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _same(old: regex.Pattern[str] | re.Pattern[str], new: re.Pattern[str], alphabet: str, group: int = 0) -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = _random_text(rng, alphabet, rng.randint(0, 30))
        a = [(m.span(group), m.group(group)) for m in old.finditer(text)]
        b = [(m.span(group), m.group(group)) for m in new.finditer(text)]
        assert a == b, text


def test_cn_run_rewrite() -> None:
    from reportlint_numbers.forms import _CN_RUN

    digits, zeros = "一二三四五六七八九", "○OＯ0０"
    old = regex.compile(
        rf"(?<![{digits}〇零十百千万亿{zeros}A-Za-z])[{digits}〇零{zeros}]{{2,}}"
        rf"(?![{digits}〇零十百千万亿{zeros}A-Za-z0-9])"
    )
    _same(old, _CN_RUN, "一二〇零○O0０十年aZ9 ")


def test_doubled_runs_rewrite() -> None:
    from reportlint_punctuation.marks import _DASH
    from reportlint_punctuation.points import _RUN

    _same(regex.compile(r"[，。、；：？！]{2,}"), _RUN, "，。、；：？！a的 ")
    _same(regex.compile(r"[-－―─—]{2,}"), _DASH, "-－―─—a的 ")


def test_party_congress_rewrite() -> None:
    from reportlint_numbers.terms import _PARTY_CONGRESS

    old = regex.compile(r"(?<=党的)(\d{1,3})(?=大)")
    rng = random.Random(3)
    for _ in range(3000):
        text = _random_text(rng, "党的大1２0x", rng.randint(0, 20))
        assert [m.span() for m in old.finditer(text)] == [m.span(1) for m in _PARTY_CONGRESS.finditer(text)], text


def test_repeat_rewrite() -> None:
    from reportlint_words import _REPEAT

    old = regex.compile(r"(\p{Han}{2,4})\1")
    _same(old, _REPEAT, "加强的的ab々〇⺀", 0)


def test_year_abbrev_pattern_matches_its_lookbehind_first_form() -> None:
    from reportlint_dates.rules import _YEAR_ABBREV

    original = re.compile(
        r"(?<![0-9A-Za-z.\-/第〇○零一二三四五六七八九十百千万亿两])(?P<yy>[0-9]{2})年"
        r"(?=度|[上下]半年|[0-9]{1,2}月(?![0-9])|底(?![线数子色气层部])|初(?![步心级中期见次始稿审衷])|末(?![端梢位尾]))"
        r"|(?<![0-9])(?P<y>(?:19|20)[0-9]{2})年?(?:——|—|–|-|－|~|～|至|到)(?P<ry>[0-9]{2})年(?![0-9])"
    )
    rng = random.Random(3)
    alphabet = "0123456789年度上下半月底初末线步端-—至a.第二 "
    for _ in range(20000):
        text = _random_text(rng, alphabet, rng.randint(0, 14))
        old = [(m.span(), m.groupdict()) for m in original.finditer(text)]
        new = [(m.span(), m.groupdict()) for m in _YEAR_ABBREV.finditer(text)]
        assert old == new, text


def test_www_search_equals_searching_the_lowered_text() -> None:
    from reportlint_punctuation.halfwidth import _has_www

    rng = random.Random(18)
    for _ in range(20000):
        text = _random_text(rng, "wWW.．İ的1a", rng.randint(0, 12))
        assert _has_www(text) == ("www." in text.lower()), text
