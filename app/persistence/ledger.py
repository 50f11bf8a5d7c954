"""The stock ledger in the database: append moves, keep layers and balances in step.

Every function runs inside the caller's unit of work. `receive` and `issue` are the only
ways stock changes: each appends a ledger move and updates the cost layer and the balance
projection in the same transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.costing import Booking, Layer, Order, book_out
from app.domain.money import line_amount, round_half_up
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
    true_up_fen: int = 0  # cost corrections of earlier sales beyond stock (to COGS)

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
            qty_milli: int, value_fen: int, kind: str = "") -> StockMove:
    move = StockMove(
        document_id=ctx.document_id, line_id=line_id, store_id=ctx.store_id,
        warehouse_id=warehouse_id, product_id=product_id, layer_id=layer_id, batch=batch,
        expiry=expiry, qty_milli=qty_milli, value_fen=value_fen, kind=kind, user_id=ctx.user_id,
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
            expiry: date | None = None, average: bool = False) -> list[StockMove]:
    """Goods in: first settle stock that was sold beyond what was there (a negative
    layer), then a new cost layer (FIFO/FEFO) or into the merged layer (average).

    Batch and expiry always stay on the move. A moving-average product has one merged
    layer without batch or expiry, so expiry checks at the till cannot apply to it: give
    products whose expiry matters FIFO costing (they are then sold FEFO)."""
    moves = []
    negative = _negative_layer(session, warehouse_id, product_id)
    if negative is not None:
        settled, settled_value, settle_moves = _settle(session, ctx, line_id, negative,
                                                        qty_milli, value_fen, batch, expiry)
        moves += settle_moves
        qty_milli, value_fen = qty_milli - settled, value_fen - settled_value
        if qty_milli == 0:
            return moves
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
    moves.append(_append(session, ctx, line_id, warehouse_id, product_id, layer.id, batch,
                         expiry, qty_milli, value_fen))
    return moves


def _settle(session: Session, ctx: MoveContext, line_id: int, layer: CostLayer, qty_milli: int,
            value_fen: int, batch: str, expiry: date | None) -> tuple[int, int, list[StockMove]]:
    """Incoming goods cover a shortfall sold at an estimated cost: they fill the negative
    layer at their real cost, and a true-up move (quantity 0) takes the difference between
    real and estimated cost out of stock into COGS, so the layer is left at its estimate."""
    qty = min(qty_milli, -layer.qty_left)
    value = round_half_up(Decimal(value_fen) * qty / qty_milli)
    estimate = round_half_up(Decimal(layer.value_left) * qty / layer.qty_left)  # >= 0
    layer.qty_left += qty
    layer.value_left += value
    moves = [_append(session, ctx, line_id, layer.warehouse_id, layer.product_id, layer.id,
                     batch, expiry, qty, value)]
    true_up = value - estimate
    if true_up:
        layer.value_left -= true_up
        ctx.true_up_fen += true_up
        moves.append(_append(session, ctx, line_id, layer.warehouse_id, layer.product_id,
                             layer.id, batch, expiry, 0, -true_up, kind="true_up"))
    return qty, value, moves


def issue_beyond_stock(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
                       product_id: int, qty_milli: int, unit_cost_fen: int,
                       average: bool) -> StockMove:
    """Goods out that the layers cannot cover (negative stock, where the store allows it):
    booked at an estimated cost onto the product's negative layer, to be trued up when
    goods arrive (see `_settle`)."""
    layer = _negative_layer(session, warehouse_id, product_id)
    if layer is None and average:
        layer = _average_layer(session, warehouse_id, product_id)
    if layer is None:
        layer = CostLayer(warehouse_id=warehouse_id, product_id=product_id, batch="",
                          expiry=None, received_seq=0, is_average=average, qty_left=0,
                          value_left=0)
        session.add(layer)
        session.flush()
        layer.received_seq = layer.id
    value = line_amount(unit_cost_fen, qty_milli)
    layer.qty_left -= qty_milli
    layer.value_left -= value
    return _append(session, ctx, line_id, warehouse_id, product_id, layer.id, "", None,
                   -qty_milli, -value)


def last_unit_cost(session: Session, warehouse_id: int, product_id: int) -> int | None:
    """Fen per whole unit of the latest goods received here, or None."""
    row = session.execute(
        select(StockMove.qty_milli, StockMove.value_fen)
        .where(StockMove.product_id == product_id, StockMove.warehouse_id == warehouse_id,
               StockMove.qty_milli > 0, StockMove.kind == "")
        .order_by(StockMove.id.desc()).limit(1)).first()
    return round_half_up(Decimal(row.value_fen) * 1000 / row.qty_milli) if row else None


def _negative_layer(session: Session, warehouse_id: int, product_id: int) -> CostLayer | None:
    return session.scalars(select(CostLayer).where(
        CostLayer.warehouse_id == warehouse_id, CostLayer.product_id == product_id,
        CostLayer.qty_left < 0)).first()


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
