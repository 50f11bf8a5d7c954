"""Which backups to keep: the newest of each of the last N days, weeks and months.

Counting follows restic's rule: "the last 7 days" means the last 7 days *that have a
backup*, so a till switched off for a fortnight does not lose its history. Days, ISO weeks
and months are the store's local calendar. The newest good backup is always kept, whatever
the counts; backups that are not good never count as kept copies.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Callable, Iterable

from app.services.backup.catalog import FAILED, GOOD, list_backups, remove_backup

log = logging.getLogger(__name__)


def select_retained(backups: Iterable[tuple[str, datetime]], daily: int, weekly: int,
                    monthly: int, tz: tzinfo | None = None) -> set[str]:
    """Ids to keep among good backups given as (id, aware creation time); periods are
    taken in `tz` (default: this PC's local time zone)."""
    ordered = sorted(backups, key=lambda b: b[1], reverse=True)
    if not ordered:
        return set()
    keep = {ordered[0][0]}  # never delete the last good backup
    periods: list[tuple[int, Callable[[date], object]]] = [
        (daily, lambda d: d),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ]
    for count, bucket in periods:
        seen: set[object] = set()
        for backup_id, created in ordered:
            if len(seen) >= count:
                break
            period = bucket(created.astimezone(tz).date())
            if period not in seen:
                seen.add(period)
                keep.add(backup_id)
    return keep


def apply_retention(backups: Path, settings) -> list[str]:
    """Delete good backups outside the policy, and failed ones older than the newest good
    backup (their error no longer matters). Returns the removed ids."""
    listed = list_backups(backups)
    good = [(m.id, datetime.fromisoformat(m.created_at)) for m in listed if m.status == GOOD]
    keep = select_retained(good, settings.keep_daily, settings.keep_weekly, settings.keep_monthly)
    newest_good = max((created for _, created in good), default=None)
    removed = []
    for m in listed:
        stale_failure = (m.status == FAILED and newest_good is not None
                         and datetime.fromisoformat(m.created_at) < newest_good)
        if (m.status == GOOD and m.id not in keep) or stale_failure:
            remove_backup(backups, m.id)
            removed.append(m.id)
    if removed:
        log.info("retention removed %d backups: %s", len(removed), ", ".join(removed))
    return removed
