"""Stock by warehouse and batch, a page at a time, filtered and counted in the database.

Rows are the open cost layers (what is left of each receipt, per batch and expiry; a
moving-average product has one merged layer per warehouse), so a batch's quantity and
expiry are exact. Each row carries its expiry state for the colours of the stock screen:
`expired` (before today), `near` (within `near_days`), else `ok` ("" when no expiry).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.permissions import check, sees_costs
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, local_date, utc_now

from .common import category_subtree

MAX_PAGE = 1000
EXPIRED, NEAR, OK = "expired", "near", "ok"
STATES = ("all", EXPIRED, NEAR, "dated")


@dataclass(frozen=True)
class StockQuery:
    warehouse: str = ""       # code; "" for all
    text: str = ""            # SKU or name (prefix), or pinyin initials
    category: str = ""        # category code (with its subcategories)
    state: str = "all"        # all, expired, near (and expired), dated (has an expiry)
    near_days: int = 30
    today: date | None = None


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    warehouse: str
    batch: str
    expiry: date | None
    qty_milli: int
    value_fen: int | None  # None for roles that do not see costs
    state: str


def _where(s, q: StockQuery, today: date) -> tuple[str, list]:
    parts, params = ["l.qty_left != 0"], []
    if q.warehouse:
        parts.append("w.code = ?")
        params.append(q.warehouse.upper())
    text = q.text.strip()
    if text:
        parts.append("(p.sku = ? OR p.sku LIKE ? OR p.name LIKE ? OR p.pinyin LIKE ?)")
        params += [text, text + "%", "%" + text + "%", text.lower() + "%"]
    if q.category:
        ids = sorted(category_subtree(s, q.category)) or [-1]
        parts.append(f"p.category_id IN ({', '.join('?' * len(ids))})")
        params += ids
    if q.state == EXPIRED:
        parts.append("l.expiry < ?")
        params.append(today.isoformat())
    elif q.state == NEAR:
        parts.append("l.expiry <= ?")
        params.append((today + timedelta(days=q.near_days)).isoformat())
    elif q.state == "dated":
        parts.append("l.expiry IS NOT NULL")
    return " AND ".join(parts), params


FROM = ("FROM cost_layers l JOIN products p ON p.id = l.product_id "
        "JOIN warehouses w ON w.id = l.warehouse_id")


def stock_count(store: LocalStore, actor: Actor, query: StockQuery) -> int:
    """How many rows the query has (for the scroll bar of a lazy list)."""
    check(actor.role, "stock_work.stock_list.stock_count")
    today = query.today or local_date(utc_now())
    with UnitOfWork(store.engine, write=False) as uow:
        where, params = _where(uow.session, query, today)
        return run(uow.session, f"SELECT count(*) {FROM} WHERE {where}", tuple(params)).scalar()


def stock_page(store: LocalStore, actor: Actor, query: StockQuery, offset: int = 0,
               limit: int = 200) -> list[StockRow]:
    """One page of the rows, by warehouse, product and expiry."""
    check(actor.role, "stock_work.stock_list.stock_page")
    today = query.today or local_date(utc_now())
    limit = max(1, min(limit, MAX_PAGE))
    with UnitOfWork(store.engine, write=False) as uow:
        where, params = _where(uow.session, query, today)
        rows = run(uow.session,
                   f"SELECT p.sku, p.name, w.code, l.batch, l.expiry, l.qty_left, l.value_left "
                   f"{FROM} WHERE {where} ORDER BY l.warehouse_id, l.product_id, "
                   f"l.expiry IS NULL, l.expiry, l.id LIMIT ? OFFSET ?",
                   (*params, limit, max(0, offset))).all()
    costs = sees_costs(actor.role)
    return [StockRow(sku, name, wh, batch, _day(expiry), qty, value if costs else None,
                     expiry_state(_day(expiry), today, query.near_days))
            for sku, name, wh, batch, expiry, qty, value in rows]


def expiry_state(expiry: date | None, today: date, near_days: int) -> str:
    if expiry is None:
        return ""
    if expiry < today:
        return EXPIRED
    return NEAR if expiry <= today + timedelta(days=near_days) else OK


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
