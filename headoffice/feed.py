"""What a terminal pulls: the change feed for its store, and the other terminals' events of
its store. Both are read in id order after the terminal's cursor.

Why a cursor never skips a row: publishers of changes are serialized (publish.py), and
ingest of one store's events is serialized per store (ingest.py), each with a lock taken
before the rows get their ids. So within what one terminal reads, ids become visible in
order, and "everything up to the last id I saw" is complete. SQLite has a single writer.

Each fetch first reads the newest id of the table (the long-poll mark, see longpoll.py)
and re-checks that the terminal was not revoked while it waited.
"""
from __future__ import annotations

import json

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from headoffice import db
from headoffice.admin import Caller
from headoffice.errors import TerminalRevoked, Unauthorized
from headoffice.models import Change, Event, Terminal

MAX_PAGE_BYTES = 16 * 1024 * 1024  # store events carry whole documents


def _still_allowed(s: Session, caller: Caller) -> None:
    terminal = s.get(Terminal, caller.terminal_id)
    if terminal is None or terminal.token_hash is None:
        raise Unauthorized()
    if terminal.revoked:
        raise TerminalRevoked()


def marks(engine: Engine) -> dict[str, int]:
    """The newest change and event ids (both are primary keys: an index lookup each)."""
    def work(s: Session) -> dict[str, int]:
        return {"changes": s.scalar(select(func.max(Change.id))) or 0,
                "events": s.scalar(select(func.max(Event.id))) or 0}

    return db.read(engine, work)


def changes(engine: Engine, caller: Caller, after: int, limit: int) -> tuple[dict, int]:
    """(the page of changes for the caller's store after `after`, the mark read before it)."""
    def work(s: Session) -> tuple[dict, int]:
        _still_allowed(s, caller)
        mark = s.scalar(select(func.max(Change.id))) or 0
        rows = s.scalars(select(Change).where(
            Change.id > after,
            or_(Change.store_id.is_(None), Change.store_id == caller.store_id))
            .order_by(Change.id).limit(limit)).all()
        page = [{"id": c.id, "kind": c.kind, "key": c.key,
                 "scope": "all" if c.store_id is None else "store",
                 "published_at": c.published_at, "data": json.loads(c.payload)} for c in rows]
        return {"changes": page, "next_after": rows[-1].id if rows else after,
                "more": len(rows) == limit}, mark

    return db.read(engine, work)


def store_events(engine: Engine, caller: Caller, after: int, limit: int) -> tuple[dict, int]:
    """The events of the caller's store after `after` that other terminals uploaded. The
    caller's own are passed over (the cursor still moves past them)."""
    def work(s: Session) -> tuple[dict, int]:
        _still_allowed(s, caller)
        mark = s.scalar(select(func.max(Event.id))) or 0
        rows = s.execute(select(Event, Terminal.uuid, Terminal.name)
                         .join(Terminal, Terminal.id == Event.terminal_id)
                         .where(Event.store_id == caller.store_id, Event.id > after)
                         .order_by(Event.id).limit(limit)).all()
        page, size, last = [], 0, after
        for e, t_uuid, t_name in rows:
            if page and size + len(e.payload) > MAX_PAGE_BYTES:
                break
            last = e.id
            if e.terminal_id == caller.terminal_id:
                continue
            size += len(e.payload)
            page.append({"id": e.id, "event_uuid": e.event_uuid, "event_type": e.event_type,
                         "terminal_uuid": t_uuid, "terminal_name": t_name, "source": e.source,
                         "seq": e.seq, "created_at": e.created_at, "received_at": e.received_at,
                         "payload": e.payload})
        full = len(rows) == limit or (bool(rows) and last != rows[-1][0].id)
        return {"events": page, "next_after": last, "more": full}, mark

    return db.read(engine, work)
