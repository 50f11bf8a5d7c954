"""The demo history's model of the shop: the numbers that shape a day, the active assortment
with its own copy of the cost layers, and the recent sales that customers bring goods back to.

`load_assortment`, `rank_popularity` and `set_stock_levels` read the catalog into `Item`s;
see `history` for what a day looks like and `history_docs` for the documents.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.costing import Layer, Order
from app.persistence.schema import Customer, Product, Supplier, Unit
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.demo.catalog_goods import SERVICE_ITEMS

ACTIVE_BASE, ACTIVE_PER = 300, 100
FRESH_SHARE = 12         # 1 in 12 active products is weighed fresh produce (if there is any)
FRESH_BOOST = 4.0        # ... and bought more often than a packaged good of the same rank
MEMBER_SAMPLE = 400
OPENING_LINES = 500      # lines per opening-stock document
RECEIPT_LINES = 200
SUPPLIER_CALLS_EVERY = 3  # days
STOCKTAKE_EVERY = 7
STOCKTAKE_LINES = 30
RECENT_SALES_DAYS = 7    # returns refer to sales of the last week
BEIJING = timedelta(hours=8)
SALE_HOURS = tuple(range(8, 22))
HOUR_WEIGHTS = (3, 6, 5, 5, 8, 7, 4, 4, 5, 6, 9, 10, 8, 5)  # 08:00 .. 21:00
BASKET_SIZES = ((1, 30), (2, 25), (3, 18), (4, 12), (5, 9), (6, 6))
UNIT_QTY = ((1, 72), (2, 21), (3, 7))
TENDERS = (("wechat", 45), ("alipay", 31), ("cash", 17), ("card", 7))
MEMBER_SHARE = 0.3
DISCOUNT_SHARE = 0.04
BAG_SHARE = 0.3
RETURN_RATE = 1 / 30     # returns per sale
DAMAGED_PER_DAY = 0.3
SUPPLIER_RETURN_PER_DAY = 0.08


def assortment_size(products: int) -> int:
    return min(products, ACTIVE_BASE + products // ACTIVE_PER)


def sales_per_day(products: int) -> int:
    """A typical weekday's sales: 20 for a small shop, up to 300 for a big catalog."""
    return min(300, max(20, products // 150))


@dataclass(eq=False)
class Item:
    """One product of the active assortment and what the warehouse holds of it."""

    pid: int
    sku: str
    weighed: bool
    retail: int
    member: int
    cost: int
    shelf: int | None       # shelf life in days; FEFO when set
    average: bool
    min_milli: int
    max_milli: int
    supplier: str
    category: int | None
    bag: bool = False       # a carrier bag: added to baskets, not picked by popularity
    weight: float = 1.0     # popularity
    reorder: int = 0        # reorder point, thousandths
    up_to: int = 0          # order up to, thousandths
    lots: list[Layer] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        """Receipts carry batch and expiry (not the merged layer of average costing)."""
        return self.shelf is not None and not self.average

    @property
    def order(self) -> Order:
        return Order.FEFO if self.shelf is not None else Order.FIFO

    def on_hand(self) -> int:
        return sum(l.qty_milli for l in self.lots)

    def usable(self, day: date) -> int:
        return sum(l.qty_milli for l in self.lots if l.expiry is None or l.expiry >= day)


@dataclass
class SoldLine:
    no: int
    item: Item
    qty: int
    amount: int
    batch: str
    expiry: date | None
    returned: int = 0


@dataclass
class Sold:
    id: str
    customer: str | None
    method: str             # how it was paid: a return is refunded the same way
    lines: list[SoldLine]


# ---- reading the assortment ------------------------------------------------------------

def load_assortment(store: LocalStore, rng: random.Random,
                    products: int) -> tuple[list[Item], list[Item], list[str]]:
    """The active assortment, the carrier bags and the sampled members' phone numbers."""
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        bag_ids = _bag_ids(s)
        chosen = _choose_active(s, rng, set(bag_ids), assortment_size(products))
        items = _load_items(s, chosen)
        bags = _load_items(s, bag_ids)
        for bag in bags:
            bag.bag = True
        members = _sample_members(s, rng)
    return items, bags, members


def _bag_ids(s: Session) -> list[int]:
    bag_names = [name for name, _, _, _, _, tracked in SERVICE_ITEMS if tracked]
    return list(s.scalars(select(Product.id).where(
        Product.name.in_(bag_names), Product.is_stock_tracked.is_(True),
        Product.active.is_(True)).order_by(Product.id)))


def _choose_active(s: Session, rng: random.Random, bag_set: set[int], size: int) -> list[int]:
    """`size` stock-tracked products, fresh produce over-represented; the bags left out."""
    rows = s.execute(select(Product.id, Unit.is_weighed).join(
        Unit, Unit.id == Product.unit_id).where(
        Product.is_stock_tracked.is_(True), Product.active.is_(True),
        Product.retail_price_fen > 0).order_by(Product.id)).all()
    weighed = [i for i, w in rows if w]
    packaged = [i for i, w in rows if not w and i not in bag_set]
    fresh = rng.sample(weighed, min(len(weighed), max(10, size // FRESH_SHARE)))
    return sorted(fresh + rng.sample(packaged, min(len(packaged), size - len(fresh))))


def _sample_members(s: Session, rng: random.Random) -> list[str]:
    member_ids = list(s.scalars(select(Customer.id).where(
        Customer.phone.is_not(None)).order_by(Customer.id)))
    picked = rng.sample(member_ids, min(len(member_ids), MEMBER_SAMPLE))
    return [p for _, p in sorted(s.execute(
        select(Customer.id, Customer.phone).where(Customer.id.in_(picked))).all())]


def _load_items(s: Session, ids: list[int]) -> list[Item]:
    suppliers = dict(s.execute(select(Supplier.id, Supplier.code)).all())
    fallback = suppliers[min(suppliers)] if suppliers else None
    items = []
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        rows = s.execute(select(
            Product.id, Product.sku, Unit.is_weighed, Product.retail_price_fen,
            Product.member_price_fen, Product.purchase_price_fen, Product.shelf_life_days,
            Product.costing, Product.min_stock_milli, Product.max_stock_milli,
            Product.supplier_id, Product.category_id)
            .join(Unit, Unit.id == Product.unit_id).where(Product.id.in_(part))
            .order_by(Product.id)).all()
        for (pid, sku, weighed, retail, member, cost, shelf, costing, lo, hi, supplier,
             category) in rows:
            supplier_code = suppliers.get(supplier, fallback)
            if supplier_code is None:
                continue  # a store without suppliers: nothing can be bought in
            items.append(Item(pid, sku, bool(weighed), retail,
                              member or retail, cost, shelf, costing == "average",
                              lo, hi, supplier_code, category))
    return items


def rank_popularity(items: list[Item], rng: random.Random) -> list[float]:
    """Give each item a popularity by a shuffled rank; the cumulative weights for picking."""
    order = list(range(len(items)))
    rng.shuffle(order)
    for rank, i in enumerate(order):
        item = items[i]
        item.weight = (FRESH_BOOST if item.weighed else 1.0) / (rank + 3) ** 0.8
    return list(accumulate(item.weight for item in items))


def set_stock_levels(items: list[Item], bags: list[Item], daily_sales: int) -> None:
    """Reorder point about 5 days of expected sales (a supplier calls every third day),
    order up to about 12 days (dated goods: what sells in 70% of their shelf life)."""
    total = sum(i.weight for i in items) or 1.0
    lines = daily_sales * 2.6
    for item in items + bags:
        if item.bag:
            per_day = daily_sales * BAG_SHARE * 0.5
        else:
            per_day = lines * item.weight / total * (0.8 if item.weighed else 1.4)
        unit = 1000
        reorder = max(item.min_milli, math.ceil(5 * per_day) * unit, unit)
        up_to = max(item.max_milli, math.ceil(12 * per_day) * unit, reorder + unit)
        if item.dated:
            sells = math.ceil(per_day * item.shelf * 0.7) * unit
            up_to = max(reorder + unit, min(up_to, sells))
        item.reorder, item.up_to = reorder, up_to
