"""The back-office product list: pages of a million-row catalog, filtered and sorted in SQLite.

A page is found by keyset pagination on the sort column (`name` or `sku`, each with its
index) and the product id, so page 500 costs what page 1 costs. Two plans:

- **driven**: an equality filter (brand, supplier, category) that names at most
  `DRIVE_LIMIT` products, or a search that is a whole barcode or SKU: those products are
  read through their index (CROSS JOIN keeps SQLite from scanning another index instead)
  and sorted by key; the page's columns are read for its rows only.
- **scanned**: otherwise the sort index is read in chunks of ids in order (a covering scan,
  microseconds per row) and each chunk is filtered by id; chunks grow while matches are rare
  and a page stops at `PAGE_BUDGET_S`. The page's cursor is where the scan stopped, not the
  last match, so every call does bounded work and a rare filter fills the list in steps
  (`ProductPage.done` says when nothing is left).

Search ("fuzzy"): a search that is one whole barcode or SKU names exactly that product, as
a scan does. Otherwise the text is split on spaces and every word must match. A word matches a
product whose name contains it, whose pinyin initials contain it (kkkl finds 可口可乐, also
in the middle: kl), or whose SKU or one of whose barcodes starts with it; Latin letters
match either case. Stock is the sum over the warehouses that are not in transit; states:
in stock (> 0), low (a minimum is set and stock is below it, as the low-stock alert), out
(stock-tracked, 0) and negative (< 0).

Custom fields: a filter "field = value" (the value made canonical by the field's rules, so
"是" finds yes) reads its products through the values' (field, value) index when they are
few; each page carries its rows' custom values, read in one query for the page.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.permissions import check, sees_costs
from app.persistence.store import LocalStore
from app.services.custom_fields import filter_value, record_values
from app.services.records import LOCAL_OPERATOR, Actor

PAGE_SIZE = 200
PAGE_BUDGET_S = 0.045
FIRST_CHUNK = 500
MAX_CHUNK = 50_000
DRIVE_LIMIT = 20_000
# Page cache of the connection that reads the list: a scan decrypts pages all over the
# products table, and SQLCipher's default 2 MiB cache would decrypt them again each page.
CACHE_KIB = 32 * 1024
SORTS = {"name": ("p.name", "ix_products_name"), "sku": ("p.sku", "sqlite_autoindex_products_1")}
STOCK_STATES = ("in_stock", "low", "out", "negative")

_STOCK = ("(SELECT coalesce(sum(s.qty_milli), 0) FROM stock_balances s WHERE s.warehouse_id "
          "IN (SELECT id FROM warehouses WHERE is_in_transit = 0) AND s.product_id = p.id)")
_STATE_SQL = {"in_stock": f"{_STOCK} > 0",
              "low": f"p.min_stock_milli > 0 AND {_STOCK} < p.min_stock_milli",
              "out": f"p.is_stock_tracked = 1 AND {_STOCK} = 0",
              "negative": f"{_STOCK} < 0"}
_COLUMNS = ("p.id, p.sku, p.name, p.spec, "
            "(SELECT b.barcode FROM product_barcodes b WHERE b.product_id = p.id "
            "ORDER BY b.is_primary DESC, b.barcode LIMIT 1), u.name, c.name, br.name, "
            "p.retail_price_fen, p.member_price_fen, p.purchase_price_fen, p.freight_fen, "
            "p.packaging_fen, p.active, p.is_stock_tracked, p.min_stock_milli, " + _STOCK
            + ", p.location")
_PROBES = (("brand_id", "brand_id = :brand", "ix_products_brand_id"),
           ("supplier_id", "supplier_id = :supplier", "ix_products_supplier_id"),
           ("category_id", "category_id IN (SELECT value FROM json_each(:cats))",
            "ix_products_category_id"))
_FROM = ("FROM products p JOIN units u ON u.id = p.unit_id "
         "LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands br ON br.id = p.brand_id")


@dataclass(frozen=True)
class ProductFilter:
    search: str = ""
    category_id: int | None = None  # with its sub-categories
    brand_id: int | None = None
    supplier_id: int | None = None
    stock_state: str = ""           # "" or one of STOCK_STATES
    include_inactive: bool = True
    custom_key: str = ""            # a product custom field's key, with custom_value
    custom_value: str = ""
    sort: str = "name"              # "name" or "sku"
    descending: bool = False


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    spec: str
    barcode: str
    unit: str
    category: str
    brand: str
    retail_price_fen: int
    member_price_fen: int
    stock_milli: int
    active: bool
    stock_tracked: bool
    min_stock_milli: int
    purchase_price_fen: int | None = None  # None: the role does not see costs
    landed_cost_fen: int | None = None     # purchase + freight + packaging
    location: str = ""                     # shelf location (货位)
    custom: dict = field(default_factory=dict, compare=False)  # custom values by key


@dataclass(frozen=True)
class Cursor:
    key: str
    id: int


@dataclass(frozen=True)
class ProductPage:
    rows: list[ProductRow]
    cursor: Cursor | None   # pass back to get the next page; None with done
    done: bool              # nothing further matches
    scanned: int = 0        # products looked at (scanned plan), for progress
    plan: str = "driven"
    with_costs: bool = False
    elapsed_ms: float = 0.0


def list_products(store: LocalStore, f: ProductFilter, cursor: Cursor | None = None,
                  limit: int = PAGE_SIZE, *, actor: Actor = LOCAL_OPERATOR,
                  budget_s: float = PAGE_BUDGET_S) -> ProductPage:
    """The next page of products for filter `f` after `cursor` (None: the first page)."""
    check(actor.role, "products.listing.list_products")
    if f.sort not in SORTS or (f.stock_state and f.stock_state not in STOCK_STATES):
        raise ValueError(f"unknown sort {f.sort!r} or stock state {f.stock_state!r}")
    started = time.perf_counter()
    costs = sees_costs(actor.role)
    with store.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        q = _Query(conn, f)
        if q.driven():
            rows, cur, done, scanned = q.driven_page(cursor, limit)
            plan = "driven"
        else:
            rows, cur, done, scanned = q.scanned_page(cursor, limit, started + budget_s)
            plan = "scanned"
        with Session(conn) as s:
            custom = record_values(s, "product", [r[0] for r in rows])
    return ProductPage([_row(r, costs, custom.get(r[0], {})) for r in rows], cur, done,
                       scanned, plan, costs, round((time.perf_counter() - started) * 1000, 2))


def _row(r, costs: bool, custom: dict) -> ProductRow:
    landed = r[10] + r[11] + r[12]
    return ProductRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                      r[7] or "", r[8], r[9], r[16], bool(r[13]), bool(r[14]), r[15],
                      r[10] if costs else None, landed if costs else None, r[17] or "", custom)


def _like_prefix(word: str) -> tuple[str, str]:
    return word, word + "\uffff"


class _Query:
    """The SQL of one filter: conditions, the plan, and the two ways to read a page."""

    def __init__(self, conn, f: ProductFilter) -> None:
        self.conn, self.f = conn, f
        self.key, self.index = SORTS[f.sort]
        self.params: dict = {}
        self.where: list[str] = []
        self.words = f.search.split()
        self._conditions()

    # -- conditions ------------------------------------------------------------------------
    def _conditions(self) -> None:
        f, w, p = self.f, self.where, self.params
        if not f.include_inactive:
            w.append("p.active = 1")
        if f.category_id is not None:
            p["cats"] = json.dumps(self._category_ids(f.category_id))
            w.append("p.category_id IN (SELECT value FROM json_each(:cats))")
        if f.brand_id is not None:
            p["brand"] = f.brand_id
            w.append("p.brand_id = :brand")
        if f.supplier_id is not None:
            p["supplier"] = f.supplier_id
            w.append("p.supplier_id = :supplier")
        if f.stock_state:
            w.append(_STATE_SQL[f.stock_state])
        if f.custom_key:
            with Session(self.conn) as s:
                p["cf_field"], p["cf_value"] = filter_value(s, "product", f.custom_key,
                                                            f.custom_value)
            w.append("EXISTS (SELECT 1 FROM custom_values v WHERE v.field_id = :cf_field "
                     "AND v.record_id = p.id AND v.value = :cf_value)")
        self.codes: list[int] = []
        for i, word in enumerate(self.words):
            ids = self._code_ids(word) if len(self.words) == 1 else []
            if ids:  # a whole barcode or SKU names its product, as a scan does
                self.codes = ids
                p["codes"] = json.dumps(ids)
                w.append("p.id IN (SELECT value FROM json_each(:codes))")
            else:
                w.append(self._word(i, word))

    def _word(self, i: int, word: str) -> str:
        p = self.params
        p[f"w{i}"] = word
        if not word.isascii():
            return f"instr(p.name, :w{i}) > 0"
        p[f"wl{i}"] = word.lower()
        p[f"wu{i}"], p[f"wu{i}_hi"] = _like_prefix(word.upper())
        p[f"wr{i}"], p[f"wr{i}_hi"] = _like_prefix(word)
        return (f"(instr(p.pinyin, :wl{i}) > 0 OR instr(lower(p.name), :wl{i}) > 0 "
                f"OR (p.sku >= :wr{i} AND p.sku < :wr{i}_hi) "
                f"OR (p.sku >= :wu{i} AND p.sku < :wu{i}_hi) "
                f"OR EXISTS (SELECT 1 FROM product_barcodes b WHERE b.product_id = p.id "
                f"AND b.barcode >= :wr{i} AND b.barcode < :wr{i}_hi))")

    def _category_ids(self, root: int) -> list[int]:
        rows = self.conn.execute(text(
            "WITH RECURSIVE t(id) AS (SELECT :root UNION SELECT c.id FROM categories c "
            "JOIN t ON c.parent_id = t.id) SELECT id FROM t"), {"root": root}).scalars()
        return list(rows)

    # -- the driven plan -------------------------------------------------------------------
    def driven(self) -> bool:
        """Whether one filter names few enough products to read them through its index;
        sets `self.driver` to the subquery that yields their ids."""
        f = self.f
        self.driver = None
        if self.codes:
            self.driver = "SELECT value AS id FROM json_each(:codes)"
            return True
        probes = []
        if f.custom_key:
            probes.append("SELECT record_id AS id FROM custom_values "
                          "WHERE field_id = :cf_field AND value = :cf_value")
        for attr, cond, index in _PROBES:
            if getattr(f, attr) is not None:
                probes.append(f"SELECT id FROM products INDEXED BY {index} WHERE {cond}")
        for driver in probes:
            n = self.conn.execute(text(
                f"SELECT count(*) FROM ({driver} LIMIT {DRIVE_LIMIT + 1})"), self.params).scalar()
            if n <= DRIVE_LIMIT:
                self.driver = driver
                return True
        return False

    def _code_ids(self, word: str) -> list[int]:
        """The products a whole barcode or SKU names (through the unique indexes)."""
        if not (word.isascii() and word.isalnum()):
            return []
        return list(self.conn.execute(text(
            "SELECT product_id FROM product_barcodes WHERE barcode = :c "
            "UNION SELECT id FROM products WHERE sku IN (:c, :cu)"),
            {"c": word, "cu": word.upper()}).scalars())

    def _order(self) -> tuple[str, str]:
        direction = "DESC" if self.f.descending else "ASC"
        op = "<" if self.f.descending else ">"
        return f"ORDER BY {self.key} {direction}, p.id {direction}", op

    def driven_page(self, cursor: Cursor | None, limit: int):
        """The page's ids from the driver's products (sorted by key, a few thousand at
        most), then their columns: the per-row subqueries run for the page only."""
        order, op = self._order()
        where = list(self.where)
        params = dict(self.params, lim=limit + 1)
        if cursor is not None:
            where.append(f"({self.key}, p.id) {op} (:ck, :cid)")
            params.update(ck=cursor.key, cid=cursor.id)
        ids = self.conn.execute(text(
            f"SELECT p.id FROM ({self.driver}) AS d CROSS JOIN products p ON p.id = d.id "
            f"WHERE {' AND '.join(where) or '1'} {order} LIMIT :lim"), params).scalars().all()
        more = len(ids) > limit
        ids = ids[:limit]
        rows = self.conn.execute(text(
            f"SELECT {_COLUMNS} {_FROM} WHERE p.id IN (SELECT value FROM json_each(:ids)) "
            f"{order}"), {"ids": json.dumps(ids)}).all() if ids else []
        return rows, (self._cursor(rows[-1]) if more and rows else None), not more, len(rows)

    def _cursor(self, row) -> Cursor:
        return Cursor(row[1] if self.f.sort == "sku" else row[2], row[0])

    # -- the scanned plan -------------------------------------------------------------------
    def scanned_page(self, cursor: Cursor | None, limit: int, deadline: float):
        """Chunks of the sort index after `cursor`, each filtered in one statement; the
        chunk size follows the measured speed so a page ends near `deadline`."""
        order, op = self._order()
        col = self.key.split(".")[1]
        direction = "DESC" if self.f.descending else "ASC"
        found: list = []
        chunk, scanned = FIRST_CHUNK, 0
        position = cursor
        while True:
            params = dict(self.params, n=chunk, lim=limit - len(found) + 1)
            after = ""
            if position is not None:
                after = f"WHERE ({col}, id) {op} (:ck, :cid) "
                params.update(ck=position.key, cid=position.id)
            keys = (f"SELECT {col} AS k, id FROM products INDEXED BY {self.index} {after}"
                    f"ORDER BY {col} {direction}, id {direction} LIMIT :n")
            t = time.perf_counter()
            back = "ASC" if self.f.descending else "DESC"
            end = self.conn.execute(text(  # the chunk's last key and its size, in one pass
                f"SELECT k, id, count(*) OVER () FROM ({keys}) "
                f"ORDER BY k {back}, id {back} LIMIT 1"), params).first()
            if end is None:
                return found, None, True, scanned
            rows = self.conn.execute(text(
                # CROSS JOIN keeps the chunk outside: never a filter's index, then the chunk
                f"SELECT {_COLUMNS} FROM ({keys}) AS chunk CROSS JOIN products p "
                f"ON p.id = chunk.id "
                f"{_FROM.removeprefix('FROM products p')} "
                f"WHERE {' AND '.join(self.where) or '1'} {order} LIMIT :lim"), params).all()
            scanned += end[2]
            if len(found) + len(rows) > limit:  # the page ends inside this chunk
                taken = rows[:limit - len(found)]
                return found + taken, self._cursor(taken[-1]), False, scanned
            found += rows
            position = Cursor(end[0], end[1])
            if end[2] < chunk:
                return found, None, True, scanned
            now = time.perf_counter()
            if len(found) == limit or now >= deadline:
                return found, position, False, scanned
            per_row = max((now - t) / chunk, 1e-7)
            fits = (deadline - now) / per_row * 0.6  # pages further on may be colder
            chunk = int(min(MAX_CHUNK, chunk * 2, max(FIRST_CHUNK, fits)))
