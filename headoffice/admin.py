"""Stores and terminals: add, enroll, authenticate, revoke.

Enrollment is one UPDATE that marks the code used only if it is unused and unexpired, so
two terminals racing with one code cannot both win, on PostgreSQL or SQLite.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from app.domain.stores import normalize_store_code, normalize_store_name
from headoffice import clock, db
from headoffice.errors import (EnrollmentCodeInvalid, HqStoreExists, InvalidName, StoreMismatch,
                               StoreNotFound, TerminalExists, TerminalNotFound, TerminalRevoked,
                               Unauthorized)
from headoffice.models import EnrollmentCode, HqStore, Terminal
from headoffice.tokens import hash_code, hash_secret, new_enrollment_code, new_token

CODE_LIFETIME = timedelta(days=3)


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Caller:
    """The authenticated terminal of a request."""

    terminal_id: int
    terminal_uuid: str
    terminal_name: str
    store_id: int
    store_code: str


def store_by_code(s: Session, code: str) -> HqStore:
    code = normalize_store_code(code)
    store = s.scalars(select(HqStore).where(HqStore.code == code)).first()
    if store is None:
        raise StoreNotFound(code=code)
    return store


def add_store(engine: Engine, code: str, name: str) -> dict:
    code, name = normalize_store_code(code), normalize_store_name(name)

    def work(s: Session) -> dict:
        if s.scalars(select(HqStore.id).where(HqStore.code == code)).first() is not None:
            raise HqStoreExists(code=code)
        s.add(HqStore(code=code, name=name, created_at=utc_now()))
        return {"code": code, "name": name}

    return db.write(engine, work)


def _terminal(s: Session, store_code: str, name: str) -> Terminal:
    store = store_by_code(s, store_code)
    found = s.scalars(select(Terminal).where(Terminal.store_id == store.id,
                                             Terminal.name == name)).first()
    if found is None:
        raise TerminalNotFound(store=store.code, name=name)
    return found


def add_terminal(engine: Engine, store_code: str, name: str) -> dict:
    """A new terminal and its one-time enrollment code (shown once, stored hashed)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        raise InvalidName()
    code = new_enrollment_code()

    def work(s: Session) -> dict:
        store = store_by_code(s, store_code)
        if s.scalars(select(Terminal.id).where(Terminal.store_id == store.id,
                                               Terminal.name == name)).first() is not None:
            raise TerminalExists(store=store.code, name=name)
        now = utc_now()
        terminal = Terminal(uuid=str(uuid.uuid4()), store_id=store.id, name=name,
                            revoked=False, created_at=now)
        s.add(terminal)
        s.flush()
        s.add(EnrollmentCode(terminal_id=terminal.id, code_hash=hash_code(code), created_at=now,
                             expires_at=now + CODE_LIFETIME))
        return {"store": store.code, "terminal": name, "terminal_uuid": terminal.uuid,
                "enrollment_code": code, "expires_at": (now + CODE_LIFETIME).isoformat()}

    return db.write(engine, work)


def revoke_terminal(engine: Engine, store_code: str, name: str) -> dict:
    def work(s: Session) -> dict:
        terminal = _terminal(s, store_code, name)
        if not terminal.revoked:
            terminal.revoked, terminal.revoked_at = True, utc_now()
        return {"terminal": terminal.name, "terminal_uuid": terminal.uuid, "revoked": True}

    return db.write(engine, work)


def list_terminals(engine: Engine, store_code: str) -> list[dict]:
    def work(s: Session) -> list[dict]:
        store = store_by_code(s, store_code)
        rows = s.scalars(select(Terminal).where(Terminal.store_id == store.id)
                         .order_by(Terminal.name))
        return [{"name": t.name, "uuid": t.uuid, "enrolled": t.token_hash is not None,
                 "revoked": t.revoked,
                 "last_seen_at": t.last_seen_at.isoformat() if t.last_seen_at else None,
                 **clock.columns(t)} for t in rows]

    return db.read(engine, work)


def enroll(engine: Engine, code: str, local_store_code: str, device: str = "") -> dict:
    """Trade a one-time code for a terminal token; the store codes must agree. The same
    device repeating its request (a lost answer) gets a fresh token instead of a refusal."""
    code_hash, token = hash_code(code), new_token()
    device_hash = hash_secret("device:" + device) if device else None

    def work(s: Session) -> dict:
        now = utc_now()
        row = s.scalars(select(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash)).first()
        repeat = row is not None and device_hash is not None and row.used_by == device_hash
        if row is None or (row.used_at is not None and not repeat) or row.expires_at <= now:
            raise EnrollmentCodeInvalid()
        terminal = s.get(Terminal, row.terminal_id)
        store = s.get(HqStore, terminal.store_id)
        if normalize_store_code(local_store_code) != store.code:
            raise StoreMismatch(hq_store=store.code, local_store=local_store_code)
        if not repeat:
            won = s.execute(update(EnrollmentCode).where(EnrollmentCode.id == row.id,
                                                         EnrollmentCode.used_at.is_(None))
                            .values(used_at=now, used_by=device_hash)).rowcount
            if won != 1:
                raise EnrollmentCodeInvalid()
        if terminal.revoked:
            raise EnrollmentCodeInvalid()
        terminal.token_hash, terminal.enrolled_at = hash_secret(token), now
        return {"terminal_uuid": terminal.uuid, "terminal_name": terminal.name,
                "store_code": store.code, "store_name": store.name, "token": token}

    return db.write(engine, work)


def authenticate(s: Session, token: str | None) -> Caller:
    if not token:
        raise Unauthorized()
    row = s.execute(select(Terminal, HqStore.code).join(HqStore, HqStore.id == Terminal.store_id)
                    .where(Terminal.token_hash == hash_secret(token))).first()
    if row is None:
        raise Unauthorized()
    terminal, store_code = row
    if terminal.revoked:
        raise TerminalRevoked()
    return Caller(terminal.id, terminal.uuid, terminal.name, terminal.store_id, store_code)
