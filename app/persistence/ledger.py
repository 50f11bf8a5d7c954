"""The stock ledger in the database: append moves, keep layers and balances in step.

Every function runs inside the caller's unit of work. `receive`, `issue` and
`issue_beyond_stock` are the only ways stock changes. A document is computed first and
written together: the cost layers it touches are read once (`preload` reads the open layers
of all its products in one query) and booked in memory, its moves and balance changes are
gathered, and `finish` writes new layers, changed layers, moves and balances with one
statement each, in the same transaction. Every read here sees the document's own pending
changes on top of the database, so the order of reads and writes inside a document does not
change the result.

Plain SQL on the unit of work's connection (`run`): nothing is compiled or hydrated into
objects on the posting path. Dates and times are written in the text SQLAlchemy itself
writes for these columns (`db_time`, `db_date`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.orm import Session
from sqlcipher3 import dbapi2 as sqlcipher

from app.domain.costing import Booking, Layer, Order, book_out
from app.domain.money import line_amount, round_half_up
from app.persistence.engine import RUNTIME_CODES, store_error

_DIALECT = sqlite.dialect()
_TIME = sqlite.DATETIME().bind_processor(_DIALECT)
_READ_TIME = sqlite.DATETIME().result_processor(_DIALECT, None)
_DAY = sqlite.DATE().bind_processor(_DIALECT)
_READ_DAY = sqlite.DATE().result_processor(_DIALECT, None)


def db_time(value: datetime | None) -> str | None:
    return None if value is None else _TIME(value)


def db_date(value: date | None) -> str | None:
    return None if value is None else _DAY(value)


def read_date(value: str | None) -> date | None:
    return None if value is None else _READ_DAY(value)


def read_time(value: str | None) -> datetime | None:
    return None if value is None else _READ_TIME(value)


def run(session: Session, statement: str, params: tuple | list = ()) -> "Result":
    """Run one SQL statement on the unit of work's own connection, inside its transaction,
    after writing out any pending ORM objects (so it sees everything done so far). A list
    of parameter tuples runs the statement once for each (DB-API executemany).

    This goes to the DB-API connection directly: on the posting path SQLAlchemy's
    per-statement work (execution context, result metadata) cost more than SQLite's. A
    failure is raised as the engine would raise it (`StoreError` for a full disk or a
    damaged file, else SQLAlchemy's wrapper of the DB-API error)."""
    session.flush()
    conn = session.connection().connection.driver_connection
    try:
        if isinstance(params, list):
            return Result(conn.executemany(statement, params))
        return Result(conn.execute(statement, params))
    except sqlcipher.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in RUNTIME_CODES:
            raise store_error(exc, session.get_bind().url.database) from None
        raise DBAPIError.instance(statement, params, exc, sqlcipher.Error) from exc


class Result:
    """The rows of a statement, read the way SQLAlchemy results are read (plain tuples)."""

    __slots__ = ("cursor",)

    def __init__(self, cursor) -> None:
        self.cursor = cursor

    def __iter__(self):
        return iter(self.cursor)

    @property
    def lastrowid(self) -> int:
        return self.cursor.lastrowid

    def first(self) -> tuple | None:
        row = self.cursor.fetchone()
        self.cursor.close()  # done with the statement, whatever rows are left
        return row

    def all(self) -> list[tuple]:
        return self.cursor.fetchall()

    def one(self) -> tuple:
        rows = self.cursor.fetchmany(2)
        self.cursor.close()
        if len(rows) != 1:
            raise (NoResultFound if not rows else MultipleResultsFound)(
                f"{len(rows) or 'no'} rows where exactly one was required")
        return rows[0]

    def scalar(self):
        row = self.first()
        return None if row is None else row[0]

    def scalar_one(self):
        return self.one()[0]


@dataclass(eq=False)
class LayerState:
    """A cost layer as this document leaves it (written by `finish` when changed)."""

    id: int
    warehouse_id: int
    product_id: int
    batch: str
    expiry: date | None
    received_seq: int
    is_average: bool
    qty_left: int
    value_left: int
    new: bool = False
    changed: bool = False


@dataclass(frozen=True)
class Move:
    line_id: int
    warehouse_id: int
    product_id: int
    layer_id: int | None
    batch: str
    expiry: date | None
    qty_milli: int
    value_fen: int
    kind: str = ""


@dataclass
class MoveContext:
    """Who and where, for every move a document writes; gathers the moves, the layers as
    the document leaves them and the balance changes, which `finish` writes at once."""

    document_id: int
    store_id: int
    user_id: int | None
    terminal_id: str
    occurred_at: datetime
    recorded_at: datetime
    deltas: dict = field(default_factory=dict)
    true_up_fen: int = 0  # cost corrections of earlier sales beyond stock (to COGS)
    moves: list[Move] = field(default_factory=list)
    layers: dict[int, LayerState] = field(default_factory=dict)
    by_product: dict[tuple[int, int], list[LayerState]] = field(default_factory=dict)
    loaded: set = field(default_factory=set)  # (kind, warehouse, product) read from the db
    next_layer_id: int | None = None

    @classmethod
    def start(cls, session: Session, **fields) -> "MoveContext":
        return cls(**fields)


_LAYER_COLUMNS = ("id, warehouse_id, product_id, batch, expiry, received_seq, is_average, "
                  "qty_left, value_left")
# Which layers a lookup needs, as SQL over the database and as a test of the current state.
_KINDS = {
    "open": ("qty_left > 0", lambda l: l.qty_left > 0),
    "negative": ("qty_left < 0", lambda l: l.qty_left < 0),
    "average": ("is_average = 1", lambda l: l.is_average),
}


def _register(ctx: MoveContext, row) -> LayerState:
    """The document's state of a layer read from the database (the cached one if seen)."""
    known = ctx.layers.get(row[0])
    if known is not None:
        return known
    layer = LayerState(row[0], row[1], row[2], row[3], read_date(row[4]), row[5], bool(row[6]),
                       row[7], row[8])
    ctx.layers[layer.id] = layer
    ctx.by_product.setdefault((layer.warehouse_id, layer.product_id), []).append(layer)
    return layer


def preload(session: Session, ctx: MoveContext, warehouse_id: int, product_ids) -> None:
    """Read the open layers of many products at once (one query for a whole document)."""
    wanted = sorted({p for p in product_ids if ("open", warehouse_id, p) not in ctx.loaded})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = run(
            session, f"SELECT {_LAYER_COLUMNS} FROM cost_layers WHERE warehouse_id = ? AND "
            f"product_id IN ({', '.join('?' * len(chunk))}) AND qty_left > 0 ORDER BY id",
            (warehouse_id, *chunk))
        for row in rows:
            _register(ctx, row)
        ctx.loaded.update(("open", warehouse_id, p) for p in chunk)


def _layers(session: Session, ctx: MoveContext, kind: str, warehouse_id: int,
            product_id: int) -> list[LayerState]:
    """Layers of one product and warehouse that are `kind` now (in no particular order).
    Reads the database once per kind: a layer that changed since is in the cache (nothing
    else writes while the document posts), one that did not is as the database says."""
    where, test = _KINDS[kind]
    if (kind, warehouse_id, product_id) not in ctx.loaded:
        for row in run(
                session, f"SELECT {_LAYER_COLUMNS} FROM cost_layers WHERE warehouse_id = ? AND "
                f"product_id = ? AND {where} ORDER BY id", (warehouse_id, product_id)):
            _register(ctx, row)
        ctx.loaded.add((kind, warehouse_id, product_id))
    return [l for l in ctx.by_product.get((warehouse_id, product_id), ()) if test(l)]


def layers_by_id(session: Session, ctx: MoveContext, ids: list[int]) -> list[LayerState]:
    """These layers as the document sees them now, in the order asked."""
    missing = [i for i in ids if i not in ctx.layers]
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        for row in run(
                session, f"SELECT {_LAYER_COLUMNS} FROM cost_layers WHERE id IN "
                f"({', '.join('?' * len(chunk))})", tuple(chunk)):
            _register(ctx, row)
    return [ctx.layers[i] for i in ids]


def open_layers(session: Session, ctx: MoveContext, warehouse_id: int,
                product_id: int) -> list[LayerState]:
    return _layers(session, ctx, "open", warehouse_id, product_id)


def as_domain(rows: list[LayerState]) -> list[Layer]:
    return [Layer(r.id, r.qty_left, r.value_left, r.received_seq, r.expiry, r.batch) for r in rows]


def plan_issue(session: Session, ctx: MoveContext, warehouse_id: int, product_id: int,
               qty_milli: int, order: Order, batch: str | None = None,
               usable_on: date | None = None) -> Booking:
    layers = as_domain(open_layers(session, ctx, warehouse_id, product_id))
    return book_out(layers, qty_milli, order, batch=batch, usable_on=usable_on)


def _append(ctx: MoveContext, line_id: int, layer: LayerState, batch: str,
            expiry: date | None, qty_milli: int, value_fen: int, kind: str = "") -> Move:
    move = Move(line_id, layer.warehouse_id, layer.product_id, layer.id, batch, expiry,
                qty_milli, value_fen, kind)
    ctx.moves.append(move)
    key = (layer.warehouse_id, layer.product_id)
    qty, value = ctx.deltas.get(key, (0, 0))
    ctx.deltas[key] = (qty + qty_milli, value + value_fen)
    return move


def _change(layer: LayerState, qty_milli: int, value_fen: int) -> None:
    layer.qty_left += qty_milli
    layer.value_left += value_fen
    layer.changed = True


def _new_layer(session: Session, ctx: MoveContext, warehouse_id: int, product_id: int,
               batch: str, expiry: date | None, average: bool) -> LayerState:
    """A layer this document creates. Its id is taken now (the next rowid: the unit of work
    holds the write lock) and is also its place in the order goods arrived."""
    if ctx.next_layer_id is None:
        ctx.next_layer_id = run(
            session, "SELECT coalesce(max(id), 0) + 1 FROM cost_layers").scalar()
    layer_id, ctx.next_layer_id = ctx.next_layer_id, ctx.next_layer_id + 1
    layer = LayerState(layer_id, warehouse_id, product_id, batch, expiry, layer_id, average,
                       0, 0, new=True)
    ctx.layers[layer_id] = layer
    ctx.by_product.setdefault((warehouse_id, product_id), []).append(layer)
    return layer


def receive(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
            product_id: int, qty_milli: int, value_fen: int, *, batch: str = "",
            expiry: date | None = None, average: bool = False) -> list[Move]:
    """Goods in: first settle stock that was sold beyond what was there (a negative
    layer), then a new cost layer (FIFO/FEFO) or into the merged layer (average).

    Batch and expiry always stay on the move. A moving-average product has one merged
    layer without batch or expiry, so expiry checks at the till cannot apply to it: give
    products whose expiry matters FIFO costing (they are then sold FEFO)."""
    moves = []
    negative = _first(_layers(session, ctx, "negative", warehouse_id, product_id))
    if negative is not None:
        settled, settled_value, settle_moves = _settle(ctx, line_id, negative, qty_milli,
                                                        value_fen, batch, expiry)
        moves += settle_moves
        qty_milli, value_fen = qty_milli - settled, value_fen - settled_value
        if qty_milli == 0:
            return moves
    layer = _first(_layers(session, ctx, "average", warehouse_id, product_id)) \
        if average else None
    if layer is None:  # the merged average layer mixes batches: it carries none itself
        layer = _new_layer(session, ctx, warehouse_id, product_id, "" if average else batch,
                           None if average else expiry, average)
    _change(layer, qty_milli, value_fen)
    moves.append(_append(ctx, line_id, layer, batch, expiry, qty_milli, value_fen))
    return moves


def _first(layers: list[LayerState]) -> LayerState | None:
    return min(layers, key=lambda l: l.id) if layers else None


def _settle(ctx: MoveContext, line_id: int, layer: LayerState, qty_milli: int, value_fen: int,
            batch: str, expiry: date | None) -> tuple[int, int, list[Move]]:
    """Incoming goods cover a shortfall sold at an estimated cost: they fill the negative
    layer at their real cost, and a true-up move (quantity 0) takes the difference between
    real and estimated cost out of stock into COGS, so the layer is left at its estimate."""
    qty = min(qty_milli, -layer.qty_left)
    value = round_half_up(Decimal(value_fen) * qty / qty_milli)
    estimate = round_half_up(Decimal(layer.value_left) * qty / layer.qty_left)  # >= 0
    _change(layer, qty, value)
    moves = [_append(ctx, line_id, layer, batch, expiry, qty, value)]
    true_up = value - estimate
    if true_up:
        _change(layer, 0, -true_up)
        ctx.true_up_fen += true_up
        moves.append(_append(ctx, line_id, layer, batch, expiry, 0, -true_up, kind="true_up"))
    return qty, value, moves


def issue_beyond_stock(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
                       product_id: int, qty_milli: int, unit_cost_fen: int,
                       average: bool) -> Move:
    """Goods out that the layers cannot cover (negative stock, where the store allows it):
    booked at an estimated cost onto the product's negative layer, to be trued up when
    goods arrive (see `_settle`)."""
    layer = _first(_layers(session, ctx, "negative", warehouse_id, product_id))
    if layer is None and average:
        layer = _first(_layers(session, ctx, "average", warehouse_id, product_id))
    if layer is None:
        layer = _new_layer(session, ctx, warehouse_id, product_id, "", None, average)
    value = line_amount(unit_cost_fen, qty_milli)
    _change(layer, -qty_milli, -value)
    return _append(ctx, line_id, layer, "", None, -qty_milli, -value)


def last_unit_cost(session: Session, warehouse_id: int, product_id: int,
                   ctx: MoveContext | None = None) -> int | None:
    """Fen per whole unit of the latest goods received here (this document's own receipts
    first), or None. The SQL repeats the condition of the partial index
    ix_stock_moves_receipts literally, so SQLite can use it."""
    pending = [m for m in (ctx.moves if ctx else ()) if m.warehouse_id == warehouse_id
               and m.product_id == product_id and m.qty_milli > 0 and m.kind == ""]
    row = (pending[-1].qty_milli, pending[-1].value_fen) if pending else \
        run(session, LAST_RECEIPT_SQL, (product_id, warehouse_id)).first()
    return round_half_up(Decimal(row[1]) * 1000 / row[0]) if row else None


LAST_RECEIPT_SQL = ("SELECT qty_milli, value_fen FROM stock_moves WHERE product_id = ? AND "
                    "warehouse_id = ? AND qty_milli > 0 AND kind = '' ORDER BY id DESC LIMIT 1")


def issue(session: Session, ctx: MoveContext, line_id: int, warehouse_id: int,
          product_id: int, booking: Booking) -> list[Move]:
    """Goods out along a booking: one move per layer drawn."""
    moves = []
    for draw in booking.draws:
        layer = ctx.layers.get(draw.layer_id) or layers_by_id(session, ctx, [draw.layer_id])[0]
        _change(layer, -draw.qty_milli, -draw.value_fen)
        moves.append(_append(ctx, line_id, layer, layer.batch, layer.expiry, -draw.qty_milli,
                             -draw.value_fen))
    return moves


def on_hand(session: Session, warehouse_id: int, product_id: int,
            ctx: MoveContext | None = None) -> tuple[int, int]:
    """Balance of a product in a warehouse, including this document's moves so far."""
    row = run(
        session, "SELECT qty_milli, value_fen FROM stock_balances WHERE warehouse_id = ? AND "
        "product_id = ?", (warehouse_id, product_id)).first()
    qty, value = (row[0], row[1]) if row else (0, 0)
    pending = ctx.deltas.get((warehouse_id, product_id), (0, 0)) if ctx else (0, 0)
    return qty + pending[0], value + pending[1]


def on_hand_at(session: Session, warehouse_id: int, product_ids: list[int],
               at: datetime) -> dict[int, int]:
    """Quantity of each product in a warehouse from the moves that occurred up to `at`
    (a stocktake's counting time); products without moves are left out."""
    found: dict[int, int] = {}
    for start in range(0, len(product_ids), 900):
        part = product_ids[start:start + 900]
        found.update(run(
            session, "SELECT product_id, sum(qty_milli) FROM stock_moves WHERE warehouse_id = ? "
            f"AND occurred_at <= ? AND product_id IN ({', '.join('?' * len(part))}) "
            "GROUP BY product_id", (warehouse_id, db_time(at), *part)).all())
    return found


def finish(session: Session, ctx: MoveContext) -> None:
    """Write what the document did to stock: new layers, changed layers, the moves (each
    with the next per-terminal sequence) and one balance change per warehouse and product.
    The document and its lines must be written first (the moves refer to them)."""
    layers = list(ctx.layers.values())
    new = [l for l in layers if l.new]
    if new:
        run(
            session,
            f"INSERT INTO cost_layers ({_LAYER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(l.id, l.warehouse_id, l.product_id, l.batch, db_date(l.expiry), l.received_seq,
              l.is_average, l.qty_left, l.value_left) for l in new])
    changed = [(l.qty_left, l.value_left, l.id) for l in layers if l.changed and not l.new]
    if changed:
        run(session, "UPDATE cost_layers SET qty_left = ?, value_left = ? WHERE id = ?", changed)
    if ctx.moves:
        _write_moves(session, ctx)
    if ctx.deltas:
        run(
            session, "INSERT INTO stock_balances (warehouse_id, product_id, qty_milli, value_fen) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (warehouse_id, product_id) DO UPDATE SET "
            "qty_milli = qty_milli + excluded.qty_milli, "
            "value_fen = value_fen + excluded.value_fen",
            [(w, p, q, v) for (w, p), (q, v) in sorted(ctx.deltas.items())])
    ctx.deltas.clear()
    for layer in layers:
        layer.new = layer.changed = False


def _write_moves(session: Session, ctx: MoveContext) -> None:
    last = run(session, "SELECT max(terminal_seq) FROM stock_moves WHERE terminal_id = ?",
               (ctx.terminal_id,)).scalar() or 0
    occurred, recorded = db_time(ctx.occurred_at), db_time(ctx.recorded_at)
    run(
        session, "INSERT INTO stock_moves (document_id, line_id, store_id, warehouse_id, "
        "product_id, layer_id, batch, expiry, qty_milli, value_fen, kind, user_id, terminal_id, "
        "terminal_seq, occurred_at, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(ctx.document_id, m.line_id, ctx.store_id, m.warehouse_id, m.product_id, m.layer_id,
          m.batch, db_date(m.expiry), m.qty_milli, m.value_fen, m.kind, ctx.user_id,
          ctx.terminal_id, last + n, occurred, recorded) for n, m in enumerate(ctx.moves, 1)])
    ctx.moves.clear()


def last_audit(session: Session, terminal_id: str) -> "AuditHead | None":
    """The head of this terminal's audit chain (pending ORM entries included)."""
    row = run(
        session, "SELECT terminal_id, seq, at, user_id, action, target, detail, prev_hash, hash "
        "FROM audit_log WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1", (terminal_id,)).first()
    return None if row is None else AuditHead(row[0], row[1], _READ_TIME(row[2]), *row[3:])


@dataclass(frozen=True)
class AuditHead:
    """The columns of an audit entry that the next entry chains to (same names as the row)."""

    terminal_id: str
    seq: int
    at: datetime
    user_id: int | None
    action: str
    target: str
    detail: str
    prev_hash: str
    hash: str


def next_outbox_seq(session: Session, terminal_id: str) -> int:
    last = run(session, "SELECT max(terminal_seq) FROM outbox WHERE terminal_id = ?",
               (terminal_id,)).scalar()
    return (last or 0) + 1


def insert_now(session: Session, row) -> None:
    """Write one new ORM row (an audit entry, an outbox event) with a plain INSERT now,
    instead of a unit-of-work flush at commit: on the posting path that flush costs more
    than the statement itself. The row leaves the session, carrying its new id."""
    table = type(row).__table__
    columns = [c for c in table.columns if not c.primary_key]
    values = []
    for column in columns:
        value = getattr(row, column.key)
        if value is None and column.default is not None and column.default.is_scalar:
            value = column.default.arg
        convert = _BIND.get(type(value))
        values.append(convert(value) if convert else value)
    session.expunge(row)  # before `run`, whose flush would write it too
    row.id = run(
        session, f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) VALUES "
        f"({', '.join('?' * len(columns))})", tuple(values)).lastrowid


_BIND = {datetime: db_time, date: db_date}
