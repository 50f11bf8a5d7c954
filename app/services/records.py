"""The audit entry and the outbox event that every user action writes in its own transaction."""
from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from functools import lru_cache
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


# Who acts when a caller names nobody: the operator of the PC that holds the store key (the
# command line). The desktop app passes the signed-in user to every command instead.
LOCAL_OPERATOR = Actor(None, "local", "admin")


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


@lru_cache(maxsize=1)
def terminal_host() -> str:
    """This PC's host name (read once per process)."""
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


@lru_cache(maxsize=1)
def terminal_address() -> str:
    """This PC's primary local IP address, read once per process without network traffic:
    connecting a UDP socket only asks the OS which interface would route there (no packet
    is sent, no name is looked up). Without a route: 127.0.0.1."""
    for family, target in ((socket.AF_INET, ("192.0.2.1", 9)),  # TEST-NET-1, never used
                           (socket.AF_INET6, ("2001:db8::1", 9))):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect(target)
                address = probe.getsockname()[0]
        except OSError:
            continue
        if address and address not in ("0.0.0.0", "::"):
            return address
    return "127.0.0.1"


RESERVED_DETAIL_KEYS = frozenset({"by", "host", "address"})


def write_audit(session: Session, store: LocalStore, actor: Actor, at: datetime, action: str,
                target: str, detail: dict) -> AuditEntry:
    """Append the next entry of this terminal's chain. The detail gains who acted (`by`) and
    from where (`host`, `address`), all covered by the HMAC; callers never pass those keys,
    nor any secret or hash."""
    reserved = RESERVED_DETAIL_KEYS & detail.keys()
    if reserved:
        raise ValueError(f"audit detail keys reserved for write_audit: {sorted(reserved)}")
    last = ledger.last_audit(session, store.terminal_id)
    prev = None if last is None else AuditRecord(
        last.terminal_id, last.seq, last.at.isoformat(), last.user_id, last.action, last.target,
        last.detail, last.prev_hash, last.hash)
    detail = {"by": actor.username, "host": terminal_host(), "address": terminal_address(),
              **detail}
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
