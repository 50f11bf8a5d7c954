"""Slow movers, inventory turnover days and days of cover: stock from the ledger against
what sold in the period (sales less returns, from the sales aggregate)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.permissions import check
from app.domain.report_math import average, days_ratio, ratio_bp
from app.domain.report_model import (DATE, DAYS, INT, MONEY, QTY, RATE, Column, Fact,
                                     ReportResult)
from app.domain.report_periods import day_before
from app.persistence.schema import Document, DocumentLine
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import NO_CATEGORY, reading
from app.services.reports.filters import ReportFilter, Resolved
from app.services.reports.stock import ledger_stock


@dataclass(frozen=True)
class SlowRow:
    sku: str
    name: str
    category: str
    qty_milli: int
    value_fen: int
    sold_milli: int
    last_sale: date | None
    days_idle: int | None
    cover_days: object
    share_bp: int | None


SLOW_COLUMNS = (
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("category", "分类", "Category"), Column("qty_milli", "期末库存", "On hand", QTY),
    Column("value_fen", "库存金额", "Stock value", MONEY),
    Column("sold_milli", "期间销量", "Sold in period", QTY),
    Column("last_sale", "最近销售", "Last sale", DATE),
    Column("days_idle", "未动销天数", "Days without sale", INT),
    Column("cover_days", "可售天数", "Days of cover", DAYS),
    Column("share_bp", "占库存金额", "Share of stock value", RATE),
)


def slow_movers(store: LocalStore, f: ReportFilter, cover_days: int = 90,
                *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Products in stock at the end of the period that did not sell in it, or sold so
    little that the stock lasts more than `cover_days` at the period's pace."""
    check(actor.role, "reports.movement.slow_movers")
    days = f.period.days
    with reading(store, f) as (s, r):
        stock = ledger_stock(s, r, f.end)
        sold = {a.key: a.qty_milli for a in sales_core.aggregate(s, r, "product")}
        slow = [(x, days_ratio(x[5], sold.get(x[0], 0), days)) for x in stock if x[5] > 0]
        slow = [(x, cover) for x, cover in slow if cover is None or cover > cover_days]
        last = last_sales(s, r, f.end, [x[0] for x, _ in slow])
    total_value = sum(x[6] for x in stock if x[5] > 0)
    rows = []
    for (pid, sku, name, cat, _, qty, value), cover in slow:
        seen = last.get(pid)
        rows.append(SlowRow(sku, name, cat or NO_CATEGORY, qty, value, sold.get(pid, 0), seen,
                            (f.end - seen).days if seen else None, cover,
                            ratio_bp(value, total_value)))
    rows.sort(key=lambda x: (-x.value_fen, x.sku))
    slow_value = sum(x.value_fen for x in rows)
    totals = {"sku": "合计 Total", "value_fen": slow_value, "share_bp": ratio_bp(slow_value, total_value)}
    facts = (Fact("stock_value_fen", "期末库存总金额", "Stock value at period end", MONEY, total_value),
             Fact("slow_value_fen", "滞销库存金额", "Slow-moving stock value", MONEY, slow_value),
             Fact("slow_share_bp", "滞销占比", "Slow-moving share", RATE,
                  ratio_bp(slow_value, total_value)),
             Fact("slow_products", "滞销商品数", "Slow-moving products", INT, len(rows)))
    return ReportResult("slow-movers", f"滞销商品（可售超过 {cover_days} 天或无销售）",
                        f"Slow movers (no sales or over {cover_days} days of cover)",
                        SLOW_COLUMNS, rows, totals, facts,
                        params={**r.params, "cover_days": cover_days},
                        chart=("sku", "value_fen", "top"))


def last_sales(s: Session, r: Resolved, end: date, product_ids: list[int]) -> dict[int, date]:
    """The last sale day up to `end` (before the period too) of the given products, found
    through their lines (ix_document_lines_product_id): slow movers have few lines, so this
    stays cheap however long the history is."""
    found: dict[int, date] = {}
    for i in range(0, len(product_ids), CHUNK):
        q = (select(DocumentLine.product_id, func.max(Document.business_date))
             .select_from(DocumentLine).join(Document, Document.id == DocumentLine.document_id)
             .where(DocumentLine.product_id.in_(product_ids[i:i + CHUNK]),
                    Document.doc_type == sales_core.SALE, Document.status == "posted",
                    Document.business_date <= end)
             .group_by(DocumentLine.product_id))
        if r.store_id is not None:
            q = q.where(Document.store_id == r.store_id)
        found.update(s.execute(q).all())
    return found


CHUNK = 500  # products per query: far below SQLite's limit of bound parameters


@dataclass(frozen=True)
class TurnoverRow:
    sku: str
    name: str
    opening_fen: int
    closing_fen: int
    average_fen: int
    cogs_fen: int
    turnover_days: object
    closing_milli: int
    sold_milli: int
    cover_days: object


TURNOVER_COLUMNS = (
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("opening_fen", "期初库存金额", "Opening value", MONEY),
    Column("closing_fen", "期末库存金额", "Closing value", MONEY),
    Column("average_fen", "平均库存金额", "Average value", MONEY),
    Column("cogs_fen", "销售成本", "COGS", MONEY),
    Column("turnover_days", "周转天数", "Turnover days", DAYS),
    Column("closing_milli", "期末库存", "Closing qty", QTY),
    Column("sold_milli", "期间销量", "Sold", QTY),
    Column("cover_days", "可售天数", "Days of cover", DAYS),
)


def turnover(store: LocalStore, f: ReportFilter, *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Turnover days = average stock value (opening and closing, at cost) x days / COGS;
    days of cover = closing quantity x days / quantity sold. Blank when nothing sold."""
    check(actor.role, "reports.movement.turnover")
    with reading(store, f) as (s, r):
        opening = {x[0]: x for x in ledger_stock(s, r, day_before(f.start))}
        closing = {x[0]: x for x in ledger_stock(s, r, f.end)}
        sold = {a.key: a for a in sales_core.aggregate(s, r, "product")}
    days = r.period.days
    rows = []
    for pid in set(opening) | set(closing) | set(sold):
        o, c, a = opening.get(pid), closing.get(pid), sold.get(pid)
        sku, name = (o or c)[1:3] if (o or c) else (a.code, a.name)
        o_val, c_val, c_qty = (o[6] if o else 0), (c[6] if c else 0), (c[5] if c else 0)
        cogs, qty = (a.cogs_fen, a.qty_milli) if a else (0, 0)
        avg = average(o_val, c_val)
        rows.append(TurnoverRow(sku, name, o_val, c_val, avg, cogs, days_ratio(avg, cogs, days),
                                c_qty, qty, days_ratio(c_qty, qty, days)))
    rows.sort(key=lambda x: x.sku)
    t = {k: sum(getattr(x, k) for x in rows) for k in ("opening_fen", "closing_fen", "cogs_fen")}
    t["average_fen"] = average(t["opening_fen"], t["closing_fen"])
    t["turnover_days"] = days_ratio(t["average_fen"], t["cogs_fen"], days)
    facts = (Fact("turnover_days", "整体周转天数", "Overall turnover days", DAYS, t["turnover_days"]),
             Fact("days", "期间天数", "Days in period", INT, days))
    return ReportResult("turnover", "库存周转与可售天数", "Inventory turnover and days of cover",
                        TURNOVER_COLUMNS, rows, {"sku": "合计 Total", **t}, facts, params=r.params)
