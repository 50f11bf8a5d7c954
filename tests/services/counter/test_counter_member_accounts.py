"""Members' stored value and points: top-up, paying, earning, refunds, refusals."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.services.counter import (Cart, CounterConfig, Tender, checkout, find_member, find_sale,
                                  post_return, shift_totals)
from app.services.counter.errors import (MemberNeeded, NotEnoughPoints, NotEnoughStoredValue,
                                         PointsNotRedeemable)
from app.services.counter.topup import points_tender, stored_value_tender, top_up
from app.services.inventory.queries import document
from app.services.inventory.verify import verify
from counter_shop import ADMIN, product, set_meta

pytestmark = pytest.mark.usefixtures("shift")
CONFIG = CounterConfig()


def _moves(store):
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT kind, value_fen, points, value_after_fen, points_after "
            "FROM member_account_moves ORDER BY id"))]


def _member_cart(store, qty_milli=2000):
    cart = Cart()
    cart.add(product(store, "COLA"), qty_milli)
    cart.set_member(find_member(store, "13800000001"))
    return cart


def test_top_up_adds_stored_value_cash_to_the_drawer_audit_and_outbox(shop, cashier):
    before = shift_totals(shop, actor=cashier)[1].expected_cash_fen
    out = top_up(shop, cashier, "13800000001", 100_00, CONFIG, top_up_id="t-1")
    again = top_up(shop, cashier, "13800000001", 100_00, CONFIG, top_up_id="t-1")
    assert (out.member.stored_value_fen, again.replayed) == (100_00, True)
    assert find_member(shop, "M001").stored_value_fen == 100_00  # once, not twice
    assert shift_totals(shop, actor=cashier)[1].expected_cash_fen == before + 100_00
    with shop.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = "
                                 "'member.top_up'")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM outbox WHERE event_type = "
                                 "'member.topped_up'")).scalar() == 1


def test_paying_with_stored_value_and_points_earns_points_and_books_2203(shop, cashier):
    set_meta(shop, "counter.points_per_yuan", "2")
    _give_points(shop, 100)
    top_up(shop, cashier, "M001", 5_00, CONFIG, top_up_id="t-2")
    cart = _member_cart(shop)  # 2 x 3.20 = 6.40
    member = cart.member
    assert (member.stored_value_fen, member.points) == (5_00, 100)
    value = stored_value_tender(member, 640, [], 0)
    assert (value.amount_fen, value.reference) == (500, "M001")
    points = points_tender(member, 640, [value], 40, fen_per_point=1)
    assert (points.amount_fen, points.reference) == (40, "points:40")
    outcome = checkout(shop, cashier, cart, [value, points, Tender("cash", 100)])
    shown = document(shop, outcome.number)
    assert sorted((p["method"], p["amount"]) for p in shown["payments"]) == [
        ("cash", "1.00"), ("points", "0.40"), ("stored_value", "5.00")]
    # earned on the 6.00 paid in money (not on the 0.40 paid with points), 2 a yuan
    assert _moves(shop) == [("top_up", 500, 0, 500, 100), ("pay", -500, 0, 0, 100),
                            ("redeem", 0, -40, 0, 60), ("earn", 0, 12, 0, 72)]
    with shop.engine.connect() as conn:
        debit_2203 = conn.execute(text(
            "SELECT sum(debit_fen) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id "
            "JOIN documents d ON d.id = v.document_id WHERE d.uuid = :u AND l.account = '2203'"),
            {"u": outcome.sale_id}).scalar()
    assert debit_2203 == 540
    assert verify(shop).ok


def _give_points(store, points: int) -> None:
    with store.engine.begin() as conn:  # what the member came with (imported)
        conn.execute(text("UPDATE customers SET points = :p WHERE code = 'M001'"), {"p": points})


def test_more_than_the_balance_is_refused_with_the_balance(shop, cashier):
    top_up(shop, cashier, "M001", 3_00, CONFIG, top_up_id="t-3")
    member = find_member(shop, "M001")
    with pytest.raises(NotEnoughStoredValue) as refused:
        stored_value_tender(member, 640, [], 500)
    assert "3.00" in refused.value.message("en") and "5.00" in refused.value.message("en")
    with pytest.raises(NotEnoughPoints):
        points_tender(member, 640, [], 10, fen_per_point=1)
    with pytest.raises(MemberNeeded):
        stored_value_tender(None, 640, [], 0)
    # posting checks again, inside its transaction: a stale balance cannot overdraw
    cart = _member_cart(shop)
    stale = Tender("stored_value", 500, "M001")
    with pytest.raises(NotEnoughStoredValue):
        checkout(shop, cashier, cart, [stale, Tender("cash", 140)])
    assert find_member(shop, "M001").stored_value_fen == 3_00
    assert document_count(shop, "sale") == 0


def test_points_redemption_needs_the_store_rate(shop, cashier):
    set_meta(shop, "counter.fen_per_point", "0")
    with pytest.raises(PointsNotRedeemable):
        points_tender(find_member(shop, "M001"), 640, [], 10, fen_per_point=0)


def test_a_return_refunds_stored_value_and_points_and_takes_back_earned_points(shop, cashier,
                                                                              manager):
    _give_points(shop, 500)
    top_up(shop, cashier, "M001", 20_00, CONFIG, top_up_id="t-4")
    cart = _member_cart(shop, 4000)  # 4 x 3.20 = 12.80
    member = find_member(shop, "M001")
    points = points_tender(member, 1280, [], 280, fen_per_point=1)  # 2.80
    value = stored_value_tender(member, 1280, [points], 0)  # 10.00
    sale = checkout(shop, cashier, cart, [points, value])
    after_sale = find_member(shop, "M001")
    assert (after_sale.stored_value_fen, after_sale.points) == (10_00, 500 - 280 + 10)
    half = post_return(shop, manager, sale.number, {1: 2000}, CONFIG,
                       return_id=str(uuid.uuid4()))  # 6.40: the points first, then stored value
    assert [(t.method, t.amount_fen, t.reference) for t in half.tenders] == [
        ("points", 280, "points:280"), ("stored_value", 360, "M001")]
    back = find_member(shop, "M001")
    # all 280 points back; of the 10 earned on 10.00, 4 (3.60 of it) taken back
    assert (back.stored_value_fen, back.points) == (13_60, 230 + 280 - 4)
    post_return(shop, manager, sale.number, {1: 2000}, CONFIG, return_id=str(uuid.uuid4()))
    final = find_member(shop, "M001")
    assert (final.stored_value_fen, final.points) == (20_00, 500)  # exactly as before
    assert not find_sale(shop, sale.number).returnable and verify(shop).ok


def test_member_account_moves_are_append_only(shop, cashier):
    top_up(shop, cashier, "M001", 1_00, CONFIG, top_up_id="t-5")
    for statement in ("UPDATE member_account_moves SET value_fen = 99",
                      "DELETE FROM member_account_moves"):
        with pytest.raises(IntegrityError):
            with shop.engine.begin() as conn:
                conn.execute(text(statement))


def test_stored_value_without_a_member_is_refused_by_posting(shop, cashier):
    cart = Cart()
    cart.add(product(shop, "COLA"))
    with pytest.raises(MemberNeeded):
        checkout(shop, cashier, cart, [Tender("stored_value", 350, "M001")])


def document_count(store, kind: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents WHERE doc_type = :k "
                                 "AND status = 'posted'"), {"k": kind}).scalar()


def test_admin_is_a_fine_cashier_too(shop):
    assert top_up(shop, ADMIN, "M001", 1, CONFIG, top_up_id="t-6").amount_fen == 1
