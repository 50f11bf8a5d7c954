"""Demo EAN-13 barcodes: a GS1 China company prefix per brand, then running item numbers.

A code is 690xxxx-695xxxx (prefix 690-695 and a four-digit company number), a five-digit
item reference and the check digit. Each brand starts at a random item number and counts
up; when it passes 99999 it gets another company prefix (big manufacturers hold several).
Prefixes are handed out once each, in a seeded order, so codes never repeat.
"""
from __future__ import annotations

import math
import random

from app.domain.barcode import ean13_check_digit

FIRST_PREFIX = 6_900_000
PREFIXES = 60_000          # 6900000 .. 6959999
ITEMS_PER_PREFIX = 100_000


def coprime_multiplier(rng: random.Random, modulus: int) -> int:
    """A seeded multiplier a with gcd(a, modulus) == 1: k -> (a*k + b) % modulus permutes."""
    if modulus <= 2:
        return 1
    while True:
        a = rng.randrange(1, modulus)
        if math.gcd(a, modulus) == 1:
            return a


class BrandBarcodes:
    def __init__(self, rng: random.Random, brands: int) -> None:
        self._a = coprime_multiplier(rng, PREFIXES)
        self._b = rng.randrange(PREFIXES)
        self._handed_out = 0
        self._prefix: dict[tuple[int, int], str] = {}
        self._next_item = [rng.randrange(1, 30_000) for _ in range(brands)]

    def next_code(self, brand: int) -> str:
        number = self._next_item[brand]
        self._next_item[brand] = number + 1
        block, item = divmod(number, ITEMS_PER_PREFIX)
        prefix = self._prefix.get((brand, block))
        if prefix is None:
            prefix = self._prefix[(brand, block)] = self._new_prefix()
        first12 = f"{prefix}{item:05d}"
        return first12 + ean13_check_digit(first12)

    def _new_prefix(self) -> str:
        if self._handed_out >= PREFIXES:
            raise RuntimeError("demo barcode space exhausted")
        n = self._handed_out
        self._handed_out += 1
        return str(FIRST_PREFIX + (self._a * n + self._b) % PREFIXES)
