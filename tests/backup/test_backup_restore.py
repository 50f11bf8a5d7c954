"""A backup taken while the till sells restores to exactly what was committed at its start."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import select

from app.persistence.layout import DataDir
from app.persistence.schema import Document
from app.persistence.store import open_store
from app.services.backup import GOOD, list_backups, restore_backup, run_backup
from app.services.backup.archive import read_header
from app.services.inventory.verify import verify
from backup_helpers import FAST, MemoryKeys, sell
from helpers import snapshot


def _sale_ids(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(Document.uuid).where(Document.doc_type == "sale")).scalars())


def test_backup_is_good_encrypted_and_restores_the_same_store(store, keys, backup_keys, tmp_path):
    phases = []
    manifest = run_backup(store, keys, backup_keys, FAST,
                          progress=lambda phase, done, total: phases.append((phase, done, total)))
    assert manifest.status == GOOD and manifest.phase == "done"
    assert all(problems == [] for problems in manifest.checks.values())
    assert set(manifest.checks) >= {"integrity_check", "cipher_integrity_check", "audit_chain",
                                    "row_counts"}
    assert [p for p in dict.fromkeys(p for p, _, _ in phases)] == ["snapshot", "pack", "unpack",
                                                                   "verify"]
    last = {phase: (done, total) for phase, done, total in phases}
    assert all(done == total > 0 for done, total in last.values())
    archive = store.layout.backups / manifest.file
    raw = archive.read_bytes()
    assert b"SQLite format 3" not in raw and "可口可乐".encode() not in raw and b"COLA" not in raw
    assert keys.get(store.identity.store_uuid).encode() not in raw
    assert manifest.size == len(raw) and manifest.page_count > 0
    header, _, _ = read_header(archive)
    assert header["store_uuid"] == store.identity.store_uuid and "db_key" not in header
    assert not [p for p in store.layout.backups.iterdir() if p.name.startswith(".work-")
                or p.name.endswith(".part")]

    fresh = MemoryKeys()
    target = DataDir(tmp_path / "restored")
    result = restore_backup(archive, target, fresh, MemoryKeys(),
                            backup_keys.get(store.identity.store_uuid))
    assert result.row_counts == manifest.row_counts and not result.key_was_in_keyring
    assert fresh.data == {store.identity.store_uuid: keys.get(store.identity.store_uuid)}
    restored = open_store(target, fresh)
    try:
        assert restored.identity == store.identity
        assert _sale_ids(restored) == _sale_ids(store)
        assert verify(restored).ok
    finally:
        restored.close()


def test_backup_during_continuous_sales_holds_every_sale_committed_before_it(
        store, keys, backup_keys, tmp_path):
    committed: list[str] = []
    stop, mid_snapshot = threading.Event(), {}

    def till():  # a cashier who never stops
        while not stop.is_set():
            committed.append(sell(store).id)

    def progress(phase, done, total):
        if phase == "snapshot" and not mid_snapshot:  # hold the copy open; the till sells on
            mid_snapshot["at"] = len(committed)
            deadline = time.monotonic() + 20
            while len(committed) < mid_snapshot["at"] + 5 and time.monotonic() < deadline:
                time.sleep(0.01)
            mid_snapshot["after"] = len(committed)

    seller = threading.Thread(target=till)
    seller.start()
    try:
        while len(committed) < 5:
            time.sleep(0.01)
        before = len(committed)
        manifest = run_backup(store, keys, backup_keys, FAST, progress)
    finally:
        stop.set()
        seller.join(30)
    assert manifest.status == GOOD
    assert mid_snapshot["after"] >= mid_snapshot["at"] + 5  # sales committed during the copy
    fresh = MemoryKeys()
    target = DataDir(tmp_path / "restored")
    restore_backup(store.layout.backups / manifest.file, target, fresh, backup_keys)
    restored = open_store(target, fresh)
    try:
        in_backup = {s for s in _sale_ids(restored) if not s.startswith("seed-")}
        report = verify(restored)
    finally:
        restored.close()
    assert set(committed[:before]) <= in_backup  # everything sold before the backup began
    assert in_backup == set(committed[:len(in_backup)])  # a prefix: nothing half, nothing invented
    # sales after the snapshot point are not in it; one more than counted may be: a sale can
    # commit before the snapshot and be appended to `committed` only after it was counted
    assert len(in_backup) <= mid_snapshot["at"] + 1
    assert manifest.row_counts["documents"] == len(in_backup) + 4  # + receipt and 3 seed sales
    assert report.ok, report.checks


def test_restore_refuses_a_directory_that_holds_a_store(store, keys, backup_keys):
    manifest = run_backup(store, keys, backup_keys, FAST)
    before = snapshot(store.layout.root)
    from app.services.backup.errors import RestoreTargetNotEmpty

    try:
        restore_backup(store.layout.backups / manifest.file, store.layout, keys, backup_keys)
    except RestoreTargetNotEmpty as exc:
        assert "jxc.db" in exc.message("en") or "store.json" in exc.message("en")
    else:
        raise AssertionError("restore overwrote a store")
    assert snapshot(store.layout.root) == before
    assert [m.status for m in list_backups(store.layout.backups)] == [GOOD]


def test_lzma_backups_restore_too(store, keys, backup_keys, tmp_path):
    from dataclasses import replace

    manifest = run_backup(store, keys, backup_keys, replace(FAST, compression="lzma"))
    assert manifest.compression == "lzma" and manifest.status == GOOD
    result = restore_backup(Path(store.layout.backups / manifest.file),
                            DataDir(tmp_path / "r"), MemoryKeys(), backup_keys)
    assert result.row_counts == manifest.row_counts
