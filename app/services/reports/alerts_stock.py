"""Alerts from stock: below the product's minimum, negative stock, and every alert in one
list (for the dashboard and the morning brief)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.domain.money import format_money, format_quantity
from app.domain.permissions import check
from app.domain.report_model import DATE, INT, MONEY, QTY, TEXT, Column, Fact, ReportResult
from app.persistence.schema import Document, DocumentLine, Product, StockBalance, Warehouse
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.alerts_sales import price_anomalies, sales_decline
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter
from app.services.reports.stock import near_expiry, product_conditions


@dataclass(frozen=True)
class LowStockRow:
    sku: str
    name: str
    on_hand_milli: int
    min_milli: int
    max_milli: int
    short_milli: int
    reorder_milli: int  # up to the maximum (or the minimum when no maximum is set)


LOW_COLUMNS = (
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("on_hand_milli", "当前库存", "On hand", QTY), Column("min_milli", "库存下限", "Minimum", QTY),
    Column("max_milli", "库存上限", "Maximum", QTY), Column("short_milli", "缺口", "Short by", QTY),
    Column("reorder_milli", "建议补货", "Suggested order", QTY),
)


def low_stock(store: LocalStore, f: ReportFilter, *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Active products with a minimum whose stock now (the balances, all warehouses but
    in-transit) is below it."""
    check(actor.role, "reports.alerts_stock.low_stock")
    with reading(store, f) as (s, r):
        held = (select(StockBalance.product_id, func.sum(StockBalance.qty_milli).label("qty"))
                .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
                .where(Warehouse.is_in_transit.is_(False),
                       *([Warehouse.store_id == r.store_id] if r.store_id is not None else []))
                .group_by(StockBalance.product_id).subquery())
        qty = func.coalesce(held.c.qty, 0)
        q = (select(Product.sku, Product.name, qty, Product.min_stock_milli, Product.max_stock_milli)
             .select_from(Product).outerjoin(held, held.c.product_id == Product.id)
             .where(Product.min_stock_milli > 0, Product.active.is_(True),
                    qty < Product.min_stock_milli, *product_conditions(r))
             .order_by(Product.sku))
        found = s.execute(q).all()
    rows = [LowStockRow(sku, name, on, low, high, low - on, (high if high > low else low) - on)
            for sku, name, on, low, high in found]
    return ReportResult("low-stock", "低库存预警", "Low stock", LOW_COLUMNS, rows, {},
                        (Fact("count", "商品数", "Products", INT, len(rows)),), params=f.given())


@dataclass(frozen=True)
class NegativeRow:
    source: str
    day: date | None
    number: str
    sku: str
    name: str
    warehouse: str
    qty_milli: int
    value_fen: int | None


NEGATIVE_COLUMNS = (
    Column("source", "来源", "Source"), Column("day", "日期", "Date", DATE),
    Column("number", "单号", "Document"), Column("sku", "商品编码", "SKU"),
    Column("name", "商品名称", "Product"), Column("warehouse", "仓库", "Warehouse"),
    Column("qty_milli", "数量", "Qty", QTY), Column("value_fen", "金额", "Value", MONEY),
)


def negative_stock(store: LocalStore, f: ReportFilter,
                   *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Balances below zero now, and sale lines in the period that were sold beyond stock."""
    check(actor.role, "reports.alerts_stock.negative_stock")
    with reading(store, f) as (s, r):
        store_cond = [Warehouse.store_id == r.store_id] if r.store_id is not None else []
        now = s.execute(
            select(Product.sku, Product.name, Warehouse.code, StockBalance.qty_milli,
                   StockBalance.value_fen).select_from(StockBalance)
            .join(Product, Product.id == StockBalance.product_id)
            .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
            .where(StockBalance.qty_milli < 0, *store_cond, *product_conditions(r))
            .order_by(Product.sku, Warehouse.code)).all()
        sold = s.execute(
            select(Document.business_date, Document.number, Product.sku, Product.name,
                   Warehouse.code, DocumentLine.qty_milli).select_from(DocumentLine)
            .join(Document, Document.id == DocumentLine.document_id)
            .join(Product, Product.id == DocumentLine.product_id)
            .join(Warehouse, Warehouse.id == Document.warehouse_id)
            .where(DocumentLine.negative_stock.is_(True), Document.status == "posted",
                   Document.business_date >= r.period.start,
                   Document.business_date <= r.period.end, *store_cond, *product_conditions(r))
            .order_by(Document.business_date, Document.number, DocumentLine.line_no)).all()
    rows = [NegativeRow("当前库存 balance", None, "", sku, name, wh, qty, value)
            for sku, name, wh, qty, value in now]
    rows += [NegativeRow("负库存销售 sold short", day, number, sku, name, wh, qty, None)
             for day, number, sku, name, wh, qty in sold]
    return ReportResult("negative-stock", "负库存", "Negative stock", NEGATIVE_COLUMNS, rows, {},
                        (Fact("balances", "负库存商品", "Negative balances", INT, len(now)),
                         Fact("lines", "负库存销售行", "Lines sold short", INT, len(sold))),
                        params=f.given())


@dataclass(frozen=True)
class AlertRow:
    kind: str
    sku: str
    name: str
    detail: str


ALERT_COLUMNS = (Column("kind", "类型", "Kind", TEXT), Column("sku", "商品编码", "SKU"),
                 Column("name", "商品名称", "Product"), Column("detail", "说明", "Detail"))


def all_alerts(store: LocalStore, f: ReportFilter, days: int = 30,
               *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Every alert for the period ending f.end, one line each."""
    check(actor.role, "reports.alerts_stock.all_alerts")
    m, q = format_money, format_quantity
    parts = [
        ("销量连降 sales decline", sales_decline(store, f),
         lambda x: " → ".join(m(v) for v in x.months)),
        ("低库存 low stock", low_stock(store, f), lambda x: f"{q(x.on_hand_milli)} < {q(x.min_milli)}"),
        ("临期 near expiry", near_expiry(store, f, days),
         lambda x: f"{x.warehouse} {x.batch} {x.expiry.isoformat()} ({x.days_left}) {q(x.qty_milli)}"),
        ("负库存 negative stock", negative_stock(store, f),
         lambda x: f"{x.warehouse} {x.number} {q(x.qty_milli)}".replace("  ", " ")),
        ("进价异常 price anomaly", price_anomalies(store, f),
         lambda x: f"{x.number} {m(x.previous_fen) if x.previous_fen is not None else '-'} → "
                   f"{m(x.unit_cost_fen)}"),
    ]
    rows = [AlertRow(kind, x.sku, x.name, describe(x)) for kind, report, describe in parts
            for x in report.rows]
    facts = tuple(Fact(report.name, report.zh, report.en, INT, len(report.rows))
                  for _, report, _ in parts)
    return ReportResult("alerts", "预警汇总", "Alerts", ALERT_COLUMNS, rows, {}, facts,
                        params={"from": f.start.isoformat(), "to": f.end.isoformat(), **f.given()})
