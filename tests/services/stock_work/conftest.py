"""The small shop with stock: COLA 100 in MAIN (cost 2.00), MILK in two dated batches."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.services.inventory.posting import post_document
from app.services.records import Actor, local_date, utc_now
from helpers import add_catalog

ADMIN = Actor(1, "admin", "admin")
TODAY = local_date(utc_now())


@pytest.fixture
def shop(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "lines": [
            {"sku": "COLA", "qty": "100", "unit_cost": "2.00"},
            {"sku": "MILK", "qty": "10", "unit_cost": "3.00", "batch": "OLD",
             "expiry": (TODAY - timedelta(days=2)).isoformat()},
            {"sku": "MILK", "qty": "20", "unit_cost": "3.00", "batch": "SOON",
             "expiry": (TODAY + timedelta(days=5)).isoformat()},
            {"sku": "MILK", "qty": "5", "unit_cost": "3.00", "batch": "LATER",
             "expiry": (TODAY + timedelta(days=90)).isoformat()}]})
    return new_store
