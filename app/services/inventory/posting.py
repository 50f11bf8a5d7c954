"""Post a document: one command, one unit of work, idempotent by the client's id.

In one transaction: the permission check, the document and its lines, then either the
approval it waits for (status pending: no stock moves yet) or the posting itself: the ledger
moves with their cost layers and balances, the voucher, the document number, the audit entry
and the outbox event. Posting the same id again returns the first result; the same id with a
different body is refused. Drafts and approvals are in `lifecycle`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.domain.doc_request import DocRequest, parse_document
from app.domain.documents import NUMBER_PREFIX, DocType, Status
from app.domain.errors import DomainError
from app.domain.permissions import POST_PERMISSION, require
from app.domain.vouchers import TRUE_UP_RULES, build_voucher
from app.persistence import ledger
from app.persistence.schema import (Customer, Document, DocumentLine, Product, Store, Voucher,
                                    VoucherLineRow, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.inventory import (approval_rules, handlers, handlers_purchase, handlers_recipe,
                                    handlers_stock, posting_rules, resolve, tenders)
from app.services.records import (Actor, Clock, local_date, utc_now, write_audit,
                                  write_outbox)

HANDLERS = {
    DocType.OPENING_STOCK: handlers.opening_stock,
    DocType.PURCHASE_ORDER: handlers_purchase.purchase_order,
    DocType.PURCHASE_RECEIPT: handlers.purchase_receipt,
    DocType.PURCHASE_RETURN: handlers.purchase_return,
    DocType.SALE: handlers.sale,
    DocType.CUSTOMER_RETURN: handlers.customer_return,
    DocType.WRITE_OFF: handlers.write_off,
    DocType.STOCKTAKE: handlers_stock.stocktake,
    DocType.TRANSFER_OUT: handlers_stock.transfer_out,
    DocType.TRANSFER_IN: handlers_stock.transfer_in,
    DocType.ASSEMBLY: handlers_recipe.assembly,
    DocType.DISASSEMBLY: handlers_recipe.disassembly,
}
CHANNELS = ("back_office", "counter")


class ConflictingReplay(DomainError):
    code = "conflicting_replay"
    zh = "单据 id “{id}”已用于另一份内容不同的单据（{number}），拒绝过账。请为新单据使用新的 id。"
    en = ("Document id '{id}' was already used for a different document ({number}); refused. "
          "Give a new document a new id.")


@dataclass(frozen=True)
class PostResult:
    id: str
    number: str | None
    type: str
    total_fen: int
    replayed: bool
    status: str = Status.POSTED.value


def post_document(store: LocalStore, actor: Actor, raw: dict, *, clock: Clock = utc_now,
                  channel: str = "back_office") -> PostResult:
    """Submit and, unless an approval rule holds it, post. `channel` says where it comes
    from: the counter and the back office have separate negative-stock settings."""
    req = parse_document(raw)
    require(actor.role, POST_PERMISSION[req.type], f"post {req.type.value}")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        existing = s.scalars(select(Document).where(Document.uuid == req.id)).first()
        if existing is not None and existing.status in (Status.POSTED.value, Status.PENDING.value):
            if existing.body_hash != req.body_hash:
                raise ConflictingReplay(id=req.id, number=existing.number or existing.status)
            return result_of(existing, replayed=True)
        now = clock()
        doc, lines = create(s, store, actor, req, raw, now, replacing=existing)
        levels = approval_rules.levels_for(s, req, doc.total_fen)
        if levels:
            doc.status = Status.PENDING.value
            write_audit(s, store, actor, now, "document.submit", doc.uuid,
                        {"type": doc.doc_type, "total_fen": doc.total_fen, "levels": len(levels)})
        else:
            apply(s, store, actor, doc, req, lines, now, channel)
        uow.commit()
        return result_of(doc, replayed=False)


def result_of(doc: Document, replayed: bool) -> PostResult:
    return PostResult(doc.uuid, doc.number, doc.doc_type, doc.total_fen, replayed, doc.status)


def create(s: Session, store: LocalStore, actor: Actor, req: DocRequest, raw: dict,
           now: datetime, replacing: Document | None = None) -> tuple[Document, list]:
    """The document and its lines as a draft (an earlier draft of the same id is replaced)."""
    local = s.scalars(select(Store).where(Store.is_local.is_(True))).one()
    warehouse = resolve.warehouse(s, local.id, req.warehouse)
    doc = replacing or Document(uuid=req.id, store_id=local.id, terminal_id=store.terminal_id,
                                created_at=now)
    if replacing is not None:
        s.execute(delete(DocumentLine).where(DocumentLine.document_id == doc.id))
    doc.body_hash, doc.body_json, doc.doc_type = req.body_hash, _json(raw), req.type.value
    doc.status, doc.warehouse_id, doc.note, doc.user_id = Status.DRAFT.value, warehouse.id, \
        req.note, actor.user_id
    doc.business_date = req.business_date or local_date(now)
    doc.supplier_id = _supplier_id(s, req)
    customer = resolve.customer(s, req.customer)
    doc.customer_id = customer.id if customer else None
    doc.total_fen = approval_rules.declared_total(req, resolve.products(s, req.lines))
    s.add(doc)
    s.flush()
    lines = []
    for n, (line_req, product) in enumerate(zip(req.lines, resolve.products(s, req.lines)), 1):
        line = DocumentLine(document_id=doc.id, line_no=n, product_id=product.id,
                            qty_milli=line_req.qty_milli, batch=line_req.batch,
                            expiry=line_req.expiry, unit_cost_fen=line_req.unit_cost_fen or 0,
                            unit_price_fen=line_req.unit_price_fen or 0,
                            discount_fen=line_req.discount_fen)
        s.add(line)
        lines.append((line_req, line, product))
    s.flush()
    return doc, lines


def _json(raw: dict) -> str:
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _supplier_id(s: Session, req: DocRequest) -> int | None:
    if req.type not in (DocType.PURCHASE_ORDER, DocType.PURCHASE_RECEIPT, DocType.PURCHASE_RETURN):
        return None
    if req.supplier is None and req.type is DocType.PURCHASE_RECEIPT and req.order:
        return None  # taken from the order
    return resolve.supplier(s, req.supplier).id


def stored_lines(s: Session, doc: Document, req: DocRequest) -> list:
    rows = list(s.scalars(select(DocumentLine).where(DocumentLine.document_id == doc.id)
                          .order_by(DocumentLine.line_no)))
    products = {p.id: p for p in s.scalars(select(Product).where(
        Product.id.in_([r.product_id for r in rows])))}
    return [(line_req, row, products[row.product_id]) for line_req, row in zip(req.lines, rows)]


def apply(s: Session, store: LocalStore, actor: Actor, doc: Document, req: DocRequest,
          lines: list, now: datetime, channel: str) -> None:
    """Post a document that exists as draft or pending: stock, voucher, number, audit, outbox."""
    moves = ledger.MoveContext.start(s, document_id=doc.id, store_id=doc.store_id,
                                     user_id=actor.user_id, terminal_id=store.terminal_id,
                                     occurred_at=now, recorded_at=now)
    warehouse = s.get(Warehouse, doc.warehouse_id)
    negative = settings.read(s, f"negative_stock.{channel if channel in CHANNELS else 'back_office'}")
    posting = handlers.Posting(s, req, doc, warehouse, moves, lines,
                               anomaly_bp=int(settings.read(s, "price_anomaly_percent")) * 100,
                               allow_negative=negative == "allow")
    amounts = HANDLERS[req.type](posting)
    ledger.finish(s, moves)
    amounts.update(tenders.settle(s, doc, req, s.get(Customer, doc.customer_id)
                                  if doc.customer_id else None))
    amounts["cogs_true_up"] = moves.true_up_fen
    _write_voucher(s, doc, amounts, now)
    local_code = s.scalar(select(Store.code).where(Store.id == doc.store_id))
    doc.number = _next_number(s, req.type, local_code, doc.business_date)
    doc.status, doc.posted_at = Status.POSTED.value, now
    s.flush()
    detail = {"type": doc.doc_type, "number": doc.number, "total_fen": doc.total_fen,
              "lines": len(lines)}
    write_audit(s, store, actor, now, "document.post", doc.uuid, detail)
    # The event carries the document as submitted, so head office can apply it by itself.
    write_outbox(s, store, now, "document.posted", {"id": doc.uuid, **detail,
                                                     "body_hash": req.body_hash,
                                                     "document": json.loads(doc.body_json)})


def _write_voucher(s: Session, doc: Document, amounts: dict, now: datetime) -> None:
    rules = posting_rules.rules_for(s, DocType(doc.doc_type)) + TRUE_UP_RULES
    lines = build_voucher(rules, amounts)
    if not lines:
        return
    voucher = Voucher(document_id=doc.id, created_at=now)
    s.add(voucher)
    s.flush()
    s.add_all(VoucherLineRow(voucher_id=voucher.id, account=l.account, debit_fen=l.debit_fen,
                             credit_fen=l.credit_fen) for l in lines)


def _next_number(s: Session, kind: DocType, store_code: str, day) -> str:
    """XS-S001-20261122-0001: per store, type and day, gap-free (assigned in the posting)."""
    prefix = f"{NUMBER_PREFIX[kind]}-{store_code}-{day:%Y%m%d}-"
    last = s.scalar(select(func.max(Document.number)).where(  # a range on the unique index
        Document.number >= prefix, Document.number < prefix + "\uffff"))
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"
