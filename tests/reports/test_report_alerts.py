"""Alerts: three months of falling sales, low stock, negative stock, price anomalies."""
from __future__ import annotations

from datetime import date

from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.services.reports.alerts_sales import complete_months, price_anomalies, sales_decline
from app.services.reports.alerts_stock import all_alerts, low_stock, negative_stock
from app.services.reports.filters import ReportFilter
from helpers import add_catalog

MAY31 = date(2026, 5, 31)


def test_sales_fell_more_than_30_percent_three_months_running(shop):
    result = sales_decline(shop.store, ReportFilter(date(2026, 5, 1), MAY31))
    assert [(r.sku, r.months, r.change_bp) for r in result.rows] == [
        ("COLA", (29_400, 15_000, 9_000, 6_000), -3333)]  # -49%, -40%, -33%
    assert [c.title("zh_CN") for c in result.columns][2:6] == [
        "2026-02 净销售额", "2026-03 净销售额", "2026-04 净销售额", "2026-05 净销售额"]
    stricter = sales_decline(shop.store, ReportFilter(date(2026, 5, 1), MAY31), drop_bp=3400)
    assert stricter.rows == []  # May fell 33.3% only
    # Mid-June: June is not over, so the months are still February to May.
    assert complete_months(date(2026, 6, 15), 4) == [date(2026, 2, 1), date(2026, 3, 1),
                                                     date(2026, 4, 1), date(2026, 5, 1)]
    april = sales_decline(shop.store, ReportFilter(date(2026, 4, 1), date(2026, 4, 30)))
    assert april.rows == []  # January had no COLA sales to fall from


def test_low_stock_against_the_products_minimum(shop):
    result = low_stock(shop.store, ReportFilter(MAY31, MAY31))
    assert [(r.sku, r.on_hand_milli, r.min_milli, r.short_milli, r.reorder_milli)
            for r in result.rows] == [("COLA", 198_000, 200_000, 2_000, 202_000),
                                      ("MILK", 38_000, 50_000, 12_000, 12_000)]


def test_price_anomalies_list_the_confirmed_lines_with_the_previous_price(shop):
    result = price_anomalies(shop.store, ReportFilter(date(2026, 1, 1), MAY31))
    assert [(r.number, r.sku, r.unit_cost_fen, r.previous_fen, r.change_bp, r.supplier)
            for r in result.rows] == [(shop.numbers["R4"], "COLA", 130, 100, 3000, "S01")]


def test_all_alerts_in_one_list(shop):
    result = all_alerts(shop.store, ReportFilter(date(2026, 5, 1), MAY31))
    kinds = [(r.kind.split()[0], r.sku) for r in result.rows]
    assert kinds == [("销量连降", "COLA"), ("低库存", "COLA"), ("低库存", "MILK"),
                     ("临期", "MILK"), ("临期", "MILK")]
    assert result.rows[0].detail == "294.00 → 150.00 → 90.00 → 60.00"
    assert {f.key: f.value for f in result.facts} == {
        "sales-decline": 1, "low-stock": 2, "near-expiry": 2, "negative-stock": 0,
        "price-anomalies": 0}


def test_negative_stock_from_a_counter_sale_beyond_stock(new_store):
    add_catalog(new_store)
    admin = Actor(None, "t", "admin")
    post_document(new_store, admin, {"type": "purchase_receipt", "id": "r1", "supplier": "S01",
                                     "date": "2026-05-02",
                                     "lines": [{"sku": "COLA", "qty": "2", "unit_cost": "1.00"}]})
    post_document(new_store, admin, {"type": "sale", "id": "s1", "customer": "M001",
                                     "date": "2026-05-03",
                                     "lines": [{"sku": "COLA", "qty": "5", "unit_price": "3.50"}]},
                  channel="counter")
    result = negative_stock(new_store, ReportFilter(date(2026, 5, 1), MAY31))
    assert [(r.source.split()[0], r.sku, r.qty_milli, r.value_fen) for r in result.rows] == [
        ("当前库存", "COLA", -3_000, -300), ("负库存销售", "COLA", 5_000, None)]
    assert result.rows[1].day == date(2026, 5, 3)
    assert negative_stock(new_store, ReportFilter(date(2026, 6, 1), date(2026, 6, 30))).rows[0] \
        .source.startswith("当前库存")  # the balance is now; the sale was in May
