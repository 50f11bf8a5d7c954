"""Health problems reach head office as `health.alert` events (and its webhooks), and the
backup key is escrowed there, so a store whose PC and keyring are gone restores from a
backup file and the key head office kept (a real `jxc hq serve`, SQLite and PostgreSQL)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from sqlalchemy import select

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.services import scheduler
from app.services.backup import escrow_record, restore_backup
from app.sync.credentials import KeyringTokenStore
from headoffice import db, escrow, webhooks
from headoffice.models import Event, WebhookDelivery


class MemoryKeys:
    """A keyring of its own: a fresh PC has none of the store's keys."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def get(self, uuid: str) -> str | None:
        return self.keys.get(uuid)

    def put(self, uuid: str, key: str) -> None:
        self.keys[uuid] = key


def _alerts(hq, code: str) -> list[dict]:
    from headoffice.models import HqStore

    def read(s):
        store_id = s.scalar(select(HqStore.id).where(HqStore.code == code))
        return [json.loads(p) for p in s.scalars(select(Event.payload).where(
            Event.store_id == store_id, Event.event_type == "health.alert").order_by(Event.id))]
    return db.read(hq.engine, read)


def test_health_problems_reach_head_office_once_until_they_change(hq, tills):
    till = tills()
    hook = webhooks.add(hq.engine, "https://example.invalid/hook", ["health.alert"], till.code)
    now = datetime.now(timezone.utc)
    report = scheduler.run_health_check(till.store, now)  # a new store: no backup yet
    assert report.worst == "warning"
    scheduler.run_health_check(till.store, now + timedelta(minutes=10))  # the same: not again
    till.uplink().sync_now()
    alerts = _alerts(hq, till.code)
    assert len(alerts) == 1
    assert alerts[0]["fingerprint"] == "backup:warning" and not alerts[0]["recovered"]
    assert alerts[0]["problems"][0]["name"] == "backup"
    queued = db.read(hq.engine, lambda s: s.scalars(select(WebhookDelivery.event_type).where(
        WebhookDelivery.webhook_id == hook["id"])).all())
    assert queued == ["health.alert"]
    scheduler.run_health_check(till.store, now + timedelta(hours=25))  # a day on: reminded
    till.uplink().sync_now()
    assert len(_alerts(hq, till.code)) == 2
    webhooks.remove(hq.engine, hook["id"])


def test_backup_key_escrowed_at_head_office_restores_on_a_fresh_pc(hq, tills, tmp_path):
    till = tills()
    backup_keys = MemoryKeys()
    manifest = scheduler.take_backup(till.store, KeyringKeyStore(), backup_keys)
    kid = manifest.key_id
    assert escrow_record(till.store.layout.backups) == {**escrow_record(
        till.store.layout.backups), "key_id": kid, "where": "head office"}
    assert scheduler.escrow_backup_key(till.store, backup_keys) is None  # already held
    kept = escrow.escrowed_keys(hq.engine, till.code)
    assert [k["key_id"] for k in kept] == [kid]
    blob = json.loads(kept[0]["blob"])
    assert blob["key"] == backup_keys.get(till.store.identity.store_uuid)
    assert scheduler.backup_plan(till.store).escrowed == "head office"
    from click.testing import CliRunner

    from app.cli import cli, register_commands
    register_commands()
    out = tmp_path / "key.json"
    shown = CliRunner().invoke(cli, ["hq", "backup-key", "--db", hq.url, "--store", till.code,
                                     "--output", str(out)])
    assert shown.exit_code == 0, shown.output
    assert kid in shown.output and out.read_text() == kept[0]["blob"]
    none = CliRunner().invoke(cli, ["hq", "backup-key", "--db", hq.url, "--store", "S404"])
    assert none.exit_code != 0 and "Traceback" not in none.output
    # the PC is gone: a new one with an empty keyring restores with head office's key
    fresh = DataDir(tmp_path / "new-pc")
    result = restore_backup(till.store.layout.backups / manifest.file, fresh, MemoryKeys(),
                            MemoryKeys(), blob["key"])
    assert result.store_code == till.code and result.row_counts["documents"] >= 1


def test_head_office_refuses_a_damaged_key_and_another_stores_key(hq, tills):
    till = tills()
    token = KeyringTokenStore().get(till.store.identity.store_uuid)
    key = "ab" * 32
    body = {"type": "jxc-backup-key", "version": 1, "store_uuid": "u-1",
            "store_code": till.code, "key_id": escrow.key_id(key), "key": key,
            "created_at": "2026-12-05T00:00:00+00:00"}
    with httpx.Client(base_url=hq.base_url + "/api/v1",
                      headers={"Authorization": f"Bearer {token}"}) as http:
        damaged = http.put("/backup-key", json={**body, "key": "cd" * 32})
        assert damaged.status_code == 409 and damaged.json()["code"] == "backup_key_mismatch"
        other = http.put("/backup-key", json={**body, "store_code": "ZZ99"})
        assert other.status_code == 403 and other.json()["code"] == "wrong_store"
        first = http.put("/backup-key", json=body)
        again = http.put("/backup-key", json=body)
        assert first.json()["stored"] is True and again.json()["stored"] is False
        assert httpx.put(hq.base_url + "/api/v1/backup-key", json=body).status_code == 401
    assert [k["key_id"] for k in escrow.escrowed_keys(hq.engine, till.code)] == [
        escrow.key_id(key)]


@pytest.fixture(autouse=True)
def _no_s3(monkeypatch):
    monkeypatch.delenv("JXC_S3_BUCKET", raising=False)
