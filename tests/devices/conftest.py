"""A store with stock and one posted cash sale, and a printer emulator, for the queue tests."""
from __future__ import annotations

import pytest

from app.devices.emulator import PrinterEmulator
from app.services.inventory.posting import post_document
from device_receipts import ADMIN, SALE_LINES
from helpers import add_catalog


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "rk-1", "supplier": "S01",
        "lines": [{"sku": "COLA", "qty": "50", "unit_cost": "1.00"},
                  {"sku": "RICE", "qty": "50", "unit_cost": "5.00"},
                  {"sku": "MILK", "qty": "50", "unit_cost": "3.00", "batch": "B1",
                   "expiry": "2099-12-31"}]})
    return new_store


@pytest.fixture
def sell(shop):
    def _sell(doc_id: str, payments=None, lines=None):
        return post_document(shop, ADMIN, {
            "type": "sale", "id": doc_id, "lines": lines or SALE_LINES,
            "payments": payments or [{"method": "cash", "amount": "50.00"}]})
    return _sell


@pytest.fixture
def printer():
    with PrinterEmulator(width_mm=80) as em:
        yield em
