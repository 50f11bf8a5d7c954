"""Restore a backup: into a scratch file (the trial restore that makes a backup good) or
into a new data directory (`jxc restore`).

Nothing is written before the backup key is known to be right and the metadata has been
authenticated. A restore builds `jxc.db.restoring`, proves it (integrity_check,
cipher_integrity_check, application id, row counts, audit chain), and only then renames
it to `jxc.db`, writes `store.json` and puts the database key into the keyring. Any
failure removes what it wrote.
"""
from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from alembic.script import ScriptDirectory

from app.persistence import migrate
from app.persistence.backup import PageCodec, check_restored, write_pages
from app.persistence.engine import APPLICATION_ID, make_engine
from app.persistence.keystore import KeyStore, entry_name
from app.persistence.layout import DataDir
from app.persistence.store import LocalStore, StoreIdentity, derive_audit_key, open_store
from app.services.backup.archive import ArchiveReader, read_header
from app.services.backup.catalog import fsync_dir
from app.services.backup.errors import (BackupCorrupt, BackupDiskError, BackupKeyMissing,
                                        BackupTooNew,
                                        RestoreKeyConflict, RestoreTargetNotEmpty,
                                        VerificationFailed)
from app.services.backup.keys import BackupKeyStore

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # phase, done, total
GATING = ("integrity_check", "cipher_integrity_check", "application_id", "row_counts",
          "audit_chain")


@dataclass
class RestoreResult:
    store_code: str
    store_uuid: str
    root: str
    backup_id: str
    row_counts: dict[str, int]
    key_was_in_keyring: bool
    seconds: float
    checks: dict[str, list[str]] = field(default_factory=dict)


def open_archive(path: Path, backup_key_hex: str | None,
                 backup_keys: BackupKeyStore | None) -> ArchiveReader:
    """The key given, else the keyring's: checked by id before anything is decrypted."""
    header, _, _ = read_header(path)
    key = backup_key_hex or (backup_keys.get(header.get("store_uuid", "")) if backup_keys else None)
    if not key:
        raise BackupKeyMissing(store_code=header.get("store_code", "?"),
                               key_id=header.get("key_id", "?"))
    return ArchiveReader(path, key)


def unpack(reader: ArchiveReader, dest: Path, progress: Progress | None = None) -> int:
    """Write the backup's pages into a new SQLCipher file `dest`; returns the page count."""
    meta = reader.meta
    codec = PageCodec(meta["db_key"], bytes.fromhex(meta["db_salt"]), meta["page_size"])
    total = meta["page_count"]
    count = write_pages(dest, codec, _units(reader, codec.unit),
                        progress=lambda done: progress and progress("unpack", done, total))
    if count != total:
        raise BackupCorrupt(path=str(reader.path), reason=f"{count} pages, expected {total}")
    if progress:
        progress("unpack", total, total)
    return count


def _units(reader: ArchiveReader, size: int) -> Iterator[bytes]:
    buf = bytearray()
    for chunk in reader.plain_chunks():
        buf += chunk
        whole = len(buf) - len(buf) % size
        for off in range(0, whole, size):
            yield bytes(buf[off:off + size])
        del buf[:whole]
    if buf:
        raise BackupCorrupt(path=str(reader.path), reason="a page is cut short")


def verify_restored(db: Path, meta: dict, progress: Progress | None = None
                    ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(gating checks, other findings): each maps a check to its problems (empty = passed)."""
    if progress:
        progress("verify", 0, 2)
    found = check_restored(db, meta["db_key"])
    checks = {"integrity_check": found["integrity"],
              "cipher_integrity_check": found["cipher_integrity"],
              "application_id": [] if found["application_id"] == APPLICATION_ID
              else [f"application id {found['application_id']}"],
              "row_counts": _count_differences(meta["row_counts"], found["row_counts"])}
    findings: dict[str, list[str]] = {}
    if not any(checks.values()):
        checks["audit_chain"], findings = _ledger_checks(db, meta)
    else:
        checks["audit_chain"] = ["not checked: the database itself is damaged"]
    if progress:
        progress("verify", 2, 2)
    return checks, findings


def _count_differences(expected: dict, found: dict) -> list[str]:
    return [f"{t}: {found.get(t)} rows, the source had {expected.get(t)}"
            for t in sorted(set(expected) | set(found)) if expected.get(t) != found.get(t)]


def _ledger_checks(db: Path, meta: dict) -> tuple[list[str], dict[str, list[str]]]:
    from app.services.inventory.verify import verify

    engine = make_engine(db, meta["db_key"])
    try:
        store = LocalStore(layout=DataDir(db.parent), identity=StoreIdentity(**meta["identity"]),
                           engine=engine, audit_key=derive_audit_key(meta["db_key"]))
        report = verify(store)
    finally:
        engine.dispose()
    findings = {k: v for k, v in report.checks.items() if v and k != "audit_chain_intact"}
    return report.checks["audit_chain_intact"], findings


def restore_backup(archive: Path, target: DataDir, db_keys: KeyStore,
                   backup_keys: BackupKeyStore | None, backup_key_hex: str | None = None,
                   progress: Progress | None = None) -> RestoreResult:
    started = time.perf_counter()
    reader = open_archive(archive, backup_key_hex, backup_keys)
    try:
        return _restore(reader, target, db_keys, backup_keys, backup_key_hex, progress, started)
    finally:
        reader.close()


def _restore(reader: ArchiveReader, target: DataDir, db_keys: KeyStore,
             backup_keys: BackupKeyStore | None, backup_key_hex: str | None,
             progress: Progress | None, started: float) -> RestoreResult:
    meta = reader.meta
    identity = StoreIdentity(**meta["identity"])
    _refuse_unknown_revision(meta.get("schema_revision"))
    _refuse_occupied(target)
    existing = db_keys.get(identity.store_uuid)
    if existing and existing != meta["db_key"]:
        raise RestoreKeyConflict(store_code=identity.store_code,
                                 entry=entry_name(identity.store_uuid))
    created_root = not target.root.exists()
    building = target.root / "jxc.db.restoring"
    try:
        target.root.mkdir(parents=True, exist_ok=True)
        unpack(reader, building, progress)
        checks, _ = verify_restored(building, meta, progress)
        failed = {k: v for k, v in checks.items() if v}
        if failed:
            raise VerificationFailed(problems="; ".join(f"{k}: {v[0]}" for k, v in failed.items()))
        building.replace(target.db)
        identity.write(target.identity)
        fsync_dir(target.root)
        if not existing:
            db_keys.put(identity.store_uuid, meta["db_key"])
        if backup_keys is not None and backup_key_hex and not backup_keys.get(identity.store_uuid):
            backup_keys.put(identity.store_uuid, backup_key_hex)  # later backups: same escrow
        open_store(target, db_keys).close()  # the real open: migrations, store row, settings
    except OSError as exc:
        _undo(target, building, created_root)
        raise BackupDiskError(path=str(target.root), detail=type(exc).__name__) from exc
    except BaseException:
        _undo(target, building, created_root)
        raise
    log.info("restored backup %s of store %s into %s", meta.get("backup_id"),
             identity.store_code, target.root)
    return RestoreResult(identity.store_code, identity.store_uuid, str(target.root),
                         str(meta.get("backup_id", "")), meta["row_counts"], bool(existing),
                         round(time.perf_counter() - started, 3), checks)


def _refuse_unknown_revision(revision: str | None) -> None:
    known = {r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()}
    if revision and revision not in known:
        raise BackupTooNew(revision=revision)


def _refuse_occupied(target: DataDir) -> None:
    for path in [target.identity, *target.db_files(), target.root / "jxc.db.restoring"]:
        if path.exists():
            raise RestoreTargetNotEmpty(path=str(target.root), what=path.name)


def _undo(target: DataDir, building: Path, created_root: bool) -> None:
    for path in [building, *target.db_files(), target.identity]:
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
    if created_root:
        shutil.rmtree(target.root, ignore_errors=True)
