"""Sales by day, month, product, category, cashier or customer, with month-on-month or
year-on-year comparison. Amounts include VAT and are after line discounts; customer returns
net off in the period they were made."""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.permissions import check, own_sales_filter
from app.domain.report_math import change_bp, per, ratio_bp
from app.domain.report_model import INT, MONEY, QTY, RATE, Column, ReportResult
from app.domain.report_periods import MONTHS_BACK, shift_day
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports import sales_core
from app.services.reports.common import compare_columns, key_columns, label, reading
from app.services.reports.errors import BadOption
from app.services.reports.filters import ReportFilter

SALES_DIMENSIONS = ("day", "month", "product", "category", "cashier", "customer")


@dataclass(frozen=True)
class SalesRow:
    code: str
    name: str
    tickets: int
    qty_milli: int
    gross_fen: int
    discount_fen: int
    returns_fen: int
    net_sales_fen: int
    revenue_net_fen: int
    avg_ticket_fen: int | None
    share_bp: int | None
    prev_fen: int | None = None
    change_bp: int | None = None


def sales(store: LocalStore, f: ReportFilter, by: str = "day",
          compare: str | None = None, *, actor: Actor = LOCAL_OPERATOR) -> ReportResult:
    check(actor.role, "reports.sales.sales")
    f = own_sales_filter(actor.role, actor.username, f)
    check_dimension(by, SALES_DIMENSIONS)
    with reading(store, f) as (s, r):
        rows = sales_core.aggregate(s, r, by)
        whole = sales_core.total(s, r)
        prev, prev_whole = {}, None
        if compare:
            shifted = r.period.shifted(compare)
            prev = {p.key: p for p in sales_core.aggregate(s, r, by, shifted.start, shifted.end)}
            prev_whole = sales_core.total(s, r, shifted.start, shifted.end)
    result = []
    for a in sort_rows(rows, by, lambda a: a.net_sales_fen):
        before = prev.get(previous_key(a.key, by, compare)) if compare else None
        result.append(_row(by, a, whole.net_sales_fen, before, compare))
    totals = _row("all", whole, whole.net_sales_fen, prev_whole, compare).__dict__
    totals.update(code="合计 Total", name="")
    return ReportResult("sales", f"销售报表（按{DIM_ZH[by]}）", f"Sales by {by}",
                        tuple(_columns(by, compare)), result, totals,
                        params={**r.params, "by": by, **({"compare": compare} if compare else {})},
                        chart=("code", "net_sales_fen",
                               "trend" if by in ("day", "month") else "top"))


def _row(dim: str, a: sales_core.Agg, all_net: int, before, compare) -> SalesRow:
    code, name = label(dim, a.key, a.code, a.name) if dim != "all" else ("", "")
    prev = (before.net_sales_fen if before else 0) if compare else None
    return SalesRow(code, name, a.tickets, a.qty_milli, a.gross_fen, a.discount_fen,
                    a.returns_fen, a.net_sales_fen, a.revenue_net_fen,
                    per(a.gross_fen, a.tickets),
                    ratio_bp(a.net_sales_fen, all_net), prev,
                    change_bp(a.net_sales_fen, prev) if compare else None)


DIM_ZH = {"day": "日", "month": "月", "product": "商品", "category": "分类",
          "cashier": "收银员", "customer": "客户", "all": "合计"}


def _columns(by: str, compare: str | None) -> list[Column]:
    cols = key_columns(by) + [Column("tickets", "单数", "Tickets", INT)]
    if by == "product":
        cols.append(Column("qty_milli", "数量", "Qty", QTY))
    cols += [Column("gross_fen", "销售额", "Sales", MONEY),
             Column("discount_fen", "折扣", "Discounts", MONEY),
             Column("returns_fen", "退货", "Returns", MONEY),
             Column("net_sales_fen", "净销售额", "Net sales", MONEY),
             Column("revenue_net_fen", "不含税收入", "Revenue ex VAT", MONEY),
             Column("avg_ticket_fen", "客单价", "Avg ticket", MONEY),
             Column("share_bp", "占比", "Share", RATE)]
    if compare:
        cols += compare_columns("净销售额", "Net sales")
    return cols


def check_dimension(by: str, allowed: tuple[str, ...]) -> None:
    if by not in allowed:
        raise BadOption(option="--by", value=by, allowed=", ".join(allowed))


def sort_rows(rows, by: str, measure):
    if by in ("day", "month"):
        return sorted(rows, key=lambda a: str(a.key))
    return sorted(rows, key=lambda a: (-measure(a), a.code))


def previous_key(key, by: str, compare: str):
    """The comparison period's key of a row: the same product, category...; for a day or a
    month, the day or month one month (mom) or one year (yoy) back."""
    months = MONTHS_BACK[compare]
    if by == "day":
        return shift_day(key, -months)
    if by == "month":
        year, month = (int(x) for x in str(key).split("-"))
        index = year * 12 + month - 1 - months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return key
