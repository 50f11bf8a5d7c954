"""The named benchmarks. Each returns a Result measured on a real encrypted store."""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from app.persistence.engine import connect
from app.persistence.keystore import new_raw_key
from bench.datasets import Dataset
from bench.report import Result

BUILD_TARGET_S = {"tiny": 15.0, "small": 30.0, "full": 300.0}
SALES = {"tiny": 100, "small": 600, "full": 600}  # sales posted by sale_post


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 3), "p99_ms": round(_pct(ms, 0.99), 3),
            "n": len(ms)}


def demo_build(ds: Dataset) -> Result:
    return Result("demo_build", round(ds.build_seconds, 1), "s", BUILD_TARGET_S[ds.scale],
                  detail={"products": ds.products, "built_this_run": ds.built_now,
                          "products_per_s": round(ds.products / ds.build_seconds)})


def store_open(ds: Dataset) -> Result:
    times = []
    for _ in range(15):
        t = time.perf_counter()
        ds.open().close()
        times.append(time.perf_counter() - t)
    d = _ms(times)
    return Result("store_open", d["median_ms"], "ms median", 50.0, detail=d)


def _sample_products(conn, n: int, seed: int) -> list[int]:
    top = conn.execute(text("SELECT max(id) FROM products")).scalar()
    rnd = random.Random(seed)
    return [rnd.randint(1, top) for _ in range(n)]


def barcode_lookup(ds: Dataset) -> Result:
    store = ds.open()
    q = text("SELECT p.id, p.sku, p.name, p.retail_price_fen FROM product_barcodes b "
             "JOIN products p ON p.id = b.product_id WHERE b.barcode = :code")
    with store.engine.connect() as conn:
        codes = [c for pid in _sample_products(conn, 2000, 1) for c in conn.execute(
            text("SELECT barcode FROM product_barcodes WHERE product_id = :p"), {"p": pid}).scalars()]
        times = []
        for code in codes:
            t = time.perf_counter()
            row = conn.execute(q, {"code": code}).first()
            times.append(time.perf_counter() - t)
            assert row is not None
    store.close()
    d = _ms(times)
    return Result("barcode_lookup", d["p99_ms"], "ms p99", 2.0, detail=d)


def pinyin_search(ds: Dataset) -> Result:
    """First 20 products whose pinyin initials start with what the cashier typed."""
    store = ds.open()
    q = text("SELECT id, sku, name FROM products WHERE pinyin >= :lo AND pinyin < :hi "
             "ORDER BY pinyin LIMIT 20")
    with store.engine.connect() as conn:
        prefixes = [conn.execute(text("SELECT substr(pinyin, 1, 4) FROM products WHERE id = :p"),
                                 {"p": pid}).scalar() for pid in _sample_products(conn, 1000, 2)]
        times, hits = [], 0
        for prefix in prefixes:
            t = time.perf_counter()
            rows = conn.execute(q, {"lo": prefix, "hi": prefix + "\uffff"}).all()
            times.append(time.perf_counter() - t)
            hits += bool(rows)
    store.close()
    assert hits == len(prefixes)
    d = _ms(times)
    return Result("pinyin_search", d["p99_ms"], "ms p99", 10.0, detail=d)


SALE_FLOOR_SCHEMA = """
CREATE TABLE sale(id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, total_fen INTEGER, ts TEXT);
CREATE TABLE sale_line(id INTEGER PRIMARY KEY, sale_id INTEGER, product_id INTEGER,
                       qty_milli INTEGER, price_fen INTEGER);
CREATE TABLE ledger(id INTEGER PRIMARY KEY, product_id INTEGER, warehouse_id INTEGER,
                    qty_milli INTEGER, value_fen INTEGER, doc_id INTEGER, seq INTEGER);
CREATE TABLE balance(product_id INTEGER, warehouse_id INTEGER, qty_milli INTEGER,
                     value_fen INTEGER, PRIMARY KEY(product_id, warehouse_id));
CREATE TABLE outbox(id INTEGER PRIMARY KEY, event_uuid TEXT UNIQUE, payload TEXT);
"""


def sale_floor(ds: Dataset) -> Result:
    """Plain SQL, one transaction: header, 5 lines, 5 ledger rows, 5 balance updates, outbox.

    The floor the sale service (inventory core) is held to: median within 3x of this.
    """
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "floor.db", new_raw_key(), create=True)
        conn.executescript(SALE_FLOOR_SCHEMA)
        conn.executemany("INSERT INTO balance VALUES (?, 1, 1000000, 100000000)",
                         [(p,) for p in range(1, 1001)])
        rnd, times = random.Random(3), []
        for n in range(2000):
            products = rnd.sample(range(1, 1001), 5)
            t = time.perf_counter()
            _write_floor_sale(conn, n, products)
            times.append(time.perf_counter() - t)
        conn.close()
    d = _ms(times)
    return Result("sale_floor", d["median_ms"], "ms median", 1.0, detail=d)


def _write_floor_sale(conn, n: int, products: list[int]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    sale_id = conn.execute("INSERT INTO sale(uuid, total_fen, ts) VALUES (?, 1250, "
                           "datetime('now'))", (f"s-{n}",)).lastrowid
    for i, p in enumerate(products):
        conn.execute("INSERT INTO sale_line(sale_id, product_id, qty_milli, price_fen) "
                     "VALUES (?, ?, 1000, 250)", (sale_id, p))
        conn.execute("INSERT INTO ledger(product_id, warehouse_id, qty_milli, value_fen, "
                     "doc_id, seq) VALUES (?, 1, -1000, -150, ?, ?)", (p, sale_id, n * 5 + i))
        conn.execute("UPDATE balance SET qty_milli = qty_milli - 1000, value_fen = value_fen "
                     "- 150 WHERE product_id = ? AND warehouse_id = 1", (p,))
    conn.execute("INSERT INTO outbox(event_uuid, payload) VALUES (?, '{}')", (f"e-{n}",))
    conn.execute("COMMIT")




def sale_post(ds: Dataset) -> Result:
    """5-line cash sales through the real posting service, on a copy of the dataset.

    Each sale: permission, document and lines, FIFO costing, ledger moves, layers,
    balances, voucher, number, audit chain entry, outbox event, one commit. The figure
    is the median divided by the plain-SQL floor measured in the same run (target <= 3).
    """
    import shutil

    from app.persistence.layout import DataDir
    from app.persistence.store import open_store
    from app.services.inventory.posting import post_document
    from app.services.records import Actor

    floor = sale_floor(ds)
    actor = Actor(None, "bench", "admin")
    with tempfile.TemporaryDirectory() as tmp:
        copy = DataDir(Path(tmp) / "store")
        shutil.copytree(ds.layout.root, copy.root)
        store = open_store(copy, ds.keys)
        with store.engine.connect() as conn:
            skus = list(conn.execute(text("SELECT sku FROM products WHERE is_stock_tracked = 1 "
                                          "AND shelf_life_days IS NULL ORDER BY id LIMIT 200"))
                        .scalars())
        post_document(store, actor, {"type": "opening_stock", "id": "bench-open", "lines": [
            {"sku": s, "qty": "100000", "unit_cost": "1.00"} for s in skus]})
        rnd, times = random.Random(4), []
        for n in range(SALES[ds.scale]):
            lines = [{"sku": s, "qty": "1", "unit_price": "2.50"} for s in rnd.sample(skus, 5)]
            doc = {"type": "sale", "id": f"bench-sale-{n}", "lines": lines,
                   "payments": [{"method": "cash", "amount": "20.00"}]}
            t = time.perf_counter()
            post_document(store, actor, doc)
            times.append(time.perf_counter() - t)
        store.close()
    d = _ms(times)
    ratio = round(d["median_ms"] / floor.figure, 2)
    return Result("sale_post", ratio, "x floor", 3.0,
                  detail=d | {"floor_median_ms": floor.figure})


BENCHMARKS = {
    "demo_build": (demo_build, "Build the dataset with `jxc demo` (catalog, barcodes, members)"),
    "store_open": (store_open, "Open the encrypted store: keyring, key check, settings, schema"),
    "barcode_lookup": (barcode_lookup, "Scan-to-product lookup by barcode"),
    "pinyin_search": (pinyin_search, "Search-as-you-type by pinyin initials, first 20 hits"),
    "sale_floor": (sale_floor, "Plain-SQL floor of a 5-line sale commit (WAL, synchronous=FULL)"),
    "sale_post": (sale_post, "5-line sale through the posting service, median / floor median"),
}


from bench.sync_cases import SYNC_BENCHMARKS  # noqa: E402  (sync cases reuse the helpers above)

BENCHMARKS.update(SYNC_BENCHMARKS)
