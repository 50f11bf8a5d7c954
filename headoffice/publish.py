"""Publish records into the change feed (`changes`), and list it for administrators.

One publish is one transaction: all its records or none, for every store (store_id NULL)
or for one store. The id of a change is the terminals' cursor, so ids must become visible
in order: if change 11 could commit while 10 is still open, a terminal reading 11 would
move its cursor past 10 and never see it. On PostgreSQL each publisher therefore takes a
transaction-level advisory lock before its rows get their ids (the next publisher waits
until the previous one committed); SQLite has one writer at a time anyway. A rolled-back
publish leaves a gap in the ids, which a cursor simply passes.
"""
from __future__ import annotations

import json

from sqlalchemy import Engine, func, insert, or_, select, text
from sqlalchemy.orm import Session

from app.domain.audit import canonical_json
from headoffice import db
from headoffice.admin import store_by_code, utc_now
from headoffice.feed_records import Record
from headoffice.models import Change, HqStore

KINDS = ("unit", "category", "supplier", "product", "price", "user", "setting", "field",
         "report")
CHANGES_LOCK = (0x4A584346, 1)  # "JXCF", 1: one publisher at a time
STORE_EVENTS_LOCK = 0x4A584345  # "JXCE", store id: one ingest per store at a time (ingest.py)


def lock_publishers(s: Session) -> None:
    if s.bind.dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                  {"a": CHANGES_LOCK[0], "b": CHANGES_LOCK[1]})


def publish(engine: Engine, kind: str, records: list[Record], store_code: str | None = None,
            by: str = "") -> dict:
    """Append the records as changes of `kind`; returns the range of ids they got."""
    if kind not in KINDS:
        raise ValueError(f"unknown change kind {kind!r}")

    def work(s: Session) -> dict:
        store_id = store_by_code(s, store_code).id if store_code else None
        lock_publishers(s)
        now = utc_now()
        rows = [{"store_id": store_id, "kind": kind, "key": key[:64],
                 "payload": canonical_json(data), "published_at": now,
                 "published_by": (by or "")[:64]} for key, data in records]
        ids = list(s.scalars(insert(Change).returning(Change.id), rows)) if rows else []
        return {"kind": kind, "count": len(ids), "store": store_code.upper() if store_code else "*",
                "first_id": min(ids, default=None), "last_id": max(ids, default=None),
                "published_at": now.isoformat()}

    return db.write(engine, work)


def list_changes(engine: Engine, store_code: str | None = None, after: int = 0,
                 limit: int = 100) -> dict:
    """What the feed holds (for `jxc hq changes`): everything, or what one store receives."""
    def work(s: Session) -> dict:
        q = select(Change, HqStore.code).join(HqStore, HqStore.id == Change.store_id,
                                              isouter=True).where(Change.id > after)
        if store_code:
            store = store_by_code(s, store_code)
            q = q.where(or_(Change.store_id.is_(None), Change.store_id == store.id))
        rows = s.execute(q.order_by(Change.id).limit(limit)).all()
        return {"last_id": s.scalar(select(func.max(Change.id))) or 0,
                "changes": [{"id": c.id, "kind": c.kind, "key": c.key, "store": code or "*",
                             "published_at": c.published_at.isoformat(),
                             "published_by": c.published_by, "data": _shown(c)}
                            for c, code in rows]}

    return db.read(engine, work)


def _shown(change: Change) -> dict:
    """The payload without secrets (hashes are not for a listing)."""
    data = json.loads(change.payload)
    return {k: ("***" if k.endswith("_hash") else v) for k, v in data.items()}
