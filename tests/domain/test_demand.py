"""Forecast with weekday seasonality, recipe explosion, order quantities."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.demand import RecipeCycle, RecipeDef, explode, forecast, to_order

TODAY = date(2026, 12, 5)  # a Saturday


def test_each_weekday_gets_its_own_average():
    daily = {}
    for i in range(28):
        d = TODAY - timedelta(days=i)
        daily[d] = 20_000 if d.weekday() == 5 else 10_000  # Saturdays sell twice as much
    plan = forecast(daily, TODAY, 7)
    assert plan[TODAY + timedelta(days=7)] == 20_000  # next Saturday
    assert plan[TODAY + timedelta(days=1)] == 10_000
    assert sum(plan.values()) == 80_000


def test_no_history_forecasts_nothing_and_old_sales_are_ignored():
    assert set(forecast({}, TODAY, 3).values()) == {0}
    old = {TODAY - timedelta(days=40): 99_000}
    assert set(forecast(old, TODAY, 3).values()) == {0}


@given(st.dictionaries(st.integers(0, 27), st.integers(0, 10**6), max_size=28))
def test_a_weeks_forecast_is_the_average_week(sales):
    daily = {TODAY - timedelta(days=k): v for k, v in sales.items()}
    week = sum(forecast(daily, TODAY, 7).values())
    assert abs(week - sum(daily.values()) / 4) <= 7  # rounding per day at most 0.5 each


def test_explode_through_semi_finished_goods():
    recipes = {1: RecipeDef(1000, ((10, 200), (11, 1000))),  # a bowl: 0.2 kg noodles, 1 soup
               11: RecipeDef(5000, ((20, 1000), (21, 500)))}  # 5 soups: 1 kg bones, 0.5 kg onion
    needs = explode({1: 10_000, 2: 4_000}, recipes)  # 10 bowls; item 2 has no recipe
    assert needs == {10: 2000, 20: 2000, 21: 1000}


def test_a_recipe_loop_is_refused():
    with pytest.raises(RecipeCycle):
        explode({1: 1000}, {1: RecipeDef(1000, ((2, 1000),)), 2: RecipeDef(1000, ((1, 1000),))})


@pytest.mark.parametrize("need, on_hand, on_order, minimum, expected", [
    (2500, 0, 0, 0, 3000), (2500, 1000, 1000, 0, 1000), (2500, 3000, 0, 0, 0),
    (0, 0, 0, 2000, 2000), (1000, -500, 0, 0, 1000)])
def test_order_quantities(need, on_hand, on_order, minimum, expected):
    assert to_order(need, on_hand, on_order, minimum) == expected
