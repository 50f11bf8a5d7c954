"""Health: each check finds the problem it exists for, with a severity and zh/en messages."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from app.services.backup import record_escrow, run_backup
from app.services.health import ERROR, INFO, OK, WARNING, check_health
from backup_helpers import FAST


def _by_name(report) -> dict:
    return {c.name: c for c in report.checks}


def _fresh_good_backup(store, keys, backup_keys):
    manifest = run_backup(store, keys, backup_keys, FAST)
    record_escrow(store.layout.backups, manifest.key_id, "test: head office acknowledged")
    return manifest


def test_a_healthy_store(store, keys, backup_keys):
    _fresh_good_backup(store, keys, backup_keys)
    report = check_health(store, printer_status=lambda: (True, "online, paper ok"))
    assert {c.name: c.severity for c in report.checks} == {
        "database": OK, "ledger": OK, "audit": OK, "outbox": OK, "backup": OK, "printer": OK}
    assert report.worst == OK and report.as_dict()["worst"] == OK
    assert all(c.zh and c.en and c.zh != c.en for c in report.checks)


def test_a_broken_audit_chain_is_an_error(store, keys, backup_keys):
    _fresh_good_backup(store, keys, backup_keys)
    with store.engine.begin() as conn:  # a forger drops the trigger and edits history
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    report = check_health(store)
    audit = _by_name(report)["audit"]
    assert audit.severity == ERROR and report.worst == ERROR
    assert "jxc verify" in audit.en and "审计链" in audit.zh and audit.detail["count"] >= 1
    assert _by_name(report)["ledger"].severity == OK


def test_a_stale_or_missing_backup(store, keys, backup_keys):
    first = _by_name(check_health(store))["backup"]
    assert first.severity == WARNING and "no good backup" in first.en  # a new store
    later = datetime.now(timezone.utc) + timedelta(days=3)
    assert _by_name(check_health(store, now=later))["backup"].severity == ERROR

    manifest = _fresh_good_backup(store, keys, backup_keys)
    made = datetime.fromisoformat(manifest.created_at)
    assert _by_name(check_health(store, now=made + timedelta(hours=2)))["backup"].severity == OK
    a_night_missed = _by_name(check_health(store, now=made + timedelta(hours=30)))["backup"]
    assert a_night_missed.severity == WARNING and a_night_missed.detail["age_hours"] == 30.0
    assert "30.0" in a_night_missed.zh and "jxc backup now" in a_night_missed.en
    stale = _by_name(check_health(store, now=made + timedelta(days=3)))["backup"]
    assert stale.severity == ERROR and stale.detail["last_good"] == manifest.id


def test_an_unescrowed_key_and_a_failed_later_backup_warn(store, keys, backup_keys):
    manifest = run_backup(store, keys, backup_keys, FAST)
    check = _by_name(check_health(store))["backup"]
    assert check.severity == WARNING and "escrow" in check.en
    record_escrow(store.layout.backups, manifest.key_id, "test")
    failed = manifest.__class__(manifest.id + "-x", manifest.store_uuid, manifest.store_code,
                                datetime.now(timezone.utc).isoformat(), status="failed",
                                error="disk full")
    failed.save(store.layout.backups)
    check = _by_name(check_health(store))["backup"]
    assert check.severity == WARNING and "disk full" in check.en


def test_old_unsent_events(store):
    soon = datetime.now(timezone.utc) + timedelta(minutes=30)
    assert _by_name(check_health(store, now=soon))["outbox"].severity == OK
    two_days = _by_name(check_health(store, now=soon + timedelta(days=2)))["outbox"]
    assert two_days.severity == ERROR and two_days.detail["unsent"] >= 4
    assert two_days.detail["oldest_age_hours"] >= 48
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET sent_at = created_at"))
    assert _by_name(check_health(store, now=soon + timedelta(days=2)))["outbox"].severity == OK


def test_the_printer_hook(store):
    assert _by_name(check_health(store))["printer"].severity == INFO  # none configured
    out = _by_name(check_health(store, printer_status=lambda: (False, "paper out")))["printer"]
    assert out.severity == ERROR and "paper out" in out.en and "paper out" in out.zh

    def unplugged():
        raise OSError("device not found")

    gone = _by_name(check_health(store, printer_status=unplugged))["printer"]
    assert gone.severity == ERROR and "device not found" in gone.en


def test_the_configured_printer_is_asked_itself(store):
    """With `counter.printer` set, health asks the printer (DLE EOT) without printing: the
    emulator playing paper-out, offline and unplugged is each an error, ready is OK."""
    from app.devices.emulator import PrinterEmulator
    from app.services import settings
    from app.services.records import LOCAL_OPERATOR

    with PrinterEmulator(width_mm=80) as printer:
        settings.change(store, LOCAL_OPERATOR, "counter.printer", printer.url)
        ready = _by_name(check_health(store))["printer"]
        assert ready.severity == OK and "ready" in ready.en
        printer.state.paper_out = True
        out = _by_name(check_health(store))["printer"]
        assert out.severity == ERROR and "paper out" in out.en
        assert not printer.events("text")  # asked, never printed
    gone = _by_name(check_health(store))["printer"]  # the emulator is switched off now
    assert gone.severity == ERROR and "Check power, paper and cable" in gone.en
