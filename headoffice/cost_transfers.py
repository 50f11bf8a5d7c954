"""Transfers between stores in the costing authority: the receiver's goods enter at the
sender's final cost when head office has it (cost.py).

Store B's receipt of a transfer (`purchase_receipt` naming it, app/services/transfers.py)
was booked at A's provisional unit cost, rounded to the fen as B's terminal rounded it.
When every line of A's `transfer_out` for a product is final at head office, B's replay
takes that receipt line at A's final unit cost instead (same rounding); otherwise at
what B booked. When A's final cost of a received transfer changes, B's products of it
are replayed again (`receivers`).
"""
from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.money import line_amount
from headoffice.cost_replay import FINAL, DocIn
from headoffice.models import CostLine, Transfer


def unit_cost_fen(value_fen: int, qty_milli: int) -> int:
    """transfers._unit_cost in fen: value / quantity to the fen, as the receiver posts it."""
    return int((Decimal(value_fen) * 10 / Decimal(qty_milli)).quantize(Decimal("0.01")) * 100)


def at_sender_final(s: Session, store_id: int, docs: list[DocIn]) -> list[DocIn]:
    receipts = {d.doc_id: d for d in docs if d.doc_type == "purchase_receipt"}
    if not receipts:
        return docs
    sent = {t.receipt_id: t for i in range(0, len(receipts), 500)
            for t in s.scalars(select(Transfer).where(
                Transfer.to_store_id == store_id,
                Transfer.receipt_id.in_(sorted(receipts)[i:i + 500])))}
    if not sent:
        return docs
    finals = _sender_finals(s, list(sent.values()))
    out = []
    for doc in docs:
        transfer = sent.get(doc.doc_id)
        if transfer is None:
            out.append(doc)
            continue
        lines = []
        for line in doc.lines:
            unit = finals.get((transfer.transfer_id, line.sku))
            lines.append(line if unit is None else
                         replace(line, in_fen=line_amount(unit, line.qty_milli)))
        out.append(replace(doc, lines=tuple(lines)))
    return out


def _sender_finals(s: Session, transfers: list[Transfer]) -> dict[tuple[str, str], int]:
    """{(transfer id, sku): the sender's final unit cost in fen} where all of it is final."""
    totals: dict[tuple[str, str], list] = {}
    for t in transfers:
        for row in s.scalars(select(CostLine).where(CostLine.store_id == t.from_store_id,
                                                    CostLine.doc_id == t.transfer_id)):
            cell = totals.setdefault((t.transfer_id, row.sku), [0, 0, True])
            cell[0] += row.qty_milli
            cell[1] += row.final_fen or 0
            cell[2] = cell[2] and row.state == FINAL and row.final_fen is not None
    return {k: unit_cost_fen(v, q) for k, (q, v, ok) in totals.items() if ok and q > 0}


def receivers(s: Session, store_id: int, doc_ids: set[str]) -> dict[int, set[str]]:
    """{receiving store id: products} of received transfers among these documents."""
    found: dict[int, set[str]] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 500):
        for t in s.scalars(select(Transfer).where(
                Transfer.from_store_id == store_id, Transfer.transfer_id.in_(ids[i:i + 500]),
                Transfer.receipt_id.is_not(None))):
            found.setdefault(t.to_store_id, set()).update(l["sku"] for l in json.loads(t.lines))
    return found
