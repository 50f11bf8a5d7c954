"""Prices as Chinese shops write them, in integer fen (pure functions, no randomness)."""
from __future__ import annotations


def shelf_price(raw_fen: float) -> int:
    """The nearest typical retail price: below 100 yuan x.0 / x.5 / x.9, below 1000 yuan whole
    yuan ending in 0, 8 or 9 (128, 199), above that hundreds ending in 00, 88 or 99 (1499)."""
    if raw_fen < 50:
        return max(10, round(raw_fen / 10) * 10)
    if raw_fen < 10_000:
        base, steps = int(raw_fen // 100) * 100, (0, 50, 90, 100)
    elif raw_fen < 100_000:
        base, steps = int(raw_fen // 1000) * 1000, (0, 800, 900, 1000)
    else:
        base, steps = int(raw_fen // 10_000) * 10_000, (0, 8800, 9900, 10_000)
    return min((base + s for s in steps), key=lambda c: abs(c - raw_fen))


def to_jiao(fen_times_10k: int) -> int:
    """A product of fen and basis points, rounded to whole jiao (10 fen), half down."""
    return (fen_times_10k + 49_999) // 100_000 * 10


def member_price(retail_fen: int, rate_bp: int = 9500) -> int:
    """About 95% of retail, in whole jiao, never above retail."""
    return min(retail_fen, to_jiao(retail_fen * rate_bp))


def wholesale_price(retail_fen: int, member_fen: int, rate_bp: int) -> int:
    """rate_bp of retail (85-90%), in whole jiao, never above the member price."""
    return min(member_fen, to_jiao(retail_fen * rate_bp))


def purchase_price(retail_fen: int, rate_bp: int) -> int:
    """rate_bp of retail (60-80%), to the fen, as suppliers invoice."""
    return (retail_fen * rate_bp + 5000) // 10_000
