"""Barcode rules: EAN-13, EAN-8 and UPC-A check digits, and what the shop accepts as a code.

Accepted by `validate_barcode` (after stripping surrounding whitespace):

- 13 digits: EAN-13 (Chinese goods carry GS1 China prefixes 690-699), check digit verified;
- 8 digits: EAN-8, check digit verified;
- 12 digits: UPC-A (imported goods), check digit verified;
- otherwise 4 to 32 ASCII letters and digits: an internal code (shelf label, Code 128,
  a store's own numbering). Case is kept as typed.

So a purely numeric code of length 8, 12 or 13 must carry a correct check digit; internal
numeric codes should use another length. Anything else raises `InvalidBarcode` saying why
(empty, illegal or full-width characters, too short, too long, wrong check digit and which
digit was expected). Standard library only.
"""
from __future__ import annotations

import re

from app.domain.errors import InvalidBarcode

MIN_INTERNAL_LENGTH = 4
MAX_LENGTH = 32
_DIGITS = re.compile(r"[0-9]+")
_ALNUM = re.compile(r"[0-9A-Za-z]+")


def _weighted_check(digits: str, first_weight: int) -> str:
    """GS1 mod-10: weights alternate first_weight, other, ... from the left."""
    total = (sum(map(int, digits[0::2])) * first_weight
             + sum(map(int, digits[1::2])) * (4 - first_weight))  # weights 1 and 3
    return str(-total % 10)


def _require_digits(value: str, length: int, what: str) -> None:
    if len(value) != length or not _DIGITS.fullmatch(value):
        raise ValueError(f"{what} needs exactly {length} ASCII digits, got {value!r}")


def ean13_check_digit(first12: str) -> str:
    """The 13th digit of an EAN-13 whose first twelve digits are `first12`."""
    _require_digits(first12, 12, "ean13_check_digit")
    return _weighted_check(first12, 1)


def ean8_check_digit(first7: str) -> str:
    """The 8th digit of an EAN-8 whose first seven digits are `first7`."""
    _require_digits(first7, 7, "ean8_check_digit")
    return _weighted_check(first7, 3)


def upca_check_digit(first11: str) -> str:
    """The 12th digit of a UPC-A (an EAN-13 with a leading 0, written without it)."""
    _require_digits(first11, 11, "upca_check_digit")
    return _weighted_check(first11, 3)


def complete_ean13(first12: str) -> str:
    """`first12` followed by its check digit."""
    return first12 + ean13_check_digit(first12)


def is_valid_ean13(code: str) -> bool:
    return (len(code) == 13 and bool(_DIGITS.fullmatch(code))
            and _weighted_check(code[:12], 1) == code[12])


def is_valid_ean8(code: str) -> bool:
    return (len(code) == 8 and bool(_DIGITS.fullmatch(code))
            and _weighted_check(code[:7], 3) == code[7])


def is_valid_upca(code: str) -> bool:
    return (len(code) == 12 and bool(_DIGITS.fullmatch(code))
            and _weighted_check(code[:11], 3) == code[11])


_CHECKED = {13: ("EAN-13", 1), 8: ("EAN-8", 3), 12: ("UPC-A", 3)}


def validate_barcode(code: str) -> str:
    """The code, stripped, if the shop accepts it; otherwise `InvalidBarcode` saying why."""
    value = (code or "").strip()
    if not value:
        raise InvalidBarcode(barcode=value, reason_zh="条码为空", reason_en="it is empty")
    bad = next((ch for ch in value if not (ch.isascii() and ch.isalnum())), None)
    if bad is not None:
        raise _illegal_character(value, bad)
    if len(value) > MAX_LENGTH:
        raise InvalidBarcode(barcode=value,
                             reason_zh=f"长度为 {len(value)} 位，最多 {MAX_LENGTH} 位",
                             reason_en=f"it has {len(value)} characters, at most "
                                       f"{MAX_LENGTH} are allowed")
    if _DIGITS.fullmatch(value) and len(value) in _CHECKED:
        kind, first_weight = _CHECKED[len(value)]
        expected = _weighted_check(value[:-1], first_weight)
        if value[-1] != expected:
            raise InvalidBarcode(
                barcode=value,
                reason_zh=f"{kind} 校验位（第 {len(value)} 位）应为 {expected}，实际是 {value[-1]}",
                reason_en=f"the {kind} check digit (digit {len(value)}) should be {expected}, "
                          f"not {value[-1]}")
        return value
    if len(value) < MIN_INTERNAL_LENGTH:
        raise InvalidBarcode(barcode=value,
                             reason_zh=f"只有 {len(value)} 位，至少需要 {MIN_INTERNAL_LENGTH} 位",
                             reason_en=f"it has only {len(value)} characters, at least "
                                       f"{MIN_INTERNAL_LENGTH} are needed")
    return value


def _illegal_character(value: str, bad: str) -> InvalidBarcode:
    if bad.isspace():
        zh, en = "中间含有空格", "it contains a space"
    elif "\uff01" <= bad <= "\uff5e" or bad == "\u3000":
        zh = f"含有全角字符“{bad}”，请切换到半角（英文）输入"
        en = f"it contains the full-width character '{bad}'; switch the keyboard to half-width"
    else:
        zh = f"含有不允许的字符“{bad}”（只能是数字和英文字母）"
        en = f"it contains the character '{bad}' (only digits and Latin letters are allowed)"
    return InvalidBarcode(barcode=value, reason_zh=zh, reason_en=en)
