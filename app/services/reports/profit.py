"""Gross profit by product, category or customer: revenue without VAT (after discounts,
returns netted off) less the stored FIFO/FEFO/average COGS with landed cost. By customer,
big buyers at a thin margin are flagged."""
from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain.permissions import check
from app.domain.report_math import change_bp, high_volume_low_margin, ratio_bp
from app.domain.report_model import FLAG, INT, MONEY, QTY, RATE, Column, Fact, ReportResult
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import compare_columns, key_columns, label, reading
from app.services.reports.filters import ReportFilter
from app.services.reports.sales import DIM_ZH, check_dimension, previous_key, sort_rows

PROFIT_DIMENSIONS = ("product", "category", "customer", "month")


@dataclass(frozen=True)
class ProfitRow:
    code: str
    name: str
    qty_milli: int
    net_sales_fen: int
    revenue_net_fen: int
    cogs_fen: int
    profit_fen: int
    margin_bp: int | None
    share_bp: int | None
    tickets: int = 0
    flagged: bool = False
    prev_fen: int | None = None
    change_bp: int | None = None


def gross_profit(store: LocalStore, f: ReportFilter, by: str = "product",
                 compare: str | None = None, top_share_bp: int = 2000,
                 margin_gap_bp: int = 500, *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.profit.gross_profit")
    check_dimension(by, PROFIT_DIMENSIONS)
    with reading(store, f) as (s, r):
        rows = sort_rows(sales_core.aggregate(s, r, by), by, lambda a: a.profit_fen)
        whole = sales_core.total(s, r)
        prev, prev_whole = {}, None
        if compare:
            shifted = r.period.shifted(compare)
            prev = {p.key: p for p in sales_core.aggregate(s, r, by, shifted.start, shifted.end)}
            prev_whole = sales_core.total(s, r, shifted.start, shifted.end)
    result = [_row(by, a, whole.profit_fen,
                   prev.get(previous_key(a.key, by, compare)) if compare else None, compare)
              for a in rows]
    flagged = 0
    if by == "customer":
        result, flagged = _flag(result, rows, whole, top_share_bp, margin_gap_bp)
    totals = _row("all", whole, whole.profit_fen, prev_whole, compare).__dict__
    totals.update(code="合计 Total", name="", flagged=None)
    facts = (Fact("margin_bp", "综合毛利率", "Overall margin", RATE, totals["margin_bp"]),)
    if by == "customer":
        facts += (Fact("flagged", "量大利薄客户数", "High-volume, low-margin customers", INT,
                       flagged),)
    return ReportResult("gross-profit", f"毛利报表（按{DIM_ZH[by]}）", f"Gross profit by {by}",
                        tuple(_columns(by, compare)), result, totals, facts,
                        params={**r.params, "by": by, **({"compare": compare} if compare else {})},
                        chart=("code", "profit_fen", "trend" if by == "month" else "top"))


def _row(dim: str, a: sales_core.Agg, all_profit: int, before, compare) -> ProfitRow:
    code, name = label(dim, a.key, a.code, a.name) if dim != "all" else ("", "")
    prev = (before.profit_fen if before else 0) if compare else None
    return ProfitRow(code, name, a.qty_milli, a.net_sales_fen, a.revenue_net_fen, a.cogs_fen,
                     a.profit_fen, ratio_bp(a.profit_fen, a.revenue_net_fen),
                     ratio_bp(a.profit_fen, all_profit), a.tickets, False, prev,
                     change_bp(a.profit_fen, prev) if compare else None)


def _flag(result: list[ProfitRow], aggs, whole, top_share_bp: int, margin_gap_bp: int):
    """Walk-in sales (no customer) are neither ranked nor flagged."""
    named = [i for i, a in enumerate(aggs) if a.key is not None]
    flags = high_volume_low_margin([result[i].revenue_net_fen for i in named],
                                   [result[i].margin_bp for i in named],
                                   ratio_bp(whole.profit_fen, whole.revenue_net_fen),
                                   top_share_bp, margin_gap_bp)
    out = list(result)
    for i, flag in zip(named, flags):
        out[i] = replace(out[i], flagged=flag)
    return out, sum(flags)


def _columns(by: str, compare: str | None) -> list[Column]:
    cols = key_columns(by)
    if by == "product":
        cols.append(Column("qty_milli", "数量", "Qty", QTY))
    if by == "customer":
        cols.append(Column("tickets", "单数", "Tickets", INT))
    cols += [Column("net_sales_fen", "净销售额", "Net sales", MONEY),
             Column("revenue_net_fen", "不含税收入", "Revenue ex VAT", MONEY),
             Column("cogs_fen", "销售成本", "COGS", MONEY),
             Column("profit_fen", "毛利", "Gross profit", MONEY),
             Column("margin_bp", "毛利率", "Margin", RATE),
             Column("share_bp", "毛利占比", "Share of profit", RATE)]
    if by == "customer":
        cols.append(Column("flagged", "量大利薄", "High volume, low margin", FLAG))
    if compare:
        cols += compare_columns("毛利", "Gross profit")
    return cols
