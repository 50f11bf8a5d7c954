"""The Stock page on a real store: COLA (barcode 6901234567892) 100 in MAIN, MILK in an
expired, a near and a later batch; a store manager and a warehouse clerk."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.persistence.schema import ProductBarcode
from app.persistence.uow import UnitOfWork
from app.services import users
from app.services.auth import SignedInUser
from app.services.inventory.posting import post_document
from app.services.records import Actor, local_date, utc_now
from app.ui.stock.page import StockPage
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
TODAY = local_date(utc_now())
COLA_CODE = "6901234567892"
PASSWORD = "Stock-pass-9"


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        uow.session.execute(
            ProductBarcode.__table__.insert().values(barcode=COLA_CODE, product_id=1,
                                                     is_primary=True))
        uow.commit()
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "lines": [
            {"sku": "COLA", "qty": "100", "unit_cost": "2.00"},
            {"sku": "MILK", "qty": "10", "unit_cost": "3.00", "batch": "OLD",
             "expiry": (TODAY - timedelta(days=2)).isoformat()},
            {"sku": "MILK", "qty": "20", "unit_cost": "3.00", "batch": "SOON",
             "expiry": (TODAY + timedelta(days=5)).isoformat()},
            {"sku": "MILK", "qty": "5", "unit_cost": "3.00", "batch": "LATER",
             "expiry": (TODAY + timedelta(days=90)).isoformat()}]})
    new_store.people = {}
    for name, role in (("boss", "store_manager"), ("clerk", "warehouse_clerk"),
                       ("lead", "shift_lead")):
        info = users.add_user(new_store, ADMIN, name, name, role, PASSWORD)
        new_store.people[name] = SignedInUser(info.id, name, name, role)
    return new_store


@pytest.fixture
def make_page(qtbot, ops):
    def _make(store, who: str = "boss") -> StockPage:
        page = StockPage(store, ops, store.people[who])
        qtbot.addWidget(page)
        page.resize(1200, 720)
        page.show()
        qtbot.waitExposed(page)
        qtbot.waitUntil(lambda: page.tabs.count() > 0 and ops.pending == 0)
        return page

    return _make
