"""Compute, then write: how posting reaches the database (issue 3 item 11).

A document is planned in memory and written with one statement per table. These tests pin
what a later change could quietly lose: no statement per line beyond the line's own rows,
lookups that use their indexes, rows that read back through the ORM exactly as posted,
errors raised as before, drafts replaced in place, and numbers that keep counting past
9,999 a day.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from app.domain.numbering import DEFAULT_PATTERN, parse_pattern
from app.persistence import ledger
from app.persistence.schema import (CostLayer, Document, DocumentLine, Product, StockMove,
                                    Store, Unit)
from app.persistence.uow import UnitOfWork
from app.services.inventory import posting
from app.services.inventory.lifecycle import save_draft
from app.services.inventory.posting import post_document
from app.services.inventory.verify import verify
from app.services.records import Actor, local_date

ADMIN = Actor(None, "test-admin", "admin")
NOW = datetime(2026, 11, 22, 2, 30, 15, 123456)


def _statements(store, post) -> int:
    """SQL statements SQLite runs for one posting, from its trace (a trigger's program is
    traced with its statement's text again, right after it: not counted twice)."""
    seen: list[str] = []

    def on(conn, *_):
        conn.set_trace_callback(seen.append)

    def off(conn, *_):
        conn.set_trace_callback(None)

    event.listen(store.engine, "checkout", on)
    event.listen(store.engine, "checkin", off)
    try:
        post()
    finally:
        event.remove(store.engine, "checkout", on)
        event.remove(store.engine, "checkin", off)
    return sum(a != b for a, b in zip(seen, [None, *seen]))


def _products(store, n: int) -> list[str]:
    with UnitOfWork(store.engine) as uow:
        unit = uow.session.scalars(select(Unit)).first()
        uow.session.add_all(Product(sku=f"P{i:03d}", name=f"商品{i}", unit_id=unit.id,
                                    retail_price_fen=250, tax_rate_bp=1300, created_at=NOW)
                            for i in range(n))
        uow.commit()
    return [f"P{i:03d}" for i in range(n)]


def test_each_extra_sale_line_costs_its_own_rows_and_nothing_else(store, post):
    skus = _products(store, 10)
    post("opening_stock", [{"sku": s, "qty": "100", "unit_cost": "1.00"} for s in skus])

    def sale_of(n: int):
        return lambda: post("sale", [{"sku": s, "qty": "1", "unit_price": "2.50"}
                                     for s in skus[:n]],
                            payments=[{"method": "cash", "amount": "50.00"}])

    five, ten = _statements(store, sale_of(5)), _statements(store, sale_of(10))
    assert five <= 47  # 69 before; +1 since the daily_sales upsert (reports summary)
    assert ten - five == 5 * 4  # a line, a move, a layer and a balance each; no reads
    assert verify(store).ok


def test_the_last_receipt_lookup_uses_the_partial_index(store):
    with UnitOfWork(store.engine, write=False) as uow:
        plan = ledger.run(uow.session, "EXPLAIN QUERY PLAN " + ledger.LAST_RECEIPT_SQL,
                          (1, 1)).all()
    assert "USING INDEX ix_stock_moves_receipts" in " ".join(row[3] for row in plan)


def test_rows_read_back_through_the_orm_exactly_as_posted(store):
    receipt = {"type": "purchase_receipt", "id": "r1", "supplier": "S01", "lines": [
        {"sku": "MILK", "qty": "4", "unit_cost": "2.00", "batch": "B1", "expiry": "2027-01-31"}]}
    sale = {"type": "sale", "id": "s1", "lines": [{"sku": "MILK", "qty": "1"}],
            "payments": [{"method": "cash", "amount": "4.50"}]}
    for raw in (receipt, sale):
        post_document(store, ADMIN, raw, clock=lambda: NOW)
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        docs = s.scalars(select(Document).where(Document.uuid.in_(["r1", "s1"]))).all()
        assert {(d.created_at, d.posted_at, d.business_date) for d in docs} == {
            (NOW, NOW, local_date(NOW))}
        lines = s.scalars(select(DocumentLine).order_by(DocumentLine.id)).all()
        assert [(l.expiry, l.negative_stock, l.price_confirmed, l.amount_fen, l.cogs_fen)
                for l in lines] == [(date(2027, 1, 31), False, False, 800, 0),
                                    (None, False, False, 450, 200)]  # as requested
        moves = s.scalars(select(StockMove).order_by(StockMove.id)).all()
        assert [(m.expiry, m.occurred_at, m.recorded_at, m.qty_milli, m.value_fen, m.line_id)
                for m in moves] == [(date(2027, 1, 31), NOW, NOW, 4000, 800, lines[0].id),
                                    (date(2027, 1, 31), NOW, NOW, -1000, -200, lines[1].id)]
        layer = s.scalars(select(CostLayer)).one()
        assert (layer.batch, layer.expiry, layer.qty_left, layer.value_left,
                layer.received_seq, layer.is_average) == ("B1", date(2027, 1, 31), 3000, 600,
                                                          layer.id, False)
    assert verify(store).ok


def test_a_failed_statement_is_raised_as_sqlalchemy_raises_it(store):
    with UnitOfWork(store.engine) as uow, pytest.raises(IntegrityError):
        ledger.run(uow.session, "INSERT INTO jxc_meta (key, value) VALUES ('terminal_id', 'x')")


def test_posting_an_earlier_draft_keeps_its_row_and_replaces_its_lines(store):
    earlier = datetime(2026, 11, 20, 1, 0)
    lines = [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"},
             {"sku": "RICE", "qty": "2", "unit_cost": "6.00"}]
    save_draft(store, ADMIN, {"type": "opening_stock", "id": "o1", "lines": lines},
               clock=lambda: earlier)
    with UnitOfWork(store.engine, write=False) as uow:
        draft_id = uow.session.scalars(select(Document.id).where(Document.uuid == "o1")).one()
    result = post_document(store, ADMIN, {"type": "opening_stock", "id": "o1",
                                          "lines": lines[:1]}, clock=lambda: NOW)
    assert (result.status, result.total_fen) == ("posted", 500)
    with UnitOfWork(store.engine, write=False) as uow:
        doc = uow.session.scalars(select(Document).where(Document.uuid == "o1")).one()
        kept = uow.session.scalars(select(DocumentLine.qty_milli).where(
            DocumentLine.document_id == doc.id)).all()
        assert (doc.id, doc.created_at, doc.posted_at, kept) == (draft_id, earlier, NOW, [5000])
    assert verify(store).ok


@pytest.mark.parametrize("existing, expected", [
    ([], "0001"),
    (["0001", "0002"], "0003"),
    (["9999"], "10000"),
    (["9999", "10000", "10001"], "10002"),
    (["0999", "1000"], "1001"),
    (["9999", "99999"], "100000"),
])
def test_numbers_keep_counting_past_the_four_digits(store, post, existing, expected):
    post("opening_stock", [{"sku": "COLA", "qty": "1", "unit_cost": "1.00"}])
    day = date(2026, 11, 22)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        code = s.scalars(select(Store.code).where(Store.is_local.is_(True))).one()
        template = s.scalars(select(Document)).first()
        fields = {c.key: getattr(template, c.key) for c in Document.__table__.columns
                  if c.key != "id"}
        prefix = f"XS-{code}-{day:%Y%m%d}-"
        s.add_all(Document(**{**fields, "uuid": f"n-{n}", "doc_type": "sale",
                              "number": prefix + n}) for n in existing)
        s.flush()
        pattern = parse_pattern(DEFAULT_PATTERN)
        assert pattern.prefix("XS", code, "01", day) == prefix
        assert posting._next_number(s, pattern, prefix) == prefix + expected
