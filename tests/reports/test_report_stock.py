"""Stock reports against the ledger rows, the inventory query and figures worked by hand."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.domain.money import parse_money, parse_quantity
from app.services.inventory.queries import stock
from app.services.records import utc_start_of
from app.services.reports.filters import ReportFilter
from app.services.reports.movement import slow_movers, turnover
from app.services.reports.purchases import purchase_price_trend
from app.services.reports.stock import near_expiry, stock_valuation
from app.services.reports.stocktake import stocktake_variance
from oracle_rows import layers, ledger_at, sales_lines, summed

MAY1, MAY31 = date(2026, 5, 1), date(2026, 5, 31)


def end_of(day: date):
    return utc_start_of(day + timedelta(days=1))


def test_valuation_as_of_any_day_equals_the_ledger_and_the_stock_query(shop):
    for day in (date(2026, 1, 4), date(2026, 1, 5), date(2026, 2, 28), date(2026, 4, 30), MAY31):
        result = stock_valuation(shop.store, ReportFilter(day, day))
        got = {(r.sku, r.warehouse): (r.qty_milli, r.value_fen) for r in result.rows}
        assert got == ledger_at(shop.store, end_of(day))
        inventory = {(r["sku"], r["warehouse"]): (parse_quantity(r["on_hand"]),
                                                  parse_money(r["value"]))
                     for r in stock(shop.store, as_of=day)}
        assert got == inventory
        assert result.totals["value_fen"] == sum(v for _, v in got.values())
    may = stock_valuation(shop.store, ReportFilter(MAY31, MAY31))
    # COLA 88 x 1.00 + 100 x 1.30 + 10 x 1.00; MILK 8 x 3.00 + 30 x 3.10; RICE 31 kg at
    # 156.55; GUM 30 x 0.50.
    assert {r.sku: r.value_fen for r in may.rows} == {"COLA": 22_800, "MILK": 11_700,
                                                      "RICE": 15_655, "GUM": 1_500}
    assert may.totals["value_fen"] == 51_655
    assert {r.sku: r.unit_cost_fen for r in may.rows}["RICE"] == 505
    drinks = stock_valuation(shop.store, ReportFilter(MAY31, MAY31, category="01"))
    assert {r.sku for r in drinks.rows} == {"COLA", "MILK"}


def test_slow_movers_and_their_share_of_stock_value(shop):
    result = slow_movers(shop.store, ReportFilter(MAY1, MAY31))
    rows = {r.sku: r for r in result.rows}
    assert set(rows) == {"COLA", "MILK", "GUM"}  # RICE: 31 kg left, 35 kg sold: 27 days
    assert rows["COLA"].cover_days == Decimal("306.9")  # 198 x 31 days / 20 sold
    assert rows["MILK"].sold_milli == 0 and rows["MILK"].cover_days is None
    assert rows["MILK"].last_sale == date(2026, 4, 10) and rows["MILK"].days_idle == 51
    assert rows["GUM"].last_sale is None
    facts = {f.key: f.value for f in result.facts}
    assert facts["stock_value_fen"] == 51_655 and facts["slow_value_fen"] == 36_000
    assert facts["slow_share_bp"] == 6969  # 360.00 / 516.55
    assert [r.sku for r in result.rows] == ["COLA", "MILK", "GUM"]  # by value
    looser = slow_movers(shop.store, ReportFilter(MAY1, MAY31), cover_days=400)
    assert {r.sku for r in looser.rows} == {"MILK", "GUM"}


def test_turnover_days_and_days_of_cover(shop):
    result = turnover(shop.store, ReportFilter(MAY1, MAY31))
    opening = ledger_at(shop.store, end_of(date(2026, 4, 30)))
    closing = ledger_at(shop.store, end_of(MAY31))
    sold = summed(sales_lines(shop.store), MAY1, MAY31, lambda r: r["sku"])
    for row in result.rows:
        o = opening.get((row.sku, "MAIN"), (0, 0))
        c = closing.get((row.sku, "MAIN"), (0, 0))
        cogs = sold.get(row.sku, {}).get("cogs", 0)
        assert (row.opening_fen, row.closing_fen, row.cogs_fen) == (o[1], c[1], cogs)
        avg = (Decimal(o[1] + c[1]) / 2).quantize(Decimal(1), "ROUND_HALF_UP")
        assert row.average_fen == avg
        expected_days = (avg * 31 / cogs).quantize(Decimal("0.1"), "ROUND_HALF_UP") \
            if cogs > 0 else None
        assert row.turnover_days == expected_days
    rice = next(r for r in result.rows if r.sku == "RICE")
    assert rice.cogs_fen == 17_675  # 40 kg at 5.05 less 5 kg returned
    assert rice.cover_days == Decimal("27.5")  # 31 kg x 31 days / 35 kg sold
    assert result.totals["cogs_fen"] == 2_000 + 17_675


def test_near_expiry_from_open_batches(shop):
    result = near_expiry(shop.store, ReportFilter(MAY31, MAY31), days=30)
    assert [(r.batch, r.days_left, r.qty_milli, r.value_fen) for r in result.rows] == [
        ("M1", 10, 8_000, 2_400), ("M2", 25, 30_000, 9_300)]
    raw = [l for l in layers(shop.store) if l["expiry"] is not None]
    assert sum(l["value_left"] for l in raw) == result.totals["value_fen"]
    soon = near_expiry(shop.store, ReportFilter(MAY31, MAY31), days=15)
    assert [r.batch for r in soon.rows] == ["M1"]
    later = near_expiry(shop.store, ReportFilter(date(2026, 6, 20), date(2026, 6, 20)), days=0)
    assert [(r.batch, r.days_left) for r in later.rows] == [("M1", -10)]
    assert {f.key: f.value for f in later.facts}["expired_fen"] == 2_400


def test_stocktake_variance_history(shop):
    result = stocktake_variance(shop.store, ReportFilter(date(2026, 4, 1), date(2026, 4, 30)))
    assert [(r.sku, r.system_milli, r.counted_milli, r.diff_milli, r.value_fen, r.rate_bp)
            for r in result.rows] == [("COLA", 220_000, 218_000, -2_000, -200, -91),
                                      ("RICE", 65_000, 66_000, 1_000, 505, 154)]
    facts = {f.key: f.value for f in result.facts}
    assert facts == {"lines": 3, "variances": 2, "accuracy_bp": 3333, "gain_fen": 505,
                     "loss_fen": 200}
    assert result.rows[0].number == shop.numbers["P1"]
    assert stocktake_variance(shop.store, ReportFilter(MAY1, MAY31)).rows == []


def test_purchase_price_trend_per_supplier(shop):
    result = purchase_price_trend(shop.store, ReportFilter(date(2026, 1, 1), MAY31))
    assert [(r.supplier, r.sku, r.month, r.avg_cost_fen, r.landed_cost_fen, r.change_bp)
            for r in result.rows] == [
        ("S01", "COLA", "2026-01", 100, 100, None), ("S01", "COLA", "2026-03", 130, 130, 3000),
        ("S01", "GUM", "2026-01", 50, 50, None), ("S01", "MILK", "2026-01", 300, 300, None),
        ("S01", "MILK", "2026-04", 310, 310, 333), ("S02", "RICE", "2026-01", 500, 505, None)]
    only = purchase_price_trend(shop.store, ReportFilter(date(2026, 1, 1), MAY31, supplier="S02"))
    assert [r.sku for r in only.rows] == ["RICE"]
    assert result.totals["amount_fen"] == 30_000 + 1_500 + 50_000 + 12_000 + 13_000 + 9_300
