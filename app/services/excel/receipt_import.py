"""Purchase receipts from a file: the rows of one receipt number form one
`purchase_receipt` document, all posted in one transaction. The document id is
`xlsx-receipt-<number>`, so the same receipt imported twice is booked once (and a
different receipt under a used number is refused). A unit cost too far from the last
purchase price is marked on its cell unless the row confirms it (as posting would refuse it).
"""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.ledger import run
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.records import Actor, Clock, utc_now

from . import lookups
from .common import (ExcelImportResult, Refused, audit_import, money_text, qty_text, rejected)
from .posting import mark_failure, post_in
from .table import Progress, Table, read_table

SHARED = ("supplier", "warehouse", "date")
ID_PREFIX = "xlsx-receipt-"  # the same on every row of one receipt


def import_receipts(store: LocalStore, actor: Actor, path: Path, *,
                    progress: Progress | None = None, clock: Clock = utc_now) -> ExcelImportResult:
    check(actor.role, "excel.receipt_import.import_receipts")
    table = read_table(Path(path), "receipts", progress)
    try:
        return _write(store, actor, table, progress, clock)
    except Refused:
        raise rejected(table) from None


def _write(store: LocalStore, actor: Actor, table: Table, progress, clock) -> ExcelImportResult:
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        found = lookups.products(s, table)
        lookups.warehouses(s, table)
        lookups.suppliers(s, table)
        groups = _groups(table)
        done = _already_booked(s, groups)
        _check_prices(table, found, int(settings.read(s, "price_anomaly_percent")),
                      {row for number in done for row in groups[number]})
        if table.marks.count:
            raise Refused
        values_of = dict(table.rows)
        now, numbers, pending, replayed = clock(), [], 0, 0
        for k, (receipt_no, rows) in enumerate(groups.items(), 1):
            raw = _document(receipt_no, rows, values_of, found)
            if progress:
                progress("write", k, len(groups))
            try:
                result = post_in(s, store, actor, raw, now)
            except DomainError as exc:
                mark_failure(table.marks, exc, rows)
                raise Refused from None
            numbers.append(result.number or result.id)
            pending += result.status == "pending"
            replayed += result.replayed
        result = ExcelImportResult("receipts", table.name, table.sha256, len(table.rows),
                                   tuple(numbers), pending, replayed)
        audit_import(s, store, actor, now, result)
        uow.commit()
    return result


def _groups(table: Table) -> dict[str, list[int]]:
    """receipt number -> its sheet rows; marks rows that disagree with the receipt's first
    row on supplier, warehouse or date, and receipts over the line limit."""
    groups: dict[str, list[int]] = {}
    first: dict[str, dict] = {}
    for row, values in table.rows:
        number = values.get("receipt_no")
        if number is None:
            continue
        groups.setdefault(number, []).append(row)
        head = first.setdefault(number, values)
        for key in SHARED:
            if head is not values and head.get(key) != values.get(key):
                table.marks.add(row, key, f"同一入库单 {number} 的各行应相同（与前面的行不一致）",
                                f"must be the same on every row of receipt {number} "
                                "(differs from an earlier row)")
    for number, rows in groups.items():
        if len(rows) > 10_000:
            table.marks.add(rows[0], "receipt_no", "一张入库单最多 10,000 行",
                            "a receipt has at most 10,000 lines")
    return groups


def _already_booked(s, groups: dict[str, list[int]]) -> set[str]:
    """Receipt numbers of the file already posted (or pending) by an earlier import."""
    ids = {f"{ID_PREFIX}{number}": number for number in groups}
    found = set()
    keys = sorted(ids)
    for start in range(0, len(keys), 900):
        part = keys[start:start + 900]
        found |= {uuid for (uuid,) in run(
            s, f"SELECT uuid FROM documents WHERE status IN ('posted', 'pending') AND uuid IN "
            f"({', '.join('?' * len(part))})", tuple(part)).all()}
    return {ids[uuid] for uuid in found}


def _check_prices(table: Table, found: dict, threshold_percent: int, skip: set[int]) -> None:
    """The price anomaly rule of posting, in file order (each row's cost becomes the last);
    rows of receipts booked before are not checked again (they replay)."""
    last: dict[int, int] = {}
    for row, values in table.rows:
        product = found.get(row)
        if product is None or "unit_cost" not in values or row in skip:
            continue
        before = last.get(product.id, product.purchase_price_fen)
        cost = values["unit_cost"]
        if before > 0 and abs(cost - before) * 100 > threshold_percent * before \
                and not values.get("confirm_price"):
            table.marks.add(row, "unit_cost",
                            f"进价 {money_text(cost)} 与上次进价 {money_text(before)} 相差超过 "
                            f"{threshold_percent}%；核对无误请在“确认进价”列填 是",
                            f"cost {money_text(cost)} is more than {threshold_percent}% away "
                            f"from the last one ({money_text(before)}); if it is right, put "
                            "yes in 'Confirm price'")
        last[product.id] = cost


def _document(receipt_no: str, rows: list[int], values_of: dict, found: dict) -> dict:
    """The document of one receipt; nothing in it depends on the file's name, so the same
    receipt from another file replays instead of conflicting."""
    head = values_of[rows[0]]
    raw = {"type": "purchase_receipt", "id": f"{ID_PREFIX}{receipt_no}",
           "supplier": head["supplier"], "warehouse": head["warehouse"],
           "note": f"Excel {receipt_no}"[:500], "lines": []}
    if head.get("date"):
        raw["date"] = head["date"].isoformat()
    for row in rows:
        values = values_of[row]
        line = {"sku": found[row].sku, "qty": qty_text(values["qty"]),
                "unit_cost": money_text(values["unit_cost"])}
        if values.get("batch"):
            line["batch"] = values["batch"]
        if values.get("expiry"):
            line["expiry"] = values["expiry"].isoformat()
        if values.get("confirm_price"):
            line["confirm_price"] = True
        raw["lines"].append(line)
    return raw
