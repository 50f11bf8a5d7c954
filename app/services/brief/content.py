"""What the morning brief says about a business day: net sales, tickets and average ticket
against the same weekday a week earlier, revenue, gross profit and margin, the top
sellers and the alerts; as a PDF (reports' PDF writer) and as robot markdown.

It runs the ordinary reports as the store's own operator (the brief goes to the owner),
so its figures are the reports' figures to the fen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.money import format_money
from app.domain.report_math import change_bp, per, ratio_bp
from app.domain.report_model import INT, MONEY, QTY, RATE, TEXT, Column, Fact, ReportResult
from app.domain.report_periods import month_start
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR
from app.services.reports.alerts_stock import all_alerts
from app.services.reports.filters import ReportFilter
from app.services.reports.profit import gross_profit
from app.services.reports.sales import sales

TOP = 10


@dataclass(frozen=True)
class Brief:
    day: date
    store_name: str
    net_sales_fen: int
    tickets: int
    avg_ticket_fen: int | None
    last_week_fen: int
    change_bp: int | None
    revenue_fen: int
    profit_fen: int
    margin_bp: int | None
    top: list  # SalesRow of the sales report by product
    alerts: list  # AlertRow

    def subject(self, lang: str) -> str:
        if lang.startswith("zh"):
            return f"晨报 {self.day.isoformat()} · {self.store_name}"
        return f"Morning brief {self.day.isoformat()} · {self.store_name}"


def build_brief(store: LocalStore, day: date) -> Brief:
    actor = LOCAL_OPERATOR
    by_product = sales(store, ReportFilter(day, day), by="product", actor=actor)
    week = sales(store, ReportFilter(day - timedelta(days=7), day - timedelta(days=7)),
                 by="product", actor=actor)
    profit = gross_profit(store, ReportFilter(day, day), actor=actor).totals
    alerts = all_alerts(store, ReportFilter(month_start(day), day), actor=actor).rows
    t = by_product.totals
    return Brief(day, store.identity.store_name, t["net_sales_fen"], t["tickets"],
                 per(t["gross_fen"], t["tickets"]), week.totals["net_sales_fen"],
                 change_bp(t["net_sales_fen"], week.totals["net_sales_fen"]),
                 profit["revenue_net_fen"], profit["profit_fen"],
                 ratio_bp(profit["profit_fen"], profit["revenue_net_fen"]),
                 [r for r in by_product.rows if r.net_sales_fen > 0][:TOP], list(alerts))


def _pct(bp: int | None) -> str:
    if bp is None:
        return "-"
    return ("+" if bp > 0 else "") + f"{format_money(bp)}%"


def as_results(b: Brief) -> list[ReportResult]:
    """The brief as report results, for the PDF: the top sellers with the headline facts,
    then the alerts."""
    facts = (
        Fact("net", "净销售额", "Net sales", MONEY, b.net_sales_fen),
        Fact("tickets", "单数", "Tickets", INT, b.tickets),
        Fact("avg", "客单价", "Average ticket", MONEY, b.avg_ticket_fen),
        Fact("week", "上周同日", "Same day last week", MONEY, b.last_week_fen),
        Fact("change", "较上周同日", "Change on last week", RATE, b.change_bp),
        Fact("profit", "毛利", "Gross profit", MONEY, b.profit_fen),
        Fact("margin", "毛利率", "Margin", RATE, b.margin_bp),
    )
    top_cols = (Column("code", "商品编码", "SKU"), Column("name", "商品名称", "Product"),
                Column("qty_milli", "数量", "Qty", QTY),
                Column("net_sales_fen", "净销售额", "Net sales", MONEY),
                Column("share_bp", "占比", "Share", RATE))
    params = {"date": b.day.isoformat(), "store": b.store_name}
    top = ReportResult("brief", f"晨报 {b.day.isoformat()} · 畅销商品",
                       f"Morning brief {b.day.isoformat()} · top sellers", top_cols, b.top, {},
                       facts, params, chart=("name", "net_sales_fen", "top"))
    alert_cols = (Column("kind", "类型", "Kind", TEXT), Column("sku", "商品编码", "SKU"),
                  Column("name", "商品名称", "Product"), Column("detail", "说明", "Detail"))
    alerts = ReportResult("brief-alerts", f"预警（{len(b.alerts)}）", f"Alerts ({len(b.alerts)})",
                          alert_cols, b.alerts, {}, (), {})
    return [top, alerts]


def to_pdf(b: Brief, lang: str) -> bytes:
    from app.services.reports.pdf import to_pdf_many

    return to_pdf_many(as_results(b), lang, b.subject(lang))


def to_markdown(b: Brief, lang: str, top: int = 5, alerts: int = 10) -> str:
    """The robot message (WeCom and DingTalk both read this markdown subset)."""
    zh = lang.startswith("zh")
    m = format_money
    lines = [f"### {b.subject(lang)}"]
    if zh:
        lines += [f"- 净销售额：**¥{m(b.net_sales_fen)}**（较上周同日 {_pct(b.change_bp)}）",
                  f"- 单数：{b.tickets}，客单价 ¥{m(b.avg_ticket_fen) if b.avg_ticket_fen else '-'}",
                  f"- 毛利：¥{m(b.profit_fen)}，毛利率 {_pct(b.margin_bp).lstrip('+')}",
                  "", "**畅销商品**"]
    else:
        lines += [f"- Net sales: **¥{m(b.net_sales_fen)}** ({_pct(b.change_bp)} on last week)",
                  f"- Tickets: {b.tickets}, average ¥{m(b.avg_ticket_fen) if b.avg_ticket_fen else '-'}",
                  f"- Gross profit: ¥{m(b.profit_fen)}, margin {_pct(b.margin_bp).lstrip('+')}",
                  "", "**Top sellers**"]
    lines += [f"{n}. {r.name} ¥{m(r.net_sales_fen)}" for n, r in enumerate(b.top[:top], 1)]
    if not b.top:
        lines.append("（无销售）" if zh else "(no sales)")
    lines += ["", f"**{'预警' if zh else 'Alerts'}（{len(b.alerts)}）**" if zh
              else f"**Alerts ({len(b.alerts)})**"]
    sep = "：" if zh else ": "
    lines += [f"- {a.kind.split(' ')[0] if zh else a.kind.split(' ', 1)[-1]}{sep}"
              f"{a.sku} {a.name}" for a in b.alerts[:alerts]]
    if len(b.alerts) > alerts:
        lines.append(f"- …{'另有' if zh else 'and'} {len(b.alerts) - alerts}")
    return "\n".join(lines)
