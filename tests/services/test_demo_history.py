"""`jxc demo --days D`: a trading history posted through the real posting service."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.uow import UnitOfWork
from app.services.demo import populate_demo
from app.services.demo.history import assortment_size
from app.services.inventory.queries import stock
from app.services.inventory.verify import verify
from app.services.setup import initialize_store
from helpers import ADMIN_PASSWORD

N, DAYS, SEED = 2000, 5, 7
TODAY = date(2026, 3, 16)  # a Monday: the history runs Wednesday to Sunday
FIRST = TODAY - timedelta(days=DAYS)


def _new_store(root):
    return initialize_store(DataDir(root), KeyringKeyStore(), "S001", "测试门店", ADMIN_PASSWORD)


def _all(store, sql: str, **params) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = _new_store(tmp_path_factory.mktemp("history") / "store")
    days: list[int] = []
    result = populate_demo(store, products=N, days=DAYS, seed=SEED, today=TODAY,
                           history_progress=days.append)
    yield store, result, days
    store.close()


def test_every_kind_of_document_is_posted_and_counted(demo):
    store, result, days = demo
    posted = dict(_all(store, "SELECT doc_type, count(*) FROM documents "
                              "WHERE status = 'posted' GROUP BY doc_type"))
    assert {"opening_stock", "purchase_receipt", "sale", "customer_return", "write_off",
            "stocktake"} <= set(posted)
    assert posted == result.documents and result.skipped == 0 and days == [1] * DAYS
    assert _all(store, "SELECT count(*) FROM documents WHERE status != 'posted'") == [(0,)]
    outbox = _all(store, "SELECT count(*) FROM outbox WHERE event_type = 'document.posted'")
    assert outbox == [(sum(posted.values()),)]
    assert result.history.assortment == assortment_size(N) == 320
    head, _, tail = result.summary().partition(f", {DAYS} days: ")
    assert head.startswith(f"{N} products") and tail
    words = {"sale": "sale", "receipt": "purchase_receipt", "return": "customer_return",
             "supplier return": "purchase_return", "write-off": "write_off",
             "stocktake": "stocktake"}
    said = {}
    for part in tail.split(", "):
        count, word = part.split(" ", 1)
        said[words[word.rstrip("s")]] = int(count.replace(",", ""))
    assert said == {k: v for k, v in posted.items() if k != "opening_stock"}
    assert 20 * DAYS <= posted["sale"] <= 40 * DAYS


def test_the_books_verify_and_durability_is_back_to_full(demo):
    store, _, _ = demo
    report = verify(store)
    assert report.ok, {k: v[:3] for k, v in report.checks.items() if v}
    with UnitOfWork(store.engine) as uow:  # the run relaxed it to NORMAL for itself only
        assert uow.session.execute(text("PRAGMA synchronous")).scalar() == 2


def test_every_sale_is_paid_exactly_and_tenders_look_real(demo):
    store, _, _ = demo
    rows = _all(store, "SELECT d.id, d.total_fen, coalesce(sum(p.amount_fen), 0) FROM documents d "
                       "LEFT JOIN document_payments p ON p.document_id = d.id "
                       "WHERE d.doc_type = 'sale' GROUP BY d.id")
    assert rows and all(total == paid > 0 for _, total, paid in rows)
    methods = Counter(dict(_all(store, "SELECT method, count(*) FROM document_payments p JOIN "
                                       "documents d ON d.id = p.document_id "
                                       "WHERE d.doc_type = 'sale' GROUP BY method")))
    assert set(methods) == {"wechat", "alipay", "cash", "card", "change"}
    assert methods["wechat"] + methods["alipay"] > len(rows) / 2
    members = _all(store, "SELECT count(*) FROM documents WHERE doc_type = 'sale' "
                          "AND customer_id IS NOT NULL")[0][0]
    assert 0.1 < members / len(rows) < 0.5
    sizes = Counter(n for (n,) in _all(store, "SELECT count(*) FROM document_lines l "
                                              "JOIN documents d ON d.id = l.document_id "
                                              "WHERE d.doc_type = 'sale' GROUP BY d.id"))
    assert min(sizes) == 1 and max(sizes) <= 7  # 1-6 items and perhaps a carrier bag


def test_weighed_goods_sell_by_the_gram(demo):
    store, _, _ = demo
    qtys = [q for (q,) in _all(store, "SELECT l.qty_milli FROM document_lines l "
                                      "JOIN documents d ON d.id = l.document_id "
                                      "JOIN products p ON p.id = l.product_id "
                                      "JOIN units u ON u.id = p.unit_id "
                                      "WHERE d.doc_type = 'sale' AND u.is_weighed")]
    assert qtys and any(q % 1000 for q in qtys)
    other = _all(store, "SELECT l.qty_milli FROM document_lines l JOIN documents d "
                        "ON d.id = l.document_id JOIN products p ON p.id = l.product_id "
                        "JOIN units u ON u.id = p.unit_id "
                        "WHERE d.doc_type = 'sale' AND NOT u.is_weighed")
    assert {q for (q,) in other} <= {1000, 2000, 3000}


def test_timestamps_fall_on_the_business_day(demo):
    store, _, _ = demo
    rows = _all(store, "SELECT d.business_date, d.created_at, m.occurred_at FROM documents d "
                       "JOIN stock_moves m ON m.document_id = d.id")
    assert rows
    for day, created, occurred in rows:
        assert created[:10] == occurred[:10] == day
    days = sorted({day for day, _, _ in rows})
    assert days[0] == FIRST.isoformat() and days[-1] == (TODAY - timedelta(days=1)).isoformat()


def test_dated_goods_carry_batch_and_expiry_and_no_expired_batch_is_sold(demo):
    store, _, _ = demo
    receipts = _all(store, "SELECT d.business_date, l.batch, l.expiry, p.shelf_life_days, "
                           "p.costing FROM document_lines l JOIN documents d "
                           "ON d.id = l.document_id JOIN products p ON p.id = l.product_id "
                           "WHERE d.doc_type = 'purchase_receipt'")
    dated = [r for r in receipts if r[3] is not None and r[4] == "fifo"]
    assert dated
    for day, batch, expiry, shelf, _ in dated:
        assert batch
        assert date.fromisoformat(expiry) == date.fromisoformat(day) + timedelta(days=shelf)
    sold = _all(store, "SELECT d.business_date, m.expiry FROM stock_moves m JOIN documents d "
                       "ON d.id = m.document_id WHERE d.doc_type = 'sale' "
                       "AND m.expiry IS NOT NULL")
    assert sold and all(expiry >= day for day, expiry in sold)
    reasons = {r for (r,) in _all(store, "SELECT DISTINCT l.reason FROM document_lines l JOIN "
                                         "documents d ON d.id = l.document_id "
                                         "WHERE d.doc_type = 'write_off'")}
    assert reasons and reasons <= {"expired", "damaged", "spoiled"}


def test_returns_take_back_part_of_an_earlier_sale(demo):
    store, _, _ = demo
    rows = _all(store, "SELECT r.qty_milli, s.qty_milli, r.amount_fen, s.amount_fen, "
                       "rd.business_date, sd.business_date FROM document_lines r "
                       "JOIN document_lines s ON s.id = r.original_line_id "
                       "JOIN documents rd ON rd.id = r.document_id "
                       "JOIN documents sd ON sd.id = s.document_id "
                       "WHERE rd.doc_type = 'customer_return'")
    assert rows
    for qty, sold_qty, amount, sold_amount, returned_on, sold_on in rows:
        assert 0 < qty <= sold_qty and 0 < amount <= sold_amount and sold_on <= returned_on


def test_stocktakes_count_with_small_differences(demo):
    store, _, _ = demo
    rows = _all(store, "SELECT l.qty_milli, l.system_qty_milli FROM document_lines l JOIN "
                       "documents d ON d.id = l.document_id WHERE d.doc_type = 'stocktake'")
    assert len(rows) >= 8
    assert all(abs(counted - system) <= 1000 for counted, system in rows)


def test_stock_as_of_the_first_day_differs_from_now(demo):
    store, _, _ = demo
    then = {r["sku"]: r["on_hand"] for r in stock(store, as_of=FIRST)}
    before = stock(store, as_of=FIRST - timedelta(days=1))
    now = {r["sku"]: r["on_hand"] for r in stock(store)}
    assert before == [] and then and now and then != now
    assert len(then) >= 300


def test_same_seed_same_history(tmp_path, demo):
    runs = []
    for name in ("a", "b"):
        store = _new_store(tmp_path / name)
        try:
            result = populate_demo(store, products=60, days=1, seed=3, today=TODAY)
            runs.append((result.documents, _all(
                store, "SELECT uuid, number, total_fen, business_date, created_at "
                       "FROM documents ORDER BY id")))
        finally:
            store.close()
    assert runs[0] == runs[1]
    opening = f"QC-S001-{TODAY - timedelta(days=1):%Y%m%d}-0001"
    assert runs[0][1][0][:2] == ("demo-3-00000001", opening)
    other = _all(demo[0], "SELECT total_fen FROM documents WHERE doc_type = 'sale' ORDER BY id")
    assert [t for _, _, t, _, _ in runs[0][1][:40]] != other[:40]
