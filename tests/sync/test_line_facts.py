"""The line facts a terminal sends (app/sync/line_facts.py), replayed by head office's
costing authority (headoffice/cost_replay.py) for a single terminal: with only one till
there is nothing to reorder, so head office's final cost of every line must equal the
cost the till booked, through FIFO, FEFO, moving average, freight, returns, transfers
between warehouses, write-offs and purchase returns."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from app.services.inventory.posting import post_document
from app.sync.line_facts import line_facts
from headoffice.cost_replay import FINAL, RECEIPT, DocIn, LineIn, replay
from helpers import add_catalog
from hqtest import actor

T0 = datetime(2026, 12, 1, 9)


def _post(store, n: int, raw: dict) -> None:
    post_document(store, actor(), raw, clock=lambda: T0 + timedelta(minutes=n))


def _docs(store, ids: list[str]) -> list[DocIn]:
    with store.engine.connect() as conn:
        facts = line_facts(conn, ids)
        kinds = dict(conn.exec_driver_sql(
            "SELECT uuid, doc_type FROM documents WHERE uuid IN (%s)"
            % ",".join("?" * len(ids)), tuple(ids)).all())
    return [DocIn(d, kinds[d], T0 + timedelta(minutes=n), "T1", n, tuple(
        LineIn(f["line"], f["sku"], f["warehouse"], f["qty_milli"], f["method"], f["cogs_fen"],
               f["in_fen"], f["batch"], date.fromisoformat(f["expiry"]) if f["expiry"] else None,
               date.fromisoformat(f["day"]), f["original"], f["original_line"])
        for f in facts[d])) for n, d in enumerate(ids)]


def test_one_terminal_replayed_gives_its_own_costs(new_store):
    add_catalog(new_store)
    s = new_store
    pay = [{"method": "cash", "amount": "9999.00"}]
    _post(s, 0, {"type": "purchase_receipt", "id": "r1", "supplier": "S01", "freight": "1.00",
                 "packaging": "0.40", "lines": [
                     {"sku": "COLA", "qty": "10", "unit_cost": "1.00"},
                     {"sku": "MILK", "qty": "5", "unit_cost": "2.00", "batch": "L2",
                      "expiry": "2027-06-01"},
                     {"sku": "RICE", "qty": "3", "unit_cost": "4.00"}]})
    _post(s, 1, {"type": "purchase_receipt", "id": "r2", "supplier": "S01", "lines": [
        {"sku": "COLA", "qty": "10", "unit_cost": "1.10"},
        {"sku": "MILK", "qty": "5", "unit_cost": "2.10", "batch": "L1", "expiry": "2027-03-01"},
        {"sku": "RICE", "qty": "2", "unit_cost": "4.30"}]})
    _post(s, 2, {"type": "sale", "id": "s1", "payments": pay, "lines": [
        {"sku": "COLA", "qty": "12"}, {"sku": "MILK", "qty": "7"}, {"sku": "RICE", "qty": "1.5"}]})
    _post(s, 3, {"type": "customer_return", "id": "c1", "original": "s1",
                 "lines": [{"sku": "COLA", "qty": "5", "original_line": 1}]})
    _post(s, 4, {"type": "transfer_out", "id": "t1", "to_warehouse": "W2",
                 "lines": [{"sku": "COLA", "qty": "6"}]})
    _post(s, 5, {"type": "transfer_in", "id": "t2", "original": "t1",
                 "lines": [{"sku": "COLA", "qty": "5"}]})
    _post(s, 6, {"type": "write_off", "id": "w1",
                 "lines": [{"sku": "MILK", "qty": "1", "reason": "damaged"}]})
    _post(s, 7, {"type": "purchase_return", "id": "p1", "supplier": "S01",
                 "lines": [{"sku": "COLA", "qty": "2"}]})
    docs = _docs(s, ["r1", "r2", "s1", "c1", "t1", "t2", "w1", "p1"])
    result = replay(docs)
    checked = 0
    for doc in docs:
        for line in doc.lines:
            final, state = result.costs[(doc.doc_id, line.line_no)]
            if doc.doc_type == "purchase_receipt":
                assert (final, state) == (None, RECEIPT)
            else:
                assert (final, state) == (line.provisional_fen, FINAL), (doc.doc_id, line)
                checked += 1
    assert checked == 8
    r1 = {l.sku: l.in_fen for l in docs[0].lines}  # 1.40 landed, by goods value 10:10:12
    assert r1 == {"COLA": 1000 + 44, "MILK": 1000 + 44, "RICE": 1200 + 52}
    (ret,) = docs[3].lines
    assert (ret.original, ret.original_line) == ("s1", 1)
    assert [l.method for l in docs[2].lines] == ["fifo", "fefo", "average"]
