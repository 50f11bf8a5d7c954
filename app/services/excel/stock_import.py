"""Opening stock from a file: one `opening_stock` document per warehouse (and per 10,000
lines), all posted in one transaction. Ids come from the file's sha256, so importing the
same file again books nothing twice."""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import Actor, Clock, utc_now

from . import lookups
from .common import (ExcelImportResult, Refused, audit_import, chunked, money_text, qty_text,
                     rejected)
from .posting import mark_failure, post_in
from .table import Progress, read_table


def import_stock(store: LocalStore, actor: Actor, path: Path, *,
                 progress: Progress | None = None, clock: Clock = utc_now) -> ExcelImportResult:
    check(actor.role, "excel.stock_import.import_stock")
    table = read_table(Path(path), "stock", progress)
    try:
        return _write(store, actor, table, progress, clock)
    except Refused:
        raise rejected(table) from None


def _write(store: LocalStore, actor: Actor, table, progress, clock) -> ExcelImportResult:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        found = lookups.products(s, table)
        lookups.warehouses(s, table)
        if table.marks.count:
            raise Refused
        by_wh: dict[str, list[int]] = {}
        for row, values in table.rows:
            by_wh.setdefault(values["warehouse"], []).append(row)
        values_of = dict(table.rows)
        now, numbers, pending, replayed = clock(), [], 0, 0
        parts = [(wh, part) for wh, rows in sorted(by_wh.items()) for part in chunked(rows)]
        for k, (warehouse, part) in enumerate(parts, 1):
            raw = {"type": "opening_stock", "id": f"xlsx-stock-{table.sha256[:24]}-{k}",
                   "warehouse": warehouse, "note": "Excel",
                   "lines": [_line(found[r], values_of[r]) for r in part]}
            if progress:
                progress("write", k, len(parts))
            try:
                result = post_in(s, store, actor, raw, now)
            except DomainError as exc:
                mark_failure(table.marks, exc, part)
                raise Refused from None
            numbers.append(result.number or result.id)
            pending += result.status == "pending"
            replayed += result.replayed
        result = ExcelImportResult("stock", table.name, table.sha256, len(table.rows),
                                   tuple(numbers), pending, replayed)
        audit_import(s, store, actor, now, result)
        uow.commit()
    return result


def _line(product, values: dict) -> dict:
    line = {"sku": product.sku, "qty": qty_text(values["qty"]),
            "unit_cost": money_text(values["unit_cost"])}
    if values.get("batch"):
        line["batch"] = values["batch"]
    if values.get("expiry"):
        line["expiry"] = values["expiry"].isoformat()
    return line
