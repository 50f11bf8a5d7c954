"""Bank card numbers must never be stored (PCI DSS): spot one typed into free text.

A card number is 13 to 19 digits, often grouped by spaces or dashes, whose last digit is
the Luhn check digit. A run of digits longer than 19 is something else (a long reference)
and is left alone, as are shorter ones (phone numbers are 11 digits).
"""
from __future__ import annotations

import re

_RUN = re.compile(r"(?<![\d])\d(?:[ -]?\d)*(?![\d])")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def contains_card_number(text: str) -> bool:
    for match in _RUN.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True
    return False
