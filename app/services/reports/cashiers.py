"""Cashier performance: tickets, basket size, discounts given and returns taken per user
who posted the sales and returns (the signed-in cashier of the till)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.permissions import check
from app.domain.report_math import per, ratio_bp, tenth
from app.domain.report_model import DECIMAL, INT, MONEY, RATE, Column, ReportResult
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import label, reading
from app.services.reports.filters import ReportFilter


@dataclass(frozen=True)
class CashierRow:
    code: str
    name: str
    tickets: int
    lines_per_ticket: object
    gross_fen: int
    discount_fen: int
    discount_bp: int | None
    return_docs: int
    returns_fen: int
    return_bp: int | None
    net_sales_fen: int
    avg_ticket_fen: int | None
    profit_fen: int
    share_bp: int | None


COLUMNS = (
    Column("code", "收银员", "Cashier"), Column("name", "姓名", "Name"),
    Column("tickets", "单数", "Tickets", INT),
    Column("lines_per_ticket", "每单行数", "Lines per ticket", DECIMAL),
    Column("gross_fen", "销售额", "Sales", MONEY), Column("discount_fen", "折扣", "Discounts", MONEY),
    Column("discount_bp", "折扣率", "Discount rate", RATE),
    Column("return_docs", "退货单数", "Returns", INT), Column("returns_fen", "退货金额", "Returned", MONEY),
    Column("return_bp", "退货率", "Return rate", RATE),
    Column("net_sales_fen", "净销售额", "Net sales", MONEY),
    Column("avg_ticket_fen", "客单价", "Avg ticket", MONEY),
    Column("profit_fen", "毛利", "Gross profit", MONEY), Column("share_bp", "占比", "Share", RATE),
)


def _row(a: sales_core.Agg, all_net: int, code: str, name: str) -> CashierRow:
    lines = tenth(Decimal(a.sale_lines) / a.tickets) if a.tickets else None
    return CashierRow(code, name, a.tickets, lines, a.gross_fen, a.discount_fen,
                      ratio_bp(a.discount_fen, a.gross_fen + a.discount_fen), a.return_docs,
                      a.returns_fen, ratio_bp(a.returns_fen, a.gross_fen), a.net_sales_fen,
                      per(a.gross_fen, a.tickets), a.profit_fen, ratio_bp(a.net_sales_fen, all_net))


def cashier_performance(store: LocalStore, f: ReportFilter,
                        *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.cashiers.cashier_performance")
    with reading(store, f) as (s, r):
        aggs = sales_core.aggregate(s, r, "cashier")
        whole = sales_core.total(s, r)
    aggs.sort(key=lambda a: (-a.net_sales_fen, a.code))
    rows = [_row(a, whole.net_sales_fen, *label("cashier", a.key, a.code, a.name)) for a in aggs]
    totals = {**_row(whole, whole.net_sales_fen, "合计 Total", "").__dict__}
    return ReportResult("cashier-performance", "收银员业绩", "Cashier performance", COLUMNS,
                        rows, totals, params=r.params, chart=("code", "net_sales_fen", "top"))
