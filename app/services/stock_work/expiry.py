"""The near-expiry list with markdown suggestions (临期促销).

Rules are "within N days, P% off", the tightest rule that a batch meets applies: the
default `7:50,15:30,30:10` marks a batch with 5 days left 50% off, with 20 days left 10%
off. Expired batches get no price: they must come off the shelf (write them off). The
suggested price is the retail price less the discount, rounded to the jiao.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.domain.errors import DomainError
from app.domain.money import round_half_up
from app.domain.permissions import check, sees_costs
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, local_date, utc_now

DEFAULT_RULES = "7:50,15:30,30:10"


class BadMarkdownRules(DomainError):
    code = "bad_markdown_rules"
    zh = "促销规则“{text}”无效：应写成“天数:折扣百分比”，用逗号分隔，例如 7:50,15:30,30:10。"
    en = ("The markdown rules '{text}' are not valid: write 'days:percent off' separated by "
          "commas, e.g. 7:50,15:30,30:10.")


@dataclass(frozen=True)
class ExpiryRow:
    sku: str
    name: str
    warehouse: str
    batch: str
    expiry: date
    days_left: int
    qty_milli: int
    value_fen: int | None
    retail_fen: int
    percent_off: int | None       # None: no rule applies (or expired)
    suggested_fen: int | None


def parse_rules(text: str) -> list[tuple[int, int]]:
    """"7:50,15:30" -> [(7, 50), (15, 30)], tightest first."""
    rules = []
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        try:
            days, percent = (int(x) for x in part.replace("：", ":").split(":"))
        except ValueError:
            raise BadMarkdownRules(text=text) from None
        if days < 0 or not 0 < percent < 100:
            raise BadMarkdownRules(text=text)
        rules.append((days, percent))
    if not rules:
        raise BadMarkdownRules(text=text)
    return sorted(rules)


def markdown(days_left: int, rules: list[tuple[int, int]]) -> int | None:
    if days_left < 0:
        return None
    return next((percent for days, percent in rules if days_left <= days), None)


def near_expiry_list(store: LocalStore, actor: Actor, *, rules: str = DEFAULT_RULES,
                     warehouse: str = "", today: date | None = None) -> list[ExpiryRow]:
    """Batches on hand that are expired or within the widest rule's days, soonest first."""
    check(actor.role, "stock_work.expiry.near_expiry_list")
    parsed = parse_rules(rules)
    today = today or local_date(utc_now())
    horizon = today + timedelta(days=max(d for d, _ in parsed))
    sql = ("SELECT p.sku, p.name, w.code, l.batch, l.expiry, l.qty_left, l.value_left, "
           "p.retail_price_fen FROM cost_layers l JOIN products p ON p.id = l.product_id "
           "JOIN warehouses w ON w.id = l.warehouse_id WHERE l.qty_left > 0 "
           "AND l.expiry IS NOT NULL AND l.expiry <= ? AND w.is_in_transit = 0")
    params: list = [horizon.isoformat()]
    if warehouse:
        sql += " AND w.code = ?"
        params.append(warehouse.upper())
    with UnitOfWork(store.engine, write=False) as uow:
        rows = run(uow.session, sql + " ORDER BY l.expiry, p.sku, w.code", tuple(params)).all()
    costs = sees_costs(actor.role)
    out = []
    for sku, name, wh, batch, expiry, qty, value, retail in rows:
        expiry = expiry if isinstance(expiry, date) else date.fromisoformat(str(expiry)[:10])
        left = (expiry - today).days
        percent = markdown(left, parsed)
        price = None if percent is None else round_half_up(
            Decimal(retail * (100 - percent)) / 1000) * 10
        out.append(ExpiryRow(sku, name, wh, batch, expiry, left, qty, value if costs else None,
                             retail, percent, price))
    return out
