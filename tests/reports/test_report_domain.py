"""The pure pieces: periods, report arithmetic and cell formats."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.report_math import (abc_class, change_bp, days_ratio, fell_each_month,
                                    high_volume_low_margin, per, ratio_bp, unit_fen)
from app.domain.report_model import (DATE, DAYS, FLAG, MONEY, QTY, RATE, TEXT, cell_number,
                                     cell_text)
from app.domain.report_periods import (BadComparison, BadDate, BadPeriod, Period, last_months,
                                       parse_day, shift_day)


def test_periods_shift_by_calendar_months():
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert march.shifted("mom") == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert march.shifted("yoy") == Period(date(2025, 3, 1), date(2025, 3, 31))
    feb = Period(date(2024, 2, 1), date(2024, 2, 29))
    assert feb.shifted("mom") == Period(date(2024, 1, 1), date(2024, 1, 31))  # end stays end
    assert feb.shifted("yoy") == Period(date(2023, 2, 1), date(2023, 2, 28))
    mid = Period(date(2026, 3, 10), date(2026, 3, 30))
    assert mid.shifted("mom") == Period(date(2026, 2, 10), date(2026, 2, 28))  # clamped
    assert shift_day(date(2026, 1, 31), -1) == date(2025, 12, 31)
    assert last_months(date(2026, 2, 14), 3) == [date(2025, 12, 1), date(2026, 1, 1),
                                                 date(2026, 2, 1)]
    assert march.days == 31
    with pytest.raises(BadComparison):
        march.shifted("wow")


def test_bad_dates_and_periods_say_what_to_do():
    with pytest.raises(BadDate) as err:
        parse_day("2026-02-30")
    assert "YYYY-MM-DD" in err.value.message("en") and "2026-02-30" in err.value.message("zh_CN")
    with pytest.raises(BadPeriod) as err:
        Period(date(2026, 5, 2), date(2026, 5, 1))
    assert "2026-05-02" in err.value.message("zh_CN")
    assert parse_day(" 2026-05-01 ") == date(2026, 5, 1)


def test_ratios_are_exact_half_up_and_blank_without_a_base():
    assert ratio_bp(1, 3) == 3333 and ratio_bp(2, 3) == 6667 and ratio_bp(5, 0) is None
    assert ratio_bp(1, 20_000) == 1  # 0.5 bp rounds up
    assert change_bp(60, 90) == -3333 and change_bp(5, 0) is None and change_bp(-5, -10) == 5000
    assert per(1001, 2) == 501 and per(5, 0) is None
    assert unit_fen(1200, 3000) == 400 and unit_fen(1, 0) is None
    assert days_ratio(198_000, 20_000, 31) == Decimal("306.9")
    assert days_ratio(1, 2, 9) == Decimal("4.5") and days_ratio(29, 20, 1) == Decimal("1.5")
    assert days_ratio(5, 0, 31) is None and days_ratio(5, -1, 31) is None


def test_three_month_decline():
    assert fell_each_month([100, 60, 35, 20])
    assert not fell_each_month([100, 70, 40, 20])  # 30% exactly is not more than 30%
    assert not fell_each_month([0, 0, 0, 0])
    assert fell_each_month([100, 60, 35, 0])  # stopped selling
    assert not fell_each_month([60, 35, 20])  # needs four months for three falls
    assert fell_each_month([5, 100, 60, 35, 20])  # only the last three falls count


def test_abc_and_high_volume_low_margin():
    assert [abc_class(x) for x in (5000, 8000, 8001, 9500, 9501)] == ["A", "A", "B", "B", "C"]
    flags = high_volume_low_margin([1000, 800, 100, 50, 20], [3000, 800, -100, 200, 100], 2500)
    assert flags == [False, False, False, False, False]  # top 20% of five = the first only
    flags = high_volume_low_margin([1000, 800, 100, 50, 20], [3000, 800, -100, 200, 100], 2500,
                                   top_share_bp=6000)
    assert flags == [False, True, True, False, False]
    assert high_volume_low_margin([], [], 2500) == []
    assert high_volume_low_margin([10], [1], None) == [False]


def test_cells():
    assert cell_text(MONEY, -5) == "-0.05" and cell_number(MONEY, 12_345) == Decimal("123.45")
    assert cell_text(QTY, 1500) == "1.5" and cell_number(QTY, 1500) == Decimal("1.5")
    assert cell_text(RATE, 1234) == "12.34%" and cell_number(RATE, 1234) == Decimal("0.1234")
    assert cell_text(RATE, -91) == "-0.91%"
    assert cell_text(DAYS, Decimal("27.46")) == "27.5" and cell_text(DAYS, Decimal("27.45")) == "27.5"
    assert cell_text(DATE, date(2026, 5, 1)) == "2026-05-01"
    assert cell_text(FLAG, True) == "是" and cell_text(FLAG, True, "en") == "yes"
    assert cell_text(TEXT, None) == "" and cell_number(MONEY, None) is None
