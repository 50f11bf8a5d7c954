"""Worked examples of posting, through the real service on an encrypted store."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from app.domain.permissions import PermissionDenied
from app.services.inventory.handlers import LineRuleBroken, NotEnoughStock
from app.services.inventory.posting import ConflictingReplay
from app.services.inventory.queries import document, stock
from app.services.inventory.tenders import PaymentMismatch
from app.services.inventory.verify import verify
from app.services.records import Actor


def on_hand(store, sku, warehouse="MAIN"):
    rows = stock(store, sku=sku, warehouse=warehouse)
    return (rows[0]["on_hand"], rows[0]["value"]) if rows else ("0", "0.00")


def receive(post, sku, qty, cost, **extra):
    return post("purchase_receipt", [{"sku": sku, "qty": qty, "unit_cost": cost, **extra}],
                supplier="S01")


def test_fifo_sale_costs_the_oldest_layer_first(store, post):
    receive(post, "COLA", "10", "1.00")
    receive(post, "COLA", "10", "1.50", confirm_price=True)  # a 50% jump needs a yes
    sale = post("sale", [{"sku": "COLA", "qty": "12", "unit_price": "3.50"}],
                payments=[{"method": "cash", "amount": "50.00"}])
    shown = document(store, sale.number)
    assert shown["lines"][0]["cogs"] == "13.00"  # 10 x 1.00 + 2 x 1.50
    assert [m["qty"] for m in shown["moves"]] == ["-10", "-2"]
    assert on_hand(store, "COLA") == ("8", "12.00")
    assert {p["method"]: p["amount"] for p in shown["payments"]} == {"cash": "50.00", "change": "-8.00"}
    assert verify(store).ok


def test_fefo_sells_the_earliest_expiry_and_never_an_expired_batch(store, post):
    receive(post, "MILK", "5", "3.00", batch="LATE", expiry="2027-03-01")
    receive(post, "MILK", "5", "3.20", batch="SOON", expiry="2027-01-15")
    receive(post, "MILK", "5", "2.80", batch="GONE", expiry="2026-10-01")
    sale = post("sale", [{"sku": "MILK", "qty": "6"}], date="2026-11-22",
                payments=[{"method": "wechat", "amount": "27.00", "reference": "wx123"}])
    moves = document(store, sale.id)["moves"]
    assert [(m["batch"], m["qty"]) for m in moves] == [("SOON", "-5"), ("LATE", "-1")]
    with pytest.raises(NotEnoughStock):  # 4 usable left; the expired 5 only leave by write-off
        post("sale", [{"sku": "MILK", "qty": "5"}], date="2026-11-22",
             payments=[{"method": "cash", "amount": "22.50"}])
    post("write_off", [{"sku": "MILK", "qty": "5", "batch": "GONE", "reason": "expired"}])
    assert verify(store).ok


def test_moving_average(store, post):
    receive(post, "RICE", "10", "5.00")
    receive(post, "RICE", "10", "7.00", confirm_price=True)
    sale = post("sale", [{"sku": "RICE", "qty": "2.5"}], payments=[{"method": "cash", "amount": "20"}])
    assert document(store, sale.id)["lines"][0]["cogs"] == "15.00"  # 2.5 kg x 6.00
    assert on_hand(store, "RICE") == ("17.5", "105.00")


def test_freight_and_packaging_go_into_the_layer(store, post):
    post("purchase_receipt", [{"sku": "COLA", "qty": "10", "unit_cost": "1.00"},
                              {"sku": "RICE", "qty": "20", "unit_cost": "1.50"}],
         supplier="S01", freight="4.00", packaging="1.00")
    assert on_hand(store, "COLA") == ("10", "11.25")  # 10 + 5 x 10/40
    assert on_hand(store, "RICE") == ("20", "33.75")
    assert verify(store).ok


def test_customer_return_re_enters_at_the_original_cost(store, post):
    receive(post, "COLA", "10", "1.00")
    sale = post("sale", [{"sku": "COLA", "qty": "4", "unit_price": "3.00"}],
                payments=[{"method": "cash", "amount": "12"}])
    receive(post, "COLA", "10", "2.00", confirm_price=True)  # newer, dearer stock must not change the return cost
    ret = post("customer_return", [{"sku": "COLA", "qty": "3"}], original=sale.number)
    shown = document(store, ret.id)
    assert shown["lines"][0]["cogs"] == "3.00" and shown["total"] == "9.00"
    with pytest.raises(LineRuleBroken):  # 1 left to return
        post("customer_return", [{"sku": "COLA", "qty": "2"}], original=sale.id)
    assert verify(store).ok


def test_transfer_through_transit_with_a_shortage(store, post):
    receive(post, "COLA", "10", "1.00")
    out = post("transfer_out", [{"sku": "COLA", "qty": "6"}], to_warehouse="W2")
    assert on_hand(store, "COLA", "TRANSIT") == ("6", "6.00")
    post("transfer_in", [{"sku": "COLA", "qty": "5"}], original=out.number)
    assert on_hand(store, "COLA", "W2") == ("5", "5.00")
    assert on_hand(store, "COLA", "TRANSIT") == ("0", "0.00")
    voucher = {v["account"]: v for v in document(store, "transfer_in-3")["voucher"]}
    assert voucher["1901"]["debit"] == "1.00"  # the missing bottle
    with pytest.raises(LineRuleBroken):
        post("transfer_in", [{"sku": "COLA", "qty": "1"}], original=out.number)
    assert verify(store).ok


def test_stocktake_posts_gains_and_losses(store, post):
    receive(post, "COLA", "10", "1.00")
    receive(post, "RICE", "10", "5.00")
    take = post("stocktake", [{"sku": "COLA", "counted": "12"}, {"sku": "RICE", "counted": "9.5"}])
    shown = document(store, take.id)
    voucher = {(v["account"], v["debit"], v["credit"]) for v in shown["voucher"]}
    assert ("1405", "2.00", "0.00") in voucher and ("1901", "2.50", "0.00") in voucher
    assert on_hand(store, "COLA") == ("12", "12.00") and on_hand(store, "RICE") == ("9.5", "47.50")
    assert verify(store).ok


def test_same_id_posts_once_and_a_different_body_is_refused(store, post):
    receive(post, "COLA", "10", "1.00")
    body = [{"sku": "COLA", "qty": "1"}]
    first = post("sale", body, id="till-1-0001", payments=[{"method": "cash", "amount": "3.50"}])
    again = post("sale", body, id="till-1-0001", payments=[{"method": "cash", "amount": "3.50"}])
    assert again.replayed and again.number == first.number
    with pytest.raises(ConflictingReplay):
        post("sale", [{"sku": "COLA", "qty": "2"}], id="till-1-0001",
             payments=[{"method": "cash", "amount": "7.00"}])
    assert on_hand(store, "COLA")[0] == "9"
    with store.engine.connect() as conn:
        events = conn.execute(text("SELECT count(*) FROM outbox")).scalar()
        audits = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    assert events == audits == 2  # one receipt, one sale: nothing counted twice
    with store.engine.connect() as conn:
        payload = conn.execute(text("SELECT payload FROM outbox ORDER BY id DESC")).first()[0]
    event = __import__("json").loads(payload)
    assert event["id"] == "till-1-0001" and event["document"]["lines"] == body


def test_failed_posting_leaves_nothing_behind(store, post):
    receive(post, "COLA", "3", "1.00")
    with store.engine.connect() as conn:
        before = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("documents", "stock_moves", "outbox", "audit_log", "vouchers")]
    with pytest.raises(NotEnoughStock):
        post("sale", [{"sku": "COLA", "qty": "1"}, {"sku": "COLA", "qty": "5"}],
             payments=[{"method": "cash", "amount": "21"}])
    with pytest.raises(PaymentMismatch):
        post("sale", [{"sku": "COLA", "qty": "1"}], payments=[{"method": "card", "amount": "5"}])
    with store.engine.connect() as conn:
        after = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                 for t in ("documents", "stock_moves", "outbox", "audit_log", "vouchers")]
    assert after == before and on_hand(store, "COLA") == ("3", "3.00")


def test_permissions_are_enforced_by_the_service(store, post):
    cashier = Actor(7, "cashier1", "cashier")
    with pytest.raises(PermissionDenied):
        post("purchase_receipt", [{"sku": "COLA", "qty": "1", "unit_cost": "1"}], actor=cashier,
             supplier="S01")


def test_sale_on_account_needs_a_customer(store, post):
    receive(post, "COLA", "5", "1.00")
    with pytest.raises(PaymentMismatch):
        post("sale", [{"sku": "COLA", "qty": "1"}])
    sale = post("sale", [{"sku": "COLA", "qty": "1"}], customer="13800000001")
    assert {v["account"] for v in document(store, sale.id)["voucher"]} >= {"1122"}


def test_numbers_are_gap_free_per_type_and_day(store, post):
    receive(post, "COLA", "10", "1.00")
    numbers = [post("sale", [{"sku": "COLA", "qty": "1"}], date="2026-11-22",
                    payments=[{"method": "cash", "amount": "3.5"}]).number for _ in range(3)]
    assert numbers == [f"XS-S001-20261122-000{i}" for i in (1, 2, 3)]


def test_verify_detects_a_tampered_projection_and_repair_fixes_it(store, post):
    from app.services.inventory.verify import rebuild_projection

    receive(post, "COLA", "10", "1.00")
    with store.engine.begin() as conn:  # someone edits the cache behind JXC's back
        conn.execute(text("UPDATE stock_balances SET qty_milli = 99000"))
    report = verify(store)
    assert not report.ok and report.checks["stock_equals_ledger"]
    assert rebuild_projection(store, Actor(None, "admin", "admin")) >= 1
    assert verify(store).ok and on_hand(store, "COLA") == ("10", "10.00")


def test_verify_detects_an_edited_audit_entry(store, post):
    receive(post, "COLA", "10", "1.00")
    with store.engine.begin() as conn:  # the trigger stops UPDATE; a forger drops it first
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = replace(detail, '1000', '1')"))
    report = verify(store)
    assert report.checks["audit_chain_intact"] and report.checks["posted_documents_unchanged"]


def test_price_anomaly_needs_a_confirmation_that_is_recorded(store, post):
    from app.services.inventory.handlers import PriceAnomaly

    receive(post, "COLA", "10", "1.00")  # the last purchase price becomes 1.00
    receive(post, "COLA", "10", "1.19")  # within 20%: no question asked
    with pytest.raises(PriceAnomaly) as info:
        receive(post, "COLA", "10", "1.50")
    assert "COLA 1.50 (1.19)" in info.value.message("en")
    ok = receive(post, "COLA", "10", "1.50", confirm_price=True)
    with store.engine.connect() as conn:
        confirmed = conn.execute(text(
            "SELECT l.price_confirmed FROM document_lines l JOIN documents d "
            "ON d.id = l.document_id WHERE d.uuid = :u"), {"u": ok.id}).scalar()
    assert confirmed == 1


def test_price_anomaly_threshold_is_a_store_setting(store, post):
    from app.services.inventory.handlers import PriceAnomaly

    from app.services import settings

    settings.change(store, Actor(None, "t", "admin"), "price_anomaly_percent", "5%")
    receive(post, "COLA", "10", "1.00")
    with pytest.raises(PriceAnomaly):
        receive(post, "COLA", "10", "1.06")  # 6% > 5%


def test_products_can_be_named_by_barcode(store, post):
    from app.persistence.schema import Product, ProductBarcode
    from app.persistence.uow import UnitOfWork
    from sqlalchemy import select

    with UnitOfWork(store.engine) as uow:
        cola = uow.session.scalars(select(Product).where(Product.sku == "COLA")).one()
        uow.session.add(ProductBarcode(barcode="6901234567892", product_id=cola.id, is_primary=True))
        uow.commit()
    receive(post, "COLA", "5", "1.00")
    sale = post("sale", [{"barcode": "6901234567892", "qty": "2"}],
                payments=[{"method": "cash", "amount": "7"}])
    assert document(store, sale.id)["lines"][0]["sku"] == "COLA"
    with pytest.raises(Exception) as info:
        post("sale", [{"barcode": "6900000000000", "qty": "1"}],
             payments=[{"method": "cash", "amount": "1"}])
    assert "6900000000000" in info.value.message("en")


def test_average_product_with_dated_batches_stays_sellable(store, post):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE products SET shelf_life_days = 5 WHERE sku = 'RICE'"))
    for day, batch, expiry in (("2026-01-01", "A", "2026-01-05"), ("2026-01-07", "B", "2026-01-12")):
        post("purchase_receipt", [{"sku": "RICE", "qty": "10", "unit_cost": "5.00",
                                   "batch": batch, "expiry": expiry}], supplier="S01", date=day)
    post("sale", [{"sku": "RICE", "qty": "1"}], date="2026-01-08",
         payments=[{"method": "cash", "amount": "8"}])
    assert on_hand(store, "RICE") == ("19", "95.00")
    assert verify(store).ok


def test_business_date_and_as_of_follow_the_store_time_zone(store, post, monkeypatch):
    import time as _time
    from datetime import datetime

    from app.services.inventory.posting import post_document
    from app.services.records import Actor
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    _time.tzset()
    try:
        actor = Actor(None, "t", "admin")
        received = datetime(2026, 11, 21, 22, 0)  # UTC: 06:00 on the 22nd in Beijing
        post_document(store, actor, {
            "type": "purchase_receipt", "id": "morning", "supplier": "S01",
            "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"}]}, clock=lambda: received)
        early = datetime(2026, 11, 21, 23, 30)  # UTC: 07:30 on the 22nd in Beijing
        sale = post_document(store, actor, {
            "type": "sale", "id": "early", "lines": [{"sku": "COLA", "qty": "1"}],
            "payments": [{"method": "cash", "amount": "3.5"}]}, clock=lambda: early)
        assert sale.number.startswith("XS-S001-20261122-")
        assert stock(store, sku="COLA", as_of=datetime(2026, 11, 21).date()) == []  # received on the 22nd, Beijing time
        assert stock(store, sku="COLA", as_of=datetime(2026, 11, 22).date())[0]["on_hand"] == "4"
    finally:
        monkeypatch.delenv("TZ")
        _time.tzset()


def test_assembly_and_disassembly_by_recipe(store, post):
    from datetime import datetime

    from app.persistence.schema import Product, Unit
    from app.persistence.uow import UnitOfWork
    from app.services.recipes import set_recipe
    from app.services.records import Actor
    from sqlalchemy import select

    with UnitOfWork(store.engine) as uow:
        box = uow.session.scalars(select(Unit).where(Unit.name == "盒")).one()
        uow.session.add(Product(sku="GIFT", name="节日礼盒", unit_id=box.id,
                                retail_price_fen=5000, created_at=datetime(2026, 1, 1)))
        uow.commit()
    admin = Actor(None, "t", "admin")
    set_recipe(store, admin, "GIFT", "1", [("COLA", "6"), ("RICE", "2.5")])
    receive(post, "COLA", "12", "1.00")
    receive(post, "RICE", "5", "4.00")
    made = post("assembly", [{"sku": "GIFT", "qty": "2"}])
    assert document(store, made.id)["total"] == "32.00"  # 2 x (6 x 1.00 + 2.5 x 4.00)
    assert on_hand(store, "GIFT") == ("2", "32.00") and on_hand(store, "COLA")[0] == "0"
    post("disassembly", [{"sku": "GIFT", "qty": "1"}])
    assert on_hand(store, "GIFT") == ("1", "16.00")
    assert on_hand(store, "COLA")[0] == "6" and on_hand(store, "RICE")[0] == "2.5"
    assert verify(store).ok
    with pytest.raises(LineRuleBroken):  # no recipe
        post("assembly", [{"sku": "MILK", "qty": "1"}])
    with pytest.raises(Exception):  # a component may not be the product itself
        set_recipe(store, admin, "GIFT", "1", [("GIFT", "1")])
