"""Sync benchmarks: drain queued sales to a real head office, head-office ingest, and a
new till's download of the whole catalog.

- sync_drain: N sales posted offline through the real posting service, then one
  `Uplink.sync_now()` to `jxc hq serve` on loopback (SQLite head office). Target from
  issue 5: 10,000 sales in <= 20 s, i.e. 2 ms per sale.
- hq_ingest: 4 client threads upload synthetic 500-event batches to `jxc hq serve
  --workers 2` on PostgreSQL (JXC_BENCH_PG, default the test server); target >= 1,000
  events/s. Falls back to SQLite, and says so, when PostgreSQL is unreachable.
- catalog_download: 200,000 products (barcode, two-level category) published at a SQLite
  head office, then a freshly enrolled till enrolls and pulls and applies the whole feed
  (pages of 500, one transaction each); target from issue 5: <= 30 s. Scales tiny and
  small publish 2,000 and 20,000 products, with the target scaled alike.

Run alone: `python -m bench.sync_cases [NAMES] [--sales N] [--products N]`, or with the
others through `jxc bench` (bench/cases.py adds SYNC_BENCHMARKS; each takes the Dataset
and ignores its catalog).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.datasets import ROOT, FileKeyStore
from bench.report import Result

DRAIN_SALES = {"tiny": 1_000, "small": 10_000, "full": 10_000}
FULL_CATALOG = 200_000  # issue 5: a new till downloads 200,000 products in <= 30 s
CATALOG_PRODUCTS = {"tiny": 2_000, "small": 20_000, "full": FULL_CATALOG}
PG = os.environ.get("JXC_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


class MemoryTokens:
    """TokenStore for synthetic benchmark stores only."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}

    def get(self, store_uuid: str) -> str | None:
        return self.tokens.get(store_uuid)

    def put(self, store_uuid: str, token: str) -> None:
        self.tokens[store_uuid] = token


@contextmanager
def head_office(db_url: str, workers: int = 1):
    from headoffice.server import init

    init(db_url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "app", "hq", "serve", "--port", str(port),
                             "--workers", str(workers), "--log-level", "warning"], cwd=ROOT,
                            env={**os.environ, "JXC_HQ_DB": db_url},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def _add_catalog(store) -> None:
    from datetime import datetime

    from sqlalchemy import select

    from app.persistence.schema import Product, Supplier, Unit
    from app.persistence.uow import UnitOfWork

    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, datetime(2026, 1, 1)
        unit = s.scalars(select(Unit).where(Unit.name == "瓶")).one()
        kg = s.scalars(select(Unit).where(Unit.name == "kg")).one()
        s.add_all([Supplier(code="S01", name="上海饮料有限公司"),
                   Product(sku="COLA", name="可口可乐 500ml", unit_id=unit.id,
                           retail_price_fen=350, tax_rate_bp=1300, created_at=now),
                   Product(sku="RICE", name="五常大米 散装", unit_id=kg.id, retail_price_fen=800,
                           costing="average", tax_rate_bp=900, created_at=now)])
        uow.commit()


def _queued_store(folder: Path, sales: int):
    from app.persistence.layout import DataDir
    from app.services.inventory.posting import post_document
    from app.services.records import Actor
    from app.services.setup import initialize_store

    store = initialize_store(DataDir(folder / "till"), FileKeyStore(folder / "key.json"),
                             "B001", "基准门店", "bench-password")
    _add_catalog(store)
    actor = Actor(None, "bench", "admin")
    post_document(store, actor, {"type": "purchase_receipt", "id": "open", "supplier": "S01",
                                 "lines": [{"sku": "COLA", "qty": "1000000", "unit_cost": "1.00"},
                                           {"sku": "RICE", "qty": "100000", "unit_cost": "5.00"}]})
    for n in range(sales):
        post_document(store, actor, {"type": "sale", "id": f"b-{n}", "lines": [
            {"sku": "COLA", "qty": str(1 + n % 3)}, {"sku": "RICE", "qty": "0.5"}],
            "payments": [{"method": "cash", "amount": "100.00"}]})
    return store


def sync_drain(ds=None, sales: int | None = None) -> Result:
    from app.sync.enroll import enroll
    from app.sync.uplink import Uplink
    from headoffice import admin
    from headoffice.db import make_engine

    sales = sales or DRAIN_SALES[getattr(ds, "scale", "tiny")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url = f"sqlite:///{folder / 'hq.db'}"
        store = _queued_store(folder, sales)
        with head_office(db_url) as url:
            engine = make_engine(db_url)
            admin.add_store(engine, "B001", "基准门店")
            code = admin.add_terminal(engine, "B001", "till")["enrollment_code"]
            tokens = MemoryTokens()
            enroll(store, tokens, url, code)
            report = Uplink(store, tokens).sync_now()
            engine.dispose()
        store.close()
    target = sales * 0.002
    return Result("sync_drain", round(report.seconds, 2), f"s for {sales} sales", target,
                  detail={"sales": sales, "events": report.applied, "requests": report.requests,
                          "sales_per_s": round(report.applied / report.seconds)})


def _synthetic_batch(code: str, n: int, first_seq: int) -> dict:
    return {"store_code": code, "events": [{
        "event_uuid": str(uuid.uuid4()), "event_type": "document.posted", "seq": first_seq + i,
        "created_at": "2026-03-01T08:00:00", "payload": '{"type":"sale"}',
        "facts": {"moves": [{"sku": f"P{i % 500}", "warehouse": "MAIN", "qty_milli": -1000,
                             "value_fen": -100}],
                  "sales": [{"day": "2026-03-01", "sku": f"P{i % 500}", "qty_milli": 1000,
                             "amount_fen": 350}]}} for i in range(n)]}


def hq_ingest(ds=None, threads: int = 4, batches: int = 10, size: int = 500) -> Result:
    from headoffice import admin
    from headoffice.db import make_engine

    with tempfile.TemporaryDirectory() as tmp, _database(Path(tmp)) as (db_url, kind):
        with head_office(db_url, workers=2) as url:
            engine = make_engine(db_url)
            tokens = []
            for t in range(threads):
                code = f"I{t:03d}"
                admin.add_store(engine, code, "基准门店")
                enroll_code = admin.add_terminal(engine, code, "till")["enrollment_code"]
                tokens.append((code, httpx.post(url + "/api/v1/enroll", json={
                    "code": enroll_code, "store_code": code}).json()["token"]))
            engine.dispose()
            started = time.perf_counter()
            workers = [threading.Thread(target=_upload, args=(url, c, tok, batches, size))
                       for c, tok in tokens]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            seconds = time.perf_counter() - started
    rate = threads * batches * size / seconds
    return Result("hq_ingest", round(rate), "events/s", 1000.0, lower_is_better=False,
                  detail={"database": kind, "workers": 2, "clients": threads,
                          "events": threads * batches * size, "seconds": round(seconds, 2)})


def _upload(url: str, code: str, token: str, batches: int, size: int) -> None:
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=120) as http:
        for b in range(batches):
            answer = http.post(url + "/api/v1/events", json=_synthetic_batch(code, size, b * size + 1))
            answer.raise_for_status()


@contextmanager
def _database(folder: Path):
    import psycopg

    name = f"jxc_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        yield f"sqlite:///{folder / 'hq.db'}", "sqlite (PostgreSQL unreachable)"
        return
    try:
        yield f"{PG.rsplit('/', 1)[0]}/{name}", "postgresql"
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _catalog_json(n: int) -> list[dict]:
    """n products as head office publishes them: barcode, two-level category, prices."""
    from app.domain.barcode import complete_ean13

    return [{"sku": f"P{i:07d}", "name": f"基准商品 {i} 号 500ml", "unit": "瓶",
             "barcode": complete_ean13(f"69{i:010d}"), "category": f"类{i % 40}/子类{i % 9}",
             "retail_price": f"{1 + i % 97}.{i % 10}0", "purchase_price": "1.00",
             "costing": "fifo"} for i in range(1, n + 1)]


def catalog_download(ds=None, products: int | None = None) -> Result:
    """Publish `products` at a SQLite head office (the service `jxc hq publish products`
    uses), then a freshly enrolled till enrolls and pulls and applies the whole feed."""
    import functools

    from app.persistence.layout import DataDir
    from app.services.catalog_sync import apply_changes
    from app.services.setup import initialize_store
    from app.sync.downlink import Downlink
    from app.sync.enroll import enroll
    from headoffice import admin
    from headoffice.db import make_engine
    from headoffice.feed_records import products_from_json
    from headoffice.publish import publish

    n = products or CATALOG_PRODUCTS[getattr(ds, "scale", "tiny")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url = f"sqlite:///{folder / 'hq.db'}"
        with head_office(db_url) as url:
            engine = make_engine(db_url)
            started = time.perf_counter()
            records = products_from_json(_catalog_json(n))
            checked = time.perf_counter()
            published = publish(engine, "product", records, by="bench")
            publish_s = time.perf_counter() - checked
            admin.add_store(engine, "B001", "基准门店")
            code = admin.add_terminal(engine, "B001", "till")["enrollment_code"]
            engine.dispose()
            store = initialize_store(DataDir(folder / "till"), FileKeyStore(folder / "key.json"),
                                     "B001", "基准门店", "bench-password")
            tokens = MemoryTokens()
            began = time.perf_counter()
            enroll(store, tokens, url, code)
            report = Downlink(store, tokens, functools.partial(apply_changes, store)).pull()
            seconds = time.perf_counter() - began
            with store.engine.connect() as conn:
                have = conn.exec_driver_sql("SELECT count(*) FROM products").scalar()
            store.close()
    if not have == report.applied == published["count"] == n:
        raise RuntimeError(f"catalog_download: {n} published, {report.applied} applied, "
                           f"{have} products at the till")
    return Result("catalog_download", round(seconds, 1), f"s for {n} products",
                  round(30.0 * n / FULL_CATALOG, 2),
                  detail={"products": n, "full_scale": FULL_CATALOG, "pages": report.pages,
                          "requests": report.requests, "products_per_s": round(n / seconds),
                          "publish_checks_s": round(checked - started, 1),
                          "publish_write_s": round(publish_s, 1),
                          "note": "target 30 s per 200,000 products, scaled to the count"})


SYNC_BENCHMARKS = {
    "sync_drain": (sync_drain, "Queued sales drained to head office on loopback (2 ms/sale)"),
    "hq_ingest": (hq_ingest, "Head-office ingest, PostgreSQL, 2 workers, 4 clients"),
    "catalog_download": (catalog_download, "Enrollment download of the catalog: a new till "
                         "pulls and applies every published product (30 s / 200,000)"),
}

if __name__ == "__main__":
    import argparse

    from bench.report import line

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"default: all of {', '.join(SYNC_BENCHMARKS)}")
    parser.add_argument("--sales", type=int, default=1_000)
    parser.add_argument("--products", type=int, default=FULL_CATALOG)
    args = parser.parse_args()
    sizes = {"sync_drain": {"sales": args.sales}, "catalog_download": {"products": args.products}}
    for name in args.names or SYNC_BENCHMARKS:
        print(line(SYNC_BENCHMARKS[name][0](**sizes.get(name, {}))))
