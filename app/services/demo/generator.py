"""`jxc demo`: fill an empty store with a realistic Chinese retail catalog and members.

What is written: a two-level category tree, brands, suppliers, products with EAN-13
barcodes (about 10% carry a second, case or old-packaging code; weighed fresh produce and
service items carry none), and members. Everything follows from the seed: the same seed
gives the same rows (only `created_at` timestamps follow the clock).

Speed: rows are made in chunks of `CHUNK` products by generators (a million rows are never
held at once) and written with the driver's executemany, one transaction per chunk, on one
connection whose page cache is raised for the run (random inserts into the name, pinyin and
barcode indexes otherwise thrash SQLCipher's small default cache). That connection is
discarded at the end, so the large cache does not outlive the run.

Not atomic: master data is committed first, then each chunk of products, then members. A
crash or Ctrl-C part-way leaves a partial demo catalog behind; `jxc demo` then refuses the
store as not empty, so create a new store with `jxc init` and run it again.

Trading history (`days` > 0) is posted afterwards, document by document, through the real
posting service (see `history`); `days=0` writes the catalog only.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable, Iterator

from sqlalchemy import Connection, Engine, func, insert, select

from app.domain.errors import DomainError
from app.persistence.schema import (Brand, Category, Customer, Product, ProductBarcode,
                                    Supplier, Unit)
from app.persistence.store import LocalStore
from app.services.demo.catalog import all_groups
from app.services.demo.catalog_goods import SERVICE_LEAF
from app.services.demo.history import HistoryResult, post_history
from app.services.demo.people import (MEMBER_COLUMNS, member_count, members, supplier_count,
                                      suppliers)
from app.services.demo.products import (BARCODE_COLUMNS, PRODUCT_COLUMNS, ProductFactory,
                                        brand_names, units_needed)
from app.services.pinyin import initials

CHUNK = 20_000
BULK_CACHE_KIB = 256 * 1024
WEIGHED_UNITS = {"kg", "斤"}


class DemoStoreNotEmpty(DomainError):
    code = "demo_store_not_empty"
    zh = ("演示数据只能导入空门店，而这个门店已有 {what_zh}。"
          "请用 jxc init 新建一个门店，再运行 jxc demo。")
    en = ("Demo data goes into an empty store, and this one already has {what_en}. "
          "Create a new store with jxc init, then run jxc demo there.")


@dataclass(frozen=True)
class DemoResult:
    products: int
    barcodes: int
    categories: int
    brands: int
    suppliers: int
    customers: int
    days: int = 0
    documents: dict[str, int] = field(default_factory=dict)  # posted, by document type
    skipped: int = 0  # documents the posting service refused (none expected)
    history: HistoryResult | None = None

    def summary(self) -> str:
        text = (f"{self.products} products ({self.barcodes} barcodes), "
                f"{self.categories} categories, {self.brands} brands, "
                f"{self.suppliers} suppliers, {self.customers} members")
        return f"{text}, {self.history.summary()}" if self.history else text


def populate_demo(store: LocalStore, *, products: int, days: int, seed: int,
                  progress: Callable[[int], None] | None = None,
                  history_progress: Callable[[int], None] | None = None,
                  today: date | None = None) -> DemoResult:
    """Write the demo data; `progress(n)` after each chunk of n products is committed.
    With `days` > 0, then post that many days of trading before `today` (default: the UTC
    date) through the posting service; `history_progress(1)` after each day."""
    if products < 1:
        raise ValueError("products must be at least 1")
    if days < 0:
        raise ValueError("days must not be negative")
    rng = random.Random(seed)
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    groups = all_groups()
    with _bulk_connection(store.engine) as conn:
        with conn.begin():
            _refuse_non_empty(conn)
            units = _unit_ids(conn, units_needed(leaf for g in groups for leaf in g.leaves))
            categories, leaves, service_category = _write_categories(conn, groups)
            brand_ids = _write_brands(conn, groups)
            group_suppliers = _write_suppliers(conn, rng, groups, supplier_count(products))
            first = _next_id(conn, Product)
        created = _sql_value(conn, Product, "created_at", now)
        factory = ProductFactory(
            rng, [(leaf, cid, group_suppliers[g]) for leaf, cid, g in leaves], brand_ids,
            units, created, service_category)
        for product_rows, barcode_rows in factory.chunks(first, products, CHUNK):
            with conn.begin():
                _insert_rows(conn, Product, PRODUCT_COLUMNS, product_rows)
                _insert_rows(conn, ProductBarcode, BARCODE_COLUMNS, barcode_rows)
            if progress is not None:
                progress(len(product_rows))
        customers = member_count(products)
        _write_members(conn, rng, customers, now)
    history = post_history(store, products=factory.made, days=days, seed=seed, today=today,
                           progress=history_progress) if days else None
    return DemoResult(products=factory.made, barcodes=factory.barcodes_made,
                      categories=categories, brands=len(brand_ids),
                      suppliers=sum(len(ids) for ids in group_suppliers), customers=customers,
                      days=days, documents=dict(history.posted) if history else {},
                      skipped=sum(history.skipped.values()) if history else 0, history=history)


@contextmanager
def _bulk_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        try:
            conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            conn.commit()
            yield conn
        finally:
            conn.invalidate()  # drop the connection with its big cache; the pool makes anew


def _refuse_non_empty(conn: Connection) -> None:
    found = []
    for model, zh, en in ((Product, "商品", "products"), (Category, "商品分类", "categories"),
                          (Brand, "品牌", "brands"), (Supplier, "供应商", "suppliers"),
                          (Customer, "会员", "members")):
        n = conn.scalar(select(func.count()).select_from(model))
        if n:
            found.append((f"{n} 个{zh}", f"{n} {en}"))
    if found:
        raise DemoStoreNotEmpty(what_zh="、".join(z for z, _ in found),
                                what_en=", ".join(e for _, e in found))


def _next_id(conn: Connection, model) -> int:
    return (conn.scalar(select(func.max(model.id))) or 0) + 1


def _unit_ids(conn: Connection, needed: set[str]) -> dict[str, int]:
    """Units by name; any the store lacks (renamed or deleted) are added."""
    ids = {name: uid for uid, name in conn.execute(select(Unit.id, Unit.name))}
    missing = sorted(needed - set(ids))
    if missing:
        conn.execute(insert(Unit), [{"name": n, "is_weighed": n in WEIGHED_UNITS}
                                    for n in missing])
        ids = {name: uid for uid, name in conn.execute(select(Unit.id, Unit.name))}
    return ids


def _write_categories(conn: Connection, groups) -> tuple[int, list, int | None]:
    """Top level "01 饮料", leaves "0101 碳酸饮料". Returns (count, [(leaf, id, group no)],
    id of the service leaf)."""
    rows, leaves, service = [], [], None
    next_id = _next_id(conn, Category)
    for g, group in enumerate(groups):
        top = next_id
        rows.append({"id": top, "parent_id": None, "code": f"{g + 1:02d}", "name": group.name})
        next_id += 1
        for n, leaf in enumerate(group.leaves):
            rows.append({"id": next_id, "parent_id": top, "code": f"{g + 1:02d}{n + 1:02d}",
                         "name": leaf.name})
            leaves.append((leaf, next_id, g))
            if leaf.name == SERVICE_LEAF:
                service = next_id
            next_id += 1
    conn.execute(insert(Category), rows)
    return len(rows), leaves, service


def _write_brands(conn: Connection, groups) -> list[int]:
    names = brand_names(leaf for g in groups for leaf in g.leaves)
    first = _next_id(conn, Brand)
    conn.execute(insert(Brand), [{"id": first + i, "name": name, "pinyin": initials(name)[:64]}
                                 for i, name in enumerate(names)])
    return [first + i for i in range(len(names))]


def _write_suppliers(conn: Connection, rng: random.Random, groups, count: int
                     ) -> list[list[int]]:
    """Suppliers spread over the category groups by weight; supplier ids per group."""
    weights = [(sum(leaf.weight for leaf in g.leaves), g.supplier_kinds) for g in groups]
    made = suppliers(rng, count, weights)
    first = _next_id(conn, Supplier)
    conn.execute(insert(Supplier), [
        {"id": first + i, "code": s.code, "name": s.name, "contact": s.contact,
         "phone": s.phone, "address": s.address, "active": True}
        for i, s in enumerate(made)])
    by_group: list[list[int]] = [[] for _ in groups]
    for i, s in enumerate(made):
        by_group[s.group].append(first + i)
    return by_group


def _write_members(conn: Connection, rng: random.Random, count: int, now: datetime) -> None:
    birthday = Customer.__table__.c.birthday.type.bind_processor(conn.dialect)
    joined = Customer.__table__.c.created_at.type.bind_processor(conn.dialect)
    with conn.begin():
        first = _next_id(conn, Customer)
    rows = members(rng, first, count, now)
    while True:
        chunk = []
        for row in rows:
            row = list(row)
            row[8] = None if row[8] is None else (birthday(row[8]) if birthday else row[8])
            row[9] = joined(row[9]) if joined else row[9]
            chunk.append(tuple(row))
            if len(chunk) == CHUNK:
                break
        if not chunk:
            return
        with conn.begin():
            _insert_rows(conn, Customer, MEMBER_COLUMNS, chunk)


def _sql_value(conn: Connection, model, column: str, value: object) -> object:
    """A value as SQLAlchemy stores it in this column (for the driver-level inserts)."""
    process = model.__table__.c[column].type.bind_processor(conn.dialect)
    return process(value) if process else value


def _insert_rows(conn: Connection, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """executemany straight through the driver: the same rows as insert(model), without
    SQLAlchemy's per-row parameter processing (a third of the run time at a million rows)."""
    if not rows:
        return
    table = model.__table__
    missing = {c.name for c in table.columns} - set(columns)
    if missing:  # the schema grew: the demo must learn the new columns
        raise RuntimeError(f"demo rows for {table.name} lack columns {sorted(missing)}")
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    conn.exec_driver_sql(sql, rows)
