"""The documents of the demo history, one method per kind, and how they are posted.

`Shop` holds the assortment and its copy of the cost layers (the same `book_out` rules as
the service), makes each document from it and sends it through `post_document`; the copy
is only changed after a document has posted. `history.History` adds the day loop.
"""
from __future__ import annotations

import math
import random
from collections import Counter, deque
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.domain.costing import Layer, apply, book_out
from app.domain.errors import DomainError
from app.domain.money import (format_money, format_quantity, line_amount, parse_money,
                              round_half_up)
from app.persistence.store import LocalStore
from app.services.demo.history_model import (BAG_SHARE, BASKET_SIZES, BEIJING,
                                             DISCOUNT_SHARE, MEMBER_SHARE, OPENING_LINES,
                                             RECEIPT_LINES, STOCKTAKE_LINES,
                                             SUPPLIER_CALLS_EVERY, TENDERS, UNIT_QTY, Item,
                                             Sold, SoldLine)
from app.services.inventory.posting import post_document
from app.services.records import Actor


class Shop:
    """The shop's stock and the documents it sends; `history.History` runs its days."""

    def __init__(self, store: LocalStore, *, seed: int, actor: Actor) -> None:
        self.store, self.seed, self.actor = store, seed, actor
        self.rng = random.Random(f"jxc-demo-history-{seed}")
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

    # ---- posting and the copy of the cost layers -------------------------------------

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

    # ---- stock in ----------------------------------------------------------------------

    def _opening(self, day: date) -> None:
        rng = self.rng
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

    def _restock(self, d: int, day: date) -> None:
        """Each supplier calls every third day (at once when something of its range is sold
        out); it brings what is below the reorder point, and anything else of its own below
        60% of the order-up-to level."""
        due: dict[str, list[Item]] = {}
        for item in self.items + self.bags:
            due.setdefault(item.supplier, []).append(item)
        minute = 5
        for supplier in sorted(due):
            wanted = self._wanted(d, day, supplier, due[supplier])
            for start in range(0, len(wanted), RECEIPT_LINES):
                self._receipt(day, minute, supplier, wanted[start:start + RECEIPT_LINES])
                minute += 1

    @staticmethod
    def _wanted(d: int, day: date, supplier: str, goods: list[Item]) -> list[Item]:
        """What `supplier` brings today (nothing when it does not call)."""
        off_day = (d + sum(map(ord, supplier))) % SUPPLIER_CALLS_EVERY
        if off_day and all(i.usable(day) for i in goods):
            return []  # not its day, and nothing of its goods is sold out
        low = [i for i in goods if i.usable(day) < i.reorder]
        if not low:
            return []
        return [i for i in goods if i.usable(day) < i.up_to * 0.6 or i in low]

    def _receipt(self, day: date, minute: int, supplier: str, items: list[Item]) -> None:
        rng = self.rng
        lines, plan = [], []
        for item in items:
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

    # ---- the till ----------------------------------------------------------------------

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

    def _basket(self) -> tuple[list[Item], str | None]:
        """What a customer brings to the till, and the member's phone if one is given."""
        rng = self.rng
        size = rng.choices([n for n, _ in BASKET_SIZES], [w for _, w in BASKET_SIZES])[0]
        basket = self._pick(size)
        if self.bags and size >= 3 and rng.random() < BAG_SHARE:
            basket.append(rng.choice(self.bags))
        member = rng.choice(self.members) if self.members and rng.random() < MEMBER_SHARE else None
        return basket, member

    def _sale(self, day: date, at: datetime) -> None:
        rng = self.rng
        if not self.items:
            return
        basket, member = self._basket()
        lines, sold, bookings = [], [], []
        for item in basket:
            made = self._sale_line(day, item, member, len(lines) + 1)
            if made is not None:
                line, booking, sold_line = made
                lines.append(line)
                bookings.append((item, booking))
                sold.append(sold_line)
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

    def _sale_line(self, day: date, item: Item, member: str | None, no: int):
        """Line `no` of a sale: (line, booking, SoldLine); None if the shelf is empty."""
        qty = self._qty(item)
        usable = item.usable(day)
        if usable < qty:  # what is left on the shelf, if anything worth buying
            qty = (usable if usable >= 100 else 0) if item.weighed else usable // 1000 * 1000
        if qty <= 0:
            self.sold_out += 1  # the customer takes something else, or nothing
            return None
        booking = self._book(item, qty, usable_on=day)
        if booking.shortfall_milli:
            return None
        price = item.member if member else item.retail
        amount = line_amount(price, qty)
        line = {"sku": item.sku, "qty": format_quantity(qty), "unit_price": format_money(price)}
        if amount >= 500 and self.rng.random() < DISCOUNT_SHARE:
            discount = max(10, amount // 10 // 10 * 10)  # about 10% off, in jiao
            line["discount"] = format_money(discount)
            amount -= discount
        first = next(l for l in item.lots if l.layer_id == booking.draws[0].layer_id)
        return line, booking, SoldLine(no, item, qty, amount, first.batch, first.expiry)

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
        qty = self._return_qty(line)
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

    def _return_qty(self, line: SoldLine) -> int:
        left = line.qty - line.returned
        if line.item.weighed:
            return max(1, left // 2) if left > 100 else left
        return self.rng.randint(1, max(1, left // 1000 - 1)) * 1000 if left > 1000 else left

    # ---- stock out and counts ----------------------------------------------------------

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
        counted = self._to_count(d)
        if not counted:
            return
        lines, plan = [], []
        for item in counted:
            line, diff = self._count_line(day, item)
            lines.append(line)
            plan.append((item, diff, line.get("batch", ""),
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

    def _to_count(self, d: int) -> list[Item]:
        """One category (a different one each time), topped up to 8 lines from the rest."""
        categories = sorted({i.category for i in self.items if i.category is not None})
        if not categories:
            return []
        category = categories[(d * 7 + self.seed) % len(categories)]
        counted = [i for i in self.items if i.category == category][:STOCKTAKE_LINES]
        others = [i for i in self.items if i.category != category]
        return counted + self.rng.sample(others, min(len(others), max(0, 8 - len(counted))))

    def _count_line(self, day: date, item: Item) -> tuple[dict, int]:
        """The counted line for `item` (now and then off a little) and counted - system."""
        rng = self.rng
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
        return line, count - system


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of)
