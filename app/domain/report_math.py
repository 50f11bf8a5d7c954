"""The arithmetic of the reports, exact and in one place: ratios in basis points, turnover
and cover in days, the three-month decline test, customer flags and ABC classes.

Everything is integer or Decimal; a ratio with nothing to divide by is None (shown blank),
never zero, because "no sales" and "no margin" are different facts.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.domain.money import round_half_up


def ratio_bp(part: int, whole: int) -> int | None:
    """part / whole in basis points, half-up: ratio_bp(1, 3) = 3333."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 10_000 / whole)


def change_bp(now: int, before: int) -> int | None:
    """Change from before to now in basis points (-3000 = fell 30%); None without a base."""
    if not before:
        return None
    return round_half_up(Decimal(now - before) * 10_000 / abs(before))


def per(amount_fen: int, count: int) -> int | None:
    """An amount per item (average ticket), half-up to the fen."""
    if not count:
        return None
    return round_half_up(Decimal(amount_fen) / count)


def unit_fen(amount_fen: int, qty_milli: int) -> int | None:
    """Average price per unit in fen: 12.00 for 3 units -> 400."""
    if not qty_milli:
        return None
    return round_half_up(Decimal(amount_fen) * 1000 / qty_milli)


def days_ratio(stock: int, flow: int, days: int) -> Decimal | None:
    """How many days `stock` lasts at `flow` per `days`: days of cover (quantities) and
    turnover days (average stock value against COGS). None when nothing flowed."""
    if flow <= 0:
        return None
    return tenth(Decimal(stock) * days / flow)


def tenth(value: Decimal) -> Decimal:
    """To one decimal place, half-up (as every figure JXC shows)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average(a: int, b: int) -> int:
    return round_half_up(Decimal(a + b) / 2)


def fell_each_month(series: list[int], drop_bp: int = 3000, months: int = 3) -> bool:
    """True if each of the last `months` values fell by more than drop_bp against the one
    before it: [100, 60, 35, 20] fell 40%, 42%, 43% -> True. Needs months + 1 values."""
    if len(series) < months + 1:
        return False
    tail = series[-(months + 1):]
    for before, now in zip(tail, tail[1:]):
        if before <= 0 or (before - now) * 10_000 <= drop_bp * before:
            return False
    return True


def abc_class(cumulative_bp: int) -> str:
    """Pareto class by cumulative share of sales: A up to 80%, B up to 95%, C the rest."""
    return "A" if cumulative_bp <= 8000 else "B" if cumulative_bp <= 9500 else "C"


def high_volume_low_margin(revenues: list[int], margins: list[int | None],
                           overall_margin_bp: int | None, top_share_bp: int = 2000,
                           margin_gap_bp: int = 500) -> list[bool]:
    """Flags customers who buy a lot at a thin margin: among the top `top_share_bp` of
    customers by revenue (at least one), with a margin more than `margin_gap_bp` below the
    period's overall margin (or a loss)."""
    count = len(revenues)
    if not count or overall_margin_bp is None:
        return [False] * count
    top = max(1, round_half_up(Decimal(count) * top_share_bp / 10_000))
    ranked = sorted(range(count), key=lambda i: -revenues[i])[:top]
    flags = [False] * count
    for i in ranked:
        m = margins[i]
        if revenues[i] > 0 and m is not None and (m < overall_margin_bp - margin_gap_bp or m < 0):
            flags[i] = True
    return flags
