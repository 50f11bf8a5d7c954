"""The costing authority's replay: one store's stock-moving document lines, in one
canonical order, through the store's own costing rules (app/domain/costing.py). Pure: no
database, so the same input always gives the same costs, whatever order it arrived in.

**Canonical order** (`canonical`): the time the originating terminal wrote the document's
event (its `created_at`, the posting time on that terminal's clock), then the terminal's
uuid, then the terminal's own sequence number of the event. Arrival order plays no part:
a terminal that was offline for a day has its sales slotted in where they happened. A
document that names an original (a customer return, a transfer's receipt) is replayed
right after that original if its own place would come first (a skewed clock).

**Rules** (those of app/services/inventory/handlers*.py): receipts and opening stock enter
at the value the terminal booked (cost plus the line's share of freight and packaging,
fixed by the document); sales, write-offs, purchase returns and transfers out draw FIFO
(FEFO for products with a shelf life, skipping layers expired on the sale's day; the
moving average's single layer for average products), restricted to the line's batch when
it names one; a transfer out moves its draws into in-transit layers of its own, which its
transfer in receives (the received part into the destination, the line's cost is the
whole sent value), or its settlement (transfer_settle, the transfer delivered to another
store: the layers leave the store, the line's cost is again the whole sent value); a
customer return comes back at its share of the original sale line's
final cost, into the first batch the sale drew from.

A product is left at its provisional cost (`state` says why) when one of its lines is of a
type the replay does not model (stocktake, assembly, disassembly) or when the canonical
order would take more than its layers hold (stock sold beyond what was there).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.domain.costing import Layer, Order, apply, book_out, merge_average
from app.domain.money import round_half_up

IN_TYPES = ("opening_stock", "purchase_receipt")
OUT_TYPES = ("sale", "write_off", "purchase_return", "transfer_out")
OTHER_TYPES = ("customer_return", "transfer_in", "transfer_settle")
FINAL, RECEIPT, NOT_STOCK = "final", "receipt", "not_stock"


@dataclass(frozen=True)
class LineIn:
    line_no: int
    sku: str
    warehouse: str
    qty_milli: int
    method: str  # fifo, fefo, average, none
    provisional_fen: int
    in_fen: int = 0
    batch: str = ""
    expiry: date | None = None
    day: date | None = None
    original: str | None = None
    original_line: int | None = None


@dataclass(frozen=True)
class DocIn:
    doc_id: str
    doc_type: str
    created_at: datetime
    terminal: str
    seq: int
    lines: tuple[LineIn, ...]

    @property
    def key(self) -> tuple:
        return (self.created_at, self.terminal, self.seq, self.doc_id)


@dataclass
class Result:
    costs: dict[tuple[str, int], tuple[int | None, str]]  # (doc, line) -> (final, state)
    order: list[str]  # document ids in the order replayed
    layers: dict[tuple[str, str], list[Layer]] = field(default_factory=dict)

    def remaining_fen(self, sku: str) -> int:
        return sum(l.value_fen for (_, s), ls in self.layers.items() if s == sku for l in ls)


def canonical(docs: list[DocIn]) -> list[DocIn]:
    """The replay order: by key, a document naming an original held back until it."""
    ids = {d.doc_id for d in docs}
    waiting: dict[str, list[DocIn]] = {}
    out: list[DocIn] = []
    done: set[str] = set()

    def emit(doc: DocIn) -> None:
        out.append(doc)
        done.add(doc.doc_id)
        for later in sorted(waiting.pop(doc.doc_id, []), key=lambda d: d.key):
            emit(later)

    for doc in sorted(docs, key=lambda d: d.key):
        original = next((l.original for l in doc.lines if l.original), None)
        if original and original in ids and original not in done and original != doc.doc_id:
            waiting.setdefault(original, []).append(doc)
        else:
            emit(doc)
    return out


class _Short(Exception):
    pass


@dataclass
class _State:
    layers: dict[tuple[str, str], list[Layer]] = field(default_factory=dict)
    transit: dict[tuple[str, str], list[Layer]] = field(default_factory=dict)
    first_batch: dict[tuple[str, int], tuple[str, date | None]] = field(default_factory=dict)
    returned: dict[tuple[str, int], int] = field(default_factory=dict)
    sold: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)  # qty, final
    next_id: int = 0

    def new_layer(self, qty: int, value: int, batch: str, expiry: date | None) -> Layer:
        self.next_id += 1
        return Layer(self.next_id, qty, value, self.next_id, expiry, batch)


def replay(docs: list[DocIn]) -> Result:
    ordered = canonical(docs)
    skipped = _unmodelled(ordered)
    while True:
        try:
            return _run(ordered, skipped)
        except _Short as short:  # this product went beyond its layers: leave it provisional
            skipped[short.args[0]] = "provisional: stock short in the canonical order"


def _unmodelled(docs: list[DocIn]) -> dict[str, str]:
    known = IN_TYPES + OUT_TYPES + OTHER_TYPES
    return {l.sku: f"provisional: {d.doc_type} not replayed" for d in docs
            if d.doc_type not in known for l in d.lines}


def _run(docs: list[DocIn], skipped: dict[str, str]) -> Result:
    st, costs = _State(), {}
    for doc in docs:
        received: set[str] = set()
        for line in doc.lines:
            key = (doc.doc_id, line.line_no)
            if line.method == "none":
                costs[key] = (None, NOT_STOCK)
            elif line.sku in skipped:
                costs[key] = (None, skipped[line.sku])
            else:
                costs[key] = _line(st, doc, line, received)
    return Result(costs, [d.doc_id for d in docs], st.layers)


def _line(st: _State, doc: DocIn, line: LineIn, received: set[str]) -> tuple[int | None, str]:
    place = (line.warehouse, line.sku)
    if doc.doc_type in IN_TYPES:
        _put(st, place, line, line.qty_milli, line.in_fen, line.batch, line.expiry)
        return None, RECEIPT
    if doc.doc_type in OUT_TYPES:
        return _out(st, doc, line, place), FINAL
    if doc.doc_type == "customer_return":
        return _return(st, line, place)
    if line.sku in received:  # the product's first line of the receipt carries it all
        return 0, FINAL
    received.add(line.sku)
    if doc.doc_type == "transfer_settle":  # delivered to another store: out of in-transit
        return _transfer_in(st, doc, line, None)
    return _transfer_in(st, doc, line, place)


def _put(st: _State, place, line: LineIn, qty: int, value: int, batch: str,
         expiry: date | None) -> None:
    layers = st.layers.setdefault(place, [])
    if line.method == "average" and layers:  # the one merged layer
        layers[0] = merge_average(layers[0], qty, value, 0, 0)
    elif line.method == "average":
        layers.append(st.new_layer(qty, value, "", None))
    else:
        layers.append(st.new_layer(qty, value, batch, expiry))


def _out(st: _State, doc: DocIn, line: LineIn, place) -> int:
    layers = st.layers.get(place, [])
    order = Order.FEFO if line.method == "fefo" else Order.FIFO
    booking = book_out(layers, line.qty_milli, order, batch=line.batch or None,
                       usable_on=line.day if doc.doc_type == "sale" else None)
    if booking.shortfall_milli:
        raise _Short(line.sku)
    by_id = {l.layer_id: l for l in layers}
    if booking.draws:
        first = by_id[booking.draws[0].layer_id]
        st.first_batch[(doc.doc_id, line.line_no)] = (first.batch, first.expiry)
    if doc.doc_type == "transfer_out":
        transit = st.transit.setdefault((doc.doc_id, line.sku), [])
        for d in booking.draws:
            src = by_id[d.layer_id]
            transit.append(st.new_layer(d.qty_milli, d.value_fen, src.batch, src.expiry))
    st.layers[place] = apply(layers, booking)
    st.sold[(doc.doc_id, line.line_no)] = (line.qty_milli, booking.value_fen)
    return booking.value_fen


def _share(whole: int, part: int, of: int) -> int:
    return round_half_up(Decimal(whole) * part / of)


def _return(st: _State, line: LineIn, place) -> tuple[int | None, str]:
    source = (line.original or "", line.original_line or 0)
    if source not in st.sold:
        return None, "provisional: original sale not costed at head office"
    qty, final = st.sold[source]
    before = st.returned.get(source, 0)
    st.returned[source] = before + line.qty_milli
    value = _share(final, before + line.qty_milli, qty) - _share(final, before, qty)
    batch, expiry = st.first_batch.get(source, ("", None))
    _put(st, place, line, line.qty_milli, value, batch, expiry)
    return value, FINAL


def _transfer_in(st: _State, doc: DocIn, line: LineIn, place) -> tuple[int | None, str]:
    sent = st.transit.pop((line.original or "", line.sku), None)
    if sent is None:
        return None, "provisional: transfer out not costed at head office"
    wanted = sum(l.qty_milli for l in doc.lines if l.sku == line.sku)
    if wanted > sum(l.qty_milli for l in sent):
        raise _Short(line.sku)
    remaining = wanted
    for layer in sent:
        part = min(remaining, layer.qty_milli)
        if part:
            value = _share(layer.value_fen, part, layer.qty_milli)
            if place is not None:  # None: the goods left the store (transfer_settle)
                _put(st, place, line, part, value, layer.batch, layer.expiry)
            remaining -= part
    return sum(l.value_fen for l in sent), FINAL
