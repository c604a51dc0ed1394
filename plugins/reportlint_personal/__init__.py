"""Built-in plugin, family I: personal data (ID, mobile and bank card numbers) in a report (catalogue H08-H10).

Numbers are recognised by their structure (area code, birth date, check character, Luhn), never
by length alone, and messages show them masked: a report on personal data must not repeat it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

import regex

from reportlint import Config, Document, Finding, Rule, hookimpl, rule
from reportlint.plugin import Context, lazy

# A digit run that is not part of a longer run of digits or letters, nor of a decimal number.
# The left edge is tested after the first digit is matched: a pattern that starts with a literal
# class lets the engine skip ahead, one that starts with a lookbehind is tried at every offset.
_FIRST_DIGIT = r"[0-9](?<![0-9A-Za-z０-９][0-9])(?<![0-9][.．][0-9])"
_EDGE_L = r"(?<![0-9A-Za-z０-９])(?<![0-9][.．])"
_EDGE_R = r"(?![0-9A-Za-z０-９])(?![.．][0-9])"
_ID = lazy(regex.compile, _FIRST_DIGIT + r"(?:[0-9]{16}[0-9Xx]|[0-9]{14})" + _EDGE_R)
# GB/T 2260 province-level codes (first two digits), plus 81/82/83 of the HK/MO/TW residence permits.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
# GB 11643-1999: weights 2^(17-i) mod 11 and the check characters for sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# A 15-digit legacy number has no check character: ask for an identity-document word before it,
# since 15-digit account and serial numbers with a date-like middle are common.
_ID15_CONTEXT = lazy(regex.compile, r"身份证|身份号码|公民身份|证件号")
_CONTEXT_REACH = 30


# Every number the three rules take holds 3 + 4 + 4 ASCII digits with at most a space or hyphen
# between the groups: an ID is 15 or 18 in a row, a mobile 3-4-4 split by \s or -, a card 16-19
# in a row or in fours split by a space or -. One search for that (a `regex` pattern led by a
# range: its fast scan, ~0.35 ms/MB) runs once per document, shared through Context.memo, and a text
# without it skips the three full patterns (~1 ms/MB each); tests/test_personal.py checks on
# random texts that no match escapes it.
_NUMBER_CORE = lazy(regex.compile, r"[0-9]{3}[\s\-]?[0-9]{4}[\s\-]?[0-9]{4}")


def _has_number_core(doc: Document) -> bool:
    return _NUMBER_CORE.search(doc.text) is not None


def _may_hold_numbers(ctx: Context) -> bool:
    """Whether the text can hold an ID, mobile or card number (memoised for the family)."""
    return ctx.memo("personal.core", _has_number_core)


def mask(number: str) -> str:
    """The first three and last four characters, the rest as *: 110***********1234."""
    digits = "".join(c for c in number if c not in " \t-")
    return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:]


def _valid_date(year: int, month: int, day: int) -> bool:
    """A birth date that exists and is not in the future."""
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= datetime.date.today()


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 (ISO 7064 MOD 11-2) check character of the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def is_resident_id(number: str) -> bool:
    """An 18-character ID with a real area, a valid birth date and the right check character."""
    if len(number) != 18 or number[:2] not in _PROVINCES:
        return False
    if not _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return id_check_char(number[:17]) == number[17].upper()


def is_legacy_id(number: str) -> bool:
    """A 15-digit (pre-1999) ID: real area and a valid 19YYMMDD birth date."""
    return (
        len(number) == 15
        and number[:2] in _PROVINCES
        and _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    )


@rule(
    "I101",
    "id-card-number",
    "A resident identity card number (居民身份证号码) in the text",
    fixable="unsafe",
    source="Personal Information Protection Law of the PRC, Art. 25 (no disclosure without separate consent); GB 11643—1999 (Citizen identification number: structure and check character)",
    explanation=(
        "An 18-character number with a province code, a valid birth date and a correct GB 11643 "
        "check character is a resident ID; so is a 15-digit legacy number with a valid date after "
        "a word such as 身份证. A report must not publish it: delete it or mask it. The fix "
        "(unsafe) masks all but the first three and last four characters. Numbers failing the "
        "check are not reported."
    ),
    bad=[("身份证号11010519491231002X。", "身份证号110***********002X。"), "张三，身份证号码：440524198001010013",
         "身份证号码110105491231002"],
    good=["11010519491231002X1", "110105194912310021", "编号123456789012345678", "流水号110105491231002"],
)
def id_card_number(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag 18-character IDs that pass the check and 15-digit ones after an ID word."""
    if not _may_hold_numbers(ctx):
        return
    text = doc.text
    for m in _ID.finditer(text):
        number = m.group()
        if len(number) == 18:
            if not is_resident_id(number):
                continue
        elif not (is_legacy_id(number) and _ID15_CONTEXT.search(text, max(0, m.start() - _CONTEXT_REACH), m.start())):
            continue
        masked = mask(number)
        yield self.finding(m.start(), m.end(), f"疑似居民身份证号码“{masked}”：个人信息不应出现在报告中，应删除或打码", masked)


# Mainland mobile numbers: 1[3-9] and nine digits, optionally +86/86 and 3-4-4 grouping.
_MOBILE = lazy(regex.compile,
    r"(?=[+＋81])" + _EDGE_L + r"(?:(?:\+|＋)?86[\s\-]?)?1[3-9][0-9](?P<sep>[\s\-]?)[0-9]{4}(?P=sep)[0-9]{4}" + _EDGE_R
)
# A long number followed by a unit (13500000000元) is a statistic, not a phone or card number.
_UNITS = frozenset("元人万亿吨个次户件千平米台辆套家名项%‰")
# The 附注 line of a 公文 names the contact person and phone on purpose (GB/T 9704-2012 7.3.7).
_CONTACT_WORDS = ("联系人", "联系电话", "联系方式")


def _unit_after(text: str, end: int) -> bool:
    """Whether a unit of measure follows offset ``end`` (string test: no regex call per hit)."""
    return text[end : end + 1] in _UNITS


def _digits(s: str) -> str:
    """The ASCII digits of ``s`` (spaces, hyphens and a + sign dropped)."""
    return "".join(c for c in s if "0" <= c <= "9")


@rule(
    "I102",
    "mobile-number",
    "A mainland mobile phone number in the body text",
    severity="warning",
    fixable="unsafe",
    source="Personal Information Protection Law of the PRC, Art. 25 (no disclosure without separate consent)",
    explanation=(
        "An 11-digit number 1[3-9]xxxxxxxxx (with optional +86 or 3-4-4 spacing) that is not "
        "part of a longer digit run is a mobile number, personal data. The 附注 contact line "
        "(（联系人：…，联系电话：…）) is allowed. The fix (unsafe) masks the middle digits."
    ),
    bad=[("经办人张三，手机13812345678。", "经办人张三，手机138****5678。"), "电话：+86 138-1234-5678",
         "请致电139 1234 5678"],
    good=["（联系人：李四，联系电话：13812345678）", "编号213812345678901", "总投资13500000000元", "12345678901"],
)
def mobile_number(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag mobile numbers outside contact lines and statistics."""
    if not _may_hold_numbers(ctx):
        return
    text = doc.text
    for m in _MOBILE.finditer(text):
        if _unit_after(text, m.end()):
            continue
        para = doc.paragraph_at(m.start())
        if para is not None and para.text.lstrip(" \t\u3000（(").startswith(_CONTACT_WORDS):
            continue
        masked = mask(_digits(m.group())[-11:])
        yield self.finding(m.start(), m.end(), f"手机号码“{masked}”：个人信息不应出现在正文中，应删除或打码", masked)


# Bank card numbers: 16-19 digits, plain or in groups of four.
_CARD = lazy(regex.compile, _FIRST_DIGIT + r"(?:[0-9]{15,18}|[0-9]{3}(?:[ \-][0-9]{4}){3}(?:[ \-][0-9]{1,3})?)" + _EDGE_R)
# Issuer prefixes of cards used in China: UnionPay 62/60 and the old domestic 9558/9559 ranges
# (16-19 digits); Visa 4, Mastercard 51-55 and 2221-2720, JCB 35 (16 digits only, so that 18-digit
# unified social credit codes of 社会组织, which start with 51-53, are not taken for cards).
_CARD_LONG = lazy(regex.compile, r"62|60|955[89]")
_CARD_16 = lazy(regex.compile, r"4|5[1-5]|2(?:2[2-9]|[3-6][0-9]|7[01]|720)|35")


def _card_prefix_ok(digits: str) -> bool:
    """Whether an issuer could have given out a card number of this prefix and length."""
    return bool(_CARD_LONG.match(digits) or (len(digits) == 16 and _CARD_16.match(digits)))


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check that card numbers satisfy."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


@rule(
    "I103",
    "bank-card-number",
    "A bank card number (16-19 digits passing the Luhn check) in the text",
    severity="warning",
    fixable="unsafe",
    source="Personal Information Protection Law of the PRC, Art. 25 (no disclosure without separate consent); Art. 28 (financial accounts are sensitive personal information); ISO/IEC 7812-1 (Luhn check)",
    explanation=(
        "A run of 16 to 19 digits with a card issuer prefix (62 UnionPay, 4 Visa, 51-55 "
        "Mastercard...) that passes the Luhn check is very likely a bank card number. Digits "
        "inside longer runs, amounts, and valid ID numbers are not reported. The fix (unsafe) "
        "masks all but the first three and last four digits."
    ),
    bad=[("卡号6222021234567890128。", "卡号622************0128。"), "账号：4111 1111 1111 1111"],
    good=["卡号6222021234567890127", "编号16222021234567890128", "1234567890123456", "6222021234567890128元"],
)
def bank_card_number(self: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    """Flag Luhn-valid 16-19 digit runs with a plausible issuer prefix."""
    if not _may_hold_numbers(ctx):
        return
    text = doc.text
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        if not 16 <= len(digits) <= 19 or not _card_prefix_ok(digits):
            continue
        if _unit_after(text, m.end()) or is_resident_id(digits) or not luhn_ok(digits):
            continue
        masked = mask(digits)
        yield self.finding(m.start(), m.end(), f"疑似银行卡号“{masked}”：个人信息不应出现在报告中，应删除或打码", masked)


RULES = [id_card_number, mobile_number, bank_card_number]


@hookimpl
def reportlint_add_rules(config: Config) -> Iterable[Rule]:
    """Family I: personal data."""
    return RULES
