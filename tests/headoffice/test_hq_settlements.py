"""The settlement head office makes for the sender of a transfer (settlements.py)."""
from __future__ import annotations

import json

from headoffice import settlements
from headoffice.models import Transfer


def _transfer() -> Transfer:
    return Transfer(transfer_id="tr-1", number="DC-S001-20261205-0001", lines=json.dumps([
        {"sku": "COLA", "qty_milli": 10_000, "value_fen": 1000},
        {"sku": "MILK", "qty_milli": 4_000, "value_fen": 1200},
        {"sku": "RICE", "qty_milli": 2_500, "value_fen": 1500}]))


def test_received_quantities_capped_at_what_was_sent_and_nothing_for_what_never_came():
    doc = settlements.settlement(_transfer(), {"COLA": 8_000, "MILK": 6_000, "TEA": 1_000})
    assert doc["type"] == "transfer_settle" and doc["original"] == "tr-1"
    # more MILK than sent is the receiver's gain; TEA was never sent; no RICE arrived
    assert doc["lines"] == [{"sku": "COLA", "qty": "8"}, {"sku": "MILK", "qty": "4"}]


def test_the_id_is_the_transfers_and_nothing_arrived_makes_no_settlement():
    doc = settlements.settlement(_transfer(), {"COLA": 1})
    assert doc["id"] == settlements.settlement_id("tr-1") == \
        settlements.settlement(_transfer(), {"RICE": 1})["id"]
    assert doc["id"] != settlements.settlement_id("tr-2") and len(doc["id"]) <= 64
    assert settlements.settlement(_transfer(), {}) is None
    assert settlements.settlement(_transfer(), {"TEA": 5_000}) is None
