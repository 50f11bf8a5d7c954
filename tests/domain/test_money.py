from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from app.domain.money import (InvalidAmount, InvalidQuantity, format_money, format_quantity,
                              line_amount, parse_money, parse_quantity, percent_of, round_off)


@pytest.mark.parametrize("text, fen", [("12.5", 1250), ("12.50", 1250), ("0", 0), ("-3.01", -301),
                                       ("¥1,299.00", 129900), ("8元", 800), (" 7 ", 700), (5, 500)])
def test_parse_money(text, fen):
    assert parse_money(text) == fen


@pytest.mark.parametrize("bad", ["12.505", "abc", "", "NaN", "Infinity", 1.5, None, True, "1e20"])
def test_parse_money_refuses(bad):
    with pytest.raises(InvalidAmount) as info:
        parse_money(bad)
    assert "12.50" in info.value.message("zh_CN")


@pytest.mark.parametrize("text, milli", [("1.5", 1500), ("2", 2000), ("1.255", 1255), ("-1", -1000)])
def test_parse_quantity(text, milli):
    assert parse_quantity(text) == milli


@pytest.mark.parametrize("bad", ["1.2345", "x", 0.5, ""])
def test_parse_quantity_refuses(bad):
    with pytest.raises(InvalidQuantity):
        parse_quantity(bad)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_money_round_trips_through_text(fen):
    assert parse_money(format_money(fen)) == fen


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_quantity_round_trips_through_text(milli):
    assert parse_quantity(format_quantity(milli)) == milli


def test_formatting():
    assert format_money(5) == "0.05" and format_money(-1250) == "-12.50"
    assert format_quantity(1500) == "1.5" and format_quantity(2000) == "2"


def test_line_amount_rounds_half_up():
    assert line_amount(399, 1255) == 501  # 3.99 x 1.255 = 5.00745 -> 5.01
    assert line_amount(250, 12000) == 3000
    assert line_amount(1, 500) == 1  # 0.5 fen rounds up


def test_percent_and_round_off():
    assert percent_of(1000, 9500) == 950 and percent_of(999, 1300) == 130
    assert round_off(1237, 10) == 1230 and round_off(1237, 100) == 1200 and round_off(-1237, 10) == -1230
    with pytest.raises(ValueError):
        round_off(100, 5)


def test_no_float_reaches_the_result():
    assert all(isinstance(x, int) for x in (parse_money("1.1"), line_amount(333, 333),
                                            percent_of(999, 3333)))
    assert isinstance(Decimal(format_money(12345)), Decimal)
