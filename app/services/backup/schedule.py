"""When the nightly backup is due: pure functions of the clock, for the UI and the daemon.

The schedule has one slot a day at the configured local time (default 02:30). A backup is
due when no good backup was taken since the latest slot that has passed: so a PC switched
off at 02:30 backs up at its next start. After a failed attempt, the next try waits
`retry_after` (default one hour) instead of looping.

Slots are computed in `now`'s time zone with wall-clock arithmetic; on a DST change night
the slot moves with the wall clock, which is what a shop expects.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

DEFAULT_TIME = time(2, 30)
DEFAULT_RETRY = timedelta(hours=1)


def last_slot(now: datetime, at: time = DEFAULT_TIME) -> datetime:
    """The most recent scheduled moment at or before `now` (aware, in now's time zone)."""
    _aware(now)
    slot = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return slot if slot <= now else slot - timedelta(days=1)


def next_slot(now: datetime, at: time = DEFAULT_TIME) -> datetime:
    return last_slot(now, at) + timedelta(days=1)


def backup_due(now: datetime, last_good: datetime | None, at: time = DEFAULT_TIME,
               last_attempt: datetime | None = None, retry_after: timedelta = DEFAULT_RETRY) -> bool:
    """Is a backup due at `now`, given the last good backup (None: never) and the last
    attempt, good or not? All datetimes must be time-zone aware."""
    slot = last_slot(now, at)
    if last_good is not None and _aware(last_good) >= slot:
        return False
    failed_this_slot = last_attempt is not None and _aware(last_attempt) >= slot
    return not (failed_this_slot and now - last_attempt < retry_after)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("backup schedule times must be time-zone aware")
    return moment
