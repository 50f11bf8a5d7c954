"""The Head office section offline: the sync state, the queue, refused events sent again,
head office's view of the clock, and another store's stock from the last snapshot."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.services.auth import SignedInUser
from app.services.catalog_sync import SNAPSHOT
from app.services.inventory.posting import post_document
from app.services.records import LOCAL_OPERATOR, utc_now
from app.services.setup import initialize_store
from app.sync import settings
from app.sync.credentials import KeyringTokenStore
from app.ui.head_office.page import HeadOfficePage
from helpers import add_catalog

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


@pytest.fixture
def offline_store(tmp_path):
    """A store enrolled with a head office that cannot be reached, one event refused."""
    store = initialize_store(DataDir(tmp_path / "s"), KeyringKeyStore(), "S001", "测试门店",
                             "secret123")
    add_catalog(store)
    post_document(store, LOCAL_OPERATOR, {"type": "purchase_receipt", "id": "in-1",
                                          "supplier": "S01", "lines": [
                                              {"sku": "COLA", "qty": "10", "unit_cost": "1.00"}]})
    post_document(store, LOCAL_OPERATOR, {"type": "sale", "id": "sale-1",
                                          "lines": [{"sku": "COLA", "qty": "1"}],
                                          "payments": [{"method": "cash", "amount": "10.00"}]})
    KeyringTokenStore().put(store.identity.store_uuid, "jxct_test")
    settings.save(store, {"hq_url": "http://127.0.0.1:9", "terminal_uuid": "t-1",
                          "terminal_name": "till-1", "store_code": "S001", "state": "offline",
                          "last_error": "cannot connect: ConnectError",
                          "hq_clock_offset": "-7260", "hq_clock_skewed": "1",
                          "hq_clock_threshold": "300", "hq_clock_checked_at": "2026-11-22T08:00:00Z",
                          "hq_clock_skewed_since": "2026-11-22T07:40:00Z"})
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO outbox_delivery (outbox_id, attempts, last_error, "
                          "last_attempt_at, failed) SELECT min(id), 1, 'conflicting_event', "
                          ":at, 1 FROM outbox"), {"at": utc_now()})
    yield store
    store.close()


def test_sync_status_shows_the_queue_and_sends_refused_events_again(qtbot, ops, en_ui,
                                                                     offline_store):
    page = HeadOfficePage(offline_store, ops, ADMIN)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    tab = page.sync_tab
    qtbot.waitUntil(lambda: tab.data is not None)
    assert tab.state_label.text() == "Offline: head office cannot be reached"
    assert tab.values["pending"].text().startswith("1 (oldest from")
    assert "2 h 1 min behind head office (flagged since" in tab.values["clock"].text()
    assert tab.failed_table.rowCount() == 1
    assert tab.failed_table.item(0, 1).text() == "conflicting_event"
    page.grab().save("/tmp/head_office_sync.png")
    tab.data = None
    tab.retry_button.click()
    qtbot.waitUntil(lambda: tab.data is not None)
    assert tab.failed_table.rowCount() == 0 and not tab.retry_button.isEnabled()
    assert tab.values["pending"].text().startswith("2 ")
    with offline_store.engine.connect() as conn:
        audited = conn.execute(text("SELECT detail FROM audit_log WHERE action = "
                                    "'sync.retry_failed'")).scalar()
    assert json.loads(audited)["events"] == 1


def test_other_stores_stock_offline_shows_the_last_snapshot_with_its_age(qtbot, ops, en_ui,
                                                                         offline_store):
    page = HeadOfficePage(offline_store, ops, ADMIN)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    page.tabs.setCurrentWidget(page.stores_tab)
    tab = page.stores_tab
    qtbot.waitUntil(lambda: "not available" in tab.source_label.text())
    tab.store_box.setEditText("S002")
    tab.load()
    qtbot.waitUntil(lambda: "No stock to show" in tab.source_label.text())
    snapshot = {"fetched_at": (utc_now() - timedelta(hours=2, minutes=5)).isoformat(),
                "data": {"store": "S002", "as_of": "2026-11-22T08:00:00", "rows": [
                    {"sku": "COLA", "warehouse": "MAIN", "qty": "12", "qty_milli": 12000,
                     "value": "12.00", "value_fen": 1200, "updated_at": "2026-11-22T08:00:00"},
                    {"sku": "RICE", "warehouse": "MAIN", "qty": "3", "qty_milli": 3000,
                     "value": "15.00", "value_fen": 1500, "updated_at": "2026-11-22T08:00:00"}]}}
    with offline_store.engine.begin() as conn:
        conn.execute(text("INSERT INTO jxc_meta (key, value) VALUES (:k, :v)"),
                     {"k": SNAPSHOT + "S002", "v": json.dumps(snapshot)})
    tab.load()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    assert "Offline: the last snapshot of store S002" in tab.source_label.text()
    assert "(2 h 5 min old)" in tab.source_label.text()
    tab.filter_edit.setText("ric")
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "RICE"
    page.grab().save("/tmp/head_office_stores.png")
