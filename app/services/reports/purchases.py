"""Purchase price trend: per supplier, product and month, the average, lowest and highest
unit cost received, the landed unit cost (with freight and packaging), and the change of
the average against the previous month in which that supplier delivered that product."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from app.domain.permissions import check
from app.domain.report_math import change_bp, unit_fen
from app.domain.report_model import INT, MONEY, QTY, RATE, Column, ReportResult
from app.persistence.schema import Document, DocumentLine, Product, Supplier
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter, Resolved


@dataclass(frozen=True)
class PriceRow:
    supplier: str
    supplier_name: str
    sku: str
    name: str
    month: str
    receipts: int
    qty_milli: int
    amount_fen: int
    avg_cost_fen: int | None
    min_cost_fen: int
    max_cost_fen: int
    landed_cost_fen: int | None
    change_bp: int | None


COLUMNS = (
    Column("supplier", "供应商编码", "Supplier"), Column("supplier_name", "供应商", "Supplier name"),
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("month", "月份", "Month"), Column("receipts", "入库次数", "Receipts", INT),
    Column("qty_milli", "数量", "Qty", QTY), Column("amount_fen", "进货金额", "Amount", MONEY),
    Column("avg_cost_fen", "平均进价", "Avg unit cost", MONEY),
    Column("min_cost_fen", "最低进价", "Lowest", MONEY),
    Column("max_cost_fen", "最高进价", "Highest", MONEY),
    Column("landed_cost_fen", "含运杂费单价", "Landed unit cost", MONEY),
    Column("change_bp", "较上次月份", "Change vs previous month", RATE),
)


def purchase_conditions(r: Resolved) -> list:
    found = []
    if r.store_id is not None:
        found.append(Document.store_id == r.store_id)
    if r.category_ids is not None:
        found.append(Product.category_id.in_(sorted(r.category_ids)))
    if r.product_id is not None:
        found.append(Product.id == r.product_id)
    if r.supplier_id is not None:
        found.append(Document.supplier_id == r.supplier_id)  # who delivered, not the default
    return [and_(*found)] if found else []


def purchase_price_trend(store: LocalStore, f: ReportFilter,
                         *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.purchases.purchase_price_trend")
    month = func.strftime("%Y-%m", Document.business_date)
    with reading(store, f) as (s, r):
        q = (select(Supplier.code, Supplier.name, Product.sku, Product.name, month,
                    func.count(DocumentLine.id), func.sum(DocumentLine.qty_milli),
                    func.sum(DocumentLine.amount_fen), func.min(DocumentLine.unit_cost_fen),
                    func.max(DocumentLine.unit_cost_fen), func.sum(DocumentLine.landed_fen))
             .select_from(DocumentLine).join(Document, Document.id == DocumentLine.document_id)
             .join(Product, Product.id == DocumentLine.product_id)
             .join(Supplier, Supplier.id == Document.supplier_id)
             .where(Document.doc_type == "purchase_receipt", Document.status == "posted",
                    Document.business_date >= r.period.start,
                    Document.business_date <= r.period.end, *purchase_conditions(r))
             .group_by(Document.supplier_id, DocumentLine.product_id, month)
             .order_by(Supplier.code, Product.sku, month))
        found = s.execute(q).all()
    rows, last = [], {}
    for sup, sup_name, sku, name, mon, n, qty, amount, low, high, landed in found:
        avg = unit_fen(amount, qty)
        before = last.get((sup, sku))
        rows.append(PriceRow(sup, sup_name, sku, name, mon, n, qty, amount, avg, low, high,
                             unit_fen(amount + landed, qty),
                             change_bp(avg, before) if before and avg is not None else None))
        last[(sup, sku)] = avg
    totals = {"supplier": "合计 Total", "receipts": sum(x.receipts for x in rows),
              "amount_fen": sum(x.amount_fen for x in rows)}
    return ReportResult("purchase-price-trend", "供应商进价走势", "Purchase price trend by supplier",
                        COLUMNS, rows, totals, params=r.params)
