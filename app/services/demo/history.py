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

The code: this module has the entry point and the day loop; `history_model` the tuning
numbers, the in-memory assortment and its loading; `history_docs` the documents themselves.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Iterator

from sqlalchemy import Engine, event

from app.persistence.store import LocalStore
from app.services.demo.history_docs import Shop
from app.services.demo.history_model import (DAMAGED_PER_DAY, HOUR_WEIGHTS, RECENT_SALES_DAYS,
                                             RETURN_RATE, SALE_HOURS, STOCKTAKE_EVERY,
                                             SUPPLIER_RETURN_PER_DAY, Item, Sold, SoldLine,
                                             assortment_size, load_assortment,
                                             rank_popularity, sales_per_day, set_stock_levels)
from app.services.records import Actor, utc_now

__all__ = ["ACTOR", "History", "HistoryResult", "Item", "Sold", "SoldLine", "TYPE_WORDS",
           "assortment_size", "post_history", "relaxed_durability", "sales_per_day"]

ACTOR = Actor(None, "demo", "admin")

TYPE_WORDS = (("sale", "sale", "sales"), ("purchase_receipt", "receipt", "receipts"),
              ("customer_return", "return", "returns"),
              ("purchase_return", "supplier return", "supplier returns"),
              ("write_off", "write-off", "write-offs"), ("stocktake", "stocktake", "stocktakes"))


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


class History(Shop):
    def __init__(self, store: LocalStore, *, days: int, seed: int, today: date,
                 actor: Actor, progress: Callable[[int], None] | None) -> None:
        super().__init__(store, seed=seed, actor=actor)
        self.days = days
        self.progress = progress
        self.first_day = today - timedelta(days=days)

    def load(self, products: int) -> None:
        self.items, self.bags, self.members = load_assortment(self.store, self.rng, products)
        self.cum_weights = rank_popularity(self.items, self.rng)
        self.daily_sales = sales_per_day(products)
        set_stock_levels(self.items, self.bags, self.daily_sales)

    def run(self) -> HistoryResult:
        self._opening(self.first_day)
        for d in range(self.days):
            self._trade(d, self.first_day + timedelta(days=d))
            if self.progress is not None:
                self.progress(1)
        return HistoryResult(self.days, len(self.items), dict(self.posted), dict(self.skipped),
                             dict(self.refusals), self.sold_out)

    def _trade(self, d: int, day: date) -> None:
        while self.recent and (day - self.recent[0][0]).days > RECENT_SALES_DAYS:
            self.recent.popleft()
        self._write_off_expired(day)
        self._restock(d, day)
        handlers = {"sale": self._sale, "return": self._customer_return,
                    "damaged": self._damaged, "supplier_return": self._supplier_return}
        for at, kind in self._events(day):
            handlers[kind](day, at)
        if (self.days - 1 - d) % STOCKTAKE_EVERY == 0:
            self._stocktake(d, day, self._at(day, 21, 55))

    def _events(self, day: date) -> list[tuple[datetime, str]]:
        """The day's sales, returns and breakages in time order (busier Friday to Sunday)."""
        rng = self.rng
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
        return events

    def _sale_time(self, day: date) -> datetime:
        rng = self.rng
        hour = rng.choices(SALE_HOURS, HOUR_WEIGHTS)[0]
        low = 30 if hour == 8 else 0
        high = 50 if hour == 21 else 60
        return self._at(day, hour, rng.randrange(low, high), rng.randrange(60))


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
