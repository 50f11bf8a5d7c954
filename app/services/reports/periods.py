"""Named periods for saved definitions and the dashboard ("this month", "last 7 days"):
a saved report runs on the period it names, relative to the day it runs."""
from __future__ import annotations

from datetime import date, timedelta

from app.domain.report_periods import month_end, month_start
from app.domain.report_spec import PERIODS
from app.services.reports.errors import BadOption

PRESETS = PERIODS
TITLES = {"today": ("今天", "Today"), "yesterday": ("昨天", "Yesterday"),
          "last_7_days": ("最近 7 天", "Last 7 days"), "last_30_days": ("最近 30 天", "Last 30 days"),
          "this_month": ("本月", "This month"), "last_month": ("上月", "Last month"),
          "this_year": ("今年", "This year")}


def period_of(preset: str, today: date) -> tuple[date, date]:
    if preset == "today":
        return today, today
    if preset == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if preset == "last_7_days":
        return today - timedelta(days=6), today
    if preset == "last_30_days":
        return today - timedelta(days=29), today
    if preset == "this_month":
        return month_start(today), today
    if preset == "last_month":
        end = month_start(today) - timedelta(days=1)
        return month_start(end), month_end(end)
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    raise BadOption(option="period", value=preset, allowed=", ".join(PRESETS))
