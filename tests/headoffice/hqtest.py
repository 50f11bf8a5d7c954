"""Head office for tests: a real `jxc hq serve` (uvicorn) on 127.0.0.1 over SQLite or over a
PostgreSQL database created for the session and dropped after it, plus terminal stores
enrolled with it. Shared by tests/headoffice and tests/sync (their conftests import it).

PostgreSQL: 127.0.0.1:5432, database `test`, trust auth (override with JXC_TEST_PG). When
it is unreachable the PostgreSQL variants skip with the reason, except under CI=true,
where they fail.
"""
from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest

from helpers import ADMIN_PASSWORD, ROOT, add_catalog

PG_ADMIN = os.environ.get("JXC_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
_codes = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_problem() -> str | None:
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {PG_ADMIN} is unreachable: {str(exc).strip()[:200]}"


def require_pg() -> None:
    problem = pg_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(problem)


@contextmanager
def pg_database():
    """A uniquely named database for one test session, dropped afterwards."""
    require_pg()
    name = f"jxc_hq_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def backend_url(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'hq.db'}"
    else:
        with pg_database() as url:
            yield url


def jxc_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(extra or {})
    return env


@dataclass
class HqServer:
    """`python -m app hq serve` in a subprocess; its output is kept to check for secrets."""

    db_url: str
    folder: Path
    workers: int = 1
    tls: tuple[str, str] | None = None
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return self.url()

    def url(self, host: str = "127.0.0.1") -> str:
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

    def start(self, wait: bool = True) -> "HqServer":
        self.log_path = self.folder / f"hq-{self.port}.log"
        args = [sys.executable, "-m", "app", "hq", "serve", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(self.workers)]
        if self.tls:
            args += ["--tls-cert", self.tls[0], "--tls-key", self.tls[1]]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                         env=jxc_env({"JXC_HQ_DB": self.db_url,
                                                      # tests cost in-process when they mean to
                                                      "JXC_HQ_COST_INTERVAL": "off"}))
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"head office exited: {self.log()}")
            try:
                if httpx.get(self.base_url + "/api/v1/health", timeout=1,
                             verify=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"head office did not start: {self.log()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def init_db(url: str) -> None:
    from headoffice.server import init

    init(url)


def new_code(prefix: str = "T") -> str:
    return f"{prefix}{os.getpid() % 1000:03d}{next(_codes):04d}"




def actor():
    from app.services.records import Actor

    return Actor(None, "test-admin", "admin")


@dataclass
class Till:
    """A terminal store (its own data directory) enrolled with a head office."""

    store: object
    code: str
    hq_url: str
    sales: int = 0

    def sell(self, qty: str = "1", sku: str = "COLA", **extra) -> object:
        from app.services.inventory.posting import post_document

        self.sales += 1
        raw = {"type": "sale", "id": f"{self.code}-sale-{self.sales}-{uuid.uuid4().hex[:6]}",
               "lines": [{"sku": sku, "qty": qty}],
               "payments": [{"method": "cash", "amount": "10000.00"}], **extra}
        return post_document(self.store, actor(), raw)

    def uplink(self, **options):
        from app.sync.backoff import Backoff
        from app.sync.credentials import KeyringTokenStore
        from app.sync.uplink import Uplink

        options.setdefault("backoff", Backoff(base=0.01, cap=0.05))
        options.setdefault("timeout", 5.0)
        return Uplink(self.store, KeyringTokenStore(), **options)

    def downlink(self, apply=None, **options):
        """The change-feed puller of this till, applying through catalog_sync (or `apply`)."""
        import functools

        from app.services.catalog_sync import apply_changes
        from app.sync.credentials import KeyringTokenStore
        from app.sync.downlink import Downlink

        options.setdefault("timeout", 5.0)
        return Downlink(self.store, KeyringTokenStore(),
                        apply or functools.partial(apply_changes, self.store), **options)

    def query(self, sql: str, **params) -> list[tuple]:
        from sqlalchemy import text

        with self.store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]

    def status(self) -> dict:
        from app.sync.credentials import KeyringTokenStore
        from app.sync.uplink import status

        return status(self.store, KeyringTokenStore())

    def balances(self) -> dict:
        """The store's own stock per (sku, warehouse): what head office must converge to."""
        from sqlalchemy import text

        with self.store.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT p.sku, w.code, b.qty_milli, b.value_fen FROM stock_balances b "
                "JOIN products p ON p.id = b.product_id "
                "JOIN warehouses w ON w.id = b.warehouse_id"))
            return {(sku, wh): (q, v) for sku, wh, q, v in rows if q or v}

    def outbox_count(self) -> int:
        from sqlalchemy import text

        with self.store.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM outbox")).scalar()


def new_till(engine, hq_url: str, folder: Path, *, code: str | None = None,
             enroll: bool = True, terminal: str = "till-1", store_known: bool = False) -> Till:
    """A new store with the test catalog and opening stock, known to head office and, with
    enroll=True, enrolled through the real HTTP endpoint. With store_known=True, `code` is a
    store head office already has: this is another terminal (data directory) of it."""
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.layout import DataDir
    from app.services.inventory.posting import post_document
    from app.services.setup import initialize_store
    from app.sync.credentials import KeyringTokenStore
    from app.sync.enroll import enroll as do_enroll
    from headoffice import admin

    code = code or new_code()
    root = folder / (f"{code}-{terminal}" if store_known else code)
    store = initialize_store(DataDir(root), KeyringKeyStore(), code, f"门店{code}", ADMIN_PASSWORD)
    add_catalog(store)
    post_document(store, actor(), {"type": "purchase_receipt", "id": f"{code}-open",
                                   "supplier": "S01", "lines": [
                                       {"sku": "COLA", "qty": "100000", "unit_cost": "1.00"},
                                       {"sku": "RICE", "qty": "5000", "unit_cost": "5.00"}]})
    if not store_known:
        admin.add_store(engine, code, f"门店{code}")
    added = admin.add_terminal(engine, code, terminal)
    till = Till(store, code, hq_url)
    till.enrollment_code = added["enrollment_code"]
    if enroll:
        do_enroll(store, KeyringTokenStore(), hq_url, added["enrollment_code"])
    return till


def hq_counts(engine, code: str) -> dict:
    """Head office's view of one store: events, and stock per (sku, warehouse)."""
    from headoffice import queries

    stock = queries.stock(engine, code)["rows"]
    events = sum(t["events"] for t in queries.events_summary(engine, code)["terminals"])
    return {"events": events,
            "stock": {(r["sku"], r["warehouse"]): (r["qty_milli"], r["value_fen"])
                      for r in stock if r["qty_milli"] or r["value_fen"]}}
