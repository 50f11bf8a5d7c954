"""Retention (daily/weekly/monthly, never the last good one) and the nightly schedule."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta, timezone

import pytest

from app.services.backup import (GOOD, BackupSettings, apply_retention, backup_due,
                                 list_backups, next_slot, run_backup, select_retained)
from app.services.backup.catalog import FAILED, Manifest
from backup_helpers import FAST

UTC = timezone.utc
CST = timezone(timedelta(hours=8))


def _daily(first: datetime, days: int) -> list[tuple[str, datetime]]:
    return [((first + timedelta(days=i)).strftime("%Y-%m-%d"), first + timedelta(days=i))
            for i in range(days)]


def test_keeps_the_newest_of_each_recent_day_week_and_month():
    backups = _daily(datetime(2026, 1, 1, 2, 30, tzinfo=UTC), 120)  # 1 Jan .. 30 Apr 2026
    kept = select_retained(backups, daily=7, weekly=4, monthly=12, tz=UTC)
    days = {f"2026-04-{d}" for d in range(24, 31)}  # the last 7 days
    weeks = {"2026-04-26", "2026-04-19", "2026-04-12"}  # Sundays ending ISO weeks 15-17 (+ 18's)
    months = {"2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31"}  # only 4 months exist
    assert kept == days | weeks | months


def test_a_till_switched_off_for_weeks_keeps_its_last_backups():
    backups = _daily(datetime(2025, 6, 1, 2, 30, tzinfo=UTC), 10)
    kept = select_retained(backups, daily=7, weekly=0, monthly=0, tz=UTC)
    assert kept == {b for b, _ in backups[-7:]}


def test_the_last_good_backup_is_never_selected_for_deletion():
    backups = _daily(datetime(2026, 3, 1, 2, 30, tzinfo=UTC), 5)
    assert select_retained(backups, 0, 0, 0) == {"2026-03-05"}
    assert select_retained([], 7, 4, 12) == set()


def test_days_are_the_shops_local_days():
    late = datetime(2026, 5, 1, 17, 0, tzinfo=UTC)  # 01:00 on 2 May in Beijing
    earlier = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)  # 18:00 on 1 May in Beijing
    assert select_retained([("a", earlier), ("b", late)], 2, 0, 0, tz=CST) == {"a", "b"}
    assert select_retained([("a", earlier), ("b", late)], 1, 0, 0, tz=UTC) == {"b"}


def test_apply_retention_deletes_files_and_stale_failures(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    for i in range(5):
        at = datetime(2026, 3, 1 + i, 2, 30, tzinfo=UTC)
        m = Manifest(f"S001-{i}", "u", "S001", at.isoformat(), status=GOOD)
        m.save(backups)
        (backups / m.file).write_bytes(b"x")
    old_failure = Manifest("S001-f", "u", "S001", datetime(2026, 2, 1, tzinfo=UTC).isoformat(),
                           status=FAILED, error="disk full")
    old_failure.save(backups)
    removed = apply_retention(backups, BackupSettings(keep_daily=2, keep_weekly=0, keep_monthly=0))
    assert sorted(removed) == ["S001-0", "S001-1", "S001-2", "S001-f"]
    assert [m.id for m in list_backups(backups)] == ["S001-3", "S001-4"]
    assert sorted(p.name for p in backups.iterdir()) == [
        "S001-3.jxcbak", "S001-3.manifest.json", "S001-4.jxcbak", "S001-4.manifest.json"]


def test_each_good_backup_applies_retention(store, keys, backup_keys):
    keep_one = replace(FAST, keep_daily=0, keep_weekly=0, keep_monthly=0)
    first = run_backup(store, keys, backup_keys, keep_one)
    second = run_backup(store, keys, backup_keys, keep_one)
    assert [(m.id, m.status) for m in list_backups(store.layout.backups)] == [(second.id, GOOD)]
    assert not (store.layout.backups / first.file).exists()


@pytest.mark.parametrize("now, last_good, due", [
    ("2026-11-22 09:00", "2026-11-21 02:31", True),    # the PC was off at 02:30: run at start
    ("2026-11-22 09:00", "2026-11-22 02:31", False),   # done last night
    ("2026-11-22 01:00", "2026-11-21 02:31", False),   # tonight's slot has not come yet
    ("2026-11-22 02:30", "2026-11-21 02:31", True),    # the slot itself
    ("2026-11-22 02:29", None, True),                  # never backed up
])
def test_backup_due(now, last_good, due):
    def at(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CST)

    assert backup_due(at(now), at(last_good) if last_good else None) is due


def test_a_failed_attempt_waits_before_retrying_and_times_are_configurable():
    now = datetime(2026, 11, 22, 3, 0, tzinfo=CST)
    yesterday = now - timedelta(days=1)
    failed = now - timedelta(minutes=20)
    assert not backup_due(now, yesterday, last_attempt=failed)
    assert backup_due(now + timedelta(hours=1), yesterday, last_attempt=failed)
    assert backup_due(now, yesterday, last_attempt=yesterday)  # an old failure does not block
    after_four = datetime(2026, 11, 21, 4, 30, tzinfo=CST)
    assert not backup_due(now, after_four, at=time(4, 0))  # tonight's 04:00 slot is to come
    assert backup_due(now, after_four)  # the default 02:30 slot has passed
    assert next_slot(now, time(4, 0)) == datetime(2026, 11, 22, 4, 0, tzinfo=CST)
    with pytest.raises(ValueError):
        backup_due(datetime(2026, 11, 22, 3, 0), None)
