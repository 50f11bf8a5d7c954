"""The back office's view of head office: other stores' stock live from a real `jxc hq
serve` (kept as a snapshot), the last snapshot with its age when offline, and the store
list; a cashier never sees stock values."""
from __future__ import annotations

import pytest

from app.services.catalog_sync import hq_store_list, other_store_stock, sync_overview
from app.services.records import Actor
from app.sync.errors import HqUnreachable
from hqtest import actor
from test_sync_faults import point_at


def test_other_stores_stock_live_then_from_the_snapshot(hq, tills):
    here, other = tills(), tills()
    other.sell("5")
    other.uplink().sync_now()
    live = other_store_stock(here.store, actor(), other.code)
    assert live["live"] is True and live["store"] == other.code
    cola = {(r["sku"], r["warehouse"]): r for r in live["rows"]}[("COLA", "MAIN")]
    assert cola["qty_milli"] == 100_000_000 - 5000 and "value_fen" in cola
    codes = [s["code"] for s in hq_store_list(here.store, actor())["stores"]]
    assert {here.code, other.code} <= set(codes)
    point_at(here, "http://127.0.0.1:9")  # the line goes down
    kept = other_store_stock(here.store, actor(), other.code)
    assert kept["live"] is False and kept["rows"] == live["rows"]
    assert kept["age_seconds"] >= 0 and kept["fetched_at"] == live["fetched_at"]
    assert "cannot be reached" in kept["offline_reason_en"]
    cashier = other_store_stock(here.store, Actor(None, "c", "cashier"), other.code)
    assert all("value_fen" not in r and "value" not in r for r in cashier["rows"])
    with pytest.raises(HqUnreachable):  # never read while online: nothing to show
        other_store_stock(here.store, actor(), "NOPE")
    assert sync_overview(here.store, actor())["state"] in ("ok", "offline")
