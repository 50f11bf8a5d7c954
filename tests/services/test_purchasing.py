"""Purchasing read models: product lookup, suggested orders, open orders, price check."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.domain.doc_request import BadDocument
from app.domain.permissions import PermissionDenied
from app.persistence.schema import Product, ProductBarcode, Supplier
from app.persistence.uow import UnitOfWork
from app.services import purchasing
from app.services.counter.errors import ProductNotFound
from app.services.inventory.handlers import PriceAnomaly
from app.services.inventory.posting import post_document
from app.services.purchasing import DocHeader, DocLine, SuggestParams
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
CLERK = Actor(None, "clerk", "warehouse_clerk")
LEAD = Actor(None, "lead", "shift_lead")
TODAY = date(2026, 3, 28)


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        s01 = s.scalars(select(Supplier).where(Supplier.code == "S01")).one()
        s.add(Supplier(code="S02", name="北京粮油"))
        products = {p.sku: p for p in s.scalars(select(Product))}
        cola, milk, rice = products["COLA"], products["MILK"], products["RICE"]
        cola.supplier_id = milk.supplier_id = s01.id
        cola.min_stock_milli, cola.max_stock_milli = 10_000, 48_000
        milk.pinyin = "gmcnn"
        s.add(ProductBarcode(barcode="6901234567892", product_id=cola.id, is_primary=True))
        rice.min_stock_milli = 0
        uow.commit()
    post(new_store, "purchase_receipt", "in-1", supplier="S01", lines=[
        {"sku": "COLA", "qty": "20", "unit_cost": "1.50"},
        {"sku": "MILK", "qty": "30", "unit_cost": "3.00", "batch": "B1", "expiry": "2099-01-31"}],
        date="2026-03-01")
    return new_store


def post(store, kind, doc_id, actor=ADMIN, **fields):
    return post_document(store, actor, {"type": kind, "id": doc_id, **fields})


def sell(store, sku, qty, day, n):
    post(store, "sale", f"sale-{sku}-{n}", date=day.isoformat(),
         lines=[{"sku": sku, "qty": str(qty), "unit_price": "5.00"}],
         payments=[{"method": "cash", "amount": f"{5 * qty}.00"}])


def test_suggested_quantity_rule():
    # stock and orders cover minimum + need: nothing
    assert purchasing.suggested_qty(30_000, 0, 10_000, 48_000, 20_000) == 0
    # below the minimum: up to the maximum
    assert purchasing.suggested_qty(8_000, 0, 10_000, 48_000, 0) == 40_000
    # open orders count; a need above the maximum wins; rounded up to whole units
    assert purchasing.suggested_qty(5_000, 5_000, 10_000, 20_000, 40_500) == 41_000
    # no minimum, no maximum, but it sells: cover the need
    assert purchasing.suggested_qty(-2_000, 0, 0, 0, 7_000) == 7_000


def test_suggestions_from_min_max_and_sales_velocity(shop):
    # MILK sold 28 in the last 4 weeks (1 a day): over 14 days it needs 14; 30 - 28 = 2 left
    for n in range(14):
        sell(shop, "MILK", 2, TODAY - timedelta(days=2 * n), n)
    # COLA sold 12: 8 left, below its minimum of 10 -> up to its maximum of 48
    sell(shop, "COLA", 12, TODAY - timedelta(days=3), 99)
    found = purchasing.suggest_order(shop, CLERK, SuggestParams(supplier="S01", today=TODAY))
    by_sku = {s.product.sku: s for s in found}
    assert set(by_sku) == {"COLA", "MILK"}
    cola, milk = by_sku["COLA"], by_sku["MILK"]
    assert (cola.on_hand_milli, cola.qty_milli) == (8_000, 40_000)
    assert milk.sold_milli == 28_000 and milk.need_milli == 14_000
    assert milk.qty_milli == 12_000  # 14 needed - 2 on hand
    assert milk.product.last_cost_fen == 300
    # an open purchase order counts as on its way
    post(shop, "purchase_order", "po-1", supplier="S01",
         lines=[{"sku": "COLA", "qty": "40", "unit_cost": "1.50"}])
    again = {s.product.sku: s for s in purchasing.suggest_order(
        shop, CLERK, SuggestParams(supplier="S01", today=TODAY))}
    assert "COLA" not in again and again["MILK"].qty_milli == 12_000
    listed = purchasing.suggest_order(shop, CLERK, SuggestParams(
        supplier="S01", today=TODAY, only_needed=False))
    assert {s.product.sku for s in listed} == {"COLA", "MILK"}


def test_suggestions_refuse_bad_parameters_and_other_roles(shop):
    with pytest.raises(BadDocument):
        purchasing.suggest_order(shop, CLERK, SuggestParams(weeks=0))
    with pytest.raises(BadDocument) as bad:
        purchasing.suggest_order(shop, CLERK, SuggestParams(supplier="NOPE"))
    assert "NOPE" in bad.value.message("en")
    with pytest.raises(PermissionDenied):
        purchasing.suggest_order(shop, LEAD, SuggestParams())


def test_find_products_by_code_and_by_name_hides_costs(shop):
    [cola] = purchasing.find_products(shop, CLERK, "6901234567892")
    assert (cola.sku, cola.supplier, cola.last_cost_fen, cola.barcode) == \
        ("COLA", "S01", 150, "6901234567892")
    assert [p.sku for p in purchasing.find_products(shop, CLERK, "gmcnn")] == ["MILK"]
    assert purchasing.find_products(shop, LEAD, "COLA")[0].last_cost_fen == 0
    with pytest.raises(ProductNotFound):
        purchasing.find_products(shop, CLERK, "6900000000007")
    infos = purchasing.product_infos(shop, CLERK, ["MILK", "GONE"])
    assert set(infos) == {"MILK"} and infos["MILK"].shelf_life_days == 30
    assert purchasing.suppliers(shop, actor=CLERK) == [("S01", "上海饮料有限公司"), ("S02", "北京粮油")]


def test_open_orders_and_receiving_progress(shop):
    order = post(shop, "purchase_order", "po-2", supplier="S01", lines=[
        {"sku": "COLA", "qty": "10", "unit_cost": "1.50"},
        {"sku": "MILK", "qty": "6", "unit_cost": "3.00"}])
    [listed] = purchasing.open_orders(shop, actor=CLERK)
    assert (listed.number, listed.state, listed.supplier) == (order.number, "open", "S01")
    assert purchasing.open_orders(shop, actor=CLERK, supplier="S02") == []
    post(shop, "purchase_receipt", "rk-2", order=order.number,
         lines=[{"sku": "COLA", "qty": "4", "batch": "L1"}])
    got = purchasing.order_for_receiving(shop, CLERK, order.number)
    assert got.order.state == "partial"
    cola = got.lines[0]
    assert (cola.ordered_milli, cola.received_milli, cola.open_milli) == (10_000, 4_000, 6_000)
    assert cola.unit_cost_fen == 150
    post(shop, "purchase_receipt", "rk-3", order=order.number,
         lines=[{"sku": "COLA", "qty": "6"}, {"sku": "MILK", "qty": "6", "expiry": "2099-02-01"}])
    assert purchasing.open_orders(shop, actor=CLERK) == []
    with pytest.raises(BadDocument):
        purchasing.order_for_receiving(shop, CLERK, "nope")


def test_price_check_matches_the_posting_rule(shop):
    warnings = purchasing.price_check(shop, CLERK, [("COLA", 150), ("COLA", 181), ("MILK", 239)])
    assert [(w.line, w.sku, w.last_fen, w.new_fen) for w in warnings] == \
        [(2, "COLA", 150, 181), (3, "MILK", 300, 239)]
    assert warnings[0].change_bp == 2066
    assert warnings[0].threshold_percent == 20
    lines = [DocLine("COLA", 5_000, 181)]
    body = purchasing.build_document(DocHeader("purchase_receipt", "rk-odd", "S01"), lines)
    with pytest.raises(PriceAnomaly):
        post_document(shop, CLERK, body)
    lines[0].confirm_price = True
    post_document(shop, CLERK, purchasing.build_document(
        DocHeader("purchase_receipt", "rk-odd", "S01"), lines))


def test_build_document_and_expiry_helpers():
    header = DocHeader("purchase_receipt", "rk-9", "S01", order="CG-1", note=" 到货 ",
                       freight_fen=500)
    body = purchasing.build_document(header, [
        DocLine("MILK", 2_500, 300, "B7", date(2027, 1, 31), order_line=2),
        DocLine("COLA", 0, 150)])
    assert body == {"type": "purchase_receipt", "id": "rk-9", "warehouse": "MAIN",
                    "supplier": "S01", "order": "CG-1", "note": "到货", "freight": "5.00",
                    "lines": [{"sku": "MILK", "qty": "2.5", "unit_cost": "3.00", "batch": "B7",
                               "expiry": "2027-01-31", "order_line": 2}]}
    lines = [DocLine("MILK", 1_000), DocLine("COLA", 1_000), DocLine("EGG", 0)]
    assert purchasing.missing_expiry(lines, {"MILK": 30, "COLA": None, "EGG": 20}) == ["MILK"]
    assert purchasing.expiry_from_production(date(2026, 3, 1), 30) == date(2026, 3, 31)
