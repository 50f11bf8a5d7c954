"""The dashboard against raw rows: today, a week and a year back, the trend, top sellers,
the month's margin, stock value, slow movers, alerts; and who sees what."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from app.persistence.uow import UnitOfWork
from app.services.records import Actor
from app.services.reports.dashboard import dashboard
from oracle_rows import sales_lines, summed

DAY = date(2026, 5, 21)  # T2: 5 kg of rice returned (30.00); S8 the day before


def _net(store, start, end):
    return summed(sales_lines(store), start, end, lambda r: 0).get(0, {"net_sales": 0})["net_sales"]


def test_figures_match_raw_rows(shop):
    d = dashboard(shop.store, actor=shop.admin, today=DAY)
    assert d.today.net_sales_fen == _net(shop.store, DAY, DAY) == -3_000
    assert d.last_week.day == DAY - timedelta(days=7) and d.last_week.net_sales_fen == 0
    assert d.last_year.day == date(2025, 5, 21) and d.last_year.net_sales_fen == 0
    assert len(d.trend) == 30 and d.trend[-1] == (DAY, -3_000)
    assert dict(d.trend)[date(2026, 5, 20)] == 24_000 and dict(d.trend)[date(2026, 5, 8)] == 6_000
    assert sum(v for _, v in d.trend) == _net(shop.store, DAY - timedelta(days=29), DAY)
    assert [(s.sku, s.net_sales_fen) for s in d.top_sellers] == [("RICE", 21_000), ("COLA", 6_000)]
    may = summed(sales_lines(shop.store), date(2026, 5, 1), DAY, lambda r: 0)[0]
    assert (d.month_revenue_fen, d.month_profit_fen) == (may["revenue"], may["profit"])
    with UnitOfWork(shop.store.engine, write=False) as uow:
        value = uow.session.execute(text(
            "SELECT sum(value_fen) FROM stock_balances")).scalar()
    assert d.stock_value_fen == value
    assert [s.sku for s in d.slow_movers][:2] == ["MILK", "GUM"]  # in stock, unsold in 30 days
    kinds = {a[0].split(" ")[0] for a in d.alerts}
    assert d.alerts_shown and {"低库存", "临期"} <= kinds


def test_roles_see_only_what_they_may(shop):
    lead = Actor(shop.admin.user_id, "admin", "shift_lead")
    d = dashboard(shop.store, actor=lead, today=DAY)
    assert not d.sees_costs and d.month_margin_bp is None and d.stock_value_fen is None
    assert d.today.profit_fen is None and d.slow_movers == []
    assert d.alerts_shown and d.alerts  # staff see the sales and low-stock alerts
    mine = dashboard(shop.store, actor=shop.c1, today=date(2026, 5, 8))
    assert mine.today.net_sales_fen == 6_000  # S7 is c1's
    theirs = dashboard(shop.store, actor=shop.c2, today=date(2026, 5, 8))
    assert theirs.today.net_sales_fen == 0 and not theirs.alerts_shown
