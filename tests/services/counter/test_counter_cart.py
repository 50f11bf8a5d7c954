"""The cart, totals, 抹零, allocation, entry parsing and tenders: pure arithmetic in fen."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.counter import (Cart, Member, ProductInfo, Tender, allocate, check_tender,
                                  parse_amount_or_percent, parse_entry_quantity, quick_amounts,
                                  sale_document, state)
from app.services.counter.errors import (BadDiscount, BadQuantity, BadReference,
                                         NoLineSelected, TenderTooLarge)

COLA = ProductInfo(1, "COLA", "可口可乐 500ml", "500ml", "瓶", False, 350, 320)
RICE = ProductInfo(2, "RICE", "五常大米 散装", "", "kg", True, 800, 0)
MEMBER = Member("M001", "张三", "13800000001", "", "金卡会员", 100)


def test_a_repeat_scan_adds_to_the_line_and_weighed_goods_get_their_own_line():
    cart = Cart()
    first = cart.add(COLA)
    assert cart.add(COLA, 2000) is first and first.qty_milli == 3000
    cart.add(RICE, 1255)
    cart.add(RICE, 500)
    assert [(l.product.sku, l.qty_milli) for l in cart.lines] == [
        ("COLA", 3000), ("RICE", 1255), ("RICE", 500)]
    assert [l.amount_fen for l in cart.lines] == [1050, 1004, 400]  # 8.00 x 1.255 = 10.04


def test_piece_goods_refuse_fractions_and_nothing_refuses_silently():
    cart = Cart()
    with pytest.raises(BadQuantity, match="whole number"):
        cart.add(COLA, 1500)
    with pytest.raises(BadQuantity):
        cart.add(RICE, 0)
    with pytest.raises(NoLineSelected):
        cart.set_quantity("nope", 1000)
    assert cart.lines == []


def test_a_member_gets_member_prices_and_loses_them_when_removed():
    cart = Cart()
    cart.add(COLA, 2000)
    cart.add(RICE, 1000)
    cart.set_member(MEMBER)
    assert [(l.unit_price_fen, l.price_source) for l in cart.lines] == [
        (320, "member"), (800, "retail")]  # RICE has no member price
    cart.set_member(None)
    assert cart.lines[0].unit_price_fen == 350


def test_an_overridden_price_stays_when_a_member_arrives():
    cart = Cart()
    line = cart.add(COLA)
    cart.override_price(line.line_id, 300)
    cart.set_member(MEMBER)
    assert (line.unit_price_fen, line.price_source) == (300, "override")


def test_totals_with_discounts_and_rounding_to_the_jiao_and_yuan():
    cart = Cart()
    cola = cart.add(COLA, 3000)  # 10.50
    cart.add(RICE, 1255)  # 10.04
    cart.set_line_discount(cola.line_id, 50)
    cart.set_order_discount(100)
    assert cart.totals().due_fen == 1904  # 20.54 - 0.50 - 1.00
    by_jiao, by_yuan = cart.totals(10), cart.totals(100)
    assert (by_jiao.rounding_fen, by_jiao.due_fen) == (4, 1900)
    assert (by_yuan.rounding_fen, by_yuan.due_fen) == (4, 1900)
    cart.set_order_discount(0)
    assert (cart.totals(100).rounding_fen, cart.totals(100).due_fen) == (4, 2000)
    assert cart.totals(100).discount_fen == 54


def test_discounts_cannot_be_negative_or_exceed_the_amount():
    cart = Cart()
    line = cart.add(COLA)
    for bad in (-1, 351):
        with pytest.raises(BadDiscount):
            cart.set_line_discount(line.line_id, bad)
    with pytest.raises(BadDiscount):
        cart.set_order_discount(351)


def test_a_scale_price_label_costs_exactly_its_printed_amount():
    cart = Cart()
    line = cart.add(RICE, label_fen=1003)
    assert line.qty_milli == 1254  # ceil(10.03 / 8.00 kg) in grams
    assert line.amount_fen == 1003 and line.price_source == "label"
    cart.set_member(MEMBER)
    assert line.amount_fen == 1003  # a label is not repriced
    with pytest.raises(BadQuantity):
        cart.set_quantity(line.line_id, 2000)


def test_the_sale_document_adds_up_to_the_amount_due():
    cart = Cart()
    cart.add(COLA, 3000)
    cart.add(RICE, label_fen=1003)
    cart.add(RICE, 777)
    cart.set_order_discount(99)
    due = cart.totals(10).due_fen
    doc = sale_document(cart, [Tender("cash", 5000)], 10)
    from app.domain.money import line_amount, parse_money, parse_quantity
    total = sum(line_amount(parse_money(l["unit_price"]), parse_quantity(l["qty"]))
                - parse_money(l.get("discount", "0")) for l in doc["lines"])
    assert total == due and doc["payments"] == [{"method": "cash", "amount": "50.00"}]
    assert doc["id"] == cart.sale_id and doc["type"] == "sale"


def test_a_held_cart_survives_json():
    cart = Cart()
    cart.add(COLA, 2000)
    cart.add(RICE, label_fen=1003)
    cart.set_member(MEMBER)
    cart.set_order_discount(10)
    back = Cart.from_json(cart.to_json())
    assert back == cart and back.totals(10) == cart.totals(10)


@given(st.lists(st.integers(0, 100_000), min_size=1, max_size=30), st.integers(0, 2_000_000))
def test_allocation_adds_up_and_never_exceeds_a_line(amounts, extra):
    shares = allocate(amounts, extra)
    assert sum(shares) == min(extra, sum(amounts))
    assert all(0 <= s <= a for s, a in zip(shares, amounts))


@pytest.mark.parametrize("text, base, off", [
    ("5", 2000, 500), ("5.50", 2000, 550), ("10%", 2000, 200), ("12.5%", 999, 125),
    ("9折", 2000, 200), ("8.5折", 2000, 300), ("10％", 1000, 100)])
def test_discounts_are_typed_as_money_percent_or_zhe(text, base, off):
    assert parse_amount_or_percent(text, base) == off


@pytest.mark.parametrize("text", ["abc", "-5", "120%", "10折", "0折", "1.234"])
def test_nonsense_discounts_are_refused(text):
    with pytest.raises(BadDiscount):
        parse_amount_or_percent(text, 1000)


def test_quantity_prefix_before_a_code():
    assert parse_entry_quantity("3*6901234567892") == (3000, "6901234567892")
    assert parse_entry_quantity("0.455×RICE") == (455, "RICE")
    assert parse_entry_quantity("kkkl") == (None, "kkkl")
    with pytest.raises(BadQuantity):
        parse_entry_quantity("x*COLA")


def test_quick_amounts_are_the_exact_sum_and_the_next_notes():
    assert quick_amounts(2340) == [2340, 3000, 5000, 10000]
    assert quick_amounts(5000) == [5000, 6000, 10000]
    assert quick_amounts(0) == []


def test_split_tender_cash_gives_change_and_cards_may_not_exceed_what_is_due():
    taken = [check_tender(2340, [], Tender("card", 2000, "REF123"))]
    with pytest.raises(TenderTooLarge):
        check_tender(2340, taken, Tender("card", 500, "REF124"))
    taken.append(check_tender(2340, taken, Tender("cash", 1000)))
    current = state(2340, taken)
    assert (current.complete, current.change_fen, current.remaining_fen) == (True, 660, 0)


@pytest.mark.parametrize("reference", ["", "6222021234567890123", "参考号", "x" * 65])
def test_card_references_are_required_and_never_a_card_number(reference):
    with pytest.raises(BadReference):
        check_tender(1000, [], Tender("card", 1000, reference))
