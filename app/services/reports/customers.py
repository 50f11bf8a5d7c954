"""Customer contribution ranking (Pareto A/B/C) and the repeat purchase rate.

Only sales that name a customer (a member card, a phone, an account) are ranked; walk-in
sales appear as a fact. A return counts for the customer of the original sale. A repeat
customer bought on at least two sale documents in the period.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.permissions import check
from app.domain.report_math import abc_class, ratio_bp
from app.domain.report_model import DATE, FLAG, INT, MONEY, RATE, TEXT, Column, Fact, ReportResult
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import reading
from app.services.reports.filters import ReportFilter


@dataclass(frozen=True)
class CustomerRow:
    rank: int
    code: str
    name: str
    tickets: int
    net_sales_fen: int
    profit_fen: int
    margin_bp: int | None
    share_bp: int | None
    cumulative_bp: int | None
    abc: str
    repeat: bool
    first_day: object
    last_day: object


COLUMNS = (
    Column("rank", "排名", "Rank", INT), Column("code", "客户编码", "Customer code", TEXT),
    Column("name", "客户", "Customer", TEXT), Column("tickets", "单数", "Tickets", INT),
    Column("net_sales_fen", "净销售额", "Net sales", MONEY),
    Column("profit_fen", "毛利", "Gross profit", MONEY),
    Column("margin_bp", "毛利率", "Margin", RATE),
    Column("share_bp", "贡献占比", "Share", RATE),
    Column("cumulative_bp", "累计占比", "Cumulative", RATE),
    Column("abc", "ABC 分类", "ABC", TEXT), Column("repeat", "复购", "Repeat", FLAG),
    Column("first_day", "首次购买", "First purchase", DATE),
    Column("last_day", "最近购买", "Last purchase", DATE),
)


def customer_ranking(store: LocalStore, f: ReportFilter,
                     *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.customers.customer_ranking")
    with reading(store, f) as (s, r):
        aggs = sales_core.aggregate(s, r, "customer")
        whole = sales_core.total(s, r)
    named = sorted((a for a in aggs if a.key is not None),
                   key=lambda a: (-a.net_sales_fen, a.code))
    walk_in = sum(a.net_sales_fen for a in aggs if a.key is None)
    base = sum(a.net_sales_fen for a in named)
    rows, running = [], 0
    for rank, a in enumerate(named, 1):
        running += a.net_sales_fen
        cumulative = ratio_bp(running, base)
        rows.append(CustomerRow(rank, a.code, a.name, a.tickets, a.net_sales_fen, a.profit_fen,
                                ratio_bp(a.profit_fen, a.revenue_net_fen),
                                ratio_bp(a.net_sales_fen, base), cumulative,
                                abc_class(cumulative) if cumulative is not None else "",
                                a.tickets >= 2, a.first_day, a.last_day))
    buyers = sum(1 for a in named if a.tickets >= 1)
    repeaters = sum(1 for a in named if a.tickets >= 2)
    totals = {"code": "合计 Total", "tickets": sum(a.tickets for a in named),
              "net_sales_fen": base, "profit_fen": sum(a.profit_fen for a in named),
              "margin_bp": ratio_bp(sum(a.profit_fen for a in named),
                                    sum(a.revenue_net_fen for a in named)),
              "share_bp": 10_000 if base else None}
    facts = (
        Fact("buyers", "购买客户数", "Customers who bought", INT, buyers),
        Fact("repeaters", "复购客户数", "Repeat customers", INT, repeaters),
        Fact("repeat_rate_bp", "复购率", "Repeat purchase rate", RATE, ratio_bp(repeaters, buyers)),
        Fact("walk_in_fen", "散客净销售额", "Walk-in net sales", MONEY, walk_in),
        Fact("member_share_bp", "会员销售占比", "Customers' share of net sales", RATE,
             ratio_bp(base, whole.net_sales_fen)),
    )
    return ReportResult("customer-ranking", "客户贡献排名", "Customer contribution ranking",
                        COLUMNS, rows, totals, facts, params=r.params,
                        chart=("name", "net_sales_fen", "top"))
