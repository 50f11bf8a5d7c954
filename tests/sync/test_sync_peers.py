"""Peer events: the terminals of one store receive each other's documents through head
office (a real `jxc hq serve`, SQLite and PostgreSQL), post them once, never send the
copies back up, and converge on one ledger that equals head office's projection.
Inbound documents from an integration reach every terminal and count once."""
from __future__ import annotations

import httpx
import pytest

from app.services import catalog_sync
from app.sync import peers, settings
from headoffice import integrations
from hqtest import actor, hq_counts


def _peers(till):
    return catalog_sync.peer_link(till.store, timeout=5.0)


def _pair(tills):
    first = tills()
    second = tills(code=first.code, store_known=True, terminal="till-2")
    return first, second


def _round(*group):
    """Each terminal pushes, then each pulls its peers (twice: the second finds nothing)."""
    for till in group:
        till.uplink().sync_now()
    reports = [_peers(till).pull() for till in group]
    again = [_peers(till).pull() for till in group]
    assert [r.applied for r in again] == [0] * len(group)
    return reports


def _docs(till) -> set[str]:
    return {r[0] for r in till.query("SELECT uuid FROM documents WHERE status = 'posted'")}


def test_two_terminals_of_a_store_converge_on_one_ledger(hq, tills):
    first, second = _pair(tills)
    for qty in ("1", "2", "3"):
        first.sell(qty)
    second.sell("4")
    second.sell("2", sku="RICE")
    reports = _round(first, second)
    # both posted the same opening receipt (same id, same body): present, not doubled
    assert [r.applied for r in reports] == [2, 3]
    assert [r.present for r in reports] == [1, 1]  # each finds the other's opening receipt
    assert first.balances() == second.balances()
    assert _docs(first) == _docs(second)
    assert hq_counts(hq.engine, first.code)["stock"] == first.balances()
    # the copies never went up: pushing again sends nothing, nothing is pending
    for till in (first, second):
        report = till.uplink().sync_now()
        assert (report.applied, report.duplicates) == (0, 0)
        assert till.status()["pending"] == 0
    peer = first.query("SELECT detail FROM audit_log WHERE action = 'document.post' "
                       "AND detail LIKE '%peer:till-2%'")
    assert len(peer) == 2
    assert first.status()["peers"]["applied"] == 2


def test_reading_the_store_feed_again_applies_nothing_twice(hq, tills):
    first, second = _pair(tills)
    second.sell("5")
    _round(first, second)
    before = first.balances()
    settings.save(first.store, {peers.CURSOR: "0"})  # as after restoring an old backup
    again = _peers(first).pull()
    assert again.applied == 0 and again.present >= 2
    assert first.balances() == before == second.balances()


def test_a_crash_between_posting_and_settling_never_sends_the_copy(hq, tills, monkeypatch):
    first, second = _pair(tills)
    second.sell("7")
    first.uplink().sync_now()
    second.uplink().sync_now()

    def crash(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(peers, "settle", crash)
    with pytest.raises(RuntimeError):
        _peers(first).pull()
    monkeypatch.undo()
    events = hq_counts(hq.engine, first.code)["events"]
    report = first.uplink().sync_now()  # the uplink finds the marker and keeps the copy
    assert report.applied == 0
    assert hq_counts(hq.engine, first.code)["events"] == events
    _peers(first).pull()  # the cursor had not moved: the event is found already here
    assert first.balances() == second.balances() == hq_counts(hq.engine, first.code)["stock"]


def test_a_peer_document_this_store_cannot_post_is_set_aside_then_applied(hq, tills):
    from app.services.inventory.posting import post_document
    from app.services.warehouses import add_warehouse
    from hqtest import actor

    first, second = _pair(tills)
    _round(first, second)
    add_warehouse(second.store, actor(), "W9", "后仓")  # only the second terminal has W9
    post_document(second.store, actor(), {"type": "transfer_out", "id": f"{second.code}-tr-1",
                                          "to_warehouse": "W9",
                                          "lines": [{"sku": "COLA", "qty": "10"}]})
    second.uplink().sync_now()
    report = _peers(first).pull()
    assert report.applied == 0 and len(report.set_aside) == 1
    assert "W9" in report.set_aside[0]["reason"]
    status = first.status()["peers"]
    assert status["set_aside"] == 1 and status["set_aside_documents"][0]["terminal"] == "till-2"
    add_warehouse(first.store, actor(), "W9", "后仓")
    settings.save(first.store, {peers.CURSOR: "0"})  # read the store's feed again
    assert _peers(first).pull().applied == 1
    assert first.balances() == second.balances()
    assert first.status()["peers"]["set_aside"] == 0


def test_an_inbound_document_reaches_every_terminal_and_counts_once(hq, tills):
    first, second = _pair(tills)
    _round(first, second)
    key = integrations.add(hq.engine, f"shop-{first.code}", ["post:sale"], [first.code])["api_key"]
    order = {"type": "sale", "id": f"shop-{first.code}-1001",
             "lines": [{"sku": "COLA", "qty": "6", "unit_price": "3.50"}],
             "payments": [{"method": "wechat", "amount": "21.00", "reference": "wx-1"}]}
    url = hq.base_url + "/api/v1/inbound/documents"
    auth = {"Authorization": f"Bearer {key}"}
    sent = httpx.post(url, json={"store_code": first.code, "document": order}, headers=auth)
    assert sent.status_code == 200 and sent.json()["status"] == "accepted"
    again = httpx.post(url, json={"store_code": first.code, "document": order}, headers=auth)
    assert again.json()["status"] == "duplicate"
    assert again.json()["event_uuid"] == sent.json()["event_uuid"]
    changed = {**order, "lines": [{"sku": "COLA", "qty": "7", "unit_price": "3.50"}]}
    assert httpx.post(url, json={"store_code": first.code, "document": changed},
                      headers=auth).status_code == 409
    refund = {**order, "id": "x", "type": "write_off", "lines": [{"sku": "COLA", "qty": "1"}]}
    assert httpx.post(url, json={"store_code": first.code, "document": refund},
                      headers=auth).json()["code"] == "scope_missing"
    assert httpx.post(url, json={"store_code": first.code, "document": order},
                      headers={"Authorization": "Bearer jxci_wrong"}).status_code == 401
    # both terminals post it; head office counts the first copy only
    for _ in range(2):
        _round(first, second)
    assert order["id"] in _docs(first) and order["id"] in _docs(second)
    assert first.balances() == second.balances()
    assert hq_counts(hq.engine, first.code)["stock"] == first.balances()
    assert first.balances()[("COLA", "MAIN")][0] == 100_000_000 - 6000


def test_a_transfer_to_another_store_reaches_the_senders_other_terminal(hq, tills):
    from app.services import transfers

    first, second = _pair(tills)
    target = tills()
    _round(first, second)
    sent = transfers.send_transfer(second.store, actor(), target.code,
                                   [{"sku": "COLA", "qty": "8"}])
    report = _round(first, second)[0]
    assert report.applied == 1 and report.set_aside == []
    assert sent.id in _docs(first)
    assert first.balances() == second.balances() == hq_counts(hq.engine, first.code)["stock"]
    assert first.balances()[("COLA", "TRANSIT")][0] == 8000
