"""A small shop with stock, a cashier and a store manager with a PIN, for the till tests."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.persistence.schema import Product, ProductBarcode
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import post_document
from app.services.pinyin import initials
from app.services.records import Actor
from counter_shop import ADMIN, COLA_CODE, MANAGER_PIN, add_user
from helpers import add_catalog


@pytest.fixture
def shop(new_store):
    """COLA (barcode 6901234567892, 3.50, member 3.20) and RICE (kg, 8.00) in stock."""
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        cola = s.scalars(select(Product).where(Product.sku == "COLA")).one()
        cola.member_price_fen = 320
        s.add(ProductBarcode(barcode=COLA_CODE, product_id=cola.id, is_primary=True))
        s.add(Product(sku="OLD", name="停用商品", unit_id=cola.unit_id, retail_price_fen=100,
                      active=False, created_at=datetime(2026, 1, 1)))
        s.flush()
        for row in s.scalars(select(Product)):  # as the import and the demo keep it
            row.pinyin = initials(row.name)
        uow.commit()
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "stock-1", "supplier": "S01",
        "lines": [{"sku": "COLA", "qty": "24", "unit_cost": "1.50"},
                  {"sku": "RICE", "qty": "50", "unit_cost": "4.00"}]})
    return new_store


@pytest.fixture
def cashier(shop) -> Actor:
    return add_user(shop, "cashier1", "cashier")


@pytest.fixture
def manager(shop) -> Actor:
    return add_user(shop, "boss", "store_manager", pin=MANAGER_PIN)


@pytest.fixture
def shift(shop, cashier):
    """The cashier's shift, open on this till with a float of ¥200.00 (selling needs one)."""
    from app.services.counter import open_shift
    return open_shift(shop, cashier, 200_00)
