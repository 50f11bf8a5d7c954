"""Encrypted, verified backups of the local store (docs/backup.md).

The public surface, for the CLI, the desktop app, the nightly daemon and head-office sync:

- `run_backup(store, db_keys, backup_keys, settings, progress)` -> Manifest ("good" or raises)
- `restore_backup(archive, target, db_keys, backup_keys, backup_key_hex, progress)`
- `list_backups(backups_dir)`, `last_good(backups_dir)`
- `backup_due(now, last_good, at)`: the nightly schedule, pure
- `select_retained(...)` / `apply_retention(...)`: daily/weekly/monthly retention
- `escrow_blob(identity, backup_keys)`: the backup key for head office (a secret), and
  `record_escrow(backups_dir, key_id, where)` once head office has acknowledged it
- `upload_backup(...)`, `download_backup(...)`, `list_remote(...)`: S3-compatible copies

Progress callbacks receive (phase, done, total); phases are "snapshot", "pack", "unpack"
and "verify".
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.services.backup.catalog import GOOD, INCOMPLETE, Manifest, list_backups
from app.services.backup.create import run_backup
from app.services.backup.keys import (KeyringBackupKeyStore, escrow_blob, escrow_record, key_id,
                                      read_key_file, record_escrow)
from app.services.backup.offsite import download_backup, list_remote, upload_backup
from app.services.backup.restore import RestoreResult, restore_backup
from app.services.backup.retention import apply_retention, select_retained
from app.services.backup.schedule import backup_due, next_slot
from app.services.backup.settings import BackupSettings, S3Target, load_settings


def last_good(backups: Path) -> Manifest | None:
    good = [m for m in list_backups(backups) if m.status == GOOD]
    return good[-1] if good else None


def last_good_time(backups: Path) -> datetime | None:
    m = last_good(backups)
    return datetime.fromisoformat(m.created_at) if m else None


__all__ = ["GOOD", "INCOMPLETE", "BackupSettings", "KeyringBackupKeyStore", "Manifest",
           "RestoreResult", "S3Target", "apply_retention", "backup_due", "download_backup",
           "escrow_blob", "escrow_record", "key_id", "last_good", "last_good_time",
           "list_backups", "list_remote", "load_settings", "next_slot", "read_key_file",
           "record_escrow", "restore_backup", "run_backup", "select_retained", "upload_backup"]
