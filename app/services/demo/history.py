"""`jxc demo --days D`: D days of trading, posted through the real posting service.

Every document goes through `post_document`, exactly as a till or the back office would
send it: the permission check, the ledger, cost layers, vouchers, document numbers, the
audit chain and the outbox all come from the service, so `jxc verify` holds on the result.

What a day looks like (times are UTC, as the service records them; the shop's hours,
08:00-22:00 Beijing time, are 00:00-14:00 UTC, so every timestamp falls on its business
date either way and `jxc stock --as-of` reads the history day by day):

- 08:00 before opening: expired batches are written off (reason "expired"), then the
  suppliers due that day deliver what has run low (purchase receipts from each product's
  default supplier; dated goods carry a batch and expiry = receipt date + shelf life);
- 08:30-21:50 the till: sales of 1-6 lines, mostly one of an item, weighed goods in grams
  ("0.735" kg); WeChat Pay and Alipay most, some cash with change, some bank card; about a
  third by members (member price, identified by phone); now and then a customer returns
  part of a line of an earlier sale, refunded the way it was paid; a broken item is
  written off (reason "damaged"); rarely goods go back to a supplier;
- after closing every 7th day (always the last day): a stocktake of one category, with
  small differences.

The history covers the D days before `today` (today itself is left alone); day 0 starts
with the opening stock. Only an *active assortment* trades: min(products, 300 + products
// 100) active, stock-tracked products picked by the seed (fresh produce over-represented,
as it is in a shop's takings), plus the carrier bags.
A million-product catalog does not need a million products with history, and the
assortment keeps the run in minutes.

The generator keeps its own copy of the cost layers (the same `book_out` rules as the
service: FEFO skips expired layers for sales), so it never asks for stock that is not
there. Should the service still refuse a document, it is counted as skipped and the run
goes on; the copy is only changed after a document has posted.

Same seed, same `today`: same documents, numbers and totals. Document ids are
"demo-{seed}-{n:08d}". Sales per day grow with the catalog (see `sales_per_day`).

Speed: one `post_document` call, one transaction, per document (a sale takes about 20 ms
on a 2-core machine, nearly all of it in the ORM); for the run the pooled connections use
synchronous=NORMAL instead of FULL (see `relaxed_durability`), which saves the fsync of
every commit. 20,000 products x 30 days (about 4,400 sales) take about 1.5-2 minutes.

Moving-average goods (the weighed fresh produce) get no batch or expiry: the service keeps
one merged layer per product whose expiry would stay that of the first receipt for ever.
"""
from __future__ import annotations

import math
import random
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Callable, Iterator

from sqlalchemy import Engine, event, select

from app.domain.costing import Layer, Order, apply, book_out
from app.domain.errors import DomainError
from app.domain.money import (format_money, format_quantity, line_amount, parse_money,
                              round_half_up)
from app.persistence.schema import Customer, Product, Supplier, Unit
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.demo.catalog_goods import SERVICE_ITEMS
from app.services.inventory.posting import post_document
from app.services.records import Actor, utc_now

ACTOR = Actor(None, "demo", "admin")
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

TYPE_WORDS = (("sale", "sale", "sales"), ("purchase_receipt", "receipt", "receipts"),
              ("customer_return", "return", "returns"),
              ("purchase_return", "supplier return", "supplier returns"),
              ("write_off", "write-off", "write-offs"), ("stocktake", "stocktake", "stocktakes"))


def assortment_size(products: int) -> int:
    return min(products, ACTIVE_BASE + products // ACTIVE_PER)


def sales_per_day(products: int) -> int:
    """A typical weekday's sales: 20 for a small shop, up to 300 for a big catalog."""
    return min(300, max(20, products // 150))


@dataclass(frozen=True)
class HistoryResult:
    days: int
    assortment: int
    posted: dict[str, int]   # documents by type
    skipped: dict[str, int]  # refused by the service, by type (should stay empty)
    refusals: dict[str, int] = field(default_factory=dict)  # ... by error code
    sold_out: int = 0  # sale lines left out because the shelf was empty

    def summary(self) -> str:
        parts = [f"{self.posted.get(kind, 0):,} {one if self.posted.get(kind, 0) == 1 else many}"
                 for kind, one, many in TYPE_WORDS
                 if self.posted.get(kind, 0) or kind != "purchase_return"]
        skipped = sum(self.skipped.values())
        if skipped:
            parts.append(f"{skipped:,} skipped")
        return f"{self.days} days: " + ", ".join(parts)


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


class History:
    def __init__(self, store: LocalStore, *, days: int, seed: int, today: date,
                 actor: Actor, progress: Callable[[int], None] | None) -> None:
        self.store, self.days, self.seed, self.actor = store, days, seed, actor
        self.progress = progress
        self.rng = random.Random(f"jxc-demo-history-{seed}")
        self.first_day = today - timedelta(days=days)
        self.n = 0
        self.seq = 0
        self.posted: Counter = Counter()
        self.skipped: Counter = Counter()
        self.refusals: Counter = Counter()
        self.sold_out = 0  # sale lines dropped because the shelf was empty
        self.recent: deque[tuple[date, Sold]] = deque()
        self.items: list[Item] = []
        self.bags: list[Item] = []
        self.members: list[str] = []
        self.cum_weights: list[float] = []
        self.daily_sales = 0

    # ---- setup -----------------------------------------------------------------------

    def load(self, products: int) -> None:
        rng = self.rng
        with UnitOfWork(self.store.engine, write=False) as uow:
            s = uow.session
            bag_names = [name for name, _, _, _, _, tracked in SERVICE_ITEMS if tracked]
            bag_ids = list(s.scalars(select(Product.id).where(
                Product.name.in_(bag_names), Product.is_stock_tracked.is_(True),
                Product.active.is_(True)).order_by(Product.id)))
            rows = s.execute(select(Product.id, Unit.is_weighed).join(
                Unit, Unit.id == Product.unit_id).where(
                Product.is_stock_tracked.is_(True), Product.active.is_(True),
                Product.retail_price_fen > 0).order_by(Product.id)).all()
            bag_set = set(bag_ids)
            weighed = [i for i, w in rows if w]
            packaged = [i for i, w in rows if not w and i not in bag_set]
            size = assortment_size(products)
            fresh = rng.sample(weighed, min(len(weighed), max(10, size // FRESH_SHARE)))
            chosen = sorted(fresh + rng.sample(packaged, min(len(packaged), size - len(fresh))))
            self.items = self._items(s, chosen)
            self.bags = self._items(s, bag_ids)
            for bag in self.bags:
                bag.bag = True
            member_ids = list(s.scalars(select(Customer.id).where(
                Customer.phone.is_not(None)).order_by(Customer.id)))
            picked = rng.sample(member_ids, min(len(member_ids), MEMBER_SAMPLE))
            self.members = [p for _, p in sorted(s.execute(
                select(Customer.id, Customer.phone).where(Customer.id.in_(picked))).all())]
        order = list(range(len(self.items)))
        rng.shuffle(order)
        for rank, i in enumerate(order):
            item = self.items[i]
            item.weight = (FRESH_BOOST if item.weighed else 1.0) / (rank + 3) ** 0.8
        self.cum_weights = list(accumulate(item.weight for item in self.items))
        self.daily_sales = sales_per_day(products)
        self._set_stock_levels()

    def _items(self, s, ids: list[int]) -> list[Item]:
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

    def _set_stock_levels(self) -> None:
        """Reorder point about 5 days of expected sales (a supplier calls every third day),
        order up to about 12 days (dated goods: what sells in 70% of their shelf life)."""
        total = sum(i.weight for i in self.items) or 1.0
        lines = self.daily_sales * 2.6
        for item in self.items + self.bags:
            if item.bag:
                per_day = self.daily_sales * BAG_SHARE * 0.5
            else:
                per_day = lines * item.weight / total * (0.8 if item.weighed else 1.4)
            unit = 1000
            reorder = max(item.min_milli, math.ceil(5 * per_day) * unit, unit)
            up_to = max(item.max_milli, math.ceil(12 * per_day) * unit, reorder + unit)
            if item.dated:
                sells = math.ceil(per_day * item.shelf * 0.7) * unit
                up_to = max(reorder + unit, min(up_to, sells))
            item.reorder, item.up_to = reorder, up_to

    # ---- the run ---------------------------------------------------------------------

    def run(self) -> HistoryResult:
        self._opening()
        for d in range(self.days):
            self._trade(d, self.first_day + timedelta(days=d))
            if self.progress is not None:
                self.progress(1)
        return HistoryResult(self.days, len(self.items), dict(self.posted), dict(self.skipped),
                             dict(self.refusals), self.sold_out)

    def _post(self, raw: dict, at: datetime) -> str | None:
        """The document's id once posted; None (counted as skipped) if the service refused."""
        self.n += 1
        raw = {"id": f"demo-{self.seed}-{self.n:08d}", **raw}
        try:
            post_document(self.store, self.actor, raw, clock=lambda: at)
        except DomainError as refused:
            self.skipped[raw["type"]] += 1
            self.refusals[refused.code] += 1
            return None
        self.posted[raw["type"]] += 1
        return raw["id"]

    def _receive(self, item: Item, qty: int, batch: str, expiry: date | None) -> None:
        self.seq += 1
        if item.average and item.lots:
            first = item.lots[0]
            item.lots[0] = replace(first, qty_milli=first.qty_milli + qty)
        else:
            item.lots.append(Layer(self.seq, qty, 0, self.seq, expiry, batch))

    @staticmethod
    def _book(item: Item, qty: int, *, usable_on: date | None = None, batch: str | None = None):
        return book_out(item.lots, qty, item.order, batch=batch, usable_on=usable_on)

    @staticmethod
    def _take(item: Item, booking) -> None:
        item.lots = apply(item.lots, booking)

    def _at(self, day: date, hour: int, minute: int, second: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute, second)) - BEIJING

    def _opening(self) -> None:
        day, rng = self.first_day, self.rng
        lines, plan = [], []
        for item in self.items + self.bags:
            qty = item.up_to
            line = {"sku": item.sku, "qty": format_quantity(qty),
                    "unit_cost": format_money(item.cost)}
            batch, expiry = "", None
            if item.dated:
                expiry = day + timedelta(days=rng.randint(max(1, item.shelf // 2), item.shelf))
                batch = f"B{expiry - timedelta(days=item.shelf):%Y%m%d}"
                line.update(batch=batch, expiry=expiry.isoformat())
            lines.append(line)
            plan.append((item, qty, batch, expiry))
        for k, start in enumerate(range(0, len(lines), OPENING_LINES)):
            raw = {"type": "opening_stock", "date": day.isoformat(), "note": "期初库存（演示）",
                   "lines": lines[start:start + OPENING_LINES]}
            if self._post(raw, self._at(day, 8, 0, k)):
                for entry in plan[start:start + OPENING_LINES]:
                    self._receive(*entry)

    def _trade(self, d: int, day: date) -> None:
        rng = self.rng
        while self.recent and (day - self.recent[0][0]).days > RECENT_SALES_DAYS:
            self.recent.popleft()
        self._write_off_expired(day)
        self._restock(d, day)
        factor = {4: 1.1, 5: 1.25, 6: 1.2}.get(day.weekday(), 1.0) * rng.uniform(0.9, 1.1)
        sales = max(1, round(self.daily_sales * factor))
        events = [(self._sale_time(day), "sale") for _ in range(sales)]
        returns = int(sales * RETURN_RATE + rng.random())
        events += [(self._sale_time(day), "return") for _ in range(returns)]
        if rng.random() < DAMAGED_PER_DAY:
            events.append((self._sale_time(day), "damaged"))
        if rng.random() < SUPPLIER_RETURN_PER_DAY:
            events.append((self._at(day, 10, rng.randrange(60)), "supplier_return"))
        events.sort(key=lambda e: e[0])
        for at, kind in events:
            if kind == "sale":
                self._sale(day, at)
            elif kind == "return":
                self._customer_return(day, at)
            elif kind == "damaged":
                self._damaged(day, at)
            else:
                self._supplier_return(day, at)
        if (self.days - 1 - d) % STOCKTAKE_EVERY == 0:
            self._stocktake(d, day, self._at(day, 21, 55))

    def _sale_time(self, day: date) -> datetime:
        rng = self.rng
        hour = rng.choices(SALE_HOURS, HOUR_WEIGHTS)[0]
        low = 30 if hour == 8 else 0
        high = 50 if hour == 21 else 60
        return self._at(day, hour, rng.randrange(low, high), rng.randrange(60))

    # ---- documents -------------------------------------------------------------------

    def _write_off_expired(self, day: date) -> None:
        lines, plan = [], []
        for item in self.items + self.bags:
            gone: dict[str, int] = {}
            for lot in item.lots:
                if lot.expiry is not None and lot.expiry < day:
                    gone[lot.batch] = gone.get(lot.batch, 0) + lot.qty_milli
            for batch, qty in gone.items():  # a batch name stands for one expiry date
                lines.append({"sku": item.sku, "qty": format_quantity(qty), "batch": batch,
                              "reason": "expired"})
                plan.append((item, qty, batch))
        if not lines:
            return
        raw = {"type": "write_off", "date": day.isoformat(), "note": "过期商品报损", "lines": lines}
        bookings = [(item, self._book(item, qty, batch=batch)) for item, qty, batch in plan]
        if any(b.shortfall_milli for _, b in bookings):
            return
        if self._post(raw, self._at(day, 8, 1)):
            for item, booking in bookings:
                self._take(item, booking)

    def _restock(self, d: int, day: date) -> None:
        """Each supplier calls every third day (at once when something of its range is sold
        out); it brings what is below the reorder point, and anything else of its own below
        60% of the order-up-to level."""
        rng = self.rng
        due: dict[str, list[Item]] = {}
        for item in self.items + self.bags:
            due.setdefault(item.supplier, []).append(item)
        minute = 5
        for supplier in sorted(due):
            off_day = (d + sum(map(ord, supplier))) % SUPPLIER_CALLS_EVERY
            if off_day and all(i.usable(day) for i in due[supplier]):
                continue  # not its day, and nothing of its goods is sold out
            low = [i for i in due[supplier] if i.usable(day) < i.reorder]
            if not low:
                continue
            wanted = [i for i in due[supplier] if i.usable(day) < i.up_to * 0.6 or i in low]
            for start in range(0, len(wanted), RECEIPT_LINES):
                lines, plan = [], []
                for item in wanted[start:start + RECEIPT_LINES]:
                    qty = max(1000, math.ceil((item.up_to - item.usable(day)) / 1000) * 1000)
                    cost = item.cost
                    if rng.random() < 0.05:  # the supplier's price moved a little
                        cost = max(1, round(cost * rng.uniform(0.97, 1.04)))
                    line = {"sku": item.sku, "qty": format_quantity(qty),
                            "unit_cost": format_money(cost)}
                    batch, expiry = "", None
                    if item.dated:
                        batch, expiry = f"B{day:%Y%m%d}", day + timedelta(days=item.shelf)
                        line.update(batch=batch, expiry=expiry.isoformat())
                    lines.append(line)
                    plan.append((item, qty, batch, expiry))
                raw = {"type": "purchase_receipt", "date": day.isoformat(), "supplier": supplier,
                       "lines": lines}
                goods = sum(line_amount(parse_money(l["unit_cost"]), qty)
                            for l, (_, qty, _, _) in zip(lines, plan))
                if goods >= 30_000 and rng.random() < 0.3:  # a big delivery: 运费 on the bill
                    raw["freight"] = format_money(rng.choice((1000, 1500, 2000, 3000)))
                if self._post(raw, self._at(day, 8, min(minute, 29), rng.randrange(60))):
                    for entry in plan:
                        self._receive(*entry)
                minute += 1

    def _pick(self, count: int) -> list[Item]:
        rng, chosen, seen = self.rng, [], set()
        for _ in range(count * 3):
            if len(chosen) == count:
                break
            item = rng.choices(self.items, cum_weights=self.cum_weights)[0]
            if item.pid not in seen:
                seen.add(item.pid)
                chosen.append(item)
        return chosen

    def _qty(self, item: Item) -> int:
        rng = self.rng
        if item.weighed:
            return rng.randint(150, 1600)  # 0.15 - 1.6 kg, to the gram
        return rng.choices([q for q, _ in UNIT_QTY], [w for _, w in UNIT_QTY])[0] * 1000

    def _sale(self, day: date, at: datetime) -> None:
        rng = self.rng
        if not self.items:
            return
        size = rng.choices([n for n, _ in BASKET_SIZES], [w for _, w in BASKET_SIZES])[0]
        basket = self._pick(size)
        if self.bags and size >= 3 and rng.random() < BAG_SHARE:
            basket.append(rng.choice(self.bags))
        member = rng.choice(self.members) if self.members and rng.random() < MEMBER_SHARE else None
        lines, sold, bookings = [], [], []
        for item in basket:
            qty = self._qty(item)
            usable = item.usable(day)
            if usable < qty:  # what is left on the shelf, if anything worth buying
                qty = (usable if usable >= 100 else 0) if item.weighed else usable // 1000 * 1000
            if qty <= 0:
                self.sold_out += 1  # the customer takes something else, or nothing
                continue
            booking = self._book(item, qty, usable_on=day)
            if booking.shortfall_milli:
                continue
            price = item.member if member else item.retail
            amount = line_amount(price, qty)
            line = {"sku": item.sku, "qty": format_quantity(qty), "unit_price": format_money(price)}
            if amount >= 500 and rng.random() < DISCOUNT_SHARE:
                discount = max(10, amount // 10 // 10 * 10)  # about 10% off, in jiao
                line["discount"] = format_money(discount)
                amount -= discount
            first = next(l for l in item.lots if l.layer_id == booking.draws[0].layer_id)
            lines.append(line)
            bookings.append((item, booking))
            sold.append(SoldLine(len(lines), item, qty, amount, first.batch, first.expiry))
        if not lines:
            return
        total = sum(l.amount for l in sold)
        method = rng.choices([m for m, _ in TENDERS], [w for _, w in TENDERS])[0]
        raw = {"type": "sale", "date": day.isoformat(), "lines": lines,
               "payments": [self._payment(method, total)]}
        if member:
            raw["customer"] = member
        posted = self._post(raw, at)
        if posted:
            for item, booking in bookings:
                self._take(item, booking)
            self.recent.append((day, Sold(posted, member, method, sold)))

    def _payment(self, method: str, total: int) -> dict:
        rng = self.rng
        if method == "cash":
            given = total
            if rng.random() < 0.75:
                notes = [n for n in (1000, 2000, 5000, 10000) if n >= total]
                given = notes[0] if notes and rng.random() < 0.7 else (
                    rng.choice(notes) if notes else -(-total // 10000) * 10000)
            return {"method": "cash", "amount": format_money(given)}
        if method == "wechat":
            ref = f"4200{rng.randrange(10 ** 24):024d}"
        elif method == "alipay":
            ref = f"2088{rng.randrange(10 ** 24):024d}"
        else:
            ref = f"{rng.choice(('6222', '6217', '6228', '6259'))}****{rng.randrange(10_000):04d}"
        return {"method": method, "amount": format_money(total), "reference": ref}

    def _customer_return(self, day: date, at: datetime) -> None:
        rng = self.rng
        candidates = [(sale, line) for _, sale in self.recent for line in sale.lines
                      if line.returned < line.qty]
        if not candidates:
            return
        sale, line = rng.choice(candidates)
        left = line.qty - line.returned
        if line.item.weighed:
            qty = max(1, left // 2) if left > 100 else left
        else:
            qty = rng.randint(1, max(1, left // 1000 - 1)) * 1000 if left > 1000 else left
        # the service's cumulative shares: all returns of a line add up to the line
        amount = (_share(line.amount, line.returned + qty, line.qty)
                  - _share(line.amount, line.returned, line.qty))
        raw = {"type": "customer_return", "date": day.isoformat(), "original": sale.id,
               "note": "退货原因：" + rng.choice(("质量问题", "买错了", "不想要了", "包装破损")),
               "lines": [{"sku": line.item.sku, "qty": format_quantity(qty),
                          "original_line": line.no}]}
        if sale.customer:
            raw["customer"] = sale.customer
        if amount and sale.method in ("wechat", "alipay", "card"):
            raw["payments"] = [{"method": sale.method, "amount": format_money(amount)}]
        if self._post(raw, at):
            line.returned += qty
            self._receive(line.item, qty, line.batch, line.expiry)

    def _damaged(self, day: date, at: datetime) -> None:
        rng = self.rng
        stocked = [i for i in self.items if i.on_hand() >= 1000]
        if not stocked:
            return
        lines, plan = [], []
        for item in rng.sample(stocked, min(len(stocked), rng.choice((1, 1, 2)))):
            qty = rng.randint(100, 600) if item.weighed else 1000
            booking = self._book(item, qty)
            if booking.shortfall_milli:
                continue
            lines.append({"sku": item.sku, "qty": format_quantity(qty),
                          "reason": rng.choice(("damaged", "damaged", "spoiled"))})
            plan.append((item, booking))
        if lines and self._post({"type": "write_off", "date": day.isoformat(),
                                 "note": "破损报损", "lines": lines}, at):
            for item, booking in plan:
                self._take(item, booking)

    def _supplier_return(self, day: date, at: datetime) -> None:
        rng = self.rng
        stocked = [i for i in self.items if not i.weighed and i.on_hand() >= 3000]
        if not stocked:
            return
        item = rng.choice(stocked)
        qty = rng.randint(1, 2) * 1000
        booking = self._book(item, qty)
        if booking.shortfall_milli:
            return
        raw = {"type": "purchase_return", "date": day.isoformat(), "supplier": item.supplier,
               "note": "包装破损退供应商", "lines": [{"sku": item.sku, "qty": format_quantity(qty)}]}
        if self._post(raw, at):
            self._take(item, booking)

    def _stocktake(self, d: int, day: date, at: datetime) -> None:
        rng = self.rng
        categories = sorted({i.category for i in self.items if i.category is not None})
        if not categories:
            return
        category = categories[(d * 7 + self.seed) % len(categories)]
        counted = [i for i in self.items if i.category == category][:STOCKTAKE_LINES]
        others = [i for i in self.items if i.category != category]
        counted += rng.sample(others, min(len(others), max(0, 8 - len(counted))))
        lines, plan = [], []
        for item in counted:
            system = item.on_hand()
            count = system
            if rng.random() < 0.25:
                step = rng.randint(20, 300) if item.weighed else 1000
                count = max(0, system + rng.choice((-1, -1, 1)) * step)
            line = {"sku": item.sku, "counted": format_quantity(count)}
            if count > system and item.dated:
                newest = max((l for l in item.lots if l.batch), key=lambda l: l.received_seq,
                             default=None)
                batch, expiry = ((newest.batch, newest.expiry) if newest else
                                 (f"B{day:%Y%m%d}", day + timedelta(days=item.shelf)))
                line.update(batch=batch, expiry=expiry.isoformat())
            lines.append(line)
            plan.append((item, count - system, line.get("batch", ""),
                         date.fromisoformat(line["expiry"]) if "expiry" in line else None))
        bookings = {}
        for item, diff, _, _ in plan:
            if diff < 0:
                booking = self._book(item, -diff)
                if booking.shortfall_milli:
                    return
                bookings[item.pid] = booking
        if self._post({"type": "stocktake", "date": day.isoformat(), "note": "周盘点",
                       "lines": lines}, at):
            for item, diff, batch, expiry in plan:
                if diff > 0:
                    self._receive(item, diff, batch, expiry)
                elif diff < 0:
                    self._take(item, bookings[item.pid])


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of)


@contextmanager
def relaxed_durability(engine: Engine) -> Iterator[None]:
    """synchronous=NORMAL (still WAL) while the history is posted: a crash loses at most the
    last documents of a demo, not consistency. The pooled connections are dropped
    afterwards, so every later one is opened, and checked, with synchronous=FULL again."""
    def relax(dbapi_connection, record, proxy):
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    engine.dispose()
    event.listen(engine, "checkout", relax)
    try:
        yield
    finally:
        event.remove(engine, "checkout", relax)
        engine.dispose()


def post_history(store: LocalStore, *, products: int, days: int, seed: int,
                 today: date | None = None, actor: Actor = ACTOR,
                 progress: Callable[[int], None] | None = None) -> HistoryResult:
    """Post `days` days of trading before `today` (default: today, UTC); `progress(1)`
    after each day."""
    if days < 1:
        raise ValueError("days must be at least 1")
    history = History(store, days=days, seed=seed, today=today or utc_now().date(),
                      actor=actor, progress=progress)
    history.load(products)
    with relaxed_durability(store.engine):
        return history.run()
