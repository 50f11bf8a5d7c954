"""Price changes from a file: new retail, member, wholesale or purchase prices of existing
products, an empty cell keeping the price. Every row is checked first; the changes are
written in one transaction with one audit entry (each product's old and new prices) and
one outbox event for head office."""
from __future__ import annotations

from pathlib import Path

from app.domain.money import format_money
from app.domain.permissions import check
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, Clock, utc_now

from . import lookups
from .common import ExcelImportResult, Refused, audit_import, rejected
from .table import Progress, Table, read_table

PRICES = ("retail_price", "member_price", "wholesale_price", "purchase_price")
WRITE_CHUNK = 500


def import_prices(store: LocalStore, actor: Actor, path: Path, *,
                  progress: Progress | None = None, clock: Clock = utc_now) -> ExcelImportResult:
    check(actor.role, "excel.price_import.import_prices")
    table = read_table(Path(path), "prices", progress)
    try:
        return _write(store, actor, table, clock)
    except Refused:
        raise rejected(table) from None


def _write(store: LocalStore, actor: Actor, table: Table, clock) -> ExcelImportResult:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        found = lookups.products(s, table)
        seen: dict[int, int] = {}
        for row, values in table.rows:
            if not any(k in values for k in PRICES):
                table.marks.add(row, "", "这一行没有任何新价格", "the row gives no new price")
            product = found.get(row)
            if product is not None:
                if product.id in seen:
                    table.marks.add(row, "sku", f"商品 {product.sku} 在第 {seen[product.id]} 行已出现",
                                    f"product {product.sku} is already on row {seen[product.id]}")
                seen.setdefault(product.id, row)
        if table.marks.count:
            raise Refused
        changes = _changes(s, table, found)
        for start in range(0, len(changes), WRITE_CHUNK):
            for pid, new, _old in changes[start:start + WRITE_CHUNK]:
                sets = ", ".join(f"{k}_fen = ?" for k in new)
                run(s, f"UPDATE products SET {sets} WHERE id = ?", (*new.values(), pid))
        now = clock()
        detail = {"changes": [{"product_id": pid, "new": {k: format_money(v) for k, v in new.items()},
                               "old": {k: format_money(v) for k, v in old.items()}}
                              for pid, new, old in changes[:1000]]}
        result = ExcelImportResult("prices", table.name, table.sha256, len(table.rows),
                                   changed=len(changes), detail=detail)
        audit_import(s, store, actor, now, result)
        uow.commit()
    return result


def _changes(s, table: Table, found: dict) -> list[tuple[int, dict, dict]]:
    """(product id, {column: new fen}, {column: old fen}) of the rows that change a price."""
    ids = sorted({p.id for p in found.values()})
    current: dict[int, tuple] = {}
    for start in range(0, len(ids), lookups.CHUNK):
        part = ids[start:start + lookups.CHUNK]
        for row in run(s, "SELECT id, retail_price_fen, member_price_fen, wholesale_price_fen, "
                          f"purchase_price_fen FROM products WHERE id IN "
                          f"({', '.join('?' * len(part))})", tuple(part)).all():
            current[row[0]] = row[1:]
    out = []
    for row, values in table.rows:
        pid = found[row].id
        old = dict(zip(PRICES, current[pid]))
        new = {k: values[k] for k in PRICES if k in values and values[k] != old[k]}
        if new:
            out.append((pid, new, {k: old[k] for k in new}))
    return out
