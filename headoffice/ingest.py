"""Apply a terminal's batch exactly once per event id, in one transaction.

`INSERT … ON CONFLICT (event_uuid) DO NOTHING RETURNING` decides which events are new,
also when two senders race with the same ids (PostgreSQL makes the second wait for the
first and then skip; SQLite serializes writers). Only new events touch the projections,
so a replay, a duplicated delivery or a retry after a lost answer changes nothing and is
answered with the first result. The same id with another body is refused and flagged.

On PostgreSQL one store's batches are applied one at a time (a transaction-level advisory
lock on the store, taken before the events get their ids), so the ids of a store's events
become visible in order and a terminal reading its store's feed (feed.py) never moves its
cursor past an event still being written. Different stores still ingest in parallel.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from app.domain.audit import canonical_json
from app.domain.stores import normalize_store_code
from headoffice import audit, clock, cost, db, reactions, settlements
from headoffice.db import insert_for
from headoffice.admin import Caller, utc_now
from headoffice.errors import ValueOutOfRange, WrongStore
from headoffice.models import Event, EventConflict, SalesRow, StockRow, Terminal
from headoffice.schemas import (Batch, BatchResult, ErrorOut, EventIn, EventResult)

CONFLICT = ErrorOut(code="conflicting_event",
                    message_en="This event id was already applied with a different body; "
                               "refused and flagged at head office.",
                    message_zh="该事件 id 已按不同内容入账；总部已拒绝并标记。")


def body_hash(e: EventIn) -> str:
    """What must match for a replay: type, chain, sequence and the stored payload text."""
    text = canonical_json([e.event_type, e.source, e.seq, e.payload])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


BIGINT = 2 ** 63 - 1


def ingest(engine: Engine, caller: Caller, batch: Batch, received: datetime | None = None,
           max_skew: int = clock.DEFAULT_MAX_SKEW) -> BatchResult:
    """Apply the batch; `received` is head office's clock when the request arrived (the
    terminal's clock is measured against it, see clock.py)."""
    if normalize_store_code(batch.store_code) != caller.store_code:
        raise WrongStore(own=caller.store_code, other=batch.store_code)
    received = received or utc_now()
    try:
        result = db.write(engine, lambda s: _apply(s, caller, batch, received, max_skew))
    except DataError as exc:  # PostgreSQL: a projection total beyond bigint
        if getattr(exc.orig, "sqlstate", None) == "22003":
            raise ValueOutOfRange() from None
        raise
    return result  # the new lines are costed by cost.Worker, not in the upload


def _apply(s: Session, caller: Caller, batch: Batch, received: datetime,
           max_skew: int) -> BatchResult:
    now = utc_now()
    first: dict[str, EventIn] = {}
    for e in batch.events:
        first.setdefault(e.event_uuid, e)
    hashes = {u: body_hash(e) for u, e in first.items()}
    docs = {u: d for u, e in first.items() if (d := reactions.document_of(e)) is not None}
    # this store's feed, and the feeds of the senders whose transfers a receipt here closes
    # (their settlement event, settlements.py), locked in store id order
    settlements.lock(s, {caller.store_id} | reactions.transfer_senders(s, caller.store_id, docs))
    results = {u: _result(e, caller, now) for u, e in first.items()}
    rows = [{"event_uuid": u, "store_id": caller.store_id, "terminal_id": caller.terminal_id,
             "source": e.source, "seq": e.seq, "event_type": e.event_type,
             "body_hash": hashes[u], "payload": e.payload, "result": results[u],
             "created_at": e.created_at, "received_at": now, "flagged": False,
             "flag_reason": "", "doc_id": docs[u]["id"] if u in docs else None}
            for u, e in first.items()]
    inserted: set[str] = set()
    if rows:
        stmt = insert_for(s)(Event).on_conflict_do_nothing(index_elements=["event_uuid"])
        inserted = set(s.scalars(stmt.returning(Event.event_uuid), rows))
    known = _existing(s, [u for u in first if u not in inserted])
    _flag_reused_seqs(s, caller, [first[u] for u in inserted])
    # a store's document counts once, whichever terminal's copy came first (reactions.py)
    counted, _copies = reactions.first_copies(
        s, caller.store_id, [first[u] for u in first if u in inserted], docs)
    _project(s, caller.store_id, counted, now)
    reactions.react(s, caller.store_id, caller.store_code, counted, docs, now)
    cost.record(s, caller.store_id, counted, docs)
    for u, row in known.items():
        hashes[u], results[u] = row.body_hash, row.result
    answers = [_answer(s, caller, e, e is first[e.event_uuid] and e.event_uuid in inserted,
                       hashes[e.event_uuid], known.get(e.event_uuid), results[e.event_uuid], now)
               for e in batch.events]
    audit_result = audit.anchor(s, caller, batch.audit, now) if batch.audit else None
    said = clock.reading(batch)
    clock_view = clock.record(s, caller.terminal_id, said, received, max_skew) if said \
        else clock.view(s, caller.terminal_id, max_skew)
    s.execute(update(Terminal).where(Terminal.id == caller.terminal_id).values(last_seen_at=now))
    return BatchResult(results=answers, audit=audit_result, clock=clock_view)


def _result(e: EventIn, caller: Caller, now: datetime) -> str:
    return json.dumps({"applied_at": now.isoformat(), "store": caller.store_code,
                       "terminal": caller.terminal_name, "stock_rows": len(e.facts.moves),
                       "sales_rows": len(e.facts.sales)}, ensure_ascii=False)


def _existing(s: Session, uuids: list[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for i in range(0, len(uuids), 500):
        for row in s.scalars(select(Event).where(Event.event_uuid.in_(uuids[i:i + 500]))):
            found[row.event_uuid] = row
    return found


def _answer(s: Session, caller: Caller, e: EventIn, applied: bool, prior_hash: str,
            prior: Event | None, result: str, now: datetime) -> EventResult:
    """applied: this copy was inserted now. Otherwise the id is known (earlier, or earlier
    in this batch): the same body from the same terminal is a replay, anything else a
    conflict. Another store's id is never answered with its result; another terminal of
    the same store may replay it (a re-enrolled data directory resending an event whose
    acknowledgement was lost)."""
    u = e.event_uuid
    if applied:
        return EventResult(event_uuid=u, status="applied", result=json.loads(result))
    own = body_hash(e)
    same_store = prior is None or prior.store_id == caller.store_id
    if own == prior_hash and same_store:
        return EventResult(event_uuid=u, status="duplicate", result=json.loads(result))
    s.add(EventConflict(event_uuid=u, terminal_id=caller.terminal_id, body_hash=own,
                        received_at=now))
    s.execute(update(Event).where(Event.event_uuid == u).values(
        flagged=True, flag_reason="id sent again with a different body"))
    return EventResult(event_uuid=u, status="conflict", error=CONFLICT)


def _flag_reused_seqs(s: Session, caller: Caller, new: list[EventIn]) -> None:
    """A sequence number seen before under another id: kept (it is a real sale) but flagged,
    typically a terminal restored from an old backup."""
    if not new:
        return
    seqs = {(e.source, e.seq): e.event_uuid for e in new}
    rows = s.execute(select(Event.event_uuid, Event.source, Event.seq).where(
        Event.terminal_id == caller.terminal_id, Event.seq.in_(sorted({e.seq for e in new}))))
    for uuid, source, seq in rows:
        mine = seqs.get((source, seq))
        if mine is not None and mine != uuid:
            s.execute(update(Event).where(Event.event_uuid == mine).values(
                flagged=True, flag_reason=f"sequence {seq} already used by event {uuid}"[:200]))


def _project(s: Session, store_id: int, new: list[EventIn], now: datetime) -> None:
    """Add the new events' facts to the projections, one upsert per table in key order
    (a fixed lock order, so concurrent batches of one store cannot deadlock)."""
    stock: dict = defaultdict(lambda: [0, 0])
    sales: dict = defaultdict(lambda: [0, 0])
    for e in new:
        for m in e.facts.moves:
            cell = stock[(m.sku, m.warehouse)]
            cell[0] += m.qty_milli
            cell[1] += m.value_fen
        for f in e.facts.sales:
            cell = sales[(f.day, f.sku)]
            cell[0] += f.qty_milli
            cell[1] += f.amount_fen
    insert = insert_for(s)
    if stock:
        rows = [{"store_id": store_id, "sku": k[0], "warehouse": k[1], "qty_milli": v[0],
                 "value_fen": v[1], "updated_at": now} for k, v in sorted(stock.items())]
        _upsert(s, insert(StockRow), ["store_id", "sku", "warehouse"], ["qty_milli", "value_fen"], rows)
    if sales:
        rows = [{"store_id": store_id, "day": k[0], "sku": k[1], "qty_milli": v[0],
                 "amount_fen": v[1], "updated_at": now} for k, v in sorted(sales.items())]
        _upsert(s, insert(SalesRow), ["store_id", "day", "sku"], ["qty_milli", "amount_fen"], rows)


def _upsert(s: Session, stmt, keys: list[str], sums: list[str], rows: list[dict]) -> None:
    """Add the deltas; a total that no longer fits a signed 64-bit integer refuses the
    whole batch (ValueOutOfRange, 422): PostgreSQL raises, SQLite would turn it into a
    float, so the new totals are read back and checked."""
    if any(abs(row[c]) > BIGINT for row in rows for c in sums):
        raise ValueOutOfRange()
    table = stmt.table
    changes = {c: table.c[c] + stmt.excluded[c] for c in sums}
    changes["updated_at"] = stmt.excluded.updated_at
    for i in range(0, len(rows), 1000):
        totals = s.execute(stmt.values(rows[i:i + 1000]).on_conflict_do_update(
            index_elements=keys, set_=changes).returning(*(table.c[c] for c in sums)))
        if any(type(v) is not int or abs(v) > BIGINT for row in totals for v in row):
            raise ValueOutOfRange()
