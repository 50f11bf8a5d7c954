"""Report periods: validation, month-on-month and year-on-year shifts, month buckets.

Dates are business dates (the store's local day). A shifted period keeps its length in
calendar terms: 2026-03-31 one month back is 2026-02-28, so month-end compares with
month-end.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.errors import DomainError

MOM, YOY = "mom", "yoy"
COMPARISONS = (MOM, YOY)
MONTHS_BACK = {MOM: 1, YOY: 12}


class BadDate(DomainError):
    code = "report_bad_date"
    zh = "日期“{value}”无效：请写成 YYYY-MM-DD，例如 2026-05-31。"
    en = "Date '{value}' is not valid: write YYYY-MM-DD, e.g. 2026-05-31."


class BadPeriod(DomainError):
    code = "report_bad_period"
    zh = "开始日期 {start} 晚于结束日期 {end}：请交换或改正日期。"
    en = "The start date {start} is after the end date {end}: swap or correct them."


class BadComparison(DomainError):
    code = "report_bad_comparison"
    zh = "对比方式“{value}”无效：可用 mom（环比）或 yoy（同比）。"
    en = "Comparison '{value}' is not valid: use mom (month on month) or yoy (year on year)."


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadDate(value=text) from None


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise BadPeriod(start=self.start.isoformat(), end=self.end.isoformat())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, comparison: str) -> "Period":
        """The period to compare with: one month back (mom) or one year back (yoy)."""
        months = MONTHS_BACK.get(comparison)
        if months is None:
            raise BadComparison(value=comparison)
        return Period(shift_day(self.start, -months), shift_day(self.end, -months, self.end))


def shift_day(day: date, months: int, like: date | None = None) -> date:
    """day moved by whole months, clamped to the month's length; a month-end (`like`)
    stays a month-end (2026-02-28 back one month -> 2026-01-31)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    if like is not None and like.day == calendar.monthrange(like.year, like.month)[1]:
        return date(year, month + 1, last)
    return date(year, month + 1, min(day.day, last))


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_months(end: date, count: int) -> list[date]:
    """The first days of the `count` months ending with end's month, oldest first."""
    first = month_start(end)
    return [month_start(shift_day(first, -k)) for k in range(count - 1, -1, -1)]


def day_before(day: date) -> date:
    return day - timedelta(days=1)
