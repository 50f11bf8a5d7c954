"""A missing key, a wrong key or a foreign file: a clear error, and not one byte changed."""
from __future__ import annotations

import shutil
import sqlite3

import keyring
import pytest
from sqlalchemy import text

from app.persistence.errors import (KeyMissing, NoStore, NotJxcDatabase, StoreExists,
                                    WrongKey)
from app.persistence.keystore import SERVICE, entry_name, new_raw_key
from app.persistence.layout import DataDir
from app.persistence.store import StoreIdentity, open_store
from app.services.setup import initialize_store
from helpers import ADMIN_PASSWORD, snapshot


@pytest.fixture
def closed_store(new_store):
    new_store.close()
    return new_store.layout


@pytest.fixture
def live_copy(new_store, tmp_path):
    """A copy taken while the store is open with uncheckpointed writes: db + -wal + -shm."""
    with new_store.engine.connect() as conn:
        conn.execute(text("INSERT INTO jxc_meta(key, value) VALUES ('probe', 'x')"))
        conn.commit()
        copy = tmp_path / "copy"
        copy.mkdir()
        for f in new_store.layout.root.iterdir():
            if f.is_file():
                shutil.copy2(f, copy / f.name)
    new_store.close()
    assert (copy / "jxc.db-wal").stat().st_size > 0
    return DataDir(copy)


def _expect_unchanged(layout, keys, error):
    before = snapshot(layout.root)
    with pytest.raises(error) as info:
        open_store(layout, keys)
    assert snapshot(layout.root) == before
    return info.value


def test_open_good_store_applies_and_asserts_settings(closed_store, keys):
    store = open_store(closed_store, keys)
    with store.engine.connect() as conn:
        settings = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("cipher_version", "journal_mode", "synchronous",
                                 "foreign_keys", "temp_store")}
    store.close()
    assert settings["cipher_version"].startswith("4.")
    assert settings["journal_mode"] == "wal"
    assert settings["synchronous"] == 2  # FULL
    assert settings["foreign_keys"] == 1
    assert settings["temp_store"] == 2  # MEMORY


def test_missing_keyring_entry(closed_store, keys):
    opened = open_store(closed_store, keys)  # closed again at once: a store left open
    identity_uuid = opened.identity.store_uuid  # checkpoints its WAL whenever it is collected
    opened.close()
    keyring.delete_password(SERVICE, entry_name(identity_uuid))
    err = _expect_unchanged(closed_store, keys, KeyMissing)
    assert entry_name(identity_uuid) in err.message("en")
    assert "S001" in err.message("zh_CN")


def test_wrong_key(closed_store, keys):
    keys.put(StoreIdentity.read(closed_store.identity).store_uuid, new_raw_key())
    err = _expect_unchanged(closed_store, keys, WrongKey)
    assert "jxc.db" in err.message("zh_CN")


def test_wrong_key_with_uncheckpointed_wal(live_copy, keys):
    keys.put(StoreIdentity.read(live_copy.identity).store_uuid, new_raw_key())
    _expect_unchanged(live_copy, keys, WrongKey)


def test_random_bytes_are_not_a_store(closed_store, keys):
    closed_store.db.write_bytes(bytes(range(256)) * 64)
    _expect_unchanged(closed_store, keys, WrongKey)


def test_plain_sqlite_file_is_not_a_store(closed_store, keys):
    closed_store.db.unlink()
    with sqlite3.connect(closed_store.db) as conn:
        conn.execute("CREATE TABLE t(x)")
    err = _expect_unchanged(closed_store, keys, NotJxcDatabase)
    assert "unencrypted" in err.message("en")


def test_empty_file_is_not_a_store(closed_store, keys):
    closed_store.db.write_bytes(b"")
    _expect_unchanged(closed_store, keys, NotJxcDatabase)


def test_malformed_identity_file(closed_store, keys):
    closed_store.identity.write_text("{not json", encoding="utf-8")
    _expect_unchanged(closed_store, keys, NotJxcDatabase)


def test_database_of_another_store(tmp_path, keys):
    """Two stores, one PC: each has its own key; swapping databases is refused."""
    a = initialize_store(DataDir(tmp_path / "a"), keys, "A01", "甲店", ADMIN_PASSWORD)
    b = initialize_store(DataDir(tmp_path / "b"), keys, "B01", "乙店", ADMIN_PASSWORD)
    assert a.identity.store_uuid != b.identity.store_uuid
    a.close(), b.close()
    shutil.copy2(b.layout.db, a.layout.db)
    _expect_unchanged(a.layout, keys, WrongKey)


def test_no_store_anywhere(layout, keys):
    with pytest.raises(NoStore):
        open_store(layout, keys)
    assert not layout.root.exists()


def test_init_never_overwrites(closed_store, keys):
    before = snapshot(closed_store.root)
    with pytest.raises(StoreExists):
        initialize_store(closed_store, keys, "S002", "另一家店", ADMIN_PASSWORD)
    assert snapshot(closed_store.root) == before


def test_init_refuses_a_stray_database_file(layout, keys):
    layout.root.mkdir(parents=True)
    layout.db.write_bytes(b"someone else's file")
    with pytest.raises(StoreExists):
        initialize_store(layout, keys, "S001", "店", ADMIN_PASSWORD)
    assert layout.db.read_bytes() == b"someone else's file"
