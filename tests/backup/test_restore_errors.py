"""A wrong key, a damaged file or a clash with an existing key: a clear error, nothing left."""
from __future__ import annotations

import secrets

import pytest

from app.persistence.layout import DataDir
from app.services.backup import restore_backup, run_backup
from app.services.backup.errors import (BackupCorrupt, BackupKeyMissing, NotABackup,
                                        RestoreKeyConflict, WrongBackupKey)
from backup_helpers import FAST, MemoryKeys


@pytest.fixture
def archive(store, keys, backup_keys):
    manifest = run_backup(store, keys, backup_keys, FAST)
    return store.layout.backups / manifest.file


def _restore(archive, tmp_path, key=None, db_keys=None, backup_keys=None):
    target = DataDir(tmp_path / "restored")
    db_keys = db_keys if db_keys is not None else MemoryKeys()
    restore_backup(archive, target, db_keys, backup_keys or MemoryKeys(), key)
    return target


def _assert_nothing_written(tmp_path, db_keys):
    assert not (tmp_path / "restored").exists()
    assert db_keys.data == {}


def test_a_wrong_backup_key_is_refused_before_anything_is_written(archive, tmp_path, store):
    fresh = MemoryKeys()
    with pytest.raises(WrongBackupKey) as info:
        _restore(archive, tmp_path, secrets.token_hex(32), fresh)
    message = info.value.message("en")
    assert "Wrong backup key" in message and "S001" in message and "Nothing was written" in message
    assert "备份密钥不对" in info.value.message("zh_CN")
    _assert_nothing_written(tmp_path, fresh)


def test_no_backup_key_in_the_keyring_asks_for_the_escrowed_one(archive, tmp_path):
    fresh = MemoryKeys()
    with pytest.raises(BackupKeyMissing) as info:
        _restore(archive, tmp_path, None, fresh)
    assert "--backup-key-file" in info.value.message("en")
    _assert_nothing_written(tmp_path, fresh)


@pytest.mark.parametrize("where", ["header", "metadata", "middle", "end"])
def test_a_damaged_backup_is_refused_and_nothing_is_left(archive, tmp_path, backup_keys, store,
                                                         where):
    data = bytearray(archive.read_bytes())
    header_end = 12 + int.from_bytes(data[8:12], "big")
    offset = {"header": header_end - 3, "metadata": header_end + 40, "middle": len(data) // 2,
              "end": len(data) - 5}[where]
    data[offset] ^= 0x01
    archive.write_bytes(bytes(data))
    fresh = MemoryKeys()
    key = backup_keys.get(store.identity.store_uuid)
    with pytest.raises((BackupCorrupt, NotABackup)) as info:
        _restore(archive, tmp_path, key, fresh)
    assert "cannot be restored" in info.value.message("en") or "not a JXC" in info.value.message("en")
    _assert_nothing_written(tmp_path, fresh)


@pytest.mark.parametrize("cut", [1, 100, "half"])
def test_a_cut_short_backup_is_refused(archive, tmp_path, backup_keys, store, cut):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2] if cut == "half" else data[:-cut])
    fresh = MemoryKeys()
    with pytest.raises(BackupCorrupt):
        _restore(archive, tmp_path, backup_keys.get(store.identity.store_uuid), fresh)
    _assert_nothing_written(tmp_path, fresh)


def test_a_file_that_is_not_a_backup(tmp_path, backup_keys):
    bogus = tmp_path / "photo.jxcbak"
    bogus.write_bytes(b"\x89PNG\r\n" + bytes(100))
    with pytest.raises(NotABackup):
        _restore(bogus, tmp_path, secrets.token_hex(32))
    assert not (tmp_path / "restored").exists()


def test_a_different_database_key_in_the_keyring_is_never_overwritten(archive, tmp_path, store,
                                                                      backup_keys):
    clash = MemoryKeys()
    clash.put(store.identity.store_uuid, secrets.token_hex(32))
    before = dict(clash.data)
    with pytest.raises(RestoreKeyConflict):
        _restore(archive, tmp_path, backup_keys.get(store.identity.store_uuid), clash)
    assert clash.data == before and not (tmp_path / "restored").exists()
