"""What is on the shelf of a product, by batch, for the till: the batch that is sold first
(its expiry drives the near-expiry markdown) and whether only expired stock is left.

Posting never sells an expired batch (`costing.book_out(usable_on=...)` skips it), but with
`negative_stock.counter = allow` a sale beyond the unexpired stock goes negative instead of
being refused. The till refuses that case when expired stock is what remains, since the
goods in the customer's hand are then most likely the expired ones: at the scan
(`lookup`) and again, for the whole cart, just before posting (`checkout`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from app.domain.costing import Layer, Order, ordered
from app.domain.money import format_quantity
from app.services.counter.errors import ExpiredStock

_LAYERS = text(
    "SELECT l.id, l.qty_left, l.value_left, l.received_seq, l.batch, l.expiry "
    "FROM cost_layers l JOIN warehouses w ON w.id = l.warehouse_id "
    "WHERE w.code = 'MAIN' AND l.product_id = :product AND l.qty_left > 0")


@dataclass(frozen=True)
class Shelf:
    fresh: list[Layer]
    expired: list[Layer]

    @property
    def fresh_milli(self) -> int:
        return sum(l.qty_milli for l in self.fresh)

    @property
    def latest_expiry(self) -> date | None:
        return max((l.expiry for l in self.expired if l.expiry), default=None)


def read(conn, product_id: int, today: date) -> Shelf:
    layers = [Layer(r[0], int(r[1]), int(r[2]), int(r[3]), _date(r[5]), r[4] or "")
              for r in conn.execute(_LAYERS, {"product": product_id})]
    fresh = [l for l in layers if l.expiry is None or l.expiry >= today]
    return Shelf(fresh, [l for l in layers if l not in fresh])


def first_batch(conn, info, fefo: bool, today: date) -> Layer | None:
    """The layer posting will sell first; `ExpiredStock` when only expired stock is left."""
    shelf = read(conn, info.product_id, today)
    if not shelf.fresh:
        if shelf.expired:
            raise _expired(info.name, info.sku, shelf)
        return None
    return ordered(shelf.fresh, Order.FEFO if fefo else Order.FIFO)[0]


def check_cart(conn, lines, today: date) -> None:
    """Refuse a cart that wants more of a product than its unexpired stock while expired
    stock of it is left (lines: objects with `.product` and `.qty_milli`)."""
    wanted: dict[int, int] = defaultdict(int)
    products = {}
    for line in lines:
        wanted[line.product.product_id] += line.qty_milli
        products[line.product.product_id] = line.product
    for product_id, qty in wanted.items():
        shelf = read(conn, product_id, today)
        if shelf.expired and qty > shelf.fresh_milli:
            product = products[product_id]
            raise _expired(product.name, product.sku, shelf, shelf.fresh_milli)


def _expired(name: str, sku: str, shelf: Shelf, fresh_milli: int = 0) -> ExpiredStock:
    latest = shelf.latest_expiry
    return ExpiredStock(name=name, sku=sku, expiry=latest.isoformat() if latest else "?",
                        fresh=format_quantity(fresh_milli))


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
