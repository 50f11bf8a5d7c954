"""What ingest does beyond recording events, in the same transaction (ingest.py calls it):

- **One count per document.** A document id is counted once per store in the projections,
  whichever terminal's copy arrives first; a later copy (a terminal that posted an inbound
  document another terminal also posted, a peer copy an older terminal uploaded) is kept
  and flagged, its facts are not added.
- **Transfers between stores.** A `transfer_out` with `to_store` opens a transfer (in
  transit, with the sender's cost per product); a `purchase_receipt` with `transfer`
  names it and closes it with the received quantities, and the sender is sent the
  settlement that clears its in-transit (settlements.py; docs/sync.md, "Transfers").
- **Webhook events** (webhooks.py): `sale.posted`, `stocktake.posted`, `transfer.sent`,
  `stock.below_minimum`, `health.alert`, queued for delivery in this transaction.
"""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from app.domain.money import (InvalidQuantity, format_money, format_quantity,
                              parse_quantity)
from app.domain.stores import normalize_store_code
from headoffice import settlements, webhooks
from headoffice.models import Change, Event, HqStore, StockRow, Transfer

DOCUMENT_EVENTS = ("document.posted",)


def document_of(event) -> dict | None:
    """The payload of a `document.posted` event ({id, number, body_hash, document}), or None."""
    if event.event_type not in DOCUMENT_EVENTS:
        return None
    try:
        payload = json.loads(event.payload)
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), str) \
            or not 0 < len(payload["id"]) <= 64:
        return None
    return payload


def first_copies(s: Session, store_id: int, new: list, docs: dict) -> tuple[list, dict]:
    """(the events whose facts count, {event_uuid: earlier event uuid} for later copies)."""
    ids = sorted({docs[e.event_uuid]["id"] for e in new if docs.get(e.event_uuid)})
    earlier: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        for doc_id, uuid in s.execute(select(Event.doc_id, Event.event_uuid).where(
                Event.store_id == store_id, Event.doc_id.in_(ids[i:i + 500]))
                .order_by(Event.id)):
            earlier.setdefault(doc_id, uuid)
    counted, copies = [], {}
    for e in new:
        doc = docs.get(e.event_uuid)
        if doc is None:
            counted.append(e)
            continue
        first = earlier.setdefault(doc["id"], e.event_uuid)
        if first == e.event_uuid:
            counted.append(e)
        else:
            copies[e.event_uuid] = first
    for uuid, first in copies.items():
        s.execute(update(Event).where(Event.event_uuid == uuid).values(
            flagged=True, flag_reason=f"document already counted from event {first}"[:200]))
    return counted, copies


def react(s: Session, store_id: int, store_code: str, counted: list, docs: dict,
          now: datetime) -> None:
    """Transfers and webhook events of the events that counted."""
    hooks = webhooks.active_hooks(s)  # one query per batch; usually none
    for e in counted:
        doc = docs.get(e.event_uuid)
        if doc is not None:
            _document(s, store_id, store_code, e, doc, now, hooks)
        elif e.event_type == "health.alert" and hooks:
            webhooks.enqueue(s, store_id, "health.alert", f"health:{e.event_uuid}",
                             {"store": store_code, "event_uuid": e.event_uuid,
                              "created_at": e.created_at.isoformat(),
                              "alert": _json(e.payload)}, now, hooks)
    if hooks:
        _below_minimum(s, store_id, store_code, counted, now, hooks)


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _document(s: Session, store_id: int, store_code: str, e, doc: dict, now: datetime,
              hooks: list) -> None:
    body = doc.get("document") if isinstance(doc.get("document"), dict) else {}
    kind = body.get("type")
    summary = {"store": store_code, "id": doc["id"], "number": doc.get("number"),
               "type": kind, "total_fen": doc.get("total_fen"),
               "total": format_money(doc["total_fen"]) if isinstance(doc.get("total_fen"), int)
               else None, "created_at": e.created_at.isoformat(),
               "lines": [{"sku": m.sku, "warehouse": m.warehouse, "qty_milli": m.qty_milli}
                         for m in e.facts.moves]}
    if kind == "sale" and hooks:
        webhooks.enqueue(s, store_id, "sale.posted", f"doc:{store_code}:{doc['id']}",
                         summary, now, hooks)
    elif kind == "stocktake" and hooks:
        webhooks.enqueue(s, store_id, "stocktake.posted", f"doc:{store_code}:{doc['id']}",
                         summary, now, hooks)
    elif kind == "transfer_out" and body.get("to_store"):
        _transfer_sent(s, store_id, store_code, e, doc, body, now, hooks)
    elif kind == "purchase_receipt" and body.get("transfer"):
        _transfer_received(s, store_id, doc, body, now)


def _transfer_sent(s, store_id, store_code, e, doc, body, now, hooks) -> None:
    try:
        to_code = normalize_store_code(str(body["to_store"]))
    except Exception:  # a malformed store code: the transfer cannot be routed
        return
    target = s.scalars(select(HqStore).where(HqStore.code == to_code)).first()
    if target is None or target.id == store_id:
        return
    sent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in e.facts.moves:  # what went into the sender's in-transit, at its cost
        if m.qty_milli > 0:
            sent[m.sku][0] += m.qty_milli
            sent[m.sku][1] += m.value_fen
    lines = [{"sku": k, "qty_milli": q, "value_fen": v} for k, (q, v) in sorted(sent.items())]
    if not lines or s.scalars(select(Transfer.id).where(
            Transfer.transfer_id == doc["id"])).first() is not None:
        return
    s.add(Transfer(transfer_id=doc["id"], number=str(doc.get("number") or "")[:40],
                   from_store_id=store_id, to_store_id=target.id, status="in_transit",
                   lines=json.dumps(lines), sent_at=now))
    webhooks.enqueue(s, store_id, "transfer.sent", f"transfer:{doc['id']}",
                     {"transfer_id": doc["id"], "number": doc.get("number"),
                      "from_store": store_code, "to_store": to_code, "lines": lines}, now, hooks)


def _transfer_received(s, store_id, doc, body, now) -> None:
    row = s.scalars(select(Transfer).where(Transfer.transfer_id == str(body["transfer"])[:64],
                                           Transfer.to_store_id == store_id,
                                           Transfer.status == "in_transit")).first()
    if row is None:
        return
    got: dict[str, int] = defaultdict(int)
    for line in body.get("lines") or []:
        try:
            got[str(line.get("sku"))] += parse_quantity(str(line.get("qty")))
        except (InvalidQuantity, AttributeError):
            continue
    row.received_lines = json.dumps(sorted(got.items()))
    row.receipt_id, row.received_at, row.status = doc["id"], now, "received"
    settlements.emit(s, row, got, now)  # the sender clears its in-transit


def transfer_senders(s: Session, store_id: int, docs: dict) -> set[int]:
    """The stores whose transfers these documents of `store_id` may close (ingest.py
    locks their feeds too, settlements.py)."""
    ids = sorted({str(body["transfer"])[:64] for d in docs.values()
                  if isinstance(body := d.get("document"), dict)
                  and body.get("type") == "purchase_receipt" and body.get("transfer")})
    if not ids:
        return set()
    return set(s.scalars(select(Transfer.from_store_id).where(
        Transfer.transfer_id.in_(ids), Transfer.to_store_id == store_id)))


def transfer_view(row: Transfer, codes: dict[int, str]) -> dict:
    """A transfer as the API and the CLI show it, with discrepancies once received."""
    lines = json.loads(row.lines)
    received = dict(json.loads(row.received_lines)) if row.received_lines else None
    for line in lines:
        line["qty"] = format_quantity(line["qty_milli"])
        line["unit_cost"] = str((Decimal(line["value_fen"]) / 100 * 1000
                                 / line["qty_milli"]).quantize(Decimal("0.01")))
        if received is not None:
            line["received_milli"] = received.get(line["sku"], 0)
            line["difference_milli"] = line["received_milli"] - line["qty_milli"]
    return {"transfer_id": row.transfer_id, "number": row.number,
            "from_store": codes.get(row.from_store_id), "to_store": codes.get(row.to_store_id),
            "status": row.status, "sent_at": row.sent_at, "received_at": row.received_at,
            "receipt_id": row.receipt_id, "lines": lines}


def _below_minimum(s: Session, store_id: int, store_code: str, counted: list,
                   now: datetime, hooks: list) -> None:
    """`stock.below_minimum` when a product's total in the store falls below the minimum
    head office published for it (`min_stock` of the newest product record)."""
    skus = sorted({m.sku for e in counted for m in e.facts.moves if m.qty_milli < 0})
    if not skus or not webhooks.wanted(s, store_id, "stock.below_minimum", hooks):
        return
    minimum = _published_minimum(s, store_id, skus)
    if not minimum:
        return
    totals: dict[str, int] = defaultdict(int)
    for sku, qty in s.execute(select(StockRow.sku, StockRow.qty_milli).where(
            StockRow.store_id == store_id, StockRow.sku.in_(sorted(minimum)))):
        totals[sku] += qty
    before: dict[str, int] = defaultdict(int)
    for e in counted:
        for m in e.facts.moves:
            before[m.sku] -= m.qty_milli
    for sku, low in sorted(minimum.items()):
        now_qty, was = totals[sku], totals[sku] + before[sku]
        if now_qty < low <= was:  # crossed the line with these events
            webhooks.enqueue(s, store_id, "stock.below_minimum",
                             f"low:{store_code}:{sku}:{now.isoformat()}",
                             {"store": store_code, "sku": sku, "qty_milli": now_qty,
                              "qty": format_quantity(now_qty), "min_stock_milli": low},
                             now, hooks)


def _published_minimum(s: Session, store_id: int, skus: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    rows = s.execute(select(Change.key, Change.payload).where(
        Change.kind == "product", Change.key.in_(skus),
        or_(Change.store_id.is_(None), and_(Change.store_id == store_id)))
        .order_by(Change.id))
    for sku, payload in rows:  # later records supersede earlier ones
        value = _json(payload)
        text = value.get("min_stock") if isinstance(value, dict) else None
        if text in (None, ""):
            found.pop(sku, None)
            continue
        try:
            found[sku] = parse_quantity(str(text))
        except InvalidQuantity:
            continue
    return found
