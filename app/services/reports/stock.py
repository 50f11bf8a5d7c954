"""Stock valuation as of any day, from the ledger, and stock near its expiry date.

Valuation sums the ledger in SQL up to the end of the day, with the same boundary as
`inventory.queries.stock(as_of=...)` (moves that occurred before the next local midnight);
a test checks the two agree row by row. It reads the whole history up to that day: the
period snapshots of issue 8 item 7 are what will make it O(period).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session

from app.domain.permissions import check
from app.domain.report_math import unit_fen
from app.domain.report_model import DATE, INT, MONEY, QTY, Column, Fact, ReportResult
from app.persistence.schema import Category, CostLayer, Product, StockMove, Warehouse
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.common import NO_CATEGORY, end_of_day, reading
from app.services.reports.filters import ReportFilter, Resolved


def product_conditions(r: Resolved) -> list:
    found = []
    if r.category_ids is not None:
        found.append(Product.category_id.in_(sorted(r.category_ids)))
    if r.product_id is not None:
        found.append(Product.id == r.product_id)
    if r.supplier_id is not None:
        found.append(Product.supplier_id == r.supplier_id)
    return [and_(*found)] if found else []


def ledger_stock(s: Session, r: Resolved, day: date, *, by_warehouse: bool = False) -> list:
    """(product id, sku, name, category name, warehouse code or '', qty, value) at the end
    of `day`, without all-zero rows.

    The ledger is summed in a subquery grouped by `product_id + 0`: grouped by the bare
    column, SQLite walks the product's ledger index in order and fetches every move by
    rowid, which measured 4.7 s against 0.7 s for one table scan and a sort (280,000 moves).
    A single product still uses that index through the `IN` condition."""
    zero = literal_column("0")
    pid = (StockMove.product_id + zero).label("pid")
    wid = (StockMove.warehouse_id + zero if by_warehouse else zero).label("wid")
    inner = select(pid, wid, func.sum(StockMove.qty_milli).label("qty"),
                   func.sum(StockMove.value_fen).label("value")
                   ).where(StockMove.occurred_at < end_of_day(day))
    if r.store_id is not None:
        inner = inner.where(StockMove.store_id == r.store_id)
    if product_conditions(r):
        inner = inner.where(StockMove.product_id.in_(select(Product.id).where(*product_conditions(r))))
    sums = inner.group_by(*((pid, wid) if by_warehouse else (pid,))).subquery()
    wh = Warehouse.code if by_warehouse else literal("")
    q = (select(Product.id, Product.sku, Product.name, Category.name, wh, sums.c.qty, sums.c.value)
         .select_from(sums).join(Product, Product.id == sums.c.pid)
         .outerjoin(Category, Category.id == Product.category_id)
         .where(or_(sums.c.qty != 0, sums.c.value != 0)))
    if by_warehouse:
        q = q.join(Warehouse, Warehouse.id == sums.c.wid)
    return s.execute(q).all()


@dataclass(frozen=True)
class ValuationRow:
    sku: str
    name: str
    category: str
    warehouse: str
    qty_milli: int
    value_fen: int
    unit_cost_fen: int | None


VALUATION_COLUMNS = (
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("category", "分类", "Category"), Column("warehouse", "仓库", "Warehouse"),
    Column("qty_milli", "库存数量", "On hand", QTY), Column("value_fen", "库存金额", "Value", MONEY),
    Column("unit_cost_fen", "单位成本", "Unit cost", MONEY),
)


def stock_valuation(store: LocalStore, f: ReportFilter,
                    *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Stock and its value at cost at the end of f.end (the as-of day)."""
    check(actor.role, "reports.stock.stock_valuation")
    with reading(store, f) as (s, r):
        found = ledger_stock(s, r, f.end, by_warehouse=True)
    rows = [ValuationRow(sku, name, cat or NO_CATEGORY, wh, qty, value, unit_fen(value, qty))
            for _, sku, name, cat, wh, qty, value in sorted(found, key=lambda x: (x[1], x[4]))]
    totals = {"sku": "合计 Total", "value_fen": sum(x.value_fen for x in rows)}
    facts = (Fact("as_of", "截至日期", "As of", DATE, f.end),
             Fact("products", "有库存商品数", "Products in stock", INT,
                  len({x.sku for x in rows if x.qty_milli > 0})))
    return ReportResult("stock-valuation", "库存估值", "Stock valuation", VALUATION_COLUMNS,
                        rows, totals, facts, params={"as_of": f.end.isoformat(), **f.given()})


@dataclass(frozen=True)
class ExpiryRow:
    sku: str
    name: str
    warehouse: str
    batch: str
    expiry: date
    days_left: int
    qty_milli: int
    value_fen: int


EXPIRY_COLUMNS = (
    Column("sku", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
    Column("warehouse", "仓库", "Warehouse"), Column("batch", "批次", "Batch"),
    Column("expiry", "到期日", "Expiry", DATE), Column("days_left", "剩余天数", "Days left", INT),
    Column("qty_milli", "数量", "Qty", QTY), Column("value_fen", "金额", "Value", MONEY),
)


def near_expiry(store: LocalStore, f: ReportFilter, days: int = 30,
                *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    """Batches on hand now (open cost layers) that expire by f.end + days; expired ones
    show negative days left. f.end is the day counted from (normally today)."""
    check(actor.role, "reports.stock.near_expiry")
    with reading(store, f) as (s, r):
        rows = near_expiry_rows(s, r, f.end, days)
    totals = {"sku": "合计 Total", "value_fen": sum(x.value_fen for x in rows)}
    facts = (Fact("expired_fen", "已过期金额", "Expired value", MONEY,
                  sum(x.value_fen for x in rows if x.days_left < 0)),)
    return ReportResult("near-expiry", f"临期商品（{days} 天内）", f"Near expiry (within {days} days)",
                        EXPIRY_COLUMNS, rows, totals, facts,
                        params={"from_day": f.end.isoformat(), "days": days, **f.given()})


def near_expiry_rows(s: Session, r: Resolved, day: date, days: int) -> list[ExpiryRow]:
    q = (select(Product.sku, Product.name, Warehouse.code, CostLayer.batch, CostLayer.expiry,
                CostLayer.qty_left, CostLayer.value_left)
         .select_from(CostLayer).join(Product, Product.id == CostLayer.product_id)
         .join(Warehouse, Warehouse.id == CostLayer.warehouse_id)
         .where(CostLayer.qty_left > 0, CostLayer.expiry.is_not(None),
                CostLayer.expiry <= day + timedelta(days=days), *product_conditions(r))
         .order_by(CostLayer.expiry, Product.sku, Warehouse.code, CostLayer.batch))
    if r.store_id is not None:
        q = q.where(Warehouse.store_id == r.store_id)
    return [ExpiryRow(sku, name, wh, batch, expiry, (expiry - day).days, qty, value)
            for sku, name, wh, batch, expiry, qty, value in s.execute(q).all()]
