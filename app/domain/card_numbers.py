"""Bank card numbers must never be stored (PCI DSS): spot one typed into free text.

A card number is 13 to 19 digits whose last digit is the Luhn check digit and whose first
is a card network's (2-6: Mastercard, Amex/JCB/Diners, Visa, UnionPay/Discover). Grouped,
it is written in fours (the last group shorter), or 4-6-5 / 4-6-4 (Amex, Diners). A run of
digits longer than 19 is something else (a long reference) and is left alone, as are
shorter ones (phone numbers are 11 digits) and runs grouped otherwise, such as document
numbers (XS-S001-20261122-0001) and ids, which a Luhn check alone would hit one time in ten.
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


_CARD_GROUPS = ((4, 6, 5), (4, 6, 4))


def _grouped_like_a_card(groups: list[int]) -> bool:
    if len(groups) == 1 or tuple(groups) in _CARD_GROUPS:
        return True
    return all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


def contains_card_number(text: str) -> bool:
    for match in _RUN.finditer(text):
        groups = [len(g) for g in re.split(r"[ -]", match.group())]
        digits = re.sub(r"[ -]", "", match.group())
        if (13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_ok(digits)
                and _grouped_like_a_card(groups)):
            return True
    return False
