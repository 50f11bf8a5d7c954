"""Terminal clock skew, measured by head office at each upload.

A batch carries the terminal's clock at the moment it was sent (`sent_at`; a terminal that
does not send it still reports `audit.observed_at`, read just before sending). Head office
compares it with its own clock when the request arrived:

    offset = terminal's clock - head office's clock   (< 0: behind, > 0: ahead)

Network time adds to "behind" (a request that took 2 s reads as 2 s behind), never hides
a skew beyond the threshold (default 5 minutes, `jxc hq serve --max-clock-skew`). Beyond
it the terminal is flagged: `terminals.clock_skewed_since` is set and a `skewed` row goes
into `clock_events`; when a later batch is within the threshold again, a `recovered` row,
and the flag is cleared. Only the send-time clock counts: events written offline days ago
carry old `created_at` times, which say nothing about the clock.

A measurement older than the one recorded (two batches of one terminal overlapping) does
not change the state. The answer of every batch carries the terminal's current view
(`BatchResult.clock`), so `jxc sync status` can show it at the till.
"""
from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from headoffice.errors import HqError
from headoffice.models import ClockEvent, Terminal
from headoffice.schemas import Batch, ClockOut

ENV_MAX_SKEW = "JXC_HQ_MAX_CLOCK_SKEW"
DEFAULT_MAX_SKEW = 300  # seconds
MAX_OFFSET = 10 ** 12  # seconds (about 31,700 years): what datetimes can differ by, bounded


class BadSkewSetting(HqError):
    code = "bad_clock_skew_setting"
    zh = "时钟偏差阈值“{value}”无效：请给出 1 到 86400 之间的秒数。"
    en = "The clock skew threshold '{value}' is not valid: give 1 to 86400 seconds."


def check_threshold(value: object) -> int:
    try:
        seconds = int(str(value).strip())
    except ValueError:
        raise BadSkewSetting(value=str(value)[:20]) from None
    if not 1 <= seconds <= 86_400:
        raise BadSkewSetting(value=str(value)[:20])
    return seconds


def threshold_from_env() -> int:
    """The threshold of this worker: JXC_HQ_MAX_CLOCK_SKEW seconds, else 5 minutes."""
    raw = os.environ.get(ENV_MAX_SKEW)
    return DEFAULT_MAX_SKEW if raw in (None, "") else check_threshold(raw)


def reading(batch: Batch) -> datetime | None:
    """The terminal's clock when it sent the batch (naive UTC), if the batch says."""
    if batch.sent_at is not None:
        return batch.sent_at
    return batch.audit.observed_at if batch.audit is not None else None


def record(s: Session, terminal_id: int, said: datetime, received: datetime,
           threshold: int) -> ClockOut:
    """Measure, update the terminal's clock state, log a skew or a recovery."""
    offset = max(-MAX_OFFSET, min(MAX_OFFSET, round((said - received).total_seconds())))
    skewed = abs(offset) > threshold
    checked, since = s.execute(select(Terminal.clock_checked_at, Terminal.clock_skewed_since)
                               .where(Terminal.id == terminal_id)).one()
    if checked is not None and received < checked:  # an older request finished later
        return view(s, terminal_id, threshold)
    if skewed != (since is not None):
        s.add(ClockEvent(terminal_id=terminal_id, kind="skewed" if skewed else "recovered",
                         offset_s=offset, terminal_time=said, at=received))
        since = received if skewed else None
    s.execute(update(Terminal).where(Terminal.id == terminal_id).values(
        clock_offset_s=offset, clock_checked_at=received, clock_skewed_since=since))
    return ClockOut(offset_seconds=offset, skewed=skewed, threshold_seconds=threshold,
                    checked_at=received, skewed_since=since)


def view(s: Session, terminal_id: int, threshold: int) -> ClockOut | None:
    """The terminal's clock as last measured, or None before any measurement."""
    offset, checked, since = s.execute(
        select(Terminal.clock_offset_s, Terminal.clock_checked_at, Terminal.clock_skewed_since)
        .where(Terminal.id == terminal_id)).one()
    if checked is None:
        return None
    return ClockOut(offset_seconds=offset, skewed=since is not None, threshold_seconds=threshold,
                    checked_at=checked, skewed_since=since)


def describe(offset: int) -> str:
    """'2 h 0 min behind', '45 s ahead': for people reading a listing."""
    size = abs(offset)
    if size >= 3600:
        text = f"{size // 3600} h {size % 3600 // 60} min"
    elif size >= 60:
        text = f"{size // 60} min {size % 60} s"
    else:
        text = f"{size} s"
    return f"{text} {'behind' if offset < 0 else 'ahead'}"


def columns(t: Terminal) -> dict:
    """A terminal's clock columns for listings (None before the first measurement)."""
    return {"clock_offset_seconds": t.clock_offset_s,
            "clock_skewed": t.clock_skewed_since is not None,
            "clock_skewed_since": t.clock_skewed_since.isoformat() if t.clock_skewed_since else None,
            "clock_checked_at": t.clock_checked_at.isoformat() if t.clock_checked_at else None}
