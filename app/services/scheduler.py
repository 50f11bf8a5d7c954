"""The till's own maintenance: the nightly backup, the hourly health check, telling head
office about problems, and escrowing the backup key there.

The desktop app calls these from a timer on a maintenance thread (app/ui/admin/background.py);
`jxc backup now --if-due` and `jxc health` do the same from a scheduler. What each does:

- `backup_plan`: when the next nightly backup runs (backup.json `time`, default 02:30),
  whether one is due now (a PC that was off at 02:30 catches up at its next start), the
  retention, and the last good backup.
- `take_backup`: `run_backup` (online, proved by a trial restore), the S3 upload when set
  up, then the key escrow when the terminal is enrolled.
- `run_health_check`: `check_health`, kept as the last report (`jxc_meta`), and a
  `health.alert` outbox event when the problems change (and once a day while they last,
  and once when they are gone), so head office notices the same day.
- `escrow_backup_key`: sends the escrow blob to head office over the enrolled, TLS-checked
  connection, and records the acknowledgement (`record_escrow`), which `jxc health` reads.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.keystore import KeyStore
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.backup import (BackupSettings, Manifest, backup_due, escrow_blob,
                                 escrow_record, key_id, last_good, list_backups, load_settings,
                                 next_slot, record_escrow, run_backup, upload_backup)
from app.services.backup.keys import BackupKeyStore
from app.services.backup.restore import Progress
from app.services.health import OK, RANK, HealthReport, PrinterStatus, check_health
from app.services.records import LOCAL_OPERATOR, Actor, utc_now, write_outbox

log = logging.getLogger(__name__)
ALERT_AGAIN_AFTER = timedelta(hours=24)  # a lasting problem is reported again once a day
LAST_REPORT = "health.last_report"  # jxc_meta keys
LAST_ALERT = "health.last_alert"
ALERT_EVENT = "health.alert"
HQ_ESCROW = "head office"


class EscrowFailed(DomainError):
    code = "escrow_failed"
    zh = "备份密钥未能交总部托管：{reason}。稍后会自动重试；也可用 jxc backup key export 导出后交总部。"
    en = ("The backup key could not be escrowed at head office: {reason}. It is tried again "
          "later; or export it with `jxc backup key export` and hand it over.")


@dataclass(frozen=True)
class BackupPlan:
    at: time  # local time of the nightly backup
    next_at: datetime  # aware, local
    due: bool
    last_good: Manifest | None
    last_attempt: Manifest | None
    keep: tuple[int, int, int]  # daily, weekly, monthly
    offsite: str  # the S3 target, or ""
    escrowed: str  # where the key is escrowed ("head office", "exported to …"), or ""


def backup_plan(store: LocalStore, now: datetime | None = None, *,
                actor: Actor = LOCAL_OPERATOR) -> BackupPlan:
    check(actor.role, "scheduler.backup_plan")
    now = (now or datetime.now(timezone.utc)).astimezone()
    settings = load_settings(store.layout.root)
    listed = list_backups(store.layout.backups)
    good = last_good(store.layout.backups)
    attempt = listed[-1] if listed else None
    tried = _when(attempt.created_at) if attempt and attempt.created_at else None
    due = backup_due(now, _when(good.created_at) if good else None, settings.at,
                     last_attempt=tried)
    record = escrow_record(store.layout.backups) or {}
    escrowed = record.get("where", "") if good and record.get("key_id") == good.key_id else ""
    return BackupPlan(settings.at, next_slot(now, settings.at), due, good, attempt,
                      (settings.keep_daily, settings.keep_weekly, settings.keep_monthly),
                      settings.s3.describe() if settings.s3 else "", escrowed)


def take_backup(store: LocalStore, db_keys: KeyStore | None = None,
                backup_keys: BackupKeyStore | None = None, *, only_if_due: bool = False,
                progress: Progress | None = None, now: datetime | None = None, tokens=None,
                actor: Actor = LOCAL_OPERATOR) -> Manifest | None:
    """A backup (None when `only_if_due` and none is due), uploaded and its key escrowed
    when those are set up; a failed upload or escrow is logged and shown by health. The
    keys come from the OS keyring unless given."""
    check(actor.role, "scheduler.take_backup")
    if only_if_due and not backup_plan(store, now, actor=actor).due:
        return None
    if db_keys is None or backup_keys is None:
        from app.persistence.keystore import KeyringKeyStore
        from app.services.backup import KeyringBackupKeyStore

        db_keys = db_keys or KeyringKeyStore()
        backup_keys = backup_keys or KeyringBackupKeyStore()
    settings: BackupSettings = load_settings(store.layout.root)
    manifest = run_backup(store, db_keys, backup_keys, settings, progress, actor=actor)
    if settings.s3 is not None:
        try:
            upload_backup(store.layout.backups, manifest, settings.s3)
        except Exception as exc:  # noqa: BLE001 - recorded in the manifest; health warns
            log.warning("backup upload failed: %s", exc)
    try:
        escrow_backup_key(store, backup_keys, tokens, actor=actor)
    except DomainError as exc:
        log.warning("backup key escrow failed: %s", exc.code)
    return manifest


def escrow_backup_key(store: LocalStore, backup_keys: BackupKeyStore, tokens=None, *,
                      actor: Actor = LOCAL_OPERATOR, client_factory=None) -> str | None:
    """Send the backup key to head office unless it already holds this key; returns the
    key id sent, None when nothing was needed or possible (not enrolled, no key yet)."""
    check(actor.role, "scheduler.escrow_backup_key")
    from app.sync import settings as sync_settings

    enrolled = sync_settings.read_all(store)
    uuid = store.identity.store_uuid
    key = backup_keys.get(uuid)
    if not enrolled.get("hq_url") or not key:
        return None
    kid = key_id(key)
    record = escrow_record(store.layout.backups) or {}
    if record.get("key_id") == kid and record.get("where") == HQ_ESCROW:
        return None
    token = _token(tokens, uuid)
    if not token:
        raise EscrowFailed(reason="no head-office token on this PC")
    blob = json.loads(escrow_blob(store.identity, backup_keys))
    answer = _send_escrow(enrolled, token, blob, client_factory)
    if answer.get("key_id") != kid:
        raise EscrowFailed(reason="head office did not confirm the key id")
    record_escrow(store.layout.backups, kid, HQ_ESCROW)
    log.info("backup key %s escrowed at head office", kid)
    return kid


def _token(tokens, uuid: str) -> str | None:
    if tokens is None:
        from app.sync.credentials import KeyringTokenStore

        try:
            tokens = KeyringTokenStore()
        except DomainError:
            return None
    return tokens.get(uuid)


def _send_escrow(enrolled: dict, token: str, blob: dict, client_factory) -> dict:
    from app.sync.client import Disabled, HqClient, Rejected, Transient

    class EscrowClient(HqClient):
        def put_backup_key(self, body: dict) -> dict:
            return self._call("PUT", "/backup-key", body)

    make = client_factory or (lambda url, tok, ca: EscrowClient(url, tok, ca_bundle=ca))
    try:
        with make(enrolled["hq_url"], token, enrolled.get("ca_bundle") or None) as client:
            return client.put_backup_key(blob)
    except Transient as exc:
        raise EscrowFailed(reason=exc.reason) from None
    except (Disabled, Rejected) as exc:
        raise EscrowFailed(reason=str(exc)) from None


def run_health_check(store: LocalStore, now: datetime | None = None, *,
                     printer_status: PrinterStatus | None = None,
                     actor: Actor = LOCAL_OPERATOR) -> HealthReport:
    """Check health, keep the report, and queue a `health.alert` for head office when
    the problems changed (or a day passed, or they are gone)."""
    check(actor.role, "scheduler.run_health_check")
    now = now or datetime.now(timezone.utc)
    report = check_health(store, now=now, printer_status=printer_status, actor=actor)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        _put(s, LAST_REPORT, json.dumps(report.as_dict(), ensure_ascii=False))
        alert = _alert_due(_get(s, LAST_ALERT), report, now)
        if alert is not None:
            write_outbox(s, store, utc_now(), ALERT_EVENT, alert)
            _put(s, LAST_ALERT, json.dumps({"fingerprint": alert["fingerprint"],
                                            "at": now.isoformat()}))
        uow.commit()
    return report


def last_health(store: LocalStore, *, actor: Actor = LOCAL_OPERATOR) -> HealthReport | None:
    """The report of the last check (by the app or `check now`), None before the first."""
    check(actor.role, "scheduler.last_health")
    from app.services.health import HealthCheck

    with UnitOfWork(store.engine, write=False) as uow:
        text = _get(uow.session, LAST_REPORT)
    if not text:
        return None
    data = json.loads(text)
    return HealthReport(data["checked_at"], [HealthCheck(**c) for c in data["checks"]])


def fingerprint(report: HealthReport) -> str:
    """What identifies the problems: each check that is not fine, with its severity."""
    bad = sorted(f"{c.name}:{c.severity}" for c in report.checks if RANK[c.severity] >= 2)
    return ",".join(bad) or OK


def _alert_due(last_text: str | None, report: HealthReport, now: datetime) -> dict | None:
    last = json.loads(last_text) if last_text else {}
    mark, before = fingerprint(report), last.get("fingerprint", OK)
    if mark == OK and before == OK:
        return None
    repeat = last.get("at") and now - datetime.fromisoformat(last["at"]) >= ALERT_AGAIN_AFTER
    if mark == before and not (mark != OK and repeat):
        return None
    return {"fingerprint": mark, "recovered": mark == OK, "previous": before,
            "worst": report.worst, "checked_at": report.checked_at,
            "problems": [{"name": c.name, "severity": c.severity, "en": c.en, "zh": c.zh}
                         for c in report.checks if RANK[c.severity] >= 2]}


def _get(s, key: str) -> str | None:
    return s.scalar(select(Meta.value).where(Meta.key == key))


def _put(s, key: str, value: str) -> None:
    row = s.get(Meta, key)
    if row is None:
        s.add(Meta(key=key, value=value))
    else:
        row.value = value


def _when(iso: str) -> datetime:
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
