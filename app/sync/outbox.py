"""The local side of the uplink: read unsent outbox events with what they did to stock and
sales, and record what head office answered.

Outbox rows are frozen (triggers allow only `sent_at` to change); retry state lives in
`outbox_delivery`. The facts sent beside each event (ledger moves per product and
warehouse, sales lines) are read from posted documents, which never change, so every
resend of an event carries the same facts.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.sqlite import insert

from app.domain.documents import DocType
from app.persistence.schema import (AuditEntry, Document, DocumentLine, OutboxDelivery,
                                    OutboxEvent, Product, StockMove, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.sync import settings
from app.sync.line_facts import line_facts

SALES_SIGN = {DocType.SALE.value: 1, DocType.CUSTOMER_RETURN.value: -1}
_UNSENT = (OutboxEvent.sent_at.is_(None),
           or_(OutboxDelivery.failed.is_(None), OutboxDelivery.failed.is_(False)))


@dataclass(frozen=True)
class Outgoing:
    outbox_id: int
    wire: dict  # the event as head office receives it


def next_batch(store: LocalStore, limit: int) -> list[Outgoing]:
    """Up to `limit` unsent events in id order. Local copies of other terminals' documents
    (app/sync/peers.py) are marked sent here instead: head office has their originals."""
    from app.sync import peers

    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(select(OutboxEvent).outerjoin(
                OutboxDelivery, OutboxDelivery.outbox_id == OutboxEvent.id)
                .where(*_UNSENT).order_by(OutboxEvent.id).limit(limit)).all()
        docs = {r.id: _document_id(r) for r in rows}
        if not peers.settle_copies(store, list(docs.items()), datetime.now(timezone.utc)
                                   .replace(tzinfo=None)):
            break
    with store.engine.connect() as conn:
        moves, sales = _facts(conn, sorted({d for d in docs.values() if d}))
        lines = line_facts(conn, sorted({d for d in docs.values() if d}))
    return [Outgoing(r.id, {
        "event_uuid": r.event_uuid, "event_type": r.event_type, "source": r.terminal_id,
        "seq": r.terminal_seq, "created_at": r.created_at.isoformat(), "payload": r.payload,
        "facts": {"moves": moves.get(docs[r.id], []), "sales": sales.get(docs[r.id], []),
                  **({"lines": lines[docs[r.id]]} if docs[r.id] in lines else {})}})
        for r in rows]


def _document_id(row) -> str | None:
    if row.event_type != "document.posted":
        return None
    try:
        return json.loads(row.payload).get("id")
    except (ValueError, AttributeError):
        return None


def _facts(conn, doc_uuids: list[str]) -> tuple[dict, dict]:
    moves: dict[str, list] = {}
    sales: dict[str, list] = {}
    for i in range(0, len(doc_uuids), 500):
        chunk = doc_uuids[i:i + 500]
        for uuid, sku, wh, qty, value in conn.execute(
                select(Document.uuid, Product.sku, Warehouse.code, func.sum(StockMove.qty_milli),
                       func.sum(StockMove.value_fen))
                .join(Document, Document.id == StockMove.document_id)
                .join(Product, Product.id == StockMove.product_id)
                .join(Warehouse, Warehouse.id == StockMove.warehouse_id)
                .where(Document.uuid.in_(chunk))
                .group_by(Document.uuid, Product.sku, Warehouse.code)
                .order_by(Document.uuid, Product.sku, Warehouse.code)):
            moves.setdefault(uuid, []).append(
                {"sku": sku, "warehouse": wh, "qty_milli": qty, "value_fen": value})
        for uuid, kind, day, sku, qty, amount in conn.execute(
                select(Document.uuid, Document.doc_type, Document.business_date, Product.sku,
                       func.sum(DocumentLine.qty_milli), func.sum(DocumentLine.amount_fen))
                .join(Document, Document.id == DocumentLine.document_id)
                .join(Product, Product.id == DocumentLine.product_id)
                .where(Document.uuid.in_(chunk), Document.doc_type.in_(list(SALES_SIGN)))
                .group_by(Document.uuid, Document.doc_type, Document.business_date, Product.sku)
                .order_by(Document.uuid, Product.sku)):
            sign = SALES_SIGN[kind]
            sales.setdefault(uuid, []).append({"day": day.isoformat(), "sku": sku,
                                               "qty_milli": sign * qty, "amount_fen": sign * amount})
    return moves, sales


def record_answer(store: LocalStore, acked: list[int], refused: dict[int, str],
                  now: datetime, state: dict) -> None:
    """Mark acknowledged events sent and refused ones failed, in one transaction."""
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        for i in range(0, len(acked), 500):
            s.execute(update(OutboxEvent).where(OutboxEvent.id.in_(acked[i:i + 500]),
                                                OutboxEvent.sent_at.is_(None)).values(sent_at=now))
        _bump(s, list(refused), now, refused, failed=True)
        settings.write(s, state)
        uow.commit()


def record_failure(store: LocalStore, ids: list[int], error: str, now: datetime,
                   state: dict) -> None:
    """A failed attempt: each event's retry count and last error (it stays pending)."""
    with UnitOfWork(store.engine) as uow:
        _bump(uow.session, ids, now, {i: error for i in ids}, failed=False)
        settings.write(uow.session, state)
        uow.commit()


def _bump(s, ids: list[int], now: datetime, errors: dict[int, str], failed: bool) -> None:
    if not ids:
        return
    stmt = insert(OutboxDelivery)
    rows = [{"outbox_id": i, "attempts": 1, "last_error": errors[i][:500],
             "last_attempt_at": now, "failed": failed} for i in ids]
    s.execute(stmt.on_conflict_do_update(index_elements=["outbox_id"], set_={
        "attempts": OutboxDelivery.__table__.c.attempts + 1,
        "last_error": stmt.excluded.last_error, "last_attempt_at": stmt.excluded.last_attempt_at,
        "failed": stmt.excluded.failed}), rows)


def retry_failed(store: LocalStore) -> int:
    """Put events head office refused back in the queue (after it was fixed there)."""
    with UnitOfWork(store.engine) as uow:
        done = uow.session.execute(update(OutboxDelivery).where(OutboxDelivery.failed.is_(True))
                                   .values(failed=False, last_error="queued again")).rowcount
        uow.commit()
    return done


def counts(store: LocalStore) -> dict:
    with store.engine.connect() as conn:
        base = select(func.count(OutboxEvent.id), func.min(OutboxEvent.created_at)).outerjoin(
            OutboxDelivery, OutboxDelivery.outbox_id == OutboxEvent.id)
        pending, oldest = conn.execute(base.where(*_UNSENT)).one()
        sent = conn.scalar(select(func.count(OutboxEvent.id)).where(OutboxEvent.sent_at.is_not(None)))
        failed = conn.execute(
            select(OutboxEvent.event_uuid, OutboxDelivery.last_error, OutboxDelivery.attempts)
            .join(OutboxDelivery, OutboxDelivery.outbox_id == OutboxEvent.id)
            .where(OutboxEvent.sent_at.is_(None), OutboxDelivery.failed.is_(True))
            .order_by(OutboxEvent.id)).all()
    return {"pending": pending, "failed": len(failed), "sent": sent,
            "oldest_pending": oldest.isoformat() if oldest else None,
            "failed_events": [{"event_uuid": u, "error": e, "attempts": a} for u, e, a in failed[:50]]}


def audit_state(store: LocalStore, acked_seq: int, limit: int, now: datetime) -> dict:
    """The chain head and the links head office has not acknowledged yet."""
    chain = store.terminal_id
    with store.engine.connect() as conn:
        head = conn.execute(select(AuditEntry.seq, AuditEntry.hash)
                            .where(AuditEntry.terminal_id == chain)
                            .order_by(AuditEntry.seq.desc()).limit(1)).first()
        links = conn.execute(select(AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash)
                             .where(AuditEntry.terminal_id == chain, AuditEntry.seq > acked_seq)
                             .order_by(AuditEntry.seq).limit(limit)).all()
    return {"chain": chain, "head_seq": head.seq if head else 0,
            "head_hash": head.hash if head else "", "observed_at": now.isoformat(),
            "links": [{"seq": s, "prev_hash": p, "hash": h} for s, p, h in links]}
