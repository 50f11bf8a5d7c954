"""The till's own maintenance: the nightly backup and its catch-up, the hourly health check
that tells head office about problems once per change, and the backup key's escrow."""
from __future__ import annotations

import json
from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.keystore import KeyringKeyStore
from app.persistence.schema import OutboxEvent
from app.services import scheduler
from app.services.backup import escrow_record, record_escrow
from app.services.records import Actor
from app.sync import settings as sync_settings
from app.sync.client import Transient

CASHIER = Actor(7, "cash", "cashier")


class MemoryKeys:
    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def get(self, uuid):
        return self.keys.get(uuid)

    def put(self, uuid, key):
        self.keys[uuid] = key


@pytest.fixture(autouse=True)
def _no_s3(monkeypatch):
    for name in ("JXC_S3_BUCKET", "JXC_BACKUP_TIME"):
        monkeypatch.delenv(name, raising=False)


def alerts(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [json.loads(p) for p in conn.scalars(select(OutboxEvent.payload).where(
            OutboxEvent.event_type == "health.alert").order_by(OutboxEvent.id))]


def test_a_new_store_is_due_and_a_backup_makes_it_wait_for_the_next_night(new_store):
    plan = scheduler.backup_plan(new_store)
    assert plan.due and plan.last_good is None and plan.at == time(2, 30)
    assert plan.keep == (7, 4, 12) and plan.offsite == "" and plan.escrowed == ""
    assert (plan.next_at.hour, plan.next_at.minute) == (2, 30)
    assert plan.next_at > datetime.now(timezone.utc)
    keys = MemoryKeys()
    made = scheduler.take_backup(new_store, KeyringKeyStore(), keys, only_if_due=True)
    assert made is not None and made.status == "good"
    assert scheduler.take_backup(new_store, KeyringKeyStore(), keys, only_if_due=True) is None
    plan = scheduler.backup_plan(new_store)
    assert not plan.due and plan.last_good.id == made.id == plan.last_attempt.id
    # the PC was off at the next 02:30: at its next start the backup is due again
    assert scheduler.backup_plan(new_store, plan.next_at + timedelta(hours=6)).due


def test_the_nightly_time_is_a_setting(new_store):
    (new_store.layout.root / "backup.json").write_text('{"time": "03:15", "keep_daily": 3}')
    plan = scheduler.backup_plan(new_store)
    assert plan.at == time(3, 15) and (plan.next_at.hour, plan.next_at.minute) == (3, 15)
    assert plan.keep == (3, 4, 12)


def test_only_managers_back_up_but_everyone_sees_the_plan(new_store):
    with pytest.raises(PermissionDenied):
        scheduler.take_backup(new_store, KeyringKeyStore(), MemoryKeys(), actor=CASHIER)
    assert scheduler.backup_plan(new_store, actor=CASHIER).due


def test_health_is_reported_once_per_change_and_when_it_recovers(new_store):
    now = datetime.now(timezone.utc)
    assert scheduler.last_health(new_store) is None
    first = scheduler.run_health_check(new_store, now)
    assert first.worst == "warning"  # no backup yet
    scheduler.run_health_check(new_store, now + timedelta(minutes=5))
    assert [a["fingerprint"] for a in alerts(new_store)] == ["backup:warning"]
    keys = MemoryKeys()
    made = scheduler.take_backup(new_store, KeyringKeyStore(), keys)
    record_escrow(new_store.layout.backups, made.key_id, "head office")
    fine = scheduler.run_health_check(new_store, now + timedelta(minutes=10))
    assert fine.worst in ("ok", "info")
    sent = alerts(new_store)
    assert [a["recovered"] for a in sent] == [False, True] and sent[1]["problems"] == []
    scheduler.run_health_check(new_store, now + timedelta(minutes=15))
    assert len(alerts(new_store)) == 2  # fine stays quiet
    kept = scheduler.last_health(new_store, actor=CASHIER)
    assert kept.checked_at == (now + timedelta(minutes=15)).isoformat()
    assert {c.name for c in kept.checks} >= {"database", "ledger", "audit", "backup"}


class FakeHq:
    def __init__(self, answer=None, fail: Exception | None = None) -> None:
        self.answer, self.fail, self.sent = answer, fail, []

    def __call__(self, url, token, ca):
        self.url, self.token = url, token
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def put_backup_key(self, body):
        self.sent.append(body)
        if self.fail:
            raise self.fail
        return self.answer or {"key_id": body["key_id"], "stored": True}


class Tokens:
    def get(self, uuid):
        return "tok-123"


def test_escrow_only_when_enrolled_then_once_per_key(new_store):
    keys = MemoryKeys()
    hq = FakeHq()
    assert scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=hq) is None
    keys.put(new_store.identity.store_uuid, "ab" * 32)
    assert scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=hq) is None
    sync_settings.save(new_store, {"hq_url": "https://hq.example", "terminal_uuid": "t-1"})
    kid = scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=hq)
    assert hq.sent[0]["key"] == "ab" * 32 and hq.sent[0]["key_id"] == kid
    assert hq.url == "https://hq.example" and hq.token == "tok-123"
    assert escrow_record(new_store.layout.backups)["where"] == "head office"
    assert scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=hq) is None
    assert len(hq.sent) == 1


def test_a_failed_escrow_says_so_and_records_nothing(new_store):
    keys = MemoryKeys()
    keys.put(new_store.identity.store_uuid, "cd" * 32)
    sync_settings.save(new_store, {"hq_url": "https://hq.example", "terminal_uuid": "t-1"})
    offline = FakeHq(fail=Transient("cannot connect: ConnectError"))
    with pytest.raises(scheduler.EscrowFailed) as failed:
        scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=offline)
    assert "cannot connect" in failed.value.message("en")
    assert "jxc backup key export" in failed.value.message("zh_CN")
    wrong = FakeHq(answer={"key_id": "0000000000000000"})
    with pytest.raises(scheduler.EscrowFailed):
        scheduler.escrow_backup_key(new_store, keys, Tokens(), client_factory=wrong)
    assert escrow_record(new_store.layout.backups) is None
