"""Stocktake variance history: every counted line whose count differed from the ledger,
with the value booked (gains at the current average cost, losses out FIFO)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.domain.permissions import check
from app.domain.report_math import ratio_bp
from app.domain.report_model import DATE, INT, MONEY, QTY, RATE, Column, Fact, ReportResult
from app.persistence.schema import Document, DocumentLine, Product, Warehouse
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter
from app.services.reports.stock import product_conditions


@dataclass(frozen=True)
class VarianceRow:
    day: date
    number: str
    warehouse: str
    sku: str
    name: str
    system_milli: int
    counted_milli: int
    diff_milli: int
    value_fen: int
    rate_bp: int | None


COLUMNS = (
    Column("day", "日期", "Date", DATE), Column("number", "盘点单号", "Stocktake"),
    Column("warehouse", "仓库", "Warehouse"), Column("sku", "商品编码", "SKU"),
    Column("name", "商品名称", "Product"), Column("system_milli", "账面数量", "Book qty", QTY),
    Column("counted_milli", "实盘数量", "Counted", QTY), Column("diff_milli", "差异数量", "Difference", QTY),
    Column("value_fen", "差异金额", "Difference value", MONEY),
    Column("rate_bp", "差异率", "Variance rate", RATE),
)


def stocktake_variance(store: LocalStore, f: ReportFilter,
                       *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.stocktake.stocktake_variance")
    with reading(store, f) as (s, r):
        q = (select(Document.business_date, Document.number, Warehouse.code, Product.sku,
                    Product.name, DocumentLine.system_qty_milli, DocumentLine.qty_milli,
                    DocumentLine.amount_fen)
             .select_from(DocumentLine).join(Document, Document.id == DocumentLine.document_id)
             .join(Product, Product.id == DocumentLine.product_id)
             .join(Warehouse, Warehouse.id == Document.warehouse_id)
             .where(Document.doc_type == "stocktake", Document.status == "posted",
                    Document.business_date >= r.period.start,
                    Document.business_date <= r.period.end, *product_conditions(r))
             .order_by(Document.business_date, Document.number, DocumentLine.line_no))
        if r.store_id is not None:
            q = q.where(Document.store_id == r.store_id)
        found = s.execute(q).all()
    counted = len(found)
    rows = [VarianceRow(day, number, wh, sku, name, system or 0, qty, qty - (system or 0), value,
                        ratio_bp(qty - (system or 0), system or 0))
            for day, number, wh, sku, name, system, qty, value in found if qty != (system or 0)]
    gain = sum(x.value_fen for x in rows if x.value_fen > 0)
    loss = -sum(x.value_fen for x in rows if x.value_fen < 0)
    totals = {"day": None, "number": "合计 Total", "value_fen": gain - loss}
    facts = (Fact("lines", "盘点行数", "Lines counted", INT, counted),
             Fact("variances", "有差异行数", "Lines with a difference", INT, len(rows)),
             Fact("accuracy_bp", "账实相符率", "Count accuracy", RATE,
                  ratio_bp(counted - len(rows), counted)),
             Fact("gain_fen", "盘盈金额", "Gains", MONEY, gain),
             Fact("loss_fen", "盘亏金额", "Losses", MONEY, loss))
    return ReportResult("stocktake-variance", "盘点差异历史", "Stocktake variance history",
                        COLUMNS, rows, totals, facts, params=r.params)
