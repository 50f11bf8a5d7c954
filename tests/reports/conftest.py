"""A small shop with five months of trading, built once for all report tests (read only).

The story (2026; prices include VAT; COLA 13%, MILK and RICE 9%):
- January: COLA 300 @1.00 and GUM 30 @0.50 from S01; RICE 100 kg @5.00 + 5.00 freight
  from S02 (landed 5.05/kg, moving average); MILK 40 @3.00 batch M1 (expires 2026-06-10).
- COLA sells 100, 60 (10 returned), 30, 20 in February..May: net sales 294, 150, 90, 60
  yuan, a fall of more than 30% in each of three months. March brings COLA 100 @1.30,
  confirmed 30% above the last price; April MILK 30 @3.10 batch M2 (2026-06-25).
- Stocktake 2026-04-30: COLA 2 short (FIFO 2.00), RICE 1 kg over (5.05), MILK exact.
- M003 buys rice at 6.00 (thin margin); GUM never sells; COLA minimum 200, MILK 50.
Every document is posted with its business day as the clock, so the ledger's time and
the business date agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.schema import Category, Customer, Product, Supplier, Unit, User
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.records import Actor, utc_start_of
from app.services.setup import initialize_store
from helpers import ADMIN_PASSWORD, add_catalog


@dataclass
class Shop:
    store: object
    data_dir: object
    numbers: dict  # our document id -> document number
    admin: Actor
    c1: Actor
    c2: Actor


def at(day: date) -> datetime:
    return utc_start_of(day) + timedelta(hours=10)


def _master_data(store) -> tuple[int, int, int]:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        now = datetime(2026, 1, 1)
        drinks = Category(code="01", name="饮料")
        s.add(drinks)
        s.flush()
        s.add_all([Category(code="0101", name="乳制品", parent_id=drinks.id),
                   Category(code="02", name="粮油"),
                   Supplier(code="S02", name="黑龙江五常米业"),
                   Customer(code="M002", name="李四", phone="13800000002", created_at=now),
                   Customer(code="M003", name="王五餐厅", phone="13800000003", created_at=now),
                   User(username="c1", display_name="收银员甲", role="cashier",
                        password_hash="-", created_at=now),
                   User(username="c2", display_name="收银员乙", role="cashier",
                        password_hash="-", created_at=now)])
        s.flush()
        cats = {c.code: c.id for c in s.scalars(select(Category))}
        products = {p.sku: p for p in s.scalars(select(Product))}
        products["COLA"].category_id, products["COLA"].min_stock_milli = cats["01"], 200_000
        products["COLA"].max_stock_milli = 400_000
        products["MILK"].category_id, products["MILK"].min_stock_milli = cats["0101"], 50_000
        products["RICE"].category_id = cats["02"]
        products["RICE"].supplier_id = s.scalar(select(Supplier.id).where(Supplier.code == "S02"))
        products["RICE"].min_stock_milli = 10_000
        unit = s.scalar(select(Unit.id).where(Unit.name == "包"))
        s.add(Product(sku="GUM", name="绿箭口香糖", unit_id=unit, retail_price_fen=250,
                      tax_rate_bp=1300, created_at=now))
        ids = {u.username: u.id for u in s.scalars(select(User))}
        uow.commit()
    return ids["admin"], ids["c1"], ids["c2"]


def _line(sku, qty, price=None, **extra):
    line = {"sku": sku, "qty": qty, **extra}
    if price is not None:
        line["unit_price"] = price
    return line


def _documents(shop_numbers):
    """(actor name, our id, day, document) in posting order."""
    cash = lambda amount: [{"method": "cash", "amount": amount}]  # noqa: E731
    n = shop_numbers
    return [
        ("admin", "R1", date(2026, 1, 5), {"type": "purchase_receipt", "supplier": "S01", "lines": [
            _line("COLA", "300", unit_cost="1.00"), _line("GUM", "30", unit_cost="0.50")]}),
        ("admin", "R2", date(2026, 1, 5), {"type": "purchase_receipt", "supplier": "S02",
                                           "freight": "5.00", "lines": [
            _line("RICE", "100", unit_cost="5.00")]}),
        ("admin", "R3", date(2026, 1, 6), {"type": "purchase_receipt", "supplier": "S01", "lines": [
            _line("MILK", "40", unit_cost="3.00", batch="M1", expiry="2026-06-10")]}),
        ("c1", "S1", date(2026, 2, 10), {"type": "sale", "customer": "M001", "lines": [
            _line("COLA", "60", "3.00", discount="6.00"), _line("MILK", "10", "4.50")],
            "payments": cash("219.00")}),
        ("c2", "S2", date(2026, 2, 20), {"type": "sale", "lines": [
            _line("COLA", "40", "3.00"), _line("RICE", "10", "8.00")], "payments": cash("200.00")}),
        ("admin", "R4", date(2026, 3, 2), {"type": "purchase_receipt", "supplier": "S01", "lines": [
            _line("COLA", "100", unit_cost="1.30", confirm_price=True)]}),
        ("c1", "S3", date(2026, 3, 5), {"type": "sale", "customer": "M002", "lines": [
            _line("COLA", "60", "3.00"), _line("MILK", "10", "4.50", discount="1.00")],
            "payments": cash("224.00")}),
        ("c1", "T1", date(2026, 3, 7), lambda: {"type": "customer_return", "original": n["S3"],
                                                 "lines": [_line("COLA", "10")]}),
        ("c2", "S4", date(2026, 3, 15), {"type": "sale", "customer": "M001", "lines": [
            _line("RICE", "20", "8.00")], "payments": cash("160.00")}),
        ("admin", "R5", date(2026, 4, 1), {"type": "purchase_receipt", "supplier": "S01", "lines": [
            _line("MILK", "30", unit_cost="3.10", batch="M2", expiry="2026-06-25")]}),
        ("c1", "S5", date(2026, 4, 10), {"type": "sale", "customer": "M001", "lines": [
            _line("COLA", "30", "3.00"), _line("MILK", "12", "4.50")], "payments": cash("144.00")}),
        ("c2", "S6", date(2026, 4, 12), {"type": "sale", "customer": "M003", "lines": [
            _line("RICE", "5", "6.00")], "payments": cash("30.00")}),
        ("admin", "P1", date(2026, 4, 30), {"type": "stocktake", "lines": [
            {"sku": "COLA", "counted": "218"}, {"sku": "RICE", "counted": "66"},
            {"sku": "MILK", "counted": "38"}]}),
        ("c1", "S7", date(2026, 5, 8), {"type": "sale", "lines": [_line("COLA", "20", "3.00")],
                                        "payments": cash("60.00")}),
        ("c1", "S8", date(2026, 5, 20), {"type": "sale", "customer": "M003", "lines": [
            _line("RICE", "40", "6.00")], "payments": cash("240.00")}),
        ("c2", "T2", date(2026, 5, 21), lambda: {"type": "customer_return", "original": n["S8"],
                                                  "lines": [_line("RICE", "5")]}),
    ]


@pytest.fixture(scope="package")
def shop(tmp_path_factory):
    layout = DataDir(tmp_path_factory.mktemp("reports") / "store")
    store = initialize_store(layout, KeyringKeyStore(), "S001", "报表测试店", ADMIN_PASSWORD)
    add_catalog(store)
    admin_id, c1_id, c2_id = _master_data(store)
    actors = {"admin": Actor(admin_id, "admin", "admin"), "c1": Actor(c1_id, "c1", "cashier"),
              "c2": Actor(c2_id, "c2", "cashier")}
    numbers: dict = {}
    for who, our_id, day, body in _documents(numbers):
        raw = {**(body() if callable(body) else body), "id": our_id, "date": day.isoformat()}
        numbers[our_id] = post_document(store, actors[who], raw, clock=lambda d=day: at(d)).number
    yield Shop(store, layout.root, numbers, actors["admin"], actors["c1"], actors["c2"])
    store.close()
