"""Spotting a bank card number in free text, without refusing phone numbers or references."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.card_numbers import contains_card_number, luhn_ok
from app.domain.doc_request import BadDocument, parse_document
from app.domain.money import InvalidAmount, parse_money


@pytest.mark.parametrize("text", ["4111111111111111", "card 4111 1111 1111 1111 exp 12/29",
                                  "5500-0000-0000-0004", "6222021234567890128",
                                  "3782 822463 10005", "6222 0212 3456 7890 128",
                                  "卡号4111-1111-1111-1111"])
def test_card_numbers_are_spotted(text):
    assert contains_card_number(text)


@pytest.mark.parametrize("text", ["13800138000", "4111111111111112", "ref 000123",
                                  "41111111111111111111111", "WX20261205-0001", "",
                                  "冲销 RK-S001-20260301-0001", "XS-S001-20261122-10000",
                                  "41111111-1111-1111", "0000000000000000"])
def test_other_numbers_are_left_alone(text):
    assert not contains_card_number(text)


@given(st.text(st.characters(categories=["Nd", "Zs", "Pd", "Ll"]), max_size=40))
def test_the_check_never_fails_on_any_text(text):
    assert contains_card_number(text) in (True, False)


def test_luhn():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")


def test_a_document_with_a_card_number_in_a_reference_is_refused():
    with pytest.raises(BadDocument) as bad:
        parse_document({"type": "sale", "id": "s1", "lines": [{"sku": "A", "qty": "1"}],
                        "payments": [{"method": "card", "amount": "1",
                                      "reference": "4111 1111 1111 1111"}]})
    assert "card" in bad.value.message("en")


@pytest.mark.parametrize("date, ok", [("1999-12-31", False), ("2000-01-01", True),
                                      ("2099-12-31", True), ("2100-01-01", False)])
def test_business_dates_are_kept_to_this_century(date, ok):
    raw = {"type": "sale", "id": "s1", "date": date, "lines": [{"sku": "A", "qty": "1"}]}
    if ok:
        assert parse_document(raw).business_date.isoformat() == date
    else:
        with pytest.raises(BadDocument):
            parse_document(raw)


@pytest.mark.parametrize("value", ["1e16", "1e-13", "1E999999", "-1e-999999999"])
def test_absurd_exponents_are_refused(value):
    with pytest.raises(InvalidAmount):
        parse_money(value)


@given(st.sampled_from(["XS", "RK", "XT", "DC"]), st.integers(0, 999),
       st.dates(), st.integers(1, 99999))
def test_document_numbers_are_never_taken_for_card_numbers(prefix, store, day, seq):
    """Notes quote document numbers (冲销 XS-S001-20261122-0001); a Luhn check alone hits
    one number in ten, so the grouping rule must keep them all out."""
    number = f"{prefix}-S{store:03d}-{day:%Y%m%d}-{seq:04d}"
    assert not contains_card_number(f"冲销 {number}")
