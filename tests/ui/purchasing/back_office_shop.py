"""Shared by tests/ui/purchasing and tests/ui/documents: a shop for the purchasing and documents screens: the inventory tests' catalog with
barcodes, COLA and MILK from supplier S01 with min/max, stock received, a clerk and a
manager."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.persistence.schema import Product, ProductBarcode, Supplier, User
from app.persistence.uow import UnitOfWork
from app.services.auth import SignedInUser
from app.services.inventory.posting import post_document
from app.services.passwords import hash_secret
from app.services.pinyin import initials
from app.services.records import Actor
from helpers import add_catalog

COLA_CODE, MILK_CODE = "6901234567892", "6901234567809"


def make_shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        s01 = s.scalars(select(Supplier).where(Supplier.code == "S01")).one()
        products = {p.sku: p for p in s.scalars(select(Product))}
        for p in products.values():
            p.pinyin = initials(p.name)
        for sku in ("COLA", "MILK"):
            products[sku].supplier_id = s01.id
        products["COLA"].min_stock_milli, products["COLA"].max_stock_milli = 30_000, 60_000
        s.add(ProductBarcode(barcode=COLA_CODE, product_id=products["COLA"].id, is_primary=True))
        s.add(ProductBarcode(barcode=MILK_CODE, product_id=products["MILK"].id, is_primary=True))
        users = {}
        for name, role in (("clerk", "warehouse_clerk"), ("boss", "store_manager"),
                           ("lead", "shift_lead")):
            user = User(username=name, display_name=f"{name}-名", role=role,
                        password_hash=hash_secret("Whatever-1"), active=True,
                        created_at=datetime(2026, 1, 1))
            s.add(user)
            s.flush()
            users[name] = SignedInUser(user.id, name, f"{name}-名", role)
        new_store.users = users
        uow.commit()
    post_document(new_store, Actor(None, "setup", "admin"), {
        "type": "purchase_receipt", "id": "stock-1", "supplier": "S01", "date": "2026-03-01",
        "lines": [{"sku": "COLA", "qty": "24", "unit_cost": "1.50"},
                  {"sku": "MILK", "qty": "24", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-12-31"}]})
    return new_store


def wait_idle(qtbot, ops) -> None:
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=10_000)
