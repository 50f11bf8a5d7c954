"""The stock ledger in the database: append moves, keep layers and balances in step.

Every function runs inside the caller's unit of work. `receive` and `issue` are the only
ways stock changes: each appends a ledger move and updates the cost layer and the balance
projection in the same transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.costing import Booking, Layer, Order, book_out
from app.persistence.schema import AuditEntry, CostLayer, OutboxEvent, StockBalance, StockMove


@dataclass
class MoveContext:
    """Who and where, for every move a document writes; hands out the terminal sequence
    and gathers balance changes, which `finish` applies once per document."""

    document_id: int
    store_id: int
    user_id: int | None
    terminal_id: str
    occurred_at: datetime
    recorded_at: datetime
    last_seq: int = 0
    deltas: dict = field(default_factory=dict)

    @classmethod
    def start(cls, session: Session, **fields) -> "MoveContext":
        ctx = cls(**fields)
        ctx.last_seq = next_seq(session, StockMove.terminal_seq, StockMove.terminal_id,
                                ctx.terminal_id) - 1
        return ctx

    def take_seq(self) -> int:
        self.last_seq += 1
        return self.last_seq


def next_seq(session: Session, column, terminal_column, terminal_id: str) -> int:
    current = session.scalar(select(func.max(column)).where(terminal_column == terminal_id))
    return (current or 0) + 1


def open_layers(session: Session, warehouse_id: int, product_id: int) -> list[CostLayer]:
    return list(session.scalars(
        select(CostLayer).where(CostLayer.warehouse_id == warehouse_id,
                                CostLayer.product_id == product_id, CostLayer.qty_left > 0)))


def as_domain(rows: list[CostLayer]) -> list[Layer]:
    return [Layer(r.id, r.qty_left, r.value_left, r.received_seq, r.expiry, r.batch) for r in rows]


def plan_issue(session: Session, warehouse_id: int, product_id: int, qty_milli: int,
               order: Order, batch: str | None = None, usable_on: date | None = None) -> Booking:
    layers = as_domain(open_layers(session, warehouse_id, product_id))
    return book_out(layers, qty_milli, order, batch=batch, usable_on=usable_on)


def _append(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
            product_id: int, layer_id: int | None, batch: str, expiry: date | None,
            qty_milli: int, value_fen: int) -> StockMove:
    move = StockMove(
        document_id=ctx.document_id, line_id=line_id, store_id=ctx.store_id,
        warehouse_id=warehouse_id, product_id=product_id, layer_id=layer_id, batch=batch,
        expiry=expiry, qty_milli=qty_milli, value_fen=value_fen, user_id=ctx.user_id,
        terminal_id=ctx.terminal_id, terminal_seq=ctx.take_seq(),
        occurred_at=ctx.occurred_at, recorded_at=ctx.recorded_at)
    session.add(move)
    qty, value = ctx.deltas.get((warehouse_id, product_id), (0, 0))
    ctx.deltas[(warehouse_id, product_id)] = (qty + qty_milli, value + value_fen)
    return move


def finish(session: Session, ctx: MoveContext) -> None:
    """Apply the document's balance changes: one statement per warehouse and product."""
    for (warehouse_id, product_id), (qty, value) in sorted(ctx.deltas.items()):
        _bump_balance(session, warehouse_id, product_id, qty, value)
    ctx.deltas.clear()


def receive(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
            product_id: int, qty_milli: int, value_fen: int, *, batch: str = "",
            expiry: date | None = None, average: bool = False) -> StockMove:
    """Goods in: a new cost layer (FIFO/FEFO) or into the merged layer (average).

    Batch and expiry always stay on the move. A moving-average product has one merged
    layer without batch or expiry, so expiry checks at the till cannot apply to it: give
    products whose expiry matters FIFO costing (they are then sold FEFO)."""
    layer = _average_layer(session, warehouse_id, product_id) if average else None
    if layer is None:  # the merged average layer mixes batches: it carries none itself
        layer = CostLayer(warehouse_id=warehouse_id, product_id=product_id,
                          batch="" if average else batch, expiry=None if average else expiry,
                          received_seq=0, is_average=average, qty_left=0, value_left=0)
        session.add(layer)
        session.flush()
    layer.qty_left += qty_milli
    layer.value_left += value_fen
    if layer.received_seq == 0:
        layer.received_seq = layer.id  # layers are created in the order goods arrive
    return _append(session, ctx, line_id, warehouse_id, product_id, layer.id, batch, expiry,
                   qty_milli, value_fen)


def issue(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
          product_id: int, booking: Booking) -> list[StockMove]:
    """Goods out along a booking: one move per layer drawn."""
    moves = []
    for draw in booking.draws:
        layer = session.get(CostLayer, draw.layer_id)
        layer.qty_left -= draw.qty_milli
        layer.value_left -= draw.value_fen
        moves.append(_append(session, ctx, line_id, warehouse_id, product_id, layer.id,
                             layer.batch, layer.expiry, -draw.qty_milli, -draw.value_fen))
    return moves


def _average_layer(session: Session, warehouse_id: int, product_id: int) -> CostLayer | None:
    return session.scalars(select(CostLayer).where(
        CostLayer.warehouse_id == warehouse_id, CostLayer.product_id == product_id,
        CostLayer.is_average.is_(True))).first()


def _bump_balance(session: Session, warehouse_id: int, product_id: int, qty: int,
                  value: int) -> None:
    done = session.execute(
        update(StockBalance)
        .where(StockBalance.warehouse_id == warehouse_id, StockBalance.product_id == product_id)
        .values(qty_milli=StockBalance.qty_milli + qty, value_fen=StockBalance.value_fen + value))
    if done.rowcount == 0:
        session.add(StockBalance(warehouse_id=warehouse_id, product_id=product_id,
                                 qty_milli=qty, value_fen=value))
        session.flush()


def on_hand(session: Session, warehouse_id: int, product_id: int,
            ctx: MoveContext | None = None) -> tuple[int, int]:
    """Balance of a product in a warehouse, including this document's moves so far."""
    row = session.execute(select(StockBalance.qty_milli, StockBalance.value_fen).where(
        StockBalance.warehouse_id == warehouse_id, StockBalance.product_id == product_id)).first()
    qty, value = (row.qty_milli, row.value_fen) if row else (0, 0)
    pending = ctx.deltas.get((warehouse_id, product_id), (0, 0)) if ctx else (0, 0)
    return qty + pending[0], value + pending[1]


def last_audit(session: Session, terminal_id: str) -> AuditEntry | None:
    return session.scalars(select(AuditEntry).where(AuditEntry.terminal_id == terminal_id)
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()


def next_outbox_seq(session: Session, terminal_id: str) -> int:
    return next_seq(session, OutboxEvent.terminal_seq, OutboxEvent.terminal_id, terminal_id)
