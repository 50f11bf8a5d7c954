"""A document while it is posted: plain objects, computed first, then written in one go.

`prepare` turns a request into a `Draft` (the document, its lines, their products and the
warehouse) without writing anything; the handlers fill in prices, costs and totals; `write`
puts the document and its lines into the database with one statement each (INSERT for new
rows, UPDATE for stored ones). New rows get their ids up front, the next rowids (the unit
of work holds the write lock, so nobody else takes them): ledger moves can name their line
before anything is written, and a refused document has written nothing at all.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from app.domain.doc_request import DocRequest
from app.domain.documents import DocType, Status
from app.persistence.ledger import db_date, db_time, read_date, read_time, run
from app.services.inventory import approval_rules, resolve
from app.services.records import Actor, local_date

DOC_COLUMNS = ("uuid", "body_hash", "doc_type", "status", "number", "store_id", "warehouse_id",
               "to_warehouse_id", "supplier_id", "customer_id", "original_id", "total_fen",
               "note", "body_json", "user_id", "terminal_id", "business_date", "created_at",
               "posted_at")
LINE_COLUMNS = ("document_id", "line_no", "product_id", "qty_milli", "unit_price_fen",
                "unit_cost_fen", "discount_fen", "amount_fen", "tax_rate_bp", "landed_fen",
                "cogs_fen", "batch", "expiry", "system_qty_milli", "original_line_id", "reason",
                "price_confirmed", "negative_stock")
_DATES = {"business_date": db_date, "expiry": db_date, "created_at": db_time,
          "posted_at": db_time}


@dataclass(eq=False)
class DocDraft:
    """The `documents` row of the document being posted (same column names)."""

    id: int
    uuid: str
    body_hash: str
    doc_type: str
    status: str
    store_id: int
    warehouse_id: int
    terminal_id: str
    business_date: date
    created_at: datetime
    body_json: str = ""
    note: str = ""
    user_id: int | None = None
    number: str | None = None
    to_warehouse_id: int | None = None
    supplier_id: int | None = None
    customer_id: int | None = None
    original_id: int | None = None
    total_fen: int = 0
    posted_at: datetime | None = None
    stored: bool = False  # the row exists (a draft or a pending document)


@dataclass(eq=False)
class LineDraft:
    """A `document_lines` row (same column names)."""

    id: int
    document_id: int
    line_no: int
    product_id: int
    qty_milli: int
    unit_price_fen: int = 0
    unit_cost_fen: int = 0
    discount_fen: int = 0
    amount_fen: int = 0
    tax_rate_bp: int = 0
    landed_fen: int = 0
    cogs_fen: int = 0
    batch: str = ""
    expiry: date | None = None
    system_qty_milli: int | None = None
    original_line_id: int | None = None
    reason: str = ""
    price_confirmed: bool = False
    negative_stock: bool = False
    stored: bool = False


@dataclass
class Draft:
    doc: DocDraft
    lines: list  # (LineRequest, LineDraft, product) per line, in order
    warehouse: object  # resolve.WarehouseRef or a Warehouse row: .id and .code
    store_code: str
    replace_lines: bool = False  # a stored draft whose old lines go
    extra_lines: list[LineDraft] = field(default_factory=list)  # added while posting


@dataclass(frozen=True)
class Existing:
    """An earlier document with the same client id."""

    id: int
    uuid: str
    doc_type: str
    status: str
    body_hash: str
    number: str | None
    total_fen: int
    store_id: int
    terminal_id: str
    created_at: str


def find(s: Session, uuid: str) -> Existing | None:
    row = run(
        s, "SELECT id, uuid, doc_type, status, body_hash, number, total_fen, store_id, "
        "terminal_id, created_at FROM documents WHERE uuid = ?", (uuid,)).first()
    return None if row is None else Existing(*row)


def prepare(s: Session, store, actor: Actor, req: DocRequest, raw: dict, now: datetime,
            replacing: Existing | None = None) -> Draft:
    """The document and its lines as a draft, in memory (an earlier draft of the same id
    keeps its row, its creation time and its terminal; its lines are replaced)."""
    store_id, store_code, warehouse = resolve.local_warehouse(s, req.warehouse)
    last_doc, last_line = run(
        s, "SELECT (SELECT coalesce(max(id), 0) FROM documents), "
        "(SELECT coalesce(max(id), 0) FROM document_lines)").first()
    products = resolve.product_refs(s, req.lines)
    customer = resolve.customer(s, req.customer)
    doc = DocDraft(
        id=replacing.id if replacing else last_doc + 1, uuid=req.id, body_hash=req.body_hash,
        doc_type=req.type.value, status=Status.DRAFT.value,
        store_id=replacing.store_id if replacing else store_id, warehouse_id=warehouse.id,
        terminal_id=replacing.terminal_id if replacing else store.terminal_id,
        business_date=req.business_date or local_date(now),
        created_at=_created(replacing) if replacing else now, body_json=_json(raw),
        note=req.note, user_id=actor.user_id, supplier_id=_supplier_id(s, req),
        customer_id=customer.id if customer else None,
        total_fen=approval_rules.declared_total(req, products), stored=replacing is not None)
    lines = [(line_req, LineDraft(
        id=last_line + n, document_id=doc.id, line_no=n, product_id=product.id,
        qty_milli=line_req.qty_milli, batch=line_req.batch, expiry=line_req.expiry,
        unit_cost_fen=line_req.unit_cost_fen or 0, unit_price_fen=line_req.unit_price_fen or 0,
        discount_fen=line_req.discount_fen), product)
        for n, (line_req, product) in enumerate(zip(req.lines, products), 1)]
    return Draft(doc, lines, warehouse, store_code, replace_lines=replacing is not None)


def _created(existing: Existing) -> datetime:
    return read_time(existing.created_at)


def _json(raw: dict) -> str:
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _supplier_id(s: Session, req: DocRequest) -> int | None:
    if req.type not in (DocType.PURCHASE_ORDER, DocType.PURCHASE_RECEIPT, DocType.PURCHASE_RETURN):
        return None
    if req.supplier is None and req.type is DocType.PURCHASE_RECEIPT and req.order:
        return None  # taken from the order
    return resolve.supplier(s, req.supplier).id


def load(s: Session, document, req: DocRequest) -> Draft:
    """A stored draft or pending document (an ORM row) with its stored lines, to post."""
    doc = DocDraft(**{c: getattr(document, c) for c in DOC_COLUMNS}, id=document.id,
                   stored=True)
    rows = run(
        s, f"SELECT id, {', '.join(LINE_COLUMNS)} FROM document_lines WHERE document_id = ? "
        "ORDER BY line_no", (doc.id,)).all()
    lines = [_stored_line(row) for row in rows]
    products = resolve.product_refs_by_id(s, [l.product_id for l in lines])
    warehouse = resolve.warehouse_by_id(s, doc.warehouse_id)
    store_code = run(s, "SELECT code FROM stores WHERE id = ?", (doc.store_id,)).scalar()
    return Draft(doc, [(line_req, line, products[line.product_id])
                       for line_req, line in zip(req.lines, lines)], warehouse, store_code)


def _stored_line(row: tuple) -> LineDraft:
    line = LineDraft(id=row[0], **dict(zip(LINE_COLUMNS, row[1:])), stored=True)
    line.expiry = read_date(line.expiry)
    line.price_confirmed, line.negative_stock = bool(line.price_confirmed), \
        bool(line.negative_stock)
    return line


def add_line(s: Session, draft: Draft, product_id: int, **values) -> LineDraft:
    """A line the posting itself adds (a shortage on a transfer receipt), after the others."""
    known = lines_of(draft)
    top = run(s, "SELECT coalesce(max(id), 0) FROM document_lines").scalar()
    line = LineDraft(id=max([top] + [l.id for l in known]) + 1, document_id=draft.doc.id,
                     line_no=max(l.line_no for l in known) + 1, product_id=product_id,
                     **values)
    draft.extra_lines.append(line)
    return line


_INSERT_DOC = (f"INSERT INTO documents (id, {', '.join(DOC_COLUMNS)}) "
               f"VALUES (?{', ?' * len(DOC_COLUMNS)})")
_UPDATE_DOC = f"UPDATE documents SET {', '.join(c + ' = ?' for c in DOC_COLUMNS)} WHERE id = ?"
_INSERT_LINES = (f"INSERT INTO document_lines (id, {', '.join(LINE_COLUMNS)}) "
                 f"VALUES (?{', ?' * len(LINE_COLUMNS)})")
_UPDATE_LINES = (f"UPDATE document_lines SET {', '.join(c + ' = ?' for c in LINE_COLUMNS)} "
                 "WHERE id = ?")


def write(s: Session, draft: Draft) -> None:
    """Write the document (as it is now) and its lines: one statement per kind of change."""
    doc = draft.doc
    values = tuple(_value(c, getattr(doc, c)) for c in DOC_COLUMNS)
    if doc.stored:
        run(s, _UPDATE_DOC, (*values, doc.id))
    else:
        run(s, _INSERT_DOC, (doc.id, *values))
        doc.stored = True
    if draft.replace_lines:
        run(s, "DELETE FROM document_lines WHERE document_id = ?", (doc.id,))
        draft.replace_lines = False
    lines = lines_of(draft)
    new = [(l.id, *_line_values(l)) for l in lines if not l.stored]
    if new:
        run(s, _INSERT_LINES, new)
    old = [(*_line_values(l), l.id) for l in lines if l.stored]
    if old:
        run(s, _UPDATE_LINES, old)
    for line in lines:
        line.stored = True


def _value(column: str, value):
    convert = _DATES.get(column)
    return convert(value) if convert else value


def _line_values(line: LineDraft) -> tuple:
    return tuple(_value(c, getattr(line, c)) for c in LINE_COLUMNS)


def mark_posted(s: Session, doc: DocDraft, number: str, now: datetime) -> None:
    doc.status, doc.number, doc.posted_at = Status.POSTED.value, number, now
    run(s, "UPDATE documents SET status = ?, number = ?, posted_at = ? WHERE id = ?",
        (doc.status, number, db_time(now), doc.id))


def lines_of(draft: Draft) -> list[LineDraft]:
    return [line for _, line, _ in draft.lines] + draft.extra_lines

