"""Demo product rows, generated chunk by chunk from the catalog and one seeded RNG.

The k-th product of a leaf category is the k-th element of a seeded permutation of the leaf's
(brand, product, spec) combinations; once they are all used, the next round adds a case
size or a series word (see `catalog.round_words`), so names stay unique at any size without
remembering the names already made.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator

from app.services.demo.catalog import Item, LeafDef, compose_name, leaf_items, round_words
from app.services.demo.catalog_goods import SERVICE_ITEMS
from app.services.demo.codes import BrandBarcodes, coprime_multiplier
from app.services.demo.pricing import (member_price, purchase_price, shelf_price,
                                       wholesale_price)
from app.services.pinyin import word_initials

PRODUCT_COLUMNS = ("id", "sku", "name", "pinyin", "spec", "unit_id", "category_id", "brand_id",
                   "supplier_id", "tax_rate_bp", "retail_price_fen", "member_price_fen",
                   "wholesale_price_fen", "purchase_price_fen", "freight_fen", "packaging_fen",
                   "storage_rate_bp", "shelf_life_days", "min_stock_milli", "max_stock_milli",
                   "is_stock_tracked", "costing", "image_path", "active", "created_at",
                   "location")
BARCODE_COLUMNS = ("barcode", "product_id", "is_primary")
SECOND_BARCODE_SHARE = 0.10
INACTIVE_SHARE = 0.01
CASE_DISCOUNT = 0.95


@dataclass
class CompiledLeaf:
    definition: LeafDef
    category_id: int
    items: list[Item]
    brand_index: list[int | None]  # per item: index into the brand list, None: no brand
    suppliers: list[int]
    combos: int = 0             # items x specs
    mult: int = 1               # k -> (mult * k + offset) % combos permutes the combinations
    offset: int = 0
    made: int = 0               # products made so far from this leaf


class ProductFactory:
    """Makes product and barcode rows (tuples in PRODUCT_COLUMNS / BARCODE_COLUMNS order)."""

    def __init__(self, rng: random.Random, leaves: list[tuple[LeafDef, int, list[int]]],
                 brand_ids: list[int], units: dict[str, int], created_at: object,
                 service_category: int | None) -> None:
        """`leaves`: (definition, category id, supplier ids) for every leaf of the tree;
        `brand_ids`: database ids of `brand_names(those leaves)`, in that order."""
        self._rng = rng
        self._units = units
        self._created_at = created_at
        self._service_category = service_category
        self._brand_ids = brand_ids
        self._leaves = self._compile(leaves)
        brand_no = {name: i for i, name in enumerate(brand_names(leaf for leaf, _, _ in leaves))}
        for leaf in self._leaves:
            leaf.brand_index = [brand_no.get(item.brand) if leaf.definition.branded
                                and not leaf.definition.weighed else None
                                for item in leaf.items]
        self._barcodes = BrandBarcodes(rng, len(brand_ids))
        total = 0.0
        self._cum_weights = []
        for leaf in self._leaves:
            total += leaf.definition.weight * leaf.combos  # all leaves run out together
            self._cum_weights.append(total)
        self.made = 0
        self.barcodes_made = 0

    def _compile(self, leaves: list[tuple[LeafDef, int, list[int]]]) -> list[CompiledLeaf]:
        seen: set[tuple[str, str]] = set()
        compiled = []
        for definition, category_id, suppliers in leaves:
            items = leaf_items(definition, seen)
            if definition.weight <= 0 or not items or not definition.specs:
                continue
            leaf = CompiledLeaf(definition, category_id, items, [], suppliers)
            leaf.combos = len(items) * len(definition.specs)
            leaf.mult = coprime_multiplier(self._rng, leaf.combos)
            leaf.offset = self._rng.randrange(leaf.combos)
            compiled.append(leaf)
        return compiled

    def chunks(self, first_id: int, count: int, size: int
               ) -> Iterator[tuple[list[tuple], list[tuple]]]:
        """(product rows, barcode rows) in chunks of `size` products, `count` in all."""
        services = list(SERVICE_ITEMS) if count >= 20 and self._service_category else []
        done = 0
        while done < count:
            products: list[tuple] = []
            barcodes: list[tuple] = []
            for _ in range(min(size, count - done)):
                product_id, sku = first_id + done, f"P{done + 1:07d}"
                if services:
                    products.append(self._service_row(product_id, sku, services.pop(0)))
                else:
                    products.append(self._product_row(product_id, sku, barcodes))
                done += 1
            self.made += len(products)
            self.barcodes_made += len(barcodes)
            yield products, barcodes

    def _service_row(self, product_id: int, sku: str, service: tuple) -> tuple:
        name, spec_text, unit, retail, purchase, tracked = service
        tax = 1300 if tracked else 600  # carrier bags are goods; services pay 6% VAT
        min_milli, max_milli = (100_000, 500_000) if tracked else (0, 0)
        return (product_id, sku, name, word_initials(name), spec_text, self._units[unit],
                self._service_category, None, None, tax, retail, retail, retail, purchase,
                0, 0, 0, None, min_milli, max_milli, tracked, "fifo", None, True,
                self._created_at, None)

    def _product_row(self, product_id: int, sku: str, barcodes: list[tuple]) -> tuple:
        rng = self._rng
        leaf = rng.choices(self._leaves, cum_weights=self._cum_weights)[0]
        d = leaf.definition
        round_no, k = divmod(leaf.made, leaf.combos)
        location = shelf_location(leaf.category_id, leaf.made)
        leaf.made += 1
        item_no, spec_no = divmod((leaf.mult * k + leaf.offset) % leaf.combos, len(d.specs))
        item, spec = leaf.items[item_no], d.specs[spec_no]
        case, series = round_words(round_no, d.cases)
        name, spec_text = compose_name(item, spec, case, series)
        pinyin = (word_initials(item.brand) + word_initials(item.product)
                  + word_initials(spec_text) + (word_initials(series) if series else ""))
        unit = spec.unit if case == 1 else ("箱" if case >= 12 else "件")

        raw = rng.uniform(spec.lo_fen, spec.hi_fen) * item.factor
        retail = shelf_price(raw * case * CASE_DISCOUNT if case > 1 else raw)
        if d.discount:
            member = member_price(retail) if rng.random() < 0.9 else retail
            wholesale = wholesale_price(retail, member, rng.randrange(8500, 9001))
        else:
            member = wholesale = retail
        lo, hi = d.margin
        purchase = min(wholesale, purchase_price(retail, rng.randrange(int(lo * 10_000),
                                                                       int(hi * 10_000) + 1)))
        shelf = rng.choice(d.shelf) if d.shelf else None
        min_units = max(1, rng.choice(d.stock) // case)
        max_units = min_units * rng.choice((3, 4, 5, 6))
        supplier = rng.choice(leaf.suppliers) if leaf.suppliers else None
        brand = leaf.brand_index[item_no]
        if brand is not None:
            barcodes.append((self._barcodes.next_code(brand), product_id, True))
            if rng.random() < SECOND_BARCODE_SHARE:
                barcodes.append((self._barcodes.next_code(brand), product_id, False))
        active = rng.random() >= INACTIVE_SHARE
        return (product_id, sku, name, pinyin,
                spec_text, self._units[unit], leaf.category_id,
                None if brand is None else self._brand_ids[brand], supplier, d.tax_bp,
                retail, member, wholesale, purchase, 0, 0, 0, shelf, min_units * 1000,
                max_units * 1000, True, d.costing, None, active, self._created_at, location)


def shelf_location(category_id: int, made: int) -> str:
    """A shelf for the n-th product of a leaf category, "C-04-2": one aisle letter per
    category (26 letters go round), 5 levels per shelf. No random draw: the same catalog
    as before, now with locations to count by."""
    shelf, level = divmod(made, 5)
    return f"{chr(ord('A') + category_id % 26)}-{shelf % 99 + 1:02d}-{level + 1}"


def brand_names(leaves) -> list[str]:
    """Distinct brand names of branded, packaged leaves, in catalog order."""
    names: dict[str, None] = {}
    for leaf in leaves:
        if leaf.branded and not leaf.weighed:
            for line in leaf.lines:
                names.setdefault(line.brand)
    return list(names)


def units_needed(leaves) -> set[str]:
    needed = {"箱", "件"} | {unit for _, _, unit, _, _, _ in SERVICE_ITEMS}
    for leaf in leaves:
        needed |= {spec.unit for spec in leaf.specs}
    return needed

