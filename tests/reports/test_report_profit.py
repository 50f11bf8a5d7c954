"""Gross profit, customer ranking and cashier performance against raw lines and by hand."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.services.reports.cashiers import cashier_performance
from app.services.reports.customers import customer_ranking
from app.services.reports.filters import ReportFilter
from app.services.reports.profit import gross_profit
from oracle_rows import ids, sales_lines, summed, voucher_sums

FEB, MAY = date(2026, 2, 1), date(2026, 5, 31)
WHOLE = ReportFilter(FEB, MAY)


def half_up(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), ROUND_HALF_UP))


def by_code(result):
    return {r.code: r for r in result.rows}


def test_profit_by_product_from_stored_cogs_with_returns_netted(shop):
    result = by_code(gross_profit(shop.store, WHOLE, by="product"))
    expected = summed(sales_lines(shop.store), FEB, MAY, lambda r: r["sku"])
    for sku, row in result.items():
        e = expected[sku]
        assert (row.revenue_net_fen, row.cogs_fen, row.profit_fen) == \
            (e["revenue"], e["cogs"], e["profit"])
    # By hand: COLA 60+40+60 at 1.00, 10 back at 1.00, 30+20 at 1.00 (FIFO, the 1.30 layer
    # untouched); RICE at the landed average 5.05/kg: 10+20+5+40-5 kg; MILK FEFO batch M1.
    assert result["COLA"].cogs_fen == 20_000
    assert result["RICE"].cogs_fen == 35_350
    assert result["MILK"].cogs_fen == 9_600
    cola = result["COLA"]
    assert cola.margin_bp == half_up(Decimal(cola.profit_fen) * 10_000 / cola.revenue_net_fen)


def test_total_profit_is_revenue_5001_less_cogs_5401(shop):
    result = gross_profit(shop.store, WHOLE, by="category")
    vouchers = voucher_sums(shop.store, FEB, MAY)
    assert result.totals["revenue_net_fen"] == -vouchers["5001"]
    assert result.totals["cogs_fen"] == vouchers["5401"]
    assert result.totals["profit_fen"] == -vouchers["5001"] - vouchers["5401"]
    assert sum(r.profit_fen for r in result.rows) == result.totals["profit_fen"]
    margin = next(f.value for f in result.facts if f.key == "margin_bp")
    assert margin == half_up(Decimal(result.totals["profit_fen"]) * 10_000
                             / result.totals["revenue_net_fen"])


def test_profit_by_customer_flags_big_buyers_at_thin_margins(shop):
    lines = sales_lines(shop.store)
    names = {v: k for k, v in ids(shop.store, "customers", "code").items()}
    expected = summed(lines, FEB, MAY, lambda r: names.get(r["buyer"], ""))
    default = gross_profit(shop.store, WHOLE, by="customer")
    rows = by_code(default)
    assert rows[""].name.startswith("散客")
    for code, row in rows.items():
        assert (row.revenue_net_fen, row.cogs_fen) == (expected[code]["revenue"],
                                                       expected[code]["cogs"])
    # M003: rice at 6.00 (5.50 without VAT) against 5.05 cost: 18.18 on 220.18 = 8.26%.
    assert (rows["M003"].profit_fen, rows["M003"].margin_bp) == (1_818, 826)
    assert not any(r.flagged for r in default.rows)  # top 20% of 3 customers = M001 only
    wider = by_code(gross_profit(shop.store, WHOLE, by="customer", top_share_bp=5000))
    assert [c for c, r in wider.items() if r.flagged] == ["M003"]


def test_profit_month_on_month(shop):
    result = by_code(gross_profit(shop.store, ReportFilter(date(2026, 4, 1), date(2026, 4, 30)),
                                  by="product", compare="mom"))
    march = summed(sales_lines(shop.store), date(2026, 3, 1), date(2026, 3, 31), lambda r: r["sku"])
    for sku, row in result.items():
        assert row.prev_fen == march[sku]["profit"]


def test_customer_ranking_and_repeat_rate(shop):
    result = customer_ranking(shop.store, WHOLE)
    assert [(r.rank, r.code, r.net_sales_fen, r.tickets) for r in result.rows] == [
        (1, "M001", 52_300, 3), (2, "M003", 24_000, 2), (3, "M002", 19_400, 1)]
    assert [r.cumulative_bp for r in result.rows] == [5465, 7973, 10_000]
    assert [r.abc for r in result.rows] == ["A", "A", "C"]
    assert [r.repeat for r in result.rows] == [True, True, False]
    facts = {f.key: f.value for f in result.facts}
    assert facts == {"buyers": 3, "repeaters": 2, "repeat_rate_bp": 6667, "walk_in_fen": 26_000,
                     "member_share_bp": 7864}
    assert result.rows[0].first_day == date(2026, 2, 10) and result.rows[0].last_day == date(2026, 4, 10)


def test_cashier_performance(shop):
    result = by_code(cashier_performance(shop.store, WHOLE))
    c1, c2 = result["c1"], result["c2"]
    assert (c1.tickets, c1.gross_fen, c1.discount_fen, c1.return_docs, c1.returns_fen) == \
        (5, 88_700, 700, 1, 3_000)
    assert c1.lines_per_ticket == Decimal("1.6") and c1.avg_ticket_fen == 17_740
    assert c1.discount_bp == 78 and c1.return_bp == 338
    assert (c2.tickets, c2.gross_fen, c2.returns_fen, c2.lines_per_ticket) == \
        (3, 39_000, 3_000, Decimal("1.3"))
    lines = sales_lines(shop.store)
    users = {v: k for k, v in ids(shop.store, "users", "username").items()}
    expected = summed(lines, FEB, MAY, lambda r: users[r["user_id"]])
    assert c1.profit_fen == expected["c1"]["profit"] and c2.profit_fen == expected["c2"]["profit"]
