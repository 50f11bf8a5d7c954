"""Create and open a store's encrypted database.

`create_store` builds the database under a temporary name, fills it, and only then renames
it into place and writes `store.json`, so a crash during `jxc init` never leaves a half
store. `open_store` checks identity, key and settings before anything is written, then
applies pending migrations after a safety copy.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, select

from app.persistence import migrate, walscan
from app.persistence.engine import connect, make_engine, probe
from app.persistence.pagecheck import PageCheck
from app.persistence.errors import (DatabaseDamaged, KeyMissing, NoStore, NotJxcDatabase,
                                    StoreExists)
from app.persistence.keystore import KeyStore, entry_name, new_raw_key
from app.persistence.layout import DataDir
from app.persistence.schema import Meta, Store

log = logging.getLogger(__name__)
IDENTITY_FORMAT = 1


@dataclass(frozen=True)
class StoreIdentity:
    store_uuid: str
    store_code: str
    store_name: str
    created_at: str
    format: int = IDENTITY_FORMAT

    @classmethod
    def read(cls, path: Path) -> "StoreIdentity":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            identity = cls(**data)
            uuid.UUID(identity.store_uuid)
            return identity
        except (OSError, ValueError, TypeError):
            raise NotJxcDatabase(path=str(path), reason_zh="store.json 无法读取或格式不对",
                                 reason_en="store.json is unreadable or malformed") from None

    def write(self, path: Path) -> None:
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)


@dataclass
class LocalStore:
    """An open store: where it lives, who it is, and the engine to reach it."""

    layout: DataDir
    identity: StoreIdentity
    engine: Engine
    terminal_id: str = ""
    audit_key: bytes = b""  # HMAC key of the audit chain, derived from the store key
    safety_copy: str | None = None
    page_check: PageCheck | None = None  # the open-time page check (see pagecheck.py)

    def close(self) -> None:
        if self.page_check is not None and not self.page_check.done:
            self.page_check.cancel()
        self.engine.dispose()


def create_store(layout: DataDir, keys: KeyStore, code: str, name: str,
                 populate: Callable[[Engine, StoreIdentity], None]) -> LocalStore:
    _refuse_existing(layout)
    layout.root.mkdir(parents=True, exist_ok=True)
    identity = StoreIdentity(store_uuid=str(uuid.uuid4()), store_code=code, store_name=name,
                             created_at=datetime.now(timezone.utc).isoformat())
    key = new_raw_key()
    keys.put(identity.store_uuid, key)
    building = layout.db.with_name("jxc.db.creating")
    _remove_db_files(building)  # left over by an init that crashed before the rename
    connect(building, key, create=True).close()
    engine = make_engine(building, key)
    try:
        migrate.upgrade(engine, layout.backups)
        populate(engine, identity)
    finally:
        engine.dispose()  # last close checkpoints and removes -wal/-shm
    os.replace(building, layout.db)
    identity.write(layout.identity)
    log.info("created store %s (%s)", identity.store_code, identity.store_uuid)
    return open_store(layout, keys)


def open_store(layout: DataDir, keys: KeyStore) -> LocalStore:
    if not layout.identity.exists():
        if layout.db.exists():
            raise NotJxcDatabase(path=str(layout.root), reason_zh="缺少 store.json",
                                 reason_en="store.json is missing")
        raise NoStore(path=str(layout.root))
    identity = StoreIdentity.read(layout.identity)
    if not layout.db.exists():
        raise NoStore(path=str(layout.root))
    key = keys.get(identity.store_uuid)
    if not key:
        raise KeyMissing(store_code=identity.store_code, entry=entry_name(identity.store_uuid))
    probe(layout.db, key, pages=False)  # key, SQLCipher, application id; touches nothing
    _refuse_damaged_wal(layout.db)
    page_check = PageCheck.start(layout.db, key)  # every page's HMAC: now, or before writes
    engine = make_engine(layout.db, key, before_write=page_check.wait)
    try:
        copy = migrate.upgrade(engine, layout.backups, before_change=page_check.wait)
        terminal_id = _check_store_row(engine, identity, layout)
    except BaseException:
        page_check.cancel()
        engine.dispose()
        raise
    return LocalStore(layout=layout, identity=identity, engine=engine, terminal_id=terminal_id,
                      audit_key=derive_audit_key(key), safety_copy=copy, page_check=page_check)


def _refuse_damaged_wal(db: Path) -> None:
    """SQLite replays the WAL up to the first bad frame and silently drops what follows;
    a commit after a bad frame means committed sales would vanish: refuse, touch nothing."""
    wal = db.with_name(db.name + "-wal")
    found = walscan.scan(wal)
    if found.damaged:  # a till writing while we read could look damaged once: look again
        time.sleep(0.2)
        found = walscan.scan(wal)
    if found.damaged:
        raise DatabaseDamaged(path=str(db.with_name(db.name + "-wal")), detail=found.reason)


def derive_audit_key(store_key_hex: str) -> bytes:
    return hmac.new(bytes.fromhex(store_key_hex), b"jxc audit chain v1", hashlib.sha256).digest()


def _check_store_row(engine: Engine, identity: StoreIdentity, layout: DataDir) -> str:
    """The local store row must be the one store.json names; returns the terminal id."""
    with engine.connect() as conn:
        found = conn.execute(select(Store.uuid).where(Store.is_local.is_(True))).scalar()
        terminal = conn.execute(select(Meta.value).where(Meta.key == "terminal_id")).scalar()
    if found != identity.store_uuid:
        raise NotJxcDatabase(path=str(layout.db), reason_zh="数据库属于另一个门店",
                             reason_en="the database belongs to another store")
    return terminal or ""


def _refuse_existing(layout: DataDir) -> None:
    for path in [layout.identity, *layout.db_files()]:
        if path.exists():
            raise StoreExists(path=str(layout.root), what=path.name)


def _remove_db_files(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
