"""Alerts from sales and purchases: products whose sales fell more than 30% in each of
three consecutive months, and purchase prices confirmed despite the anomaly check."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.domain.permissions import check
from app.domain.report_math import change_bp, fell_each_month
from app.domain.report_model import DATE, INT, MONEY, RATE, Column, Fact, ReportResult
from app.domain.report_periods import last_months, month_end, month_key, shift_day
from app.persistence.schema import Document, DocumentLine, Product, Supplier
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter, Resolved
from app.services.reports.purchases import purchase_conditions


@dataclass(frozen=True)
class DeclineRow:
    sku: str
    name: str
    months: tuple[int, ...]  # net sales of each month, oldest first
    change_bp: int | None  # the last month against the one before

    def __getattr__(self, key: str):  # m0, m1, ... for the month columns
        if key.startswith("m") and key[1:].isdigit():
            return self.months[int(key[1:])]
        raise AttributeError(key)


def complete_months(end: date, count: int) -> list[date]:
    """The first days of the last `count` whole months up to `end` (a month still running
    at `end` is left out: half a month would always look like a fall)."""
    last = end if end == month_end(end) else shift_day(end.replace(day=1), -1)
    return last_months(last, count)


def sales_decline(store: LocalStore, f: ReportFilter, drop_bp: int = 3000,
                  months: int = 3, *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.alerts_sales.sales_decline")
    starts = complete_months(f.end, months + 1)
    keys = [month_key(m) for m in starts]
    with reading(store, f) as (s, r):
        series = _monthly(s, r, starts[0], month_end(starts[-1]))
    rows = []
    for (sku, name), by_month in sorted(series.items()):
        values = [by_month.get(k, 0) for k in keys]
        if fell_each_month(values, drop_bp, months):
            rows.append(DeclineRow(sku, name, tuple(values), change_bp(values[-1], values[-2])))
    columns = (Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
               *(Column(f"m{i}", f"{k} 净销售额", f"{k} net sales", MONEY) for i, k in enumerate(keys)),
               Column("change_bp", "最近一月变化", "Last month's change", RATE))
    return ReportResult("sales-decline", f"销量连续 {months} 个月下滑超过 {drop_bp // 100}%",
                        f"Sales down more than {drop_bp // 100}% in each of {months} months",
                        columns, rows, {}, (Fact("count", "商品数", "Products", INT, len(rows)),),
                        params={"months": f"{keys[0]}..{keys[-1]}", **f.given()})


def _monthly(s, r: Resolved, start: date, end: date) -> dict:
    month = func.strftime("%Y-%m", Document.business_date)
    q = sales_core.base(r, start, end).add_columns(
        Product.sku, Product.name, month,
        func.sum(sales_core.SIGN * DocumentLine.amount_fen)).group_by(Product.id, month)
    series: dict = {}
    for sku, name, mon, amount in s.execute(q).all():
        series.setdefault((sku, name), {})[mon] = amount
    return series


@dataclass(frozen=True)
class PriceAlertRow:
    day: date
    number: str
    supplier: str
    sku: str
    name: str
    unit_cost_fen: int
    previous_fen: int | None
    change_bp: int | None


PRICE_COLUMNS = (
    Column("day", "日期", "Date", DATE), Column("number", "入库单号", "Receipt"),
    Column("supplier", "供应商", "Supplier"), Column("sku", "商品编码", "SKU"),
    Column("name", "商品名称", "Product"), Column("unit_cost_fen", "本次进价", "Unit cost", MONEY),
    Column("previous_fen", "上次进价", "Previous cost", MONEY), Column("change_bp", "变化", "Change", RATE),
)


def price_anomalies(store: LocalStore, f: ReportFilter,
                    *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Receipt lines whose price was more than the threshold away from the last one and
    were posted with a confirmation; `previous` is the product's last receipt price before."""
    check(actor.role, "reports.alerts_sales.price_anomalies")
    earlier, earlier_doc = aliased(DocumentLine), aliased(Document)
    previous = (select(earlier.unit_cost_fen).join(earlier_doc, earlier_doc.id == earlier.document_id)
                .where(earlier.product_id == DocumentLine.product_id,
                       earlier_doc.doc_type == "purchase_receipt", earlier_doc.status == "posted",
                       earlier_doc.id < Document.id)
                .order_by(earlier_doc.id.desc(), earlier.line_no.desc()).limit(1)
                .correlate(DocumentLine, Document).scalar_subquery())
    with reading(store, f) as (s, r):
        q = (select(Document.business_date, Document.number, Supplier.code, Product.sku,
                    Product.name, DocumentLine.unit_cost_fen, previous)
             .select_from(DocumentLine).join(Document, Document.id == DocumentLine.document_id)
             .join(Product, Product.id == DocumentLine.product_id)
             .join(Supplier, Supplier.id == Document.supplier_id)
             .where(DocumentLine.price_confirmed.is_(True), Document.status == "posted",
                    Document.doc_type == "purchase_receipt",
                    Document.business_date >= r.period.start,
                    Document.business_date <= r.period.end, *purchase_conditions(r))
             .order_by(Document.business_date, Document.number, DocumentLine.line_no))
        found = s.execute(q).all()
    rows = [PriceAlertRow(*x, change_bp(x[5], x[6]) if x[6] else None) for x in found]
    return ReportResult("price-anomalies", "进价异常（已确认）", "Confirmed purchase price anomalies",
                        PRICE_COLUMNS, rows, {}, (Fact("count", "行数", "Lines", INT, len(rows)),),
                        params=r.params)
