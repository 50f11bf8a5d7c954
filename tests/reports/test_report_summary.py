"""The daily sales summary: kept by posting, equal to a scan of the lines for every shape
it answers, equal to its own rebuild, and left alone for shapes it cannot answer."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest
from sqlalchemy import text

from app.persistence.uow import UnitOfWork
from app.services.reports import sales_core, summary, summary_read
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter

FEB, MAY = date(2026, 2, 1), date(2026, 5, 31)


def _rows(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT * FROM daily_sales ORDER BY business_date, store_id, product_id"))]


def _key(a) -> str:
    return str(a.key)


@pytest.mark.parametrize("dim,given", [
    ("product", {}), ("product", {"category": "01"}), ("product", {"supplier": "S02"}),
    ("product", {"store": "S001", "product": "COLA"}), ("day", {}), ("month", {}),
    ("all", {}), ("all", {"store": "S001"}), ("month", {"store": "S001"})])
def test_summary_gives_what_the_line_scan_gives(shop, dim, given):
    with reading(shop.store, ReportFilter(FEB, MAY, **given)) as (s, r):
        assert summary_read.answers(r, dim)
        fast = sorted(sales_core.aggregate(s, r, dim), key=_key)
        slow = sorted(sales_core.scan(s, r, dim), key=_key)
    assert fast and [astuple(a) for a in fast] == [astuple(a) for a in slow]


@pytest.mark.parametrize("dim,given", [
    ("category", {}), ("cashier", {}), ("customer", {}), ("product", {"cashier": "c1"}),
    ("day", {"category": "01"}), ("all", {"customer": "M001"})])
def test_shapes_the_summary_cannot_answer_are_scanned(shop, dim, given):
    with reading(shop.store, ReportFilter(FEB, MAY, **given)) as (s, r):
        assert not summary_read.answers(r, dim)
        assert summary_read.aggregate(s, r, dim, FEB, MAY) is None


def test_posting_keeps_the_summary_equal_to_its_rebuild(shop):
    kept = _rows(shop.store)
    # COLA in February: 60 + 40 sold on two tickets; March: 60 sold, 10 returned.
    with shop.store.engine.connect() as conn:
        cola = conn.execute(text("SELECT id FROM products WHERE sku = 'COLA'")).scalar()
        march = conn.execute(text(
            "SELECT tickets, return_docs, qty_milli, returns_fen FROM daily_sales "
            "WHERE product_id = :p AND business_date BETWEEN '2026-03-01' AND '2026-03-31' "
            "ORDER BY business_date"), {"p": cola}).all()
    assert [tuple(r) for r in march] == [(1, 0, 60_000, 0), (0, 1, -10_000, 3_000)]
    with UnitOfWork(shop.store.engine) as uow:
        assert summary.rebuild(uow.session) == len(kept)
        uow.commit()
    assert _rows(shop.store) == kept


def test_one_statement_per_document_even_with_repeated_products():
    class Line:
        def __init__(self, product_id, qty, amount, discount=0, tax=1300, cogs=100):
            self.product_id, self.qty_milli, self.amount_fen = product_id, qty, amount
            self.discount_fen, self.tax_rate_bp, self.cogs_fen = discount, tax, cogs

    rows = summary.rows_of("sale", date(2026, 5, 1), 1, [Line(7, 1000, 113), Line(7, 2000, 226),
                                                        Line(8, 1000, 109, tax=900)])
    assert rows == [("2026-05-01", 1, 7, 1, 0, 2, 3000, 339, 0, 0, 300, 200),
                    ("2026-05-01", 1, 8, 1, 0, 1, 1000, 109, 0, 0, 100, 100)]
    back = summary.rows_of("customer_return", date(2026, 5, 2), 1, [Line(7, 1000, 113)])
    assert back == [("2026-05-02", 1, 7, 0, 1, 0, -1000, 0, 0, 113, -100, -100)]
    assert summary.upsert_sql(2).count("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") == 2
