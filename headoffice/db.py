"""Engines and transactions for PostgreSQL (psycopg 3) and SQLite.

SQLite: WAL, a 30 s busy timeout, and writers that take the write lock at BEGIN
(`BEGIN IMMEDIATE`), so several uvicorn workers queue instead of failing on a lock upgrade.
PostgreSQL: READ COMMITTED; ingest relies on `INSERT … ON CONFLICT` and on sorted
projection updates, and `write` retries the rare deadlock or serialization failure.
"""
from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Callable, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from headoffice.config import is_sqlite, normalize_url
from headoffice.errors import DatabaseUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRYABLE_PG = {"40P01", "40001"}  # deadlock detected, serialization failure
SQLITE_PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                  "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 30000"]


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    url = normalize_url(url)
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10)
    path = url[len("sqlite:///"):]
    if path and not path.startswith(":"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we say BEGIN ourselves (below)
        for pragma in SQLITE_PRAGMAS:
            dbapi_conn.execute(pragma)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("sqlite_begin",
                                                                           "DEFERRED"))

    return engine


def _retryable(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    return state in RETRYABLE_PG or "database is locked" in str(exc.orig)


def _unreachable(exc: DBAPIError) -> bool:
    """The server or file cannot be reached (as opposed to a bug or a constraint)."""
    if not isinstance(exc, OperationalError):
        return False
    if "unable to open database" in str(exc.orig):
        return True
    if not hasattr(exc.orig, "sqlstate"):  # SQLite: locked, missing table, ...
        return False
    state = exc.orig.sqlstate
    return state is None or state.startswith("08") or state.startswith("57P")


def write(engine: Engine, fn: Callable[[Session], T], *, attempts: int = 6) -> T:
    """Run fn in one write transaction and commit; retried whole on deadlocks."""
    bind = engine.execution_options(sqlite_begin="IMMEDIATE")
    for attempt in range(attempts):
        try:
            with Session(bind, expire_on_commit=False) as session:
                with session.begin():
                    return fn(session)
        except DBAPIError as exc:
            if _retryable(exc) and attempt < attempts - 1:
                log.info("transaction retried after %s", type(exc.orig).__name__)
                time.sleep(random.uniform(0, 0.02 * 2 ** attempt))
                continue
            if _unreachable(exc):
                raise DatabaseUnavailable(detail=type(exc.orig).__name__) from exc
            raise
    raise AssertionError("unreachable")


def read(engine: Engine, fn: Callable[[Session], T]) -> T:
    try:
        with Session(engine, expire_on_commit=False) as session:
            with session.begin():
                return fn(session)
    except OperationalError as exc:
        if _unreachable(exc):
            raise DatabaseUnavailable(detail=type(exc.orig).__name__) from exc
        raise


def insert_for(s: Session):
    """The dialect's INSERT, which has `on_conflict_do_nothing/_do_update` on both."""
    return postgresql.insert if s.bind.dialect.name == "postgresql" else sqlite.insert
