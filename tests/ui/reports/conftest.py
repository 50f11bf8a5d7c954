"""A store with six weeks of sales up to today, for the Reports section's screens."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.services.inventory.posting import post_document
from app.services.records import Actor, utc_start_of
from app.services.setup import initialize_store
from helpers import add_catalog


@pytest.fixture(scope="package")
def sales_store(tmp_path_factory):
    store = initialize_store(DataDir(tmp_path_factory.mktemp("reports_ui") / "s"),
                             KeyringKeyStore(), "S001", "报表界面店", "secret123")
    add_catalog(store)
    admin, today = Actor(1, "admin", "admin"), date.today()
    start = today - timedelta(days=42)

    def post(n, day, body):
        post_document(store, admin, {**body, "id": f"d{n}", "date": day.isoformat()},
                      clock=lambda: utc_start_of(day) + timedelta(hours=10))

    post(0, start, {"type": "purchase_receipt", "supplier": "S01", "lines": [
        {"sku": "COLA", "qty": "500", "unit_cost": "1.00"},
        {"sku": "RICE", "qty": "300", "unit_cost": "5.00"},
        {"sku": "MILK", "qty": "50", "unit_cost": "3.00", "batch": "B1",
         "expiry": (today + timedelta(days=10)).isoformat()}]})
    for n in range(1, 43):
        day = start + timedelta(days=n)
        lines = [{"sku": "COLA", "qty": str(2 + n % 5), "unit_price": "3.50"}]
        if n % 3 == 0:
            lines.append({"sku": "RICE", "qty": str(1 + n % 4), "unit_price": "8.00"})
        total = sum(int(l["qty"]) * float(l["unit_price"]) for l in lines)  # test data only
        post(n, day, {"type": "sale", "lines": lines,
                      "payments": [{"method": "cash", "amount": f"{total + 10:.2f}"}]})
    yield store
    store.close()
