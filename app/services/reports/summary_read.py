"""Sales aggregates read from the daily summary (`daily_sales`) instead of the lines.

The summary answers exactly when every figure is additive over (day, store, product):
- by product, with any filter on the store or the product (category, SKU, supplier): each
  document sits on one day, so "sale documents with the product" adds up across days;
- by day, month or in total, filtered by store at most: the counts of sale and return
  documents then come from `documents` (its type/status/date index), the sums from the
  summary.
Anything else (by cashier, customer or category, a cashier or customer filter, a product
filter on a trend) returns None and the caller scans the lines as before.
"""
from __future__ import annotations

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from app.persistence.schema import DailySales, Document, Product
from app.services.reports.filters import Resolved

SUMS = ("tickets", "return_docs", "sale_lines", "qty_milli", "gross_fen", "discount_fen",
        "returns_fen", "revenue_net_fen", "cogs_fen")
TRENDS = ("day", "month", "all")


def answers(r: Resolved, dim: str) -> bool:
    if r.cashier_id is not None or r.customer_id is not None:
        return False
    if dim == "product":
        return True
    product_filter = (r.category_ids, r.product_id, r.supplier_id) != (None, None, None)
    return dim in TRENDS and not product_filter


def aggregate(s: Session, r: Resolved, dim: str, start, end) -> list[tuple] | None:
    """Rows shaped as `sales_core.Agg` fields (key, code, name, tickets, ...), or None."""
    if not answers(r, dim):
        return None
    if dim == "product":
        return _by_product(s, r, start, end)
    return _trend(s, r, dim, start, end)


def _where(r: Resolved, start, end) -> list:
    found = [DailySales.business_date >= start, DailySales.business_date <= end]
    if r.store_id is not None:
        found.append(DailySales.store_id == r.store_id)
    if r.product_id is not None:
        found.append(DailySales.product_id == r.product_id)
    if r.category_ids is not None:
        found.append(Product.category_id.in_(sorted(r.category_ids)))
    if r.supplier_id is not None:
        found.append(Product.supplier_id == r.supplier_id)
    return found


def _sums() -> list:
    return [func.coalesce(func.sum(getattr(DailySales, c)), 0) for c in SUMS]


def _by_product(s: Session, r: Resolved, start, end) -> list[tuple]:
    q = (select(Product.id, Product.sku, Product.name, *_sums(),
                func.min(DailySales.business_date), func.max(DailySales.business_date))
         .select_from(DailySales).join(Product, Product.id == DailySales.product_id)
         .where(*_where(r, start, end)).group_by(Product.id))
    return [tuple(row) for row in s.execute(q).all()]


def _key(dim: str, column):
    if dim == "day":
        return column
    if dim == "month":
        return func.strftime("%Y-%m", column)
    return literal(0)


def _trend(s: Session, r: Resolved, dim: str, start, end) -> list[tuple]:
    key = _key(dim, DailySales.business_date)
    sums = {row[0]: row for row in s.execute(
        select(key, *_sums(), func.min(DailySales.business_date),
               func.max(DailySales.business_date))
        .where(*_where(r, start, end)).group_by(key)).all()}
    counts = _document_counts(s, r, dim, start, end)
    out = []
    for k, row in sums.items():
        tickets, returns = counts.get(k, (0, 0))
        out.append((k, "", "", tickets, returns, *row[3:]))
    return out


def _document_counts(s: Session, r: Resolved, dim: str, start, end) -> dict:
    key = _key(dim, Document.business_date)
    is_sale = Document.doc_type == "sale"
    q = (select(key, func.sum(case((is_sale, 1), else_=0)), func.sum(case((is_sale, 0), else_=1)))
         .where(Document.doc_type.in_(("sale", "customer_return")), Document.status == "posted",
                Document.business_date >= start, Document.business_date <= end,
                *([Document.store_id == r.store_id] if r.store_id is not None else []))
         .group_by(key))
    return {row[0]: (row[1], row[2]) for row in s.execute(q).all()}
