"""Sales reports against the raw lines, the vouchers and figures worked out by hand."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.report_periods import BadComparison, BadPeriod
from app.services.reports.errors import BadOption
from app.services.reports.filters import ReportFilter, UnknownFilterValue
from app.services.reports.sales import sales
from oracle_rows import ids, sales_lines, summed, voucher_sums

FEB, MAY = date(2026, 2, 1), date(2026, 5, 31)
WHOLE = ReportFilter(FEB, MAY)


def by_code(result):
    return {r.code: r for r in result.rows}


def check(row, expected):
    assert (row.tickets, row.gross_fen, row.discount_fen, row.returns_fen, row.net_sales_fen,
            row.revenue_net_fen) == (expected["tickets"], expected["gross"], expected["discount"],
                                     expected["returns"], expected["net_sales"], expected["revenue"])


def test_by_product_matches_raw_lines_and_hand_figures(shop):
    result = sales(shop.store, WHOLE, by="product")
    lines = sales_lines(shop.store)
    expected = summed(lines, FEB, MAY, lambda r: r["sku"])
    assert set(by_code(result)) == set(expected) == {"COLA", "MILK", "RICE"}
    for sku, row in by_code(result).items():
        check(row, expected[sku])
        assert row.qty_milli == expected[sku]["qty"]
    cola = by_code(result)["COLA"]  # by hand: 174 + 120 + 180 + 90 + 60, less 30 returned
    assert (cola.gross_fen, cola.returns_fen, cola.net_sales_fen, cola.discount_fen) == \
        (62_400, 3_000, 59_400, 600)
    assert cola.qty_milli == 200_000  # 60 + 40 + 60 - 10 + 30 + 20
    assert sum(r.share_bp for r in result.rows) in (9999, 10_000, 10_001)


def test_totals_equal_the_vouchers_of_the_period(shop):
    for start, end in ((FEB, MAY), (date(2026, 3, 1), date(2026, 3, 31)), (MAY, MAY)):
        result = sales(shop.store, ReportFilter(start, end), by="day")
        vouchers = voucher_sums(shop.store, start, end)
        assert result.totals["revenue_net_fen"] == -vouchers.get("5001", 0)  # credit side
        assert result.totals["net_sales_fen"] == -vouchers.get("5001", 0) - vouchers.get("2221.02", 0)
        assert result.totals["revenue_net_fen"] == sum(r.revenue_net_fen for r in result.rows)


def test_by_day_cashier_and_category(shop):
    lines = sales_lines(shop.store)
    days = summed(lines, FEB, MAY, lambda r: r["day"].isoformat())
    result = sales(shop.store, WHOLE, by="day")
    assert [r.code for r in result.rows] == sorted(days)
    for row in result.rows:
        check(row, days[row.code])
    users = {v: k for k, v in ids(shop.store, "users", "username").items()}
    cashiers = summed(lines, FEB, MAY, lambda r: users[r["user_id"]])
    result = by_code(sales(shop.store, WHOLE, by="cashier"))
    assert set(result) == {"c1", "c2"} and result["c1"].name == "收银员甲"
    for code, row in result.items():
        check(row, cashiers[code])
    cats = {v: k for k, v in ids(shop.store, "categories", "code").items()}
    categories = summed(lines, FEB, MAY, lambda r: cats[r["category_id"]])
    result = by_code(sales(shop.store, WHOLE, by="category"))
    assert set(result) == {"01", "0101", "02"}
    for code, row in result.items():
        check(row, categories[code])


def test_filters(shop):
    lines = sales_lines(shop.store)
    cats = ids(shop.store, "categories", "code")
    drinks = {cats["01"], cats["0101"]}  # the category and the one below it
    expected = summed([r for r in lines if r["category_id"] in drinks], FEB, MAY, lambda r: 0)[0]
    got = sales(shop.store, ReportFilter(FEB, MAY, category="01"), by="product")
    assert {r.code for r in got.rows} == {"COLA", "MILK"}
    assert got.totals["net_sales_fen"] == expected["net_sales"]
    m002 = ids(shop.store, "customers", "code")["M002"]
    got = sales(shop.store, ReportFilter(FEB, MAY, customer="13800000002"), by="product")
    assert got.totals["returns_fen"] == 3_000  # the return names no customer: the sale's counts
    assert got.totals["net_sales_fen"] == summed(
        [r for r in lines if r["buyer"] == m002], FEB, MAY, lambda r: 0)[0]["net_sales"]
    got = sales(shop.store, ReportFilter(FEB, MAY, supplier="S02"), by="product")
    assert [r.code for r in got.rows] == ["RICE"]
    got = sales(shop.store, ReportFilter(FEB, MAY, product="MILK", cashier="c1"), by="day")
    assert got.totals["gross_fen"] == 4_500 + 4_400 + 5_400
    assert sales(shop.store, ReportFilter(FEB, MAY, store="s001")).totals == \
        sales(shop.store, WHOLE).totals


def test_month_on_month_and_year_on_year(shop):
    may = sales(shop.store, ReportFilter(date(2026, 5, 1), MAY), by="product", compare="mom")
    rows = by_code(may)
    lines = sales_lines(shop.store)
    april = summed(lines, date(2026, 4, 1), date(2026, 4, 30), lambda r: r["sku"])
    assert rows["COLA"].prev_fen == april["COLA"]["net_sales"] == 9_000
    assert rows["COLA"].change_bp == -3333  # 60 against 90
    assert rows["RICE"].prev_fen == 3_000 and rows["RICE"].change_bp == 60_000  # 210 vs 30
    assert may.totals["prev_fen"] == sum(v["net_sales"] for v in april.values())
    by_month = sales(shop.store, ReportFilter(date(2026, 3, 1), MAY), by="month", compare="mom")
    assert [(r.code, r.prev_fen) for r in by_month.rows] == [
        ("2026-03", 29_400 + 4_500 + 8_000), ("2026-04", 18_000 + 4_400 - 3_000 + 16_000),
        ("2026-05", 9_000 + 5_400 + 3_000)]
    yoy = sales(shop.store, WHOLE, by="day", compare="yoy")
    assert all(r.prev_fen == 0 and r.change_bp is None for r in yoy.rows)


def test_bad_requests_are_clear_errors(shop):
    with pytest.raises(BadPeriod):
        sales(shop.store, ReportFilter(MAY, FEB))
    with pytest.raises(UnknownFilterValue) as err:
        sales(shop.store, ReportFilter(FEB, MAY, store="S999"))
    assert "S999" in err.value.message("zh_CN") and "门店" in err.value.message("zh_CN")
    with pytest.raises(UnknownFilterValue):
        sales(shop.store, ReportFilter(FEB, MAY, category="99"))
    with pytest.raises(BadOption):
        sales(shop.store, WHOLE, by="weekday")
    with pytest.raises(BadComparison):
        sales(shop.store, WHOLE, compare="wow")
