"""One aggregate behind the sales, gross-profit, customer and cashier reports.

Sales and customer returns are summed in SQL, grouped by one dimension; returns net off
(signed -1) in the period of the return. Revenue without VAT is each line's amount split
exactly as posting splits it (`split_vat`: half-up per line), so the report's revenue and
COGS equal the vouchers' 5001 and 5401. COGS is the FIFO/FEFO/average cost stored on the
line, which includes each layer's freight and packaging share (landed cost); a return
brings back its share of the original sale's cost.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, literal, select
from sqlalchemy.orm import Session, aliased

from app.persistence.schema import Category, Customer, Document, DocumentLine, Product, User
from app.services.reports import summary_read
from app.services.reports.filters import Resolved

SALE, RETURN = "sale", "customer_return"
Original = aliased(Document)
SIGN = case((Document.doc_type == RETURN, -1), else_=1)
_RATE = 10_000 + DocumentLine.tax_rate_bp
NET_OF_VAT = (DocumentLine.amount_fen * 20_000 + _RATE) // (2 * _RATE)  # half-up, amount >= 0
CUSTOMER = func.coalesce(Document.customer_id, Original.customer_id)  # a return: the sale's
DIMENSIONS = ("day", "month", "product", "category", "cashier", "customer", "all")


@dataclass(frozen=True)
class Agg:
    key: object
    code: str
    name: str
    tickets: int  # sale documents
    return_docs: int
    sale_lines: int
    qty_milli: int  # sold less returned
    gross_fen: int  # sales after line discounts, VAT included
    discount_fen: int
    returns_fen: int
    revenue_net_fen: int  # net of returns and VAT (account 5001)
    cogs_fen: int  # net of returns (account 5401)
    first_day: object = None
    last_day: object = None

    @property
    def net_sales_fen(self) -> int:
        return self.gross_fen - self.returns_fen

    @property
    def profit_fen(self) -> int:
        return self.revenue_net_fen - self.cogs_fen


def _measures():
    is_sale = Document.doc_type == SALE
    return [
        func.count(distinct(case((is_sale, Document.id)))),
        func.count(distinct(case((~is_sale, Document.id)))),
        func.coalesce(func.sum(case((is_sale, 1), else_=0)), 0),
        func.coalesce(func.sum(SIGN * DocumentLine.qty_milli), 0),
        func.coalesce(func.sum(case((is_sale, DocumentLine.amount_fen), else_=0)), 0),
        func.coalesce(func.sum(case((is_sale, DocumentLine.discount_fen), else_=0)), 0),
        func.coalesce(func.sum(case((is_sale, 0), else_=DocumentLine.amount_fen)), 0),
        func.coalesce(func.sum(SIGN * NET_OF_VAT), 0),
        func.coalesce(func.sum(SIGN * DocumentLine.cogs_fen), 0),
        func.min(Document.business_date), func.max(Document.business_date),
    ]


def _dimension(q, dim: str):
    """The grouping key and its label columns, joining what the label needs."""
    if dim == "day":
        return q, [Document.business_date, literal(""), literal("")]
    if dim == "month":
        month = func.strftime("%Y-%m", Document.business_date)
        return q, [month, literal(""), literal("")]
    if dim == "product":
        return q, [Product.id, Product.sku, Product.name]
    if dim == "category":
        q = q.outerjoin(Category, Category.id == Product.category_id)
        return q, [Product.category_id, func.coalesce(Category.code, ""),
                   func.coalesce(Category.name, "")]
    if dim == "cashier":
        q = q.outerjoin(User, User.id == Document.user_id)
        return q, [Document.user_id, func.coalesce(User.username, ""),
                   func.coalesce(User.display_name, "")]
    if dim == "customer":
        q = q.outerjoin(Customer, Customer.id == CUSTOMER)
        return q, [CUSTOMER, func.coalesce(Customer.code, ""), func.coalesce(Customer.name, "")]
    if dim == "all":
        return q, [literal(0), literal(""), literal("")]
    raise ValueError(f"unknown dimension {dim}")


def base(r: Resolved, start=None, end=None):
    """FROM and WHERE of posted sales and returns in the period, with every filter."""
    start, end = start or r.period.start, end or r.period.end
    q = (select().select_from(DocumentLine)
         .join(Document, Document.id == DocumentLine.document_id)
         .join(Product, Product.id == DocumentLine.product_id)
         .outerjoin(Original, Original.id == Document.original_id)
         .where(Document.doc_type.in_((SALE, RETURN)), Document.status == "posted",
                Document.business_date >= start, Document.business_date <= end))
    return q.where(*conditions(r))


def conditions(r: Resolved) -> list:
    found = []
    if r.store_id is not None:
        found.append(Document.store_id == r.store_id)
    if r.category_ids is not None:
        found.append(Product.category_id.in_(sorted(r.category_ids)))
    if r.product_id is not None:
        found.append(DocumentLine.product_id == r.product_id)
    if r.cashier_id is not None:
        found.append(Document.user_id == r.cashier_id)
    if r.customer_id is not None:
        found.append(CUSTOMER == r.customer_id)
    if r.supplier_id is not None:
        found.append(Product.supplier_id == r.supplier_id)
    return [and_(*found)] if found else []


def aggregate(s: Session, r: Resolved, dim: str, start=None, end=None) -> list[Agg]:
    """Read from the daily summary when it answers exactly (`summary_read`), else scan."""
    fast = summary_read.aggregate(s, r, dim, start or r.period.start, end or r.period.end)
    if fast is not None:
        return [Agg(row[0], row[1] or "", row[2] or "", *row[3:]) for row in fast]
    return scan(s, r, dim, start, end)


def scan(s: Session, r: Resolved, dim: str, start=None, end=None) -> list[Agg]:
    """The aggregate from the document lines themselves (any dimension, any filter)."""
    q, keys = _dimension(base(r, start, end), dim)
    q = q.add_columns(*keys, *_measures()).group_by(*keys)
    return [Agg(row[0], row[1] or "", row[2] or "", *row[3:]) for row in s.execute(q).all()]


def total(s: Session, r: Resolved, start=None, end=None) -> Agg:
    rows = aggregate(s, r, "all", start, end)
    return rows[0] if rows else Agg(0, "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0)
