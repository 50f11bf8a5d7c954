"""Scale labels: PLU and price or weight out of an in-store EAN-13, damaged labels refused."""
from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.barcode import complete_ean13, is_valid_ean13
from app.domain.scale_barcode import (BadScaleFormat, InvalidScaleBarcode, ScaleCode, ScaleFormat,
                                      build, parse)

PRICE = ScaleFormat("2PPPPPPVVVVVC", "price", 2)  # 6-digit PLU, price in fen
WEIGHT = ScaleFormat("22PPPPPVVVVVC", "weight", 3)  # flag 22, 5-digit PLU, grams
JIAO = ScaleFormat("21PPPPPVVVVVC", "price", 1)  # price in jiao
FORMATS = (PRICE, WEIGHT, JIAO)


def test_worked_examples():
    code = complete_ean13("200012301234")
    assert parse(code, [PRICE]) == ScaleCode(code, "000123", price_fen=1234)
    weighed = complete_ean13("220004201255")
    assert parse(weighed, FORMATS) == ScaleCode(weighed, "00042", qty_milli=1255)  # 1.255 kg
    jiao = complete_ean13("210004200125")
    assert parse(jiao, FORMATS).price_fen == 1250  # 125 jiao = 12.50


def test_ordinary_barcodes_and_internal_codes_are_not_claimed():
    assert parse("6901234567892", FORMATS) is None  # a Chinese product EAN
    assert parse("2ABC123", FORMATS) is None  # an internal code with letters
    assert parse("20012", FORMATS) is None  # too short to be a label
    assert parse("2000123012341", []) is None  # no formats set up


def test_damaged_labels_are_refused_with_a_clear_reason():
    code = complete_ean13("200012301234")
    wrong = code[:12] + str((int(code[12]) + 1) % 10)
    with pytest.raises(InvalidScaleBarcode) as err:
        parse(wrong, FORMATS)
    assert f"校验位应为 {code[12]}" in err.value.message("zh_CN")
    assert f"check digit should be {code[12]}" in err.value.message("en")
    with pytest.raises(InvalidScaleBarcode) as err:
        parse(code[:12], FORMATS)  # a digit lost in the read
    assert "13 digits" in err.value.message("en") and "13 位" in err.value.message("zh")


@pytest.mark.parametrize("pattern,kind,decimals", [
    ("2PPPPPVVVVVC", "price", 2),  # 12 characters
    ("3PPPPPPVVVVVC", "price", 2),  # not an in-store flag
    ("2PPPPPPVVVVVX", "price", 2),  # no check digit at the end
    ("2VVVVVPPPPPPC", "price", 2),  # value before PLU
    ("2PPPPPPVVVVVC", "volume", 2),
    ("2PPPPPPVVVVVC", "price", 3),
])
def test_bad_formats_are_refused_when_set_up(pattern, kind, decimals):
    with pytest.raises(BadScaleFormat) as err:
        ScaleFormat(pattern, kind, decimals)
    assert pattern in err.value.message("zh") and pattern in err.value.message("en")


formats = st.sampled_from(FORMATS + (ScaleFormat("2PPPPVVVVVVVC", "weight", 2),
                                     ScaleFormat("29PPPPPPVVVVC", "price", 0)))


@given(formats, st.data())
def test_build_then_parse_round_trips(fmt, data):
    plu = data.draw(st.integers(0, 10 ** fmt.pattern.count("P") - 1))
    step = 10 ** ((2 if fmt.kind == "price" else 3) - fmt.decimals)
    raw = data.draw(st.integers(0, 10 ** fmt.pattern.count("V") - 1))
    code = build(fmt, plu, raw * step)
    assert is_valid_ean13(code) and code.startswith(fmt.flag)
    parsed = parse(code, [fmt])
    assert int(parsed.plu) == plu
    assert (parsed.price_fen if fmt.kind == "price" else parsed.qty_milli) == raw * step


@given(formats, st.data())
def test_any_single_wrong_digit_is_caught(fmt, data):
    code = build(fmt, data.draw(st.integers(0, 99)), 0)
    pos = data.draw(st.integers(len(fmt.flag), 12))
    digit = data.draw(st.sampled_from("0123456789"))
    assume(digit != code[pos])
    damaged = code[:pos] + digit + code[pos + 1:]
    with pytest.raises(InvalidScaleBarcode):
        parse(damaged, [fmt])


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_random_digits_either_parse_or_are_refused(code):
    try:
        result = parse(code, FORMATS)
    except InvalidScaleBarcode:
        assert code.startswith("2") and not is_valid_ean13(code)
    else:
        assert (result is None) == (not code.startswith("2"))


def test_build_refuses_values_the_format_cannot_carry():
    with pytest.raises(ValueError):
        build(JIAO, 1, 1255)  # 12.55 cannot be written in jiao
    with pytest.raises(ValueError):
        build(PRICE, 1, 10_000_000)  # beyond 5 digits
    with pytest.raises(ValueError):
        build(PRICE, 1234567, 100)  # PLU beyond 6 digits
