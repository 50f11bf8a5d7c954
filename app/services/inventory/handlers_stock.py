"""Stocktakes, transfers between warehouses (through in-transit) and the delivery of a
transfer to another store (transfer_settle: out of in-transit, docs/sync.md)."""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from app.domain.costing import Booking, Draw
from app.domain.documents import DocType
from app.domain.money import format_quantity, line_amount, round_half_up
from app.persistence import ledger
from app.persistence.schema import Document, StockMove
from app.services.inventory import drafts, resolve
from app.services.inventory.handlers import LineRuleBroken, Posting, put, take


def stocktake(p: Posting) -> dict:
    """Counted against the ledger: gains enter at the current cost, losses leave FIFO.

    With `counted_at` (every stocktake the Stock section submits) a count is set against
    the stock of that moment, so what was sold while the document waited for approval is
    not taken for a gain; without it, against the stock now."""
    gain = loss = 0
    p.preload()
    at_count = None if p.req.counted_at is None else ledger.on_hand_at(
        p.session, p.warehouse.id, [product.id for _, _, product in p.lines], p.req.counted_at)
    for n, (req, line, product) in enumerate(p.lines, 1):
        system_qty, system_value = ledger.on_hand(p.session, p.warehouse.id, product.id, p.moves)
        counted_against = system_qty if at_count is None else at_count.get(product.id, 0)
        line.system_qty_milli = counted_against
        diff = line.qty_milli - counted_against
        if diff > 0:
            value = round_half_up(Decimal(system_value) * diff / system_qty) if system_qty > 0 \
                else line_amount(_estimate(p, product), diff)
            put(p, line, product, p.warehouse, diff, value, req.batch, req.expiry)
            line.amount_fen, gain = value, gain + value
        elif diff < 0:
            value, _ = take(p, n, line, product, p.warehouse, -diff)
            line.amount_fen, loss = -value, loss + value
    p.doc.total_fen = gain - loss
    return {"gain_value": gain, "loss_value": loss}


def _estimate(p: Posting, product) -> int:
    last = ledger.last_unit_cost(p.session, p.warehouse.id, product.id, p.moves)
    return product.purchase_price_fen if last is None else last


def transfer_out(p: Posting) -> dict:
    """Out of this warehouse into in-transit, each batch at its own cost."""
    if not p.req.to_warehouse or p.req.to_warehouse == p.warehouse.code:
        raise LineRuleBroken(n=0, what_zh="调拨需要不同的目标仓库“to_warehouse”。",
                             what_en="a transfer needs a different 'to_warehouse'.")
    destination = resolve.warehouse(p.session, p.doc.store_id, p.req.to_warehouse)
    transit = resolve.transit_warehouse(p.session, p.doc.store_id)
    p.doc.to_warehouse_id = destination.id
    p.preload()
    total = 0
    for n, (req, line, product) in enumerate(p.lines, 1):
        value, moves = take(p, n, line, product, p.warehouse, line.qty_milli, batch=req.batch,
                            may_go_negative=True)
        for move in moves:  # in transit each transfer keeps its own layers, even for average
            ledger.receive(p.session, p.moves, line.id, transit.id, product.id, -move.qty_milli,
                           -move.value_fen, batch=move.batch, expiry=move.expiry, average=False)
        line.cogs_fen = line.amount_fen = value
        total += value
    p.doc.total_fen = total
    return {"value": total}


def transfer_in(p: Posting) -> dict:
    """Out of in-transit into the destination; what did not arrive is a shortage (1901)."""
    sent = resolve.original(p.session, p.req.original, {DocType.TRANSFER_OUT.value})
    _refuse_second_receipt(p, sent)
    p.doc.original_id = sent.id
    destination = resolve.warehouse_by_id(p.session, sent.to_warehouse_id)
    p.doc.warehouse_id = destination.id
    transit = resolve.transit_warehouse(p.session, p.doc.store_id)
    layers = _layers_sent(p, sent, transit)
    received = defaultdict(int)
    for _, line, product in p.lines:
        received[product.id] += line.qty_milli
    unknown = set(received) - set(layers)
    if unknown:
        raise LineRuleBroken(n=0, what_zh="收货中有调出单里没有的商品。",
                             what_en="the receipt lists products the transfer did not send.")
    amounts = defaultdict(int)
    for product_id, product_layers in layers.items():
        _receive_one(p, transit, destination, product_id, product_layers,
                     received[product_id], amounts)
    p.doc.total_fen = amounts["received_value"]
    return dict(amounts)


def transfer_settle(p: Posting) -> dict:
    """A transfer to another store, delivered: what the other store received leaves this
    store's in-transit (the layers the transfer out put there, at their values) to 1221;
    what did not arrive leaves too, as the sender's loss (1901). Nothing stays in transit."""
    sent = resolve.original(p.session, p.req.original, {DocType.TRANSFER_OUT.value},
                            ("调出单", "transfer out"))
    if not json.loads(sent.body_json or "{}").get("to_store"):
        raise LineRuleBroken(n=0, what_zh=f"{sent.number} 不是调往其他门店的调出单。",
                             what_en=f"{sent.number} is not a transfer to another store.")
    _refuse_second_receipt(p, sent)
    p.doc.original_id = sent.id
    p.doc.warehouse_id = sent.to_warehouse_id  # the holding warehouse TO-<store>
    transit = resolve.transit_warehouse(p.session, p.doc.store_id)
    layers = _layers_sent(p, sent, transit)
    received = defaultdict(int)
    for _, line, product in p.lines:
        received[product.id] += line.qty_milli
    if set(received) - set(layers):
        raise LineRuleBroken(n=0, what_zh="结算中有调出单里没有的商品。",
                             what_en="the settlement lists products the transfer did not send.")
    amounts = defaultdict(int)
    for product_id, product_layers in layers.items():
        _receive_one(p, transit, None, product_id, product_layers, received[product_id],
                     amounts)
    amounts["delivered_value"] = amounts.pop("received_value", 0)
    p.doc.total_fen = amounts["sent_value"]
    return dict(amounts)


def _refuse_second_receipt(p: Posting, sent: Document) -> None:
    """A transfer is received (transfer_in) or delivered (transfer_settle) once."""
    done = p.session.scalar(select(Document.number).where(
        Document.original_id == sent.id, Document.status == "posted",
        Document.doc_type.in_((DocType.TRANSFER_IN.value, DocType.TRANSFER_SETTLE.value))))
    if done:
        raise LineRuleBroken(n=0, what_zh=f"调拨单 {sent.number} 已由 {done} 收货。",
                             what_en=f"transfer {sent.number} was already received by {done}.")


def _layers_sent(p: Posting, sent: Document, transit) -> dict[int, list[ledger.LayerState]]:
    """The in-transit layers the transfer created, as this document sees them."""
    ids = sorted(set(p.session.scalars(select(StockMove.layer_id).where(
        StockMove.document_id == sent.id, StockMove.warehouse_id == transit.id))))
    by_product = defaultdict(list)
    for layer in ledger.layers_by_id(p.session, p.moves, ids):
        by_product[layer.product_id].append(layer)
    return by_product


def _receive_one(p: Posting, transit, destination, product_id: int,
                 layers: list[ledger.LayerState], qty: int, amounts: dict) -> None:
    product = resolve.product_refs_by_id(p.session, [product_id])[product_id]
    line = next((l for _, l, pr in p.lines if pr.id == product_id), None)
    available = sum(l.qty_left for l in layers)
    if qty > available:
        raise LineRuleBroken(n=0, what_zh=f"{product.sku} 收货 {format_quantity(qty)} 多于发出的 "
                             f"{format_quantity(available)}。",
                             what_en=f"{product.sku}: {format_quantity(qty)} received but only "
                             f"{format_quantity(available)} sent.")
    if line is None:  # nothing of it arrived: a line to carry the shortage
        line = drafts.add_line(p.session, p.draft, product_id, qty_milli=0, reason="shortage")
    booking = Booking(tuple(Draw(l.id, l.qty_left, l.value_left) for l in layers), 0)
    moves = ledger.issue(p.session, p.moves, line.id, transit.id, product_id, booking)
    received_value = 0
    remaining = qty
    for move in moves:
        part = min(remaining, -move.qty_milli)
        if part:
            value = round_half_up(Decimal(-move.value_fen) * part / -move.qty_milli)
            if destination is not None:  # None: delivered out of the store
                put(p, line, product, destination, part, value, move.batch, move.expiry)
            received_value += value
            remaining -= part
    sent_value = sum(-m.value_fen for m in moves)
    line.amount_fen, line.cogs_fen = received_value, sent_value
    amounts["received_value"] += received_value
    amounts["shortage_value"] += sent_value - received_value
    amounts["sent_value"] += sent_value
