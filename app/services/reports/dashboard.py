"""The owner's dashboard in one call: today against the same weekday last week and the same
day last year, the 30-day trend, the month's margin, top sellers, slow movers, stock value
and the alerts.

Built for a quick open on years of data: sales come from the daily summary where it
answers (`summary_read`), stock value and slow movers from the balances (the ledger's
projection, stock now), never from a scan of the whole history. Who sees what follows the
permission table: costs, margins, stock value and slow movers only for cost viewers,
alerts for back-office staff, a cashier sees only their own sales.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, select

from app.domain.permissions import check, is_allowed, own_sales_filter, sees_costs
from app.domain.report_math import change_bp, ratio_bp
from app.domain.report_periods import month_start, shift_day
from app.persistence.schema import DailySales, Product, StockBalance, Warehouse
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor, local_date, utc_now
from app.services.reports import sales_core
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter, Resolved

TREND_DAYS = 30
TOP = 10


@dataclass(frozen=True)
class DayFigures:
    day: date
    net_sales_fen: int
    tickets: int
    profit_fen: int | None  # None: not shown to this role


@dataclass(frozen=True)
class Seller:
    sku: str
    name: str
    qty_milli: int
    net_sales_fen: int


@dataclass(frozen=True)
class SlowItem:
    sku: str
    name: str
    qty_milli: int
    value_fen: int


@dataclass(frozen=True)
class Dashboard:
    today: DayFigures
    last_week: DayFigures
    last_year: DayFigures
    trend: list[tuple[date, int]]  # (day, net sales) for the last 30 days, every day
    top_sellers: list[Seller]
    sees_costs: bool
    month_revenue_fen: int | None = None
    month_profit_fen: int | None = None
    month_margin_bp: int | None = None
    stock_value_fen: int | None = None
    slow_movers: list[SlowItem] = field(default_factory=list)
    alerts: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, sku, name, detail
    alerts_shown: bool = False

    @property
    def change_week_bp(self) -> int | None:
        return change_bp(self.today.net_sales_fen, self.last_week.net_sales_fen)

    @property
    def change_year_bp(self) -> int | None:
        return change_bp(self.today.net_sales_fen, self.last_year.net_sales_fen)


def dashboard(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR, today: date | None = None,
              store_code: str | None = None) -> Dashboard:
    check(actor.role, "reports.dashboard.dashboard")
    today = today or local_date(utc_now())
    costs = sees_costs(actor.role)
    start = today - timedelta(days=TREND_DAYS - 1)
    f = own_sales_filter(actor.role, actor.username, ReportFilter(start, today, store=store_code))
    with reading(store, f) as (s, r):
        days = [_day(s, r, d, costs) for d in (today, today - timedelta(days=7),
                                              shift_day(today, -12))]
        by_day = {a.key: a.net_sales_fen for a in sales_core.aggregate(s, r, "day")}
        trend = [(d, by_day.get(d, 0)) for d in (start + timedelta(days=n)
                                                 for n in range(TREND_DAYS))]
        top = sorted(sales_core.aggregate(s, r, "product"), key=lambda a: (-a.net_sales_fen, a.code))
        sellers = [Seller(a.code, a.name, a.qty_milli, a.net_sales_fen) for a in top[:TOP]
                   if a.net_sales_fen > 0]
        extra = {}
        if costs:
            month = sales_core.total(s, r, month_start(today), today)
            extra = dict(month_revenue_fen=month.revenue_net_fen, month_profit_fen=month.profit_fen,
                         month_margin_bp=ratio_bp(month.profit_fen, month.revenue_net_fen),
                         stock_value_fen=_stock_value(s, r), slow_movers=_slow(s, r, start))
    alerts, shown = _alerts(store, actor, today, store_code)
    return Dashboard(*days, trend, sellers, costs, alerts=alerts, alerts_shown=shown, **extra)


def _day(s, r: Resolved, day: date, costs: bool) -> DayFigures:
    a = sales_core.total(s, r, day, day)
    return DayFigures(day, a.net_sales_fen, a.tickets, a.profit_fen if costs else None)


def _held(r: Resolved):
    where = [Warehouse.is_in_transit.is_(False)]
    if r.store_id is not None:
        where.append(Warehouse.store_id == r.store_id)
    return where


def _stock_value(s, r: Resolved) -> int:
    q = (select(func.coalesce(func.sum(StockBalance.value_fen), 0))
         .join(Warehouse, Warehouse.id == StockBalance.warehouse_id).where(*_held(r)))
    return int(s.scalar(q))


def _slow(s, r: Resolved, since: date) -> list[SlowItem]:
    """In stock now, nothing sold since `since`: the ten biggest by stock value."""
    sold = select(DailySales.product_id).where(DailySales.business_date >= since,
                                                DailySales.sale_lines > 0)
    if r.store_id is not None:
        sold = sold.where(DailySales.store_id == r.store_id)
    q = (select(Product.sku, Product.name, func.sum(StockBalance.qty_milli),
                func.sum(StockBalance.value_fen).label("value"))
         .select_from(StockBalance).join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
         .join(Product, Product.id == StockBalance.product_id)
         .where(and_(*_held(r)), StockBalance.qty_milli > 0, StockBalance.product_id.not_in(sold))
         .group_by(Product.id).order_by(func.sum(StockBalance.value_fen).desc()).limit(TOP))
    return [SlowItem(*row) for row in s.execute(q).all()]


def _alerts(store, actor: Actor, today: date, store_code: str | None):
    from app.services.reports.alerts_sales import sales_decline
    from app.services.reports.alerts_stock import all_alerts, low_stock

    f = ReportFilter(month_start(today), today, store=store_code)
    if is_allowed(actor.role, "reports.alerts_stock.all_alerts"):
        return [(r.kind, r.sku, r.name, r.detail) for r in all_alerts(store, f, actor=actor).rows], True
    if not is_allowed(actor.role, "reports.alerts_stock.low_stock"):
        return [], False
    rows = [("销量连降 sales decline", x.sku, x.name, "")
            for x in sales_decline(store, f, actor=actor).rows]
    rows += [("低库存 low stock", x.sku, x.name, "") for x in low_stock(store, f, actor=actor).rows]
    return rows, True
