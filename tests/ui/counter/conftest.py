"""The sale screen on a real store with stock, a cashier, a manager with a PIN and a TCP
receipt printer emulator set as the till's printer."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.devices.emulator import PrinterEmulator
from app.persistence.schema import Product, ProductBarcode, User
from app.persistence.uow import UnitOfWork
from app.services.auth import SignedInUser
from app.services.counter import open_shift
from app.services.inventory.posting import post_document
from app.services.passwords import hash_secret
from app.services.pinyin import initials
from app.services.records import Actor
from app.ui.counter import CounterPage
from counter_till import CASHIER_PASSWORD, COLA_CODE, MANAGER_PIN, MILK_CODE, Till, set_meta
from helpers import add_catalog


def _user(session, username: str, role: str, pin: str | None = None) -> User:
    user = User(username=username, display_name=f"{username}-名", role=role,
                password_hash=hash_secret(CASHIER_PASSWORD),
                pin_hash=hash_secret(pin) if pin else None, active=True,
                created_at=datetime(2026, 1, 1))
    session.add(user)
    return user


@pytest.fixture
def bare_shop(new_store):
    """COLA (6901234567892, ¥3.50, members ¥3.20), MILK (6901234567809, ¥4.50), RICE (kg, ¥8.00), 24 of
    each in stock; users cashier1 (cashier) and boss (store manager, PIN 2468); no shift."""
    add_catalog(new_store)
    with UnitOfWork(new_store.engine) as uow:
        s = uow.session
        products = {p.sku: p for p in s.scalars(select(Product))}
        for product in products.values():
            product.pinyin = initials(product.name)
        products["COLA"].member_price_fen = 320
        s.add(ProductBarcode(barcode=COLA_CODE, product_id=products["COLA"].id, is_primary=True))
        s.add(ProductBarcode(barcode=MILK_CODE, product_id=products["MILK"].id, is_primary=True))
        cashier, boss = _user(s, "cashier1", "cashier"), _user(s, "boss", "store_manager", MANAGER_PIN)
        s.flush()
        new_store.users = {"cashier1": SignedInUser(cashier.id, "cashier1", "收银员一", "cashier"),
                           "boss": SignedInUser(boss.id, "boss", "店长", "store_manager")}
        uow.commit()
    post_document(new_store, Actor(None, "setup", "admin"), {
        "type": "purchase_receipt", "id": "stock-1", "supplier": "S01",
        "lines": [{"sku": "COLA", "qty": "24", "unit_cost": "1.50"},
                  {"sku": "MILK", "qty": "24", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-12-31"},
                  {"sku": "RICE", "qty": "24", "unit_cost": "4.00"}]})
    return new_store


@pytest.fixture
def shop(bare_shop):
    """The shop with cashier1's shift open on the till, float ¥200.00 (selling needs one)."""
    user = bare_shop.users["cashier1"]
    open_shift(bare_shop, Actor(user.user_id, user.username, user.role), 200_00)
    return bare_shop


@pytest.fixture
def printer(shop):
    with PrinterEmulator(width_mm=80) as emulator:
        set_meta(shop, "counter.printer", emulator.url)
        yield emulator


@pytest.fixture
def make_page(qtbot, ops):
    pages = []

    def _make(store, username: str = "cashier1") -> CounterPage:
        page = CounterPage(store, ops, store.users[username])
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: page.controller.loaded and ops.pending == 0)
        pages.append(page)
        return page

    yield _make
    for page in pages:
        page.shutdown()


@pytest.fixture
def page(make_page, shop, printer):
    return make_page(shop)


@pytest.fixture
def till(qtbot, page, ops) -> Till:
    return Till(qtbot, page, ops)
