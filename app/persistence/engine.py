"""Open SQLCipher 4 connections with a raw key and the settings a till depends on.

Every connection is checked before use: SQLCipher is really there (`cipher_version`), the
key opens the file, the file is a JXC database (`application_id`), and the durability
settings are in force (WAL, synchronous=FULL) together with foreign keys and in-memory
temp storage. Anything else raises a `StoreError` and leaves the files as they were.

`probe` checks key and identity through a read-only `immutable=1` connection to the main
file alone: SQLite then never opens the `-wal`/`-shm` files. (A normal connection with a
wrong key still opens an existing WAL, and on close, being the last connection, checkpoints
it into the main file: harmless to the data, but the files would change.) The one
exception is a main file that a kill left half checkpointed: see `probe`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2 as sqlcipher

from app.persistence import walscan
from app.persistence.errors import (DatabaseDamaged, DiskError, DiskFull, NotJxcDatabase,
                                    StoreError, UnsafeSettings, WrongKey)

APPLICATION_ID = 0x4A584301  # "JXC" 1
SQLITE_PLAINTEXT_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
_HEX_KEY = re.compile(r"[0-9a-f]{64}")

# Primary result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte.
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 10, 14, 26

# pragma -> (statement that sets it, value read back when it is in force)
REQUIRED_PRAGMAS = {
    "journal_mode": ("PRAGMA journal_mode = WAL", "wal"),
    "synchronous": ("PRAGMA synchronous = FULL", 2),
    "foreign_keys": ("PRAGMA foreign_keys = ON", 1),
    "temp_store": ("PRAGMA temp_store = MEMORY", 2),
}


def connect(path: Path, key_hex: str, *, create: bool = False) -> sqlcipher.Connection:
    """One checked DB-API connection. `create=True` only for a brand-new store."""
    if not _HEX_KEY.fullmatch(key_hex or ""):
        raise WrongKey(path=str(path))
    if not create:
        _refuse_plaintext_sqlite(path)
    mode = "rwc" if create else "rw"
    try:
        conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True,
                                 check_same_thread=False, isolation_level=None)
    except sqlcipher.Error as exc:
        raise store_error(exc, path) from None
    try:
        _unlock(conn, path, key_hex, create)
        apply_required_pragmas(conn)
    except sqlcipher.Error as exc:
        conn.close()
        raise store_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def probe(path: Path, key_hex: str, *, pages: bool = True,
          on_connect: Callable[[sqlcipher.Connection], None] | None = None) -> None:
    """Check key, SQLCipher, application id and (with `pages`) every page's HMAC
    (`cipher_integrity_check`) without writing or opening -wal/-shm. The page check reads
    the whole main file, about 0.07 s per 40 MB; `app/persistence/pagecheck.py` decides
    whether it runs here or on a thread that writers wait for.

    The main file read alone can look damaged when a kill cut a checkpoint short (some
    pages already copied back from the WAL, others not): then, and only if the WAL is
    whole and holds commits, SQLite is let to finish the copy and the check runs again."""
    if not _HEX_KEY.fullmatch(key_hex or ""):
        raise WrongKey(path=str(path))
    _refuse_plaintext_sqlite(path)
    try:
        _probe_main_file(path, key_hex, pages, on_connect)
    except DatabaseDamaged:
        if not finish_checkpoint(path, key_hex):
            raise
        _probe_main_file(path, key_hex, pages, on_connect)


def _probe_main_file(path: Path, key_hex: str, pages: bool,
                     on_connect: Callable[[sqlcipher.Connection], None] | None) -> None:
    try:
        conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlcipher.Error as exc:
        raise store_error(exc, path) from None
    if on_connect is not None:
        on_connect(conn)  # lets the page check be interrupted when the store closes
    try:
        _unlock(conn, path, key_hex, create=False)
        if pages:
            _check_pages(conn, path)
    finally:
        conn.close()


def finish_checkpoint(path: Path, key_hex: str) -> bool:
    """Let SQLite copy the WAL's committed pages into the main file (what a checkpoint cut
    short by a kill left undone); True when it did. Never with a damaged WAL: SQLite would
    replay it only up to the damage and drop the commits after it (see walscan)."""
    found = walscan.scan(path.with_name(path.name + "-wal"))
    if found.valid == 0 or found.damaged:
        return False
    try:
        conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True,
                                 isolation_level=None)
    except sqlcipher.Error:
        return False
    try:
        _unlock(conn, path, key_hex, create=False)
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except (sqlcipher.Error, StoreError):
        return False
    finally:
        conn.close()
    return not busy


def _check_pages(conn: sqlcipher.Connection, path: Path) -> None:
    try:
        problems = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
    except sqlcipher.Error as exc:
        raise store_error(exc, path) from None
    if problems:
        more = f" (+{len(problems) - 1})" if len(problems) > 1 else ""
        raise DatabaseDamaged(path=str(path), detail=f"{problems[0]}{more}")


def store_error(exc: BaseException, path: Path | str) -> StoreError:
    """The StoreError a SQLite failure means for the user: a wrong key only when SQLite
    says the file is not a database under this key."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if primary == SQLITE_NOTADB:
        return WrongKey(path=str(path))
    if primary == SQLITE_CORRUPT or "malformed" in text:
        return DatabaseDamaged(path=str(path), detail=text)
    if primary == SQLITE_FULL or "disk is full" in text:
        return DiskFull(path=str(path))
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return DiskError(path=str(path), detail=text)
    return WrongKey(path=str(path)) if primary is None else DiskError(path=str(path), detail=text)


def _refuse_plaintext_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        raise WrongKey(path=str(path)) from None
    if head == SQLITE_PLAINTEXT_HEADER:
        raise NotJxcDatabase(path=str(path), reason_zh="它是未加密的 SQLite 文件",
                             reason_en="it is an unencrypted SQLite file")
    if len(head) == 0:
        raise NotJxcDatabase(path=str(path), reason_zh="文件是空的", reason_en="the file is empty")


def _unlock(conn: sqlcipher.Connection, path: Path, key_hex: str, create: bool) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own stderr lines
    version = conn.execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0] or not str(version[0]).startswith("4."):
        raise UnsafeSettings(pragma="cipher_version", actual=version, expected="4.x")
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlcipher.Error as exc:
        raise store_error(exc, path) from None
    if create and app_id == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    elif app_id != APPLICATION_ID:
        raise NotJxcDatabase(path=str(path), reason_zh="应用标识不符",
                             reason_en="its application id is not JXC's")


def apply_required_pragmas(conn: sqlcipher.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    for name, (statement, expected) in REQUIRED_PRAGMAS.items():
        conn.execute(statement)
        actual = conn.execute(f"PRAGMA {name}").fetchone()[0]
        if actual != expected:
            raise UnsafeSettings(pragma=name, actual=actual, expected=expected)


def make_engine(path: Path, key_hex: str,
                before_write: Callable[[], None] | None = None) -> Engine:
    """A SQLAlchemy engine whose every pooled connection went through `connect`;
    `before_write` runs before each BEGIN IMMEDIATE (it may raise to refuse the write)."""
    engine = create_engine(
        f"sqlite:///{path}", module=sqlcipher, creator=lambda: connect(path, key_hex),
        poolclass=QueuePool, pool_size=2, max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pysqlite's implicit transactions are off; we say BEGIN ourselves
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode != "DEFERRED" and before_write is not None:
            before_write()
        conn.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(engine, "handle_error")
    def _translate(context):  # a full disk or a damaged page is the user's business, in words
        orig = context.original_exception
        code = getattr(orig, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in RUNTIME_CODES:
            return store_error(orig, path)
        return None

    return engine


RUNTIME_CODES = {SQLITE_CORRUPT, SQLITE_FULL, SQLITE_IOERR, SQLITE_NOTADB}


def read_pragmas(conn: sqlcipher.Connection) -> dict[str, object]:
    names = ["cipher_version", *REQUIRED_PRAGMAS]
    return {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in names}
