"""Transfers between warehouses: out (into in-transit), then in at the destination, where
what arrived is entered and the difference to what was sent is the discrepancy (a shortage
booked by the `transfer_in` posting; more than was sent is refused)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.domain.money import format_quantity
from app.domain.permissions import check
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory.posting import PostResult, post_document
from app.services.records import Actor

from .common import NothingToPost


@dataclass(frozen=True)
class TransferLine:
    sku: str
    name: str
    qty_milli: int


@dataclass(frozen=True)
class OpenTransfer:
    id: str
    number: str
    source: str
    destination: str
    date: str
    lines: tuple[TransferLine, ...]


@dataclass(frozen=True)
class Discrepancy:
    sku: str
    name: str
    sent_milli: int
    received_milli: int

    @property
    def short_milli(self) -> int:
        return self.sent_milli - self.received_milli


@dataclass(frozen=True)
class ReceiptResult:
    result: PostResult
    lines: tuple[Discrepancy, ...]

    @property
    def discrepancies(self) -> tuple[Discrepancy, ...]:
        return tuple(d for d in self.lines if d.short_milli)


def send_transfer(store: LocalStore, actor: Actor, source: str, destination: str,
                  lines: list[tuple[str, int]], *, note: str = "",
                  doc_id: str | None = None) -> PostResult:
    """Post a transfer out of `source` towards `destination`: lines (sku, qty in milli)."""
    check(actor.role, "stock_work.transfers.send_transfer")
    if not lines:
        raise NothingToPost(what_zh="调拨单", what_en="transfer")
    return post_document(store, actor, {
        "type": "transfer_out", "id": doc_id or f"db-{uuid.uuid4()}", "warehouse": source,
        "to_warehouse": destination, "note": note[:500],
        "lines": [{"sku": sku, "qty": format_quantity(qty)} for sku, qty in lines]})


def open_transfers(store: LocalStore, actor: Actor) -> list[OpenTransfer]:
    """Transfers out that no transfer in has received (nor, for a transfer to another
    store, a transfer_settle settled) yet, oldest first."""
    check(actor.role, "stock_work.transfers.open_transfers")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        docs = run(s, "SELECT d.id, d.uuid, d.number, w.code, t.code, d.business_date "
                      "FROM documents d JOIN warehouses w ON w.id = d.warehouse_id "
                      "JOIN warehouses t ON t.id = d.to_warehouse_id "
                      "WHERE d.doc_type = 'transfer_out' AND d.status = 'posted' AND NOT EXISTS "
                      "(SELECT 1 FROM documents r WHERE r.original_id = d.id "
                      "AND r.doc_type IN ('transfer_in', 'transfer_settle') AND r.status = 'posted') "
                      "ORDER BY d.id").all()
        out = []
        for doc_id, ref, number, source, destination, day in docs:
            out.append(OpenTransfer(ref, number, source, destination, str(day),
                                    tuple(_sent(s, doc_id))))
        return out


def _sent(s, document_id: int) -> list[TransferLine]:
    rows = run(s, "SELECT p.sku, p.name, sum(l.qty_milli) FROM document_lines l "
                  "JOIN products p ON p.id = l.product_id WHERE l.document_id = ? "
                  "GROUP BY p.sku, p.name ORDER BY min(l.line_no)", (document_id,)).all()
    return [TransferLine(*row) for row in rows]


def receive_transfer(store: LocalStore, actor: Actor, transfer: OpenTransfer,
                     received: dict[str, int], *, note: str = "",
                     doc_id: str | None = None) -> ReceiptResult:
    """Post the transfer in: `received` maps SKU to the quantity that arrived (milli);
    a product missing from it arrived not at all."""
    check(actor.role, "stock_work.transfers.receive_transfer")
    lines = [{"sku": sku, "qty": format_quantity(qty)} for sku, qty in received.items() if qty > 0]
    if not lines:
        raise NothingToPost(what_zh="调入单（一件都没有收到）",
                            what_en="transfer receipt (nothing arrived)")
    result = post_document(store, actor, {
        "type": "transfer_in", "id": doc_id or f"dr-{uuid.uuid4()}",
        "original": transfer.id, "note": note[:500], "lines": lines})
    return ReceiptResult(result, tuple(Discrepancy(l.sku, l.name, l.qty_milli,
                                                   received.get(l.sku, 0))
                                       for l in transfer.lines))
