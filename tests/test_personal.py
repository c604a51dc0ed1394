"""Family I: resident ID, mobile and bank card numbers, recognised by structure and never echoed in full."""

from __future__ import annotations

import types

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.testing import assert_clean, assert_flags, lint_snippet
from reportlint_personal import id_check_char, is_legacy_id, is_resident_id, luhn_ok, mask

VALID_ID = "11010519491231002X"  # the well-known GB 11643 example, check character X
VALID_ID_DIGIT = "440524198001010013"


def _never_echoed(findings, number):
    for f in findings:
        assert number not in f.message, f"{f.code} echoes the full number: {f.message}"
        if f.fix is not None:
            assert number not in f.fix.replacement


# --- helpers ------------------------------------------------------------------------------------


def test_check_character_and_mask():
    assert id_check_char(VALID_ID[:17]) == "X"
    assert id_check_char(VALID_ID_DIGIT[:17]) == "3"
    assert is_resident_id(VALID_ID) and is_resident_id(VALID_ID.lower())
    assert mask("110105194912310021") == "110***********0021"
    assert mask("138 1234 5678") == "138****5678"
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert is_legacy_id("110105491231002") and not is_legacy_id("110105491331002")


@pytest.mark.parametrize("number,why", [
    ("110105194912310021", "wrong check character"),
    ("110105194913310024", "month 13"),
    ("110105194902300025", "30 February"),
    ("990105194912310029", "no province 99"),
    ("110105290012310022", "born in the future"),
])
def test_invalid_ids_fail_the_structure_check(number, why):
    assert not is_resident_id(number), why


# --- I101 id-card-number ------------------------------------------------------------------------


@pytest.mark.parametrize("text,number", [
    (f"张三，身份证号{VALID_ID}。", VALID_ID),
    (f"身份证号码：{VALID_ID_DIGIT}", VALID_ID_DIGIT),
    (f"{VALID_ID_DIGIT}", VALID_ID_DIGIT),
    ("公民身份号码110105491231002，", "110105491231002"),
])
def test_i101_flags_ids_masked(text, number):
    (f,) = assert_flags(text, "I101", count=1)
    assert text[f.start : f.end] == number
    assert mask(number) in f.message
    _never_echoed([f], number)
    assert not f.fix.safe and f.fix.replacement == mask(number)


def test_i101_wrong_check_digit_is_not_reported():
    wrong = VALID_ID[:17] + "1"
    assert not is_resident_id(wrong)
    assert_clean(f"身份证号{wrong}。", "I101")
    assert_clean(f"身份证号{VALID_ID_DIGIT[:17]}4", "I101")


@pytest.mark.parametrize("text", [
    f"编号{VALID_ID}1",                 # inside a longer digit run
    f"1{VALID_ID_DIGIT}",
    f"流水号A{VALID_ID_DIGIT}",          # glued to letters: a serial number
    "全市生产总值123456789012345678元",
    "2023年全省粮食总产量为123456789012345吨",
    "流水号110105491231002",            # 15 digits without an ID word
    f"{VALID_ID_DIGIT}.5",
])
def test_i101_clean_on_other_digit_runs(text):
    assert_clean(text, "I101")


# --- I102 mobile-number -------------------------------------------------------------------------


@pytest.mark.parametrize("text,span", [
    ("经办人张三，手机13812345678。", "13812345678"),
    ("电话：+86 138-1234-5678", "+86 138-1234-5678"),
    ("请致电139 1234 5678", "139 1234 5678"),
    ("手机8619912345678", "8619912345678"),
])
def test_i102_mobile(text, span):
    (f,) = assert_flags(text, "I102", count=1)
    assert text[f.start : f.end] == span and f.severity.value == "warning"
    assert "****" in f.message
    _never_echoed([f], span.replace(" ", "").replace("-", "")[-11:])


@pytest.mark.parametrize("text", [
    "（联系人：李四，联系电话：13812345678）",
    "联系人：王五 13812345678",
    "编号213812345678901",
    "总投资13500000000元",
    "12345678901",
    "10086",
    "138123456789",
    "座机010-12345678",
])
def test_i102_clean(text):
    assert_clean(text, "I102")


# --- I103 bank-card-number ----------------------------------------------------------------------


@pytest.mark.parametrize("text,span", [
    ("卡号6222021234567890128。", "6222021234567890128"),
    ("账号：4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("开户行：某银行，卡号5555555555554444", "5555555555554444"),
])
def test_i103_bank_card(text, span):
    (f,) = assert_flags(text, "I103", count=1)
    assert text[f.start : f.end] == span and f.severity.value == "warning"
    _never_echoed([f], span.replace(" ", ""))


@pytest.mark.parametrize("text", [
    "卡号6222021234567890127",           # Luhn fails
    "编号16222021234567890128",          # inside a longer run
    "1234567890123456",                  # no issuer prefix
    "6222021234567890128元",             # an amount
    "统一社会信用代码521100005000000008",  # 18 digits starting 52: not a card length for Mastercard
])
def test_i103_clean(text):
    assert_clean(text, "I103")


def test_id_is_not_also_a_bank_card():
    # 62 (Gansu) IDs have a UnionPay-like prefix; a valid ID is reported once, as an ID.
    for seq in range(1000):
        first17 = f"62010219800101{seq:03d}"
        number = first17 + id_check_char(first17)
        if number[-1] != "X" and luhn_ok(number):
            break
    else:
        pytest.skip("no Luhn-valid ID in range")
    codes = sorted(f.code for f in lint_snippet(f"身份证{number}", ["I"]))
    assert codes == ["I101"]


def test_sample_has_no_personal_data(sample_text):
    assert [f for f in lint_snippet(sample_text, ["I"]) if f.code.startswith("I")] == []


def test_clean_reports_publish_no_personal_data(clean_reports):
    """On the clean-reports corpus (skipped when absent): list every I finding; IDs and cards must not occur."""
    from reportlint.api import Linter

    linter = Linter(isolated=True, select=["I"])
    found = []
    for path in sorted(clean_reports.rglob("*.txt")):
        doc = linter.read_bytes(str(path), path.read_bytes())
        found += [f for f in linter.check_document(doc).findings if f.code.startswith("I")]
    for f in found:
        print(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}")
    assert [f for f in found if f.code in ("I101", "I103")] == []


# --- the shared prefilter -----------------------------------------------------------------------

# Digits, every separator the patterns allow (regex's \s holds Latin-1 and wider spaces), what
# closes or breaks a run, and filler.
_RUN_ALPHABET = "0123456789136Xx+＋ -\t\n\x85\xa0\u3000\u2002\u205f.．a０号，"
_EXAMPLES = ("+86\u3000138\u30001234\u30005678", "6222 0212 3456 7890 128", "11010519491231002X")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_RUN_ALPHABET, max_size=40))
@example(_EXAMPLES[0])
@example(_EXAMPLES[1])
@example(_EXAMPLES[2])
def test_every_number_passes_the_shared_prefilter(text):
    """A text the cheap prefilter rejects holds no match of the ID, mobile or card pattern."""
    from reportlint_personal import _CARD, _ID, _MOBILE, _has_number_core

    found = any(p.search(text) for p in (_ID, _MOBILE, _CARD))
    if found:
        assert _has_number_core(types.SimpleNamespace(text=text))
    if text in _EXAMPLES:
        assert found


def test_the_prefilter_rejects_short_digit_groups():
    from reportlint_personal import _has_number_core

    assert not _has_number_core(types.SimpleNamespace(text="2023年3月21日，共1234567人，1234 5678，电话 88 1234"))
    assert _has_number_core(types.SimpleNamespace(text="编号12345678901"))
