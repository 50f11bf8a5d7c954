"""`jxc backup now` and the nightly run: snapshot, pack, trial restore, then "good".

1. snapshot: SQLite's online backup of the live database (sales go on meanwhile);
2. pack: its pages decrypted, compressed and sealed under the backup key into
   `<id>.jxcbak.part`, fsynced and renamed to `<id>.jxcbak`;
3. verify: a trial restore of that file into a scratch database must pass
   integrity_check, cipher_integrity_check, the audit chain and the row counts;
4. only then is the manifest turned "good", and retention prunes older backups.

The manifest says "running" from the first moment, under the backup lock; a crash at any
point leaves at most an "incomplete" backup, removed by the next run.
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from app.domain.permissions import check
from app.persistence import migrate
from app.persistence.backup import PageCodec, read_plain_pages, snapshot
from app.persistence.errors import KeyMissing
from app.persistence.keystore import KeyStore, entry_name
from app.persistence.store import LocalStore
from app.services.backup.archive import ArchiveReader, ArchiveWriter
from app.services.backup.catalog import (FAILED, GOOD, WORK_PREFIX, Manifest,
                                         backup_lock, clean_incomplete, fsync_dir)
from app.services.backup.errors import BackupDiskError, VerificationFailed
from app.services.backup.keys import BackupKeyStore, ensure_backup_key, key_id
from app.services.backup.restore import Progress, unpack, verify_restored
from app.services.backup.retention import apply_retention
from app.services.backup.settings import BackupSettings
from app.services.records import LOCAL_OPERATOR, Actor


def run_backup(store: LocalStore, db_keys: KeyStore, backup_keys: BackupKeyStore,
               settings: BackupSettings | None = None, progress: Progress | None = None,
               now: datetime | None = None, *, actor: Actor = LOCAL_OPERATOR) -> Manifest:
    """Take one backup; returns its manifest ("good"), or raises with it saved as "failed"."""
    check(actor.role, "backup.create.run_backup")
    settings = settings or BackupSettings()
    backups, identity = store.layout.backups, store.identity
    with backup_lock(backups):
        clean_incomplete(backups)
        key = ensure_backup_key(identity, backup_keys)
        db_key = db_keys.get(identity.store_uuid)
        if not db_key:
            raise KeyMissing(store_code=identity.store_code, entry=entry_name(identity.store_uuid))
        started_at = now or datetime.now(timezone.utc)
        manifest = Manifest(id=_new_id(identity.store_code, started_at),
                            store_uuid=identity.store_uuid, store_code=identity.store_code,
                            created_at=started_at.isoformat(), key_id=key_id(key),
                            compression=settings.compression)
        manifest.save(backups)
        work = backups / (WORK_PREFIX + manifest.id)
        work.mkdir()
        started = time.perf_counter()
        try:
            _take(store, manifest, db_key, key, work, settings, progress)
        except BaseException as exc:
            manifest.status, manifest.error = FAILED, _describe(exc)
            manifest.seconds = round(time.perf_counter() - started, 3)
            (backups / manifest.file).unlink(missing_ok=True)  # never keep an unproven file
            (backups / (manifest.file + ".part")).unlink(missing_ok=True)
            manifest.save(backups)
            if isinstance(exc, OSError):  # disk full, permissions: the user can act on it
                raise BackupDiskError(path=str(backups), detail=f"{type(exc).__name__}: "
                                      f"{exc.strerror or exc}") from exc
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        manifest.status, manifest.phase = GOOD, "done"
        manifest.finished_at = datetime.now(timezone.utc).isoformat()
        manifest.seconds = round(time.perf_counter() - started, 3)
        manifest.save(backups)
        apply_retention(backups, settings)
    return manifest


def _take(store: LocalStore, m: Manifest, db_key: str, key: str, work: Path,
          settings: BackupSettings, progress: Progress | None) -> None:
    backups = store.layout.backups
    with store.engine.connect() as conn:
        m.schema_revision = migrate.current_revision(conn) or ""
        conn.rollback()
    _phase(m, backups, "snapshot")
    snap = snapshot(store.engine, work / "snapshot.db", db_key, settings.pages_per_step,
                    lambda done, total: progress and progress("snapshot", done, total))
    m.row_counts, m.page_count = snap.row_counts, snap.page_count
    _phase(m, backups, "pack")
    header = {"store_uuid": m.store_uuid, "store_code": m.store_code,
              "store_name": store.identity.store_name, "backup_id": m.id,
              "created_at": m.created_at}
    meta = {"db_key": db_key, "db_salt": snap.salt.hex(), "page_size": snap.page_size,
            "page_count": snap.page_count, "row_counts": snap.row_counts, "backup_id": m.id,
            "schema_revision": m.schema_revision, "identity": asdict(store.identity)}
    part = backups / (m.file + ".part")
    codec = PageCodec(db_key, snap.salt, snap.page_size)
    with part.open("xb") as f:
        writer = ArchiveWriter(f, key, header, meta, settings.compression)
        for n, unit in enumerate(read_plain_pages(snap.path, codec), 1):
            writer.write(unit)
            if progress and (n % 256 == 0 or n == snap.page_count):
                progress("pack", n, snap.page_count)
        writer.close()
    os.replace(part, backups / m.file)
    fsync_dir(backups)
    m.size, m.sha256 = writer.size, writer.sha256.hexdigest()
    snap.path.unlink()
    _phase(m, backups, "verify")
    reader = ArchiveReader(backups / m.file, key)
    try:
        unpack(reader, work / "trial.db", progress)
    finally:
        reader.close()
    m.checks, findings = verify_restored(work / "trial.db", reader.meta, progress)
    m.checks["source_findings"] = [f"{k}: {p}" for k, v in findings.items() for p in v[:3]]
    failed = {k: v for k, v in m.checks.items() if v and k != "source_findings"}
    if failed:
        raise VerificationFailed(problems="; ".join(f"{k}: {v[0]}" for k, v in failed.items()))


def _phase(m: Manifest, backups: Path, phase: str) -> None:
    m.phase = phase
    m.save(backups)


def _new_id(store_code: str, at: datetime) -> str:
    return f"{store_code}-{at.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def _describe(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return message("en") if callable(message) else f"{type(exc).__name__}: {exc}"

