"""The stocktake's variance report (盘盈盘亏) and the counts that the document will carry.

The system quantity is the stock at the snapshot: the ledger's moves of the warehouse up to
the snapshot time. A difference is valued at the product's average unit cost at the
snapshot (its purchase price when it had no stock); the posting then books gains at the
current average cost and losses FIFO, so the posted value may differ by rounding and by
batch costs.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain.locations import like_pattern
from app.domain.money import round_half_up
from app.domain.permissions import check
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor

from .common import AT_LOCATION, category_subtree, warehouse_id


@dataclass(frozen=True)
class VarianceRow:
    sku: str
    name: str
    system_milli: int
    counted_milli: int | None   # None: not counted
    diff_milli: int             # counted (or 0 when uncounted counts as zero) - system
    unit_cost_fen: int
    diff_fen: int


@dataclass(frozen=True)
class Variance:
    rows: tuple[VarianceRow, ...]
    gain_fen: int   # 盘盈
    loss_fen: int   # 盘亏 (positive)
    counted: int
    uncounted: int

    @property
    def net_fen(self) -> int:
        return self.gain_fen - self.loss_fen


def stocktake_variance(store: LocalStore, actor: Actor, ref: str, *,
                       uncounted_as_zero: bool = True, only_differences: bool = False) -> Variance:
    check(actor.role, "stock_work.variance.stocktake_variance")
    from .stocktakes import load_session

    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        _, body = load_session(s, ref)
        products = _products(s, body)
        snap = _snapshot(s, body, products)
    counts = body["counts"]
    rows = []
    for pid, (sku, name, price) in sorted(products.items(), key=lambda x: x[1][0]):
        system_qty, system_value = snap.get(pid, (0, 0))
        counted = counts.get(sku)
        if counted is None and system_qty == 0:
            continue
        diff = (counted if counted is not None else 0 if uncounted_as_zero else system_qty) \
            - system_qty
        unit = round_half_up(Decimal(system_value) / system_qty * 1000) if system_qty > 0 \
            else price
        value = round_half_up(Decimal(unit) * diff / 1000)
        if only_differences and diff == 0:
            continue
        rows.append(VarianceRow(sku, name, system_qty, counted, diff, unit, value))
    gain = sum(r.diff_fen for r in rows if r.diff_fen > 0)
    loss = -sum(r.diff_fen for r in rows if r.diff_fen < 0)
    counted_n = sum(1 for r in rows if r.counted_milli is not None)
    return Variance(tuple(rows), gain, loss, counted_n,
                    sum(1 for r in rows if r.counted_milli is None))


def final_counts(s: Session, body: dict, uncounted_as_zero: bool) -> list[tuple[str, int]]:
    """(sku, quantity) for the document: each count carried forward by what moved since the
    snapshot (never below zero); uncounted products of the scope with stock as zero."""
    products = _products(s, body)
    snap = _snapshot(s, body, products)
    wid = warehouse_id(s, body["warehouse"])
    now = dict((pid, qty) for pid, qty in run(
        s, "SELECT product_id, qty_milli FROM stock_balances WHERE warehouse_id = ?",
        (wid,)).all() if pid in products)
    counts = body["counts"]
    out = []
    for pid, (sku, _, _) in products.items():
        counted = counts.get(sku)
        system = snap.get(pid, (0, 0))[0]
        if counted is None:
            if not uncounted_as_zero or (system == 0 and now.get(pid, 0) == 0):
                continue
            counted = 0
        out.append((sku, max(0, counted + now.get(pid, 0) - system)))
    return sorted(out)


def _products(s: Session, body: dict) -> dict[int, tuple[str, str, int]]:
    """id -> (sku, name, purchase price) of the counted products and of every product of
    the scope the warehouse has moves of."""
    wid = warehouse_id(s, body["warehouse"])
    skus = list(body["counts"])
    found: dict[int, tuple[str, str, int]] = {}
    for start in range(0, len(skus), 900):
        part = skus[start:start + 900]
        for pid, sku, name, price in run(
                s, "SELECT id, sku, name, purchase_price_fen FROM products WHERE sku IN "
                   f"({', '.join('?' * len(part))})", tuple(part)).all():
            found[pid] = (sku, name, price)
    sql = ("SELECT p.id, p.sku, p.name, p.purchase_price_fen FROM products p WHERE p.id IN "
           "(SELECT DISTINCT product_id FROM stock_moves WHERE warehouse_id = ?)")
    params: list = [wid]
    if body["scope"] == "category":
        ids = sorted(category_subtree(s, body["category"])) or [-1]
        sql += f" AND p.category_id IN ({', '.join('?' * len(ids))})"
        params += ids
    elif body["scope"] == "location":
        sql += f" AND {AT_LOCATION}"
        params.append(like_pattern(body.get("location", "")))
    for pid, sku, name, price in run(s, sql, tuple(params)).all():
        found[pid] = (sku, name, price)
    return found


def _snapshot(s: Session, body: dict, products: dict) -> dict[int, tuple[int, int]]:
    wid = warehouse_id(s, body["warehouse"])
    rows = run(s, "SELECT product_id, sum(qty_milli), sum(value_fen) FROM stock_moves "
                  "WHERE warehouse_id = ? AND occurred_at <= ? GROUP BY product_id",
               (wid, body["snapshot_at"])).all()
    return {pid: (qty, value) for pid, qty, value in rows if pid in products}
