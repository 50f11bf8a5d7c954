"""What cashiers type besides codes: "3*<code>" quantities, discounts as money or percent.

Pure parsing with messages in both languages.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.domain.errors import DomainError
from app.domain.money import parse_money, parse_quantity, percent_of
from app.services.counter.errors import BadCashAmount, BadDiscount, BadQuantity

_TIMES = ("*", "×")


def parse_entry_quantity(text: str) -> tuple[int | None, str]:
    """"3*6901234567892" -> (3000, "6901234567892"); text without a quantity -> (None, text)."""
    for sign in _TIMES:
        head, found, rest = text.partition(sign)
        if found and head.strip():
            return parse_qty(head), rest.strip()
    return None, text.strip()


def parse_qty(text: str) -> int:
    try:
        qty = parse_quantity(text)
    except DomainError:
        raise BadQuantity(value=text, why_zh="请输入数字，最多三位小数，例如 2 或 0.455。",
                          why_en="enter a number with at most three decimals, e.g. 2 or 0.455.") \
            from None
    if qty <= 0:
        raise BadQuantity(value=text, why_zh="数量必须大于 0。", why_en="it must be greater than 0.")
    return qty


def parse_price(text: str) -> int:
    try:
        fen = parse_money(text)
    except DomainError:
        raise _bad(text) from None
    if fen < 0:
        raise _bad(text)
    return fen


def parse_cash(text: str) -> int:
    """A float or an amount of cash moved: "200", "50.5", "0" (yuan, at most two decimals)."""
    try:
        fen = parse_money(text.strip() or "0")
    except DomainError:
        fen = -1
    if fen < 0:
        raise BadCashAmount(value=text.strip(), why_zh="请输入金额（元），例如 200 或 50.50。",
                            why_en="enter an amount in yuan, e.g. 200 or 50.50.")
    return fen


def parse_amount_or_percent(text: str, base_fen: int) -> int:
    """A discount on `base_fen`: "5" or "5.00" yuan off, "10%" off, or "9折" / "8.5折"
    (pay 90% / 85%, the Chinese way of writing a discount). Returns fen off."""
    value = text.strip().replace("％", "%")
    try:
        if value.endswith("%"):
            return percent_of(base_fen, _basis_points(value[:-1], 100))
        if value.endswith("折"):
            rate = Decimal(value[:-1])
            if not 0 < rate < 10:
                raise _bad(text)
            return base_fen - percent_of(base_fen, _basis_points(value[:-1], 1000))
    except InvalidOperation:
        raise _bad(text) from None
    return parse_price(value)


def _basis_points(number: str, scale: int) -> int:
    """"12.5" percent -> 1250 bp (scale 100); "8.5" 折 -> 8500 bp (scale 1000)."""
    bp = Decimal(number.strip()) * scale
    if bp != bp.to_integral_value() or not 0 <= bp <= 10_000:
        raise InvalidOperation
    return int(bp)


def _bad(text: str) -> BadDiscount:
    return BadDiscount(value=text, why_zh="请输入金额（如 5.00）、百分比（如 10%）或折数（如 9折）。",
                       why_en="enter an amount (5.00), a percentage (10%) or a 折 rate (9折 = pay 90%).")
