"""The sender learns that its transfer was received (docs/sync.md, "Transfers between stores").

When store B's receipt closes a transfer (reactions.py), head office puts an event
`document.inbound` in store A's event feed carrying a `transfer_settle` for A's
`transfer_out`: the quantities B received (at most what was sent; more is B's gain). Every
terminal of A applies it like any peer document (app/services/catalog_sync.py), which
takes the goods out of A's in-transit at the values they went in with, and what did not
arrive as A's loss. Its id and its event id are derived from the transfer, so it is made
once and posted once, however often and on however many terminals it arrives.

It is written in the receipt's transaction, under A's store-events lock as well (ingest.py
takes the locks of both stores in store id order, so two stores receiving each other's
transfers at once cannot deadlock).
"""
from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.domain.audit import canonical_json
from app.domain.doc_request import body_hash
from app.domain.money import format_quantity
from headoffice.db import insert_for
from headoffice.integrations import virtual_terminal
from headoffice.models import Event, Transfer
from headoffice.publish import STORE_EVENTS_LOCK

NAMESPACE = uuid.UUID("0b7f5a52-3c1e-4d8a-9f61-2e4c7d9a1b35")
TERMINAL = "~transfers"


def settlement_id(transfer_id: str) -> str:
    return "ts-" + str(uuid.uuid5(NAMESPACE, transfer_id))


def settlement(row: Transfer, received: dict[str, int]) -> dict | None:
    """A's `transfer_settle` for the received quantities, or None when none of what was
    sent arrived (nothing to name: the transfer stays in A's in-transit)."""
    lines = []
    for line in json.loads(row.lines):
        got = min(received.get(line["sku"], 0), line["qty_milli"])
        if got > 0:
            lines.append({"sku": line["sku"], "qty": format_quantity(got)})
    if not lines:
        return None
    return {"type": "transfer_settle", "id": settlement_id(row.transfer_id),
            "original": row.transfer_id, "lines": lines,
            "note": f"调拨 {row.number or row.transfer_id} 已由对方门店收货"[:500]}


def lock(s: Session, store_ids) -> None:
    """The store-events locks of these stores, in store id order (PostgreSQL)."""
    if s.bind.dialect.name != "postgresql":
        return
    for store_id in sorted(set(store_ids)):
        s.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                  {"a": STORE_EVENTS_LOCK, "b": store_id})


def emit(s: Session, row: Transfer, received: dict[str, int], now: datetime) -> None:
    """The settlement event in the sender's feed, once per transfer."""
    document = settlement(row, received)
    if document is None:
        return
    lock(s, [row.from_store_id])  # held already (ingest.py); taken if the transfer is new
    payload = canonical_json({"id": document["id"], "body_hash": body_hash(document),
                              "document": document, "type": document["type"]})
    terminal = virtual_terminal(s, row.from_store_id, TERMINAL)
    seq = (s.scalar(select(func.max(Event.seq)).where(Event.terminal_id == terminal)) or 0) + 1
    result = {"status": "accepted", "id": document["id"], "type": document["type"],
              "transfer": row.transfer_id, "accepted_at": now.isoformat()}
    s.execute(insert_for(s)(Event).on_conflict_do_nothing(index_elements=["event_uuid"]), [{
        "event_uuid": "ts-ev-" + document["id"][3:], "store_id": row.from_store_id,
        "terminal_id": terminal, "source": "headoffice:transfers", "seq": seq,
        "event_type": "document.inbound",
        "body_hash": hashlib.sha256(payload.encode("utf-8")).hexdigest(), "payload": payload,
        "result": json.dumps(result, ensure_ascii=False), "created_at": now,
        "received_at": now, "flagged": False, "flag_reason": "", "doc_id": None}])
