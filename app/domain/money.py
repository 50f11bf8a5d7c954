"""Money and quantities: integer fen and integer thousandths, parsed from decimal strings.

Money is an `int` of fen (1 元 = 100 fen); quantities an `int` of thousandths of the unit
(1.5 kg = 1500). Both come in and go out as decimal strings ("12.50", "1.5"); floats are
refused. Rounding is half-up (四舍五入), as Chinese receipts and invoices expect.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.domain.errors import DomainError

FEN_PER_YUAN = 100
MILLI = 1000
MAX_FEN = 10**13  # 1,000 亿元: far beyond any document, small enough to catch typos


class InvalidAmount(DomainError):
    code = "invalid_amount"
    zh = "金额“{value}”无效：请写成最多两位小数的数字，例如 12.50。"
    en = "Amount '{value}' is not valid: write a number with at most two decimals, e.g. 12.50."


class InvalidQuantity(DomainError):
    code = "invalid_quantity"
    zh = "数量“{value}”无效：请写成最多三位小数的数字，例如 2 或 1.255。"
    en = "Quantity '{value}' is not valid: write a number with at most three decimals, e.g. 2 or 1.255."


def _decimal(value: object, error: type[DomainError]) -> Decimal:
    if isinstance(value, (float, bool)) or value is None:
        raise error(value=value)
    text = str(value).strip().replace(",", "").replace("，", "")
    text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise error(value=value) from None
    if not number.is_finite() or not -12 <= number.adjusted() <= 15:
        raise error(value=value)  # a huge exponent would overflow or underflow to zero
    return number


def parse_money(value: object) -> int:
    """"12.5" -> 1250 fen. More than two decimals, floats and garbage are refused."""
    number = _decimal(value, InvalidAmount)
    fen = number * FEN_PER_YUAN
    if fen != fen.to_integral_value() or abs(fen) > MAX_FEN:
        raise InvalidAmount(value=value)
    return int(fen)


def parse_quantity(value: object) -> int:
    """"1.5" -> 1500 thousandths. More than three decimals, floats and garbage are refused."""
    number = _decimal(value, InvalidQuantity)
    milli = number * MILLI
    if milli != milli.to_integral_value() or abs(milli) > MAX_FEN:
        raise InvalidQuantity(value=value)
    return int(milli)


def format_money(fen: int) -> str:
    """1250 -> "12.50"; -5 -> "-0.05"."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole}.{part:02d}"


def format_quantity(milli: int) -> str:
    """1500 -> "1.5"; 2000 -> "2"; 1255 -> "1.255"."""
    text = str(Decimal(milli) / MILLI)
    return text.rstrip("0").rstrip(".") if "." in text else text


def round_half_up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def line_amount(unit_price_fen: int, qty_milli: int) -> int:
    """Price of a line: 3.99 元 x 1.255 kg = 5.01 元 (half-up to the fen)."""
    return round_half_up(Decimal(unit_price_fen) * qty_milli / MILLI)


def percent_of(fen: int, basis_points: int) -> int:
    """A share of an amount in basis points: percent_of(1000, 9500) = 950 (95%)."""
    return round_half_up(Decimal(fen) * basis_points / 10_000)


def round_off(fen: int, step_fen: int) -> int:
    """抹零: drop what is below the step (10 = to the jiao, 100 = to the yuan)."""
    if step_fen not in (1, 10, 100):
        raise ValueError("step must be 1, 10 or 100 fen")
    sign = -1 if fen < 0 else 1
    return sign * (abs(fen) // step_fen * step_fen)
