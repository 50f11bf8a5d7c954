"""Backup, restore and health commands (docs/backup.md)."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.i18n import user_language
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir

PHASES = {"snapshot": ("数据库快照", "Snapshot"), "pack": ("压缩加密", "Compress + encrypt"),
          "unpack": ("解密还原", "Decrypt + restore"), "verify": ("校验", "Verify")}


class ProgressBars:
    """Adapts the services' (phase, done, total) callbacks to one click bar per phase."""

    def __init__(self) -> None:
        self._phase, self._bar, self._done = None, None, 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self._phase:
            self.close()
            zh, en = PHASES.get(phase, (phase, phase))
            self._bar = click.progressbar(length=max(total, 1), label=f"{en} / {zh}",
                                          file=sys.stderr)
            self._bar.__enter__()
            self._phase, self._done = phase, 0
        self._bar.update(max(done - self._done, 0))
        self._done = max(done, self._done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _bucket(layout: DataDir):
    from app.services.backup import load_settings
    from app.services.backup.errors import BadBackupSettings

    settings = load_settings(layout.root)
    if settings.s3 is None:
        raise BadBackupSettings(source=f"{layout.root}/backup.json, JXC_S3_BUCKET",
                                detail="no S3 bucket is set")
    return settings.s3


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@cli.group()
def backup() -> None:
    """Encrypted, verified backups: now, list, upload, fetch, key."""


@backup.command("now")
@click.option("--if-due", is_flag=True, help="Only if the nightly backup is due (for a scheduler).")
@click.option("--no-upload", is_flag=True, help="Do not copy it to the S3 bucket even if set up.")
@click.pass_obj
def backup_now(layout: DataDir, if_due: bool, no_upload: bool) -> None:
    """Back up the store now (online: sales may go on), verify it by a trial restore, apply
    retention, and upload it when an S3 bucket is configured."""
    from app.services.backup import (KeyringBackupKeyStore, backup_due, last_good_time,
                                     list_backups, load_settings, run_backup, upload_backup)

    settings = load_settings(layout.root)
    if if_due:
        tried = [m.created_at for m in list_backups(layout.backups) if m.created_at]
        last_try = datetime.fromisoformat(tried[-1]) if tried else None
        if not backup_due(datetime.now().astimezone(), last_good_time(layout.backups),
                          settings.at, last_attempt=last_try):
            click.echo("No backup due. / 尚未到备份时间。")
            return
    store = open_local_store(layout)
    bars = ProgressBars()
    try:
        manifest = run_backup(store, KeyringKeyStore(), KeyringBackupKeyStore(), settings, bars)
    finally:
        bars.close()
        store.close()
    click.echo(f"Backup {manifest.id} good: {_mb(manifest.size)}, {manifest.page_count} pages, "
               f"{manifest.seconds:.1f} s, key id {manifest.key_id}")
    if settings.s3 and not no_upload:
        upload_backup(layout.backups, manifest, settings.s3)
        click.echo(f"Uploaded to {settings.s3.describe()}")


@backup.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def backup_list(layout: DataDir, fmt: str) -> None:
    """The backups in this data directory, oldest first, with their state."""
    from app.services.backup import list_backups

    rows = [m.as_dict() for m in list_backups(layout.backups)]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        when = (datetime.fromisoformat(r["created_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
                if r["created_at"] else "?")
        where = "s3" if r["offsite"].get("s3", {}).get("key") else ""
        click.echo(f"{r['id']:<32} {when}  {r['status']:<10} {_mb(r['size']):>9}  {where}"
                   f"{'  ' + r['error'][:60] if r['error'] else ''}")
    if not rows:
        click.echo("No backups yet. / 还没有备份。")


@backup.command("upload")
@click.argument("backup_id")
@click.pass_obj
def backup_upload(layout: DataDir, backup_id: str) -> None:
    """Copy one good backup to the configured S3 bucket (again)."""
    from app.services.backup import upload_backup
    from app.services.backup.offsite import find_backup

    target = _bucket(layout)
    upload_backup(layout.backups, find_backup(layout.backups, backup_id), target)
    click.echo(f"Uploaded {backup_id} to {target.describe()}")


@backup.command("fetch")
@click.argument("backup_id", required=False)
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--store-uuid", help="The store (its uuid is in the escrow blob); default: this data dir's.")
@click.pass_obj
def backup_fetch(layout: DataDir, backup_id: str | None, output: Path | None,
                 store_uuid: str | None) -> None:
    """List the store's backups in the S3 bucket, or download BACKUP_ID to --output."""
    from app.persistence.store import StoreIdentity
    from app.services.backup import download_backup, list_remote

    target = _bucket(layout)
    uuid = store_uuid or StoreIdentity.read(layout.identity).store_uuid
    if backup_id is None:
        for o in list_remote(target, uuid):
            click.echo(f"{o['id']:<32} {o['modified'][:16]}  {_mb(o['size']):>9}")
        return
    dest = output or Path(f"{backup_id}.jxcbak")
    download_backup(target, uuid, backup_id, dest)
    click.echo(f"Downloaded {backup_id} to {dest}")


@backup.group("key")
def backup_key() -> None:
    """The backup key: separate from the database key, escrowed at head office."""


@backup_key.command("export")
@click.option("--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def key_export(layout: DataDir, output: Path) -> None:
    """Write the escrow blob (a SECRET) for head office to OUTPUT (readable by you only)."""
    from app.persistence.store import StoreIdentity
    from app.services.backup import KeyringBackupKeyStore, escrow_blob, record_escrow
    from app.services.backup.errors import OutputExists
    from app.services.backup.keys import write_secret_file

    identity = StoreIdentity.read(layout.identity)
    blob = escrow_blob(identity, KeyringBackupKeyStore())
    try:
        write_secret_file(output, blob)
    except FileExistsError:
        raise OutputExists(path=str(output)) from None
    kid = json.loads(blob)["key_id"]
    record_escrow(layout.backups, kid, f"exported to {output}")
    click.echo(f"Backup key {kid} of store {identity.store_code} written to {output}. Give it to "
               "head office and keep it secret. / 请将该文件交总部保管，切勿泄露。")


@cli.command()
@click.argument("backup_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--data-dir", "target", type=click.Path(path_type=Path, file_okay=False),
              help="New data directory to restore into (default: the global --data-dir).")
@click.option("--backup-key-file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Escrow blob (or 64 hex digits) when this PC's keyring lacks the backup key.")
@click.pass_obj
def restore(layout: DataDir, backup_file: Path, target: Path | None,
            backup_key_file: Path | None) -> None:
    """Restore BACKUP_FILE into a new data directory, verify it, and put its key into this
    PC's keyring. Never overwrites an existing store."""
    from app.services.backup import KeyringBackupKeyStore, read_key_file, restore_backup

    key = read_key_file(backup_key_file)[1] if backup_key_file else None
    dest = DataDir(target.expanduser().resolve()) if target else layout
    bars = ProgressBars()
    try:
        result = restore_backup(backup_file, dest, KeyringKeyStore(), KeyringBackupKeyStore(),
                                key, bars)
    finally:
        bars.close()
    sales = result.row_counts.get("documents", 0)
    click.echo(f"Restored store {result.store_code} from backup {result.backup_id} into "
               f"{result.root} ({sales} documents) in {result.seconds:.1f} s; all checks passed.")
    if result.key_was_in_keyring:
        click.echo("Note: this PC already held this store's key. Never run two copies of one "
                   "store. / 注意：同一门店的两个副本不可同时使用。")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def health(layout: DataDir, fmt: str) -> None:
    """Integrity, ledger, audit chain, unsent events, last backup: exit 1 on any error."""
    from app.services.health import ERROR, check_health

    store = open_local_store(layout)
    try:
        report = check_health(store, now=datetime.now(timezone.utc))
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        lang = user_language()
        for c in report.checks:
            click.echo(f"{c.severity.upper():<8} {c.name:<9} {c.message(lang)}")
    if report.worst == ERROR:
        raise SystemExit(1)
