"""The audit entry and the outbox event that every user action writes in its own transaction."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Callable

from sqlalchemy.orm import Session

from app.domain.audit import AuditRecord, canonical_json, seal
from app.persistence import ledger
from app.persistence.schema import AuditEntry, OutboxEvent
from app.persistence.store import LocalStore


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, or the command line of the PC that holds the key."""

    user_id: int | None
    username: str
    role: str


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def local_date(utc: datetime) -> date:
    """The business day of a UTC time, in this PC's time zone (the store's): a sale at
    07:30 in Beijing is on today's books, not yesterday's UTC date."""
    return utc.replace(tzinfo=timezone.utc).astimezone().date()


def utc_start_of(day: date) -> datetime:
    """Local midnight at the start of `day`, as naive UTC (how timestamps are stored)."""
    return datetime.combine(day, time.min).astimezone().astimezone(timezone.utc).replace(tzinfo=None)


Clock = Callable[[], datetime]


def write_audit(session: Session, store: LocalStore, actor: Actor, at: datetime, action: str,
                target: str, detail: dict) -> AuditEntry:
    last = ledger.last_audit(session, store.terminal_id)
    prev = None if last is None else AuditRecord(
        last.terminal_id, last.seq, last.at.isoformat(), last.user_id, last.action, last.target,
        last.detail, last.prev_hash, last.hash)
    detail = {"by": actor.username, **detail}
    record = seal(store.audit_key, prev, store.terminal_id, at.isoformat(), actor.user_id,
                  action, target, detail)
    row = AuditEntry(terminal_id=record.terminal_id, seq=record.seq, at=at,
                     user_id=record.user_id, action=action, target=target,
                     detail=record.detail, prev_hash=record.prev_hash, hash=record.hash)
    session.add(row)
    return row


def write_outbox(session: Session, store: LocalStore, at: datetime, event_type: str,
                 payload: dict) -> OutboxEvent:
    row = OutboxEvent(event_uuid=str(uuid.uuid4()), event_type=event_type,
                      terminal_id=store.terminal_id,
                      terminal_seq=ledger.next_outbox_seq(session, store.terminal_id),
                      payload=canonical_json(payload), created_at=at)
    session.add(row)
    return row
