"""EAN-13 / EAN-8 / UPC-A check digits and what validate_barcode accepts or refuses."""
from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.barcode import (complete_ean13, ean8_check_digit, ean13_check_digit,
                                is_valid_ean8, is_valid_ean13, is_valid_upca, upca_check_digit,
                                validate_barcode)
from app.domain.errors import InvalidBarcode

# Real codes printed on goods (check digits verified by hand).
REAL_EAN13 = ["4006381333931",   # the textbook GS1 example
              "6920152400135",   # a Chinese (692) code
              "6901028075831",   # a Chinese (690) code
              "9787115428028"]   # an ISBN-13 (books share the EAN-13 rule)
REAL_EAN8 = ["96385074", "73513537"]
REAL_UPCA = ["036000291452", "012345678905"]

twelve_digits = st.text(alphabet="0123456789", min_size=12, max_size=12)


@pytest.mark.parametrize("code", REAL_EAN13)
def test_real_ean13_codes(code):
    assert ean13_check_digit(code[:12]) == code[12]
    assert is_valid_ean13(code)
    assert validate_barcode(code) == code


@pytest.mark.parametrize("code", REAL_EAN8)
def test_real_ean8_codes(code):
    assert ean8_check_digit(code[:7]) == code[7]
    assert is_valid_ean8(code)
    assert validate_barcode(code) == code


@pytest.mark.parametrize("code", REAL_UPCA)
def test_real_upca_codes(code):
    assert upca_check_digit(code[:11]) == code[11]
    assert is_valid_upca(code)
    # a UPC-A is an EAN-13 with a leading zero
    assert is_valid_ean13("0" + code)


@given(twelve_digits)
def test_any_twelve_digits_plus_check_digit_validate(first12):
    code = complete_ean13(first12)
    assert len(code) == 13 and is_valid_ean13(code)
    assert validate_barcode(code) == code


@given(twelve_digits, st.integers(0, 12), st.integers(1, 9))
def test_every_single_digit_error_is_detected(first12, position, shift):
    code = complete_ean13(first12)
    wrong = str((int(code[position]) + shift) % 10)
    changed = code[:position] + wrong + code[position + 1:]
    assert not is_valid_ean13(changed)
    with pytest.raises(InvalidBarcode):
        validate_barcode(changed)


@given(twelve_digits, st.integers(0, 11))
def test_adjacent_transpositions_are_detected_unless_digits_differ_by_five(first12, position):
    code = complete_ean13(first12)
    a, b = code[position], code[position + 1]
    assume(a != b)
    swapped = code[:position] + b + a + code[position + 2:]
    # Weights 1 and 3: a swap changes the sum by 2*(a-b), invisible mod 10 only when |a-b| = 5.
    assert is_valid_ean13(swapped) == (abs(int(a) - int(b)) == 5)


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_any_seven_digits_plus_check_digit_make_an_ean8(first7):
    assert is_valid_ean8(first7 + ean8_check_digit(first7))


def test_check_digit_functions_refuse_malformed_input():
    for bad in ["", "12345678901", "1234567890123", "12345678901a", "６９０１２３４５６７８９"]:
        with pytest.raises(ValueError):
            ean13_check_digit(bad)
    with pytest.raises(ValueError):
        ean8_check_digit("123456")


def test_validity_needs_ascii_digits():
    assert not is_valid_ean13("６９２０１５２４０００１３５")   # full-width digits
    assert not is_valid_ean13("692015240013٥")                  # an Arabic-Indic five
    assert not is_valid_ean13("692015240013")                   # too short
    assert not is_valid_ean8("9638507")


def test_validate_strips_and_accepts_internal_codes():
    assert validate_barcode("  6920152400135\n") == "6920152400135"
    assert validate_barcode("\t4006381333931 ") == "4006381333931"
    assert validate_barcode("ABC1") == "ABC1"
    assert validate_barcode("p0000123") == "p0000123"   # case is kept
    assert validate_barcode("123456") == "123456"       # numeric internal code, no check digit
    assert validate_barcode("X" * 32) == "X" * 32


def _refusal(code: str) -> InvalidBarcode:
    with pytest.raises(InvalidBarcode) as caught:
        validate_barcode(code)
    assert caught.value.code == "invalid_barcode"
    return caught.value


def test_wrong_check_digit_says_which_digit_was_expected():
    err = _refusal("6920152400136")
    assert err.params["barcode"] == "6920152400136"
    assert "应为 5" in err.message("zh_CN") and "实际是 6" in err.message("zh_CN")
    assert "should be 5, not 6" in err.message("en")
    assert "EAN-13" in err.message("en")
    assert "EAN-8" in _refusal("96385075").message("en")
    assert "UPC-A" in _refusal("036000291453").message("en")


def test_empty_code_is_refused():
    for code in ["", "   ", "\n"]:
        err = _refusal(code)
        assert "为空" in err.message("zh_CN") and "empty" in err.message("en")


def test_full_width_and_illegal_characters_are_refused():
    err = _refusal("６９２０１５２４０００１３５")
    assert "全角" in err.message("zh_CN") and "full-width" in err.message("en")
    err = _refusal("6920-1524")
    assert "“-”" in err.message("zh_CN") and "'-'" in err.message("en")
    assert "空格" in _refusal("6920 152400135").message("zh_CN")
    assert "条码" in _refusal("可乐123").message("zh_CN")


def test_too_long_and_too_short_are_refused():
    err = _refusal("A" * 33)
    assert "33" in err.message("zh_CN") and "at most 32" in err.message("en")
    err = _refusal("AB1")
    assert "at least 4" in err.message("en")
