"""Every report by name, with the filters and options it takes: the one table the command
line (and later the dashboard and the morning brief) uses to run a report by name.

A filter or option a report does not use is refused rather than silently ignored, so a
user never reads an unfiltered figure believing it filtered.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.domain.permissions import check
from app.domain.report_model import ReportResult
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.alerts_sales import price_anomalies, sales_decline
from app.services.reports.alerts_stock import all_alerts, low_stock, negative_stock
from app.services.reports.cashiers import cashier_performance
from app.services.reports.customers import customer_ranking
from app.services.reports.errors import OptionNotApplicable, UnknownReport
from app.services.reports.filters import FILTER_NAMES, ReportFilter
from app.services.reports.movement import slow_movers, turnover
from app.services.reports.profit import gross_profit
from app.services.reports.purchases import purchase_price_trend
from app.services.reports.sales import sales
from app.services.reports.stock import near_expiry, stock_valuation
from app.services.reports.stocktake import stocktake_variance

ALL = FILTER_NAMES
PRODUCTS = ("store", "category", "product", "supplier")


@dataclass(frozen=True)
class ReportSpec:
    name: str
    zh: str
    en: str
    run: Callable[..., ReportResult]
    filters: tuple[str, ...]
    options: tuple[str, ...] = ()
    as_of: bool = False  # uses only --to (the as-of or reference day)


SPECS = {spec.name: spec for spec in (
    ReportSpec("sales", "销售报表", "Sales", sales, ALL, ("by", "compare")),
    ReportSpec("gross-profit", "毛利报表", "Gross profit", gross_profit, ALL, ("by", "compare")),
    ReportSpec("customer-ranking", "客户贡献排名", "Customer ranking", customer_ranking,
               ("store", "category", "product", "cashier", "supplier")),
    ReportSpec("cashier-performance", "收银员业绩", "Cashier performance", cashier_performance, ALL),
    ReportSpec("stock-valuation", "库存估值", "Stock valuation", stock_valuation, PRODUCTS,
               as_of=True),
    ReportSpec("slow-movers", "滞销商品", "Slow movers", slow_movers, PRODUCTS, ("cover_days",)),
    ReportSpec("turnover", "库存周转", "Turnover and days of cover", turnover, PRODUCTS),
    ReportSpec("near-expiry", "临期商品", "Near expiry", near_expiry, PRODUCTS, ("days",),
               as_of=True),
    ReportSpec("stocktake-variance", "盘点差异", "Stocktake variance", stocktake_variance, PRODUCTS),
    ReportSpec("purchase-price-trend", "进价走势", "Purchase price trend", purchase_price_trend,
               PRODUCTS),
    ReportSpec("sales-decline", "销量连降预警", "Sales decline alert", sales_decline, PRODUCTS),
    ReportSpec("low-stock", "低库存预警", "Low stock alert", low_stock, PRODUCTS, as_of=True),
    ReportSpec("negative-stock", "负库存预警", "Negative stock alert", negative_stock, PRODUCTS),
    ReportSpec("price-anomalies", "进价异常", "Price anomalies", price_anomalies, PRODUCTS),
    ReportSpec("alerts", "预警汇总", "All alerts", all_alerts, PRODUCTS, ("days",)),
)}


def spec(name: str) -> ReportSpec:
    found = SPECS.get(name)
    if found is None:
        raise UnknownReport(name=name, names=", ".join(SPECS))
    return found


def run_report(store: LocalStore, name: str, f: ReportFilter, *,
               actor: Actor = LOCAL_OPERATOR, **options) -> ReportResult:
    """Run report `name` as `actor` (the report's own row of the permission table applies);
    options left as None are not given."""
    chosen = spec(name)
    check(actor.role, f"reports.{chosen.run.__module__.rsplit('.', 1)[-1]}.{chosen.run.__name__}")
    for given in f.given():
        if given not in chosen.filters:
            raise OptionNotApplicable(report=name, option=f"--{given}",
                                      allowed=_allowed(chosen))
    given = {k: v for k, v in options.items() if v is not None}
    for key in given:
        if key not in chosen.options:
            raise OptionNotApplicable(report=name, option="--" + key.replace("_", "-"),
                                      allowed=_allowed(chosen))
    return chosen.run(store, f, actor=actor, **given)


def _allowed(chosen: ReportSpec) -> str:
    names = [f"--{x}" for x in chosen.filters] + ["--" + x.replace("_", "-") for x in chosen.options]
    return " ".join(names) or "-"
