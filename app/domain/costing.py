"""Cost layers and booking: which received goods a withdrawal takes, and at what cost.

Pure functions over immutable values. A `Layer` is what is left of one receipt (or, for
moving-average products, the single merged layer of a product in a warehouse). `book_out`
takes a quantity from layers in FIFO order (first received first) or FEFO order (earliest
expiry first) and returns the draws; what the layers cannot cover comes back as a
shortfall, as data, for the caller's negative-stock policy to decide.

Values stay exact: a draw of a whole layer takes its whole remaining value, and a partial
draw takes value proportionally, rounded half-up to the fen, so the remaining value of the
layers always equals what was received minus what was drawn.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum

from app.domain.money import round_half_up


class Order(str, Enum):
    FIFO = "fifo"
    FEFO = "fefo"


@dataclass(frozen=True)
class Layer:
    layer_id: int
    qty_milli: int  # remaining quantity, > 0
    value_fen: int  # remaining value
    received_seq: int  # position in the ledger: earlier receipts have smaller numbers
    expiry: date | None = None
    batch: str = ""

    @property
    def unit_cost(self) -> Decimal:
        """Fen per whole unit (not per thousandth)."""
        return Decimal(self.value_fen) * 1000 / self.qty_milli


@dataclass(frozen=True)
class Draw:
    layer_id: int
    qty_milli: int
    value_fen: int


@dataclass(frozen=True)
class Booking:
    draws: tuple[Draw, ...]
    shortfall_milli: int  # not covered by any layer: would make stock negative

    @property
    def qty_milli(self) -> int:
        return sum(d.qty_milli for d in self.draws)

    @property
    def value_fen(self) -> int:
        return sum(d.value_fen for d in self.draws)


def ordered(layers: list[Layer], order: Order) -> list[Layer]:
    if order is Order.FEFO:
        return sorted(layers, key=lambda l: (l.expiry is None, l.expiry or date.max,
                                             l.received_seq))
    return sorted(layers, key=lambda l: l.received_seq)


def book_out(layers: list[Layer], qty_milli: int, order: Order = Order.FIFO, *,
             batch: str | None = None, usable_on: date | None = None) -> Booking:
    """Take `qty_milli` from the layers. `batch` restricts to one batch; `usable_on` skips
    layers already expired on that day (they can only leave through a write-off)."""
    if qty_milli <= 0:
        raise ValueError("book_out needs a positive quantity")
    candidates = [l for l in layers if l.qty_milli > 0
                  and (batch is None or l.batch == batch)
                  and (usable_on is None or l.expiry is None or l.expiry >= usable_on)]
    draws, wanted = [], qty_milli
    for layer in ordered(candidates, order):
        if wanted == 0:
            break
        take = min(wanted, layer.qty_milli)
        draws.append(Draw(layer.layer_id, take, _value_of(layer, take)))
        wanted -= take
    return Booking(tuple(draws), wanted)


def _value_of(layer: Layer, take: int) -> int:
    if take == layer.qty_milli:
        return layer.value_fen
    return round_half_up(Decimal(layer.value_fen) * take / layer.qty_milli)


def apply(layers: list[Layer], booking: Booking) -> list[Layer]:
    """The layers after the booking; emptied layers drop out."""
    drawn = {d.layer_id: d for d in booking.draws}
    after = []
    for layer in layers:
        d = drawn.get(layer.layer_id)
        if d is None:
            after.append(layer)
        elif d.qty_milli < layer.qty_milli:
            after.append(replace(layer, qty_milli=layer.qty_milli - d.qty_milli,
                                 value_fen=layer.value_fen - d.value_fen))
    return after


def merge_average(layer: Layer | None, qty_milli: int, value_fen: int, seq: int,
                  layer_id: int) -> Layer:
    """Moving average: a receipt joins the product's single layer."""
    if layer is None:
        return Layer(layer_id, qty_milli, value_fen, seq)
    return replace(layer, qty_milli=layer.qty_milli + qty_milli,
                   value_fen=layer.value_fen + value_fen)


def allocate(total_fen: int, weights: list[int]) -> list[int]:
    """Split an amount (freight, packaging, an order discount) over lines by weight, to
    the fen, so the parts add up to the total exactly (largest remainder method)."""
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative with a positive sum")
    exact = [Decimal(total_fen) * w / weight_sum for w in weights]
    parts = [int(e) for e in exact]  # toward zero
    rest = total_fen - sum(parts)
    step = 1 if rest > 0 else -1
    by_remainder = sorted(range(len(exact)), key=lambda i: abs(exact[i] - parts[i]),
                          reverse=True)
    for i in by_remainder[:abs(rest)]:
        parts[i] += step
    return parts
