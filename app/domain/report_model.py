"""The shape every report has: typed rows, the columns that show them, totals and facts.

A report query returns a `ReportResult`; the exporters (PDF, XLSX, CSV, JSON) only read
this shape, so a new report needs no exporter work. Values stay in storage units (fen,
thousandths, basis points) until a cell is written: `cell_text` gives the decimal string
of CSV, JSON and PDF, `cell_number` the exact number a spreadsheet stores.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.domain.money import format_money, format_quantity

TEXT, INT, MONEY, QTY, RATE, DATE, DAYS, DECIMAL, FLAG = (
    "text", "int", "money", "qty", "rate", "date", "days", "decimal", "flag")
KINDS = (TEXT, INT, MONEY, QTY, RATE, DATE, DAYS, DECIMAL, FLAG)


@dataclass(frozen=True)
class Column:
    """key: the row attribute; kind: how its value is stored (MONEY = fen, QTY = milli,
    RATE = basis points, DAYS and DECIMAL = a Decimal shown to one place)."""

    key: str
    zh: str
    en: str
    kind: str = TEXT

    def title(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True)
class Fact:
    """A headline figure beside the table (repeat purchase rate, slow stock share...)."""

    key: str
    zh: str
    en: str
    kind: str
    value: object

    def title(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True)
class ReportResult:
    name: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    rows: list
    totals: dict = field(default_factory=dict)  # column key -> value (a totals row)
    facts: tuple[Fact, ...] = ()
    params: dict = field(default_factory=dict)  # the filters as given, for the page header
    chart: tuple = ()  # (label key, value key, "trend" or "top"): a bar chart, when one helps

    def title(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en

    def values(self, row) -> list:
        """One row's values in column order (rows are dataclasses or dicts)."""
        if isinstance(row, dict):
            return [row.get(c.key) for c in self.columns]
        return [getattr(row, c.key) for c in self.columns]

    def totals_values(self) -> list:
        return [self.totals.get(c.key) for c in self.columns]


def row_dict(row) -> dict:
    return {f.name: getattr(row, f.name) for f in fields(row)} if is_dataclass(row) else dict(row)


def cell_text(kind: str, value: object, lang: str = "zh_CN") -> str:
    """The decimal-string form (CSV, JSON, PDF): "12.50", "1.5", "12.34%", "2026-05-01"."""
    if value is None:
        return ""
    if kind == MONEY:
        return format_money(value)
    if kind == QTY:
        return format_quantity(value)
    if kind == RATE:
        return f"{format_money(value)}%"  # basis points: 1234 -> 12.34%
    if kind in (DAYS, DECIMAL):
        return str(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    if kind == DATE:
        return value.isoformat() if isinstance(value, date) else str(value)
    if kind == FLAG:
        return ("是" if value else "") if lang.startswith("zh") else ("yes" if value else "")
    return str(value)


def cell_number(kind: str, value: object):
    """The exact number a spreadsheet stores: yuan, units, a fraction for a percentage."""
    if value is None:
        return None
    if kind == MONEY:
        return Decimal(value) / 100
    if kind == QTY:
        return Decimal(value) / 1000
    if kind == RATE:
        return Decimal(value) / 10_000
    if kind in (DAYS, DECIMAL):
        return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return value
