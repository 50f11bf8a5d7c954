"""A transfer between stores is settled at the sender (a real `jxc hq serve`, SQLite and
PostgreSQL): store A (two terminals) sends 10, store B receives 8; head office closes the
transfer and sends A a `transfer_settle`; every terminal of A posts it once, which empties
A's in-transit for it, zeroes 1402 and books the 2 missing at their cost as A's loss."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app.services import catalog_sync, transfers
from app.services.inventory.verify import verify
from headoffice import cost, db, reactions, settlements
from headoffice.models import CostLine, Event, HqStore, Transfer
from hqtest import actor, hq_counts


def _peers(till):
    return catalog_sync.peer_link(till.store, timeout=5.0)


def _account(till, account: str, doc_id: str | None = None) -> int:
    sql = ("SELECT coalesce(sum(l.debit_fen - l.credit_fen), 0) FROM voucher_lines l "
           "JOIN vouchers v ON v.id = l.voucher_id JOIN documents d ON d.id = v.document_id "
           "WHERE l.account = :account" + (" AND d.uuid = :doc" if doc_id else ""))
    return till.query(sql, account=account, doc=doc_id)[0][0]


def test_the_sender_clears_its_in_transit_once_the_receiver_has_received(hq, tills):
    first = tills()
    second = tills(code=first.code, store_known=True, terminal="till-2")
    receiver = tills()
    sent = transfers.send_transfer(first.store, actor(), receiver.code,
                                   [{"sku": "COLA", "qty": "10"}])
    first.uplink().sync_now()
    assert _peers(second).pull().applied == 1  # the other terminal of A has the transfer too
    assert first.balances()[("COLA", "TRANSIT")] == (10_000, 1000)
    assert _account(first, "1402") == 1000

    (incoming,) = transfers.incoming_transfers(receiver.store, actor())
    transfers.receive_transfer(receiver.store, actor(), incoming, {"COLA": "8"})
    receiver.uplink().sync_now()

    # the receipt's ingest locked A's feed too (its settlement event goes there)
    def senders(s):
        ids = {code: id_ for code, id_ in s.execute(select(HqStore.code, HqStore.id))}
        receipt = {"document": {"type": "purchase_receipt", "transfer": sent.id}}
        return reactions.transfer_senders(s, ids[receiver.code], {"e": receipt}), ids

    found, ids = db.read(hq.engine, senders)
    assert found == {ids[first.code]}

    settle_id = settlements.settlement_id(sent.id)
    for till in (first, second):
        report = _peers(till).pull()
        assert (report.applied, report.set_aside) == (1, [])
        assert ("COLA", "TRANSIT") not in till.balances()
        assert _account(till, "1402") == 0
        assert _account(till, "1901", settle_id) == 200  # the 2 missing, at A's 1.00
        assert _account(till, "1221", settle_id) == 800
        assert till.balances()[("COLA", "MAIN")] == (99_990_000, 9_999_000)
        assert verify(till.store).ok
        assert _peers(till).pull().applied == 0  # a second sync posts nothing
    assert verify(receiver.store).ok

    # both terminals upload their posting; head office counts the first copy only
    first.uplink().sync_now()
    second.uplink().sync_now()
    assert hq_counts(hq.engine, first.code)["stock"] == first.balances() == second.balances()
    assert ("COLA", "TRANSIT") not in hq_counts(hq.engine, first.code)["stock"]
    summary = cost.recompute(hq.engine, first.code)[0]
    assert summary["published"] == 0
    states = db.read(hq.engine, lambda s: set(s.scalars(select(CostLine.state).where(
        CostLine.doc_id == settle_id))))
    assert states == {"final"}

    # delivered again (the receipt's closing replayed): the same event, posted nothing new
    def again(s):
        row = s.scalars(select(Transfer).where(Transfer.transfer_id == sent.id)).one()
        settlements.emit(s, row, dict(json.loads(row.received_lines)), row.received_at)
        return [(e.event_type, e.payload) for e in s.scalars(select(Event).where(
            Event.event_uuid.like("ts-ev-%"), Event.payload.contains(sent.id)))]

    (event,) = db.write(hq.engine, again)
    assert event[0] == "document.inbound"
    assert catalog_sync.apply_peer_event(first.store, {
        "event_type": event[0], "payload": event[1], "terminal_name": "~transfers"}) == \
        {"status": "present"}
    assert first.query("SELECT count(*) FROM documents WHERE doc_type = 'transfer_settle'") \
        == [(1,)]


def test_two_stores_receiving_each_others_transfers_at_once_both_settle(hq, tills):
    """Each receipt's ingest locks both stores' feeds, in store id order. Uploaded at the
    same time (PostgreSQL ingests them in parallel), both are applied at the first try and
    both senders settle. (The overlap depends on timing: this shows the two settle side by
    side, it cannot prove on its own that a lock order is needed.)"""
    first, second = tills(), tills()
    sent = {till.code: transfers.send_transfer(till.store, actor(), other.code,
                                               [{"sku": "COLA", "qty": "5"}])
            for till, other in ((first, second), (second, first))}
    for till in (first, second):
        till.uplink().sync_now()
    for till in (first, second):
        (incoming,) = transfers.incoming_transfers(till.store, actor())
        transfers.receive_transfer(till.store, actor(), incoming, {"COLA": "4"})
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda till: till.uplink().sync_now(), (first, second)))
    # a deadlock would show as a refused batch retried (PostgreSQL aborts one of the two)
    assert [(r.applied, r.refused, r.retries) for r in reports] == [(1, [], 0)] * 2
    for till in (first, second):
        assert _peers(till).pull().applied == 1
        assert ("COLA", "TRANSIT") not in till.balances()
        assert _account(till, "1901", settlements.settlement_id(sent[till.code].id)) == 100
        assert verify(till.store).ok
