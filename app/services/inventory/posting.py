"""Post a document: one command, one unit of work, idempotent by the client's id.

In one transaction: the permission check, the document and its lines, the ledger moves
with their cost layers and balances, the voucher, the document number, the audit entry and
the outbox event. Posting the same id again returns the first result; the same id with a
different body is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.doc_request import DocRequest, parse_document
from app.domain.documents import NUMBER_PREFIX, DocType, Status
from app.domain.errors import DomainError
from app.domain.permissions import POST_PERMISSION, require
from app.domain.vouchers import DEFAULT_RULES, build_voucher
from app.persistence import ledger
from app.persistence.schema import (Document, DocumentLine, Meta, Store, Voucher,
                                    VoucherLineRow)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory import handlers, handlers_recipe, handlers_stock, resolve, tenders
from app.services.records import (Actor, Clock, local_date, utc_now, write_audit,
                                  write_outbox)

HANDLERS = {
    DocType.OPENING_STOCK: handlers.opening_stock,
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


class ConflictingReplay(DomainError):
    code = "conflicting_replay"
    zh = "单据 id “{id}”已用于另一份内容不同的单据（{number}），拒绝过账。请为新单据使用新的 id。"
    en = ("Document id '{id}' was already used for a different document ({number}); refused. "
          "Give a new document a new id.")


class NotPostableYet(DomainError):
    code = "not_postable_yet"
    zh = "“{type}”类型的单据在此版本中还不能过账。"
    en = "Documents of type '{type}' cannot be posted in this version yet."


@dataclass(frozen=True)
class PostResult:
    id: str
    number: str
    type: str
    total_fen: int
    replayed: bool


def post_document(store: LocalStore, actor: Actor, raw: dict, *, clock: Clock = utc_now) -> PostResult:
    req = parse_document(raw)
    require(actor.role, POST_PERMISSION[req.type], f"post {req.type.value}")
    if req.type not in HANDLERS:
        raise NotPostableYet(type=req.type.value)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        existing = s.scalars(select(Document).where(Document.uuid == req.id)).first()
        if existing is not None:
            if existing.body_hash != req.body_hash:
                raise ConflictingReplay(id=req.id, number=existing.number)
            return PostResult(existing.uuid, existing.number, existing.doc_type,
                              existing.total_fen, True)
        result = _post(s, store, actor, req, raw, clock())
        uow.commit()
    return result


def _post(s: Session, store: LocalStore, actor: Actor, req: DocRequest, raw: dict,
          now: datetime) -> PostResult:
    local = s.scalars(select(Store).where(Store.is_local.is_(True))).one()
    warehouse = resolve.warehouse(s, local.id, req.warehouse)
    doc = Document(uuid=req.id, body_hash=req.body_hash, doc_type=req.type.value,
                   status=Status.DRAFT.value, store_id=local.id, warehouse_id=warehouse.id,
                   note=req.note, user_id=actor.user_id, terminal_id=store.terminal_id,
                   business_date=req.business_date or local_date(now), created_at=now)
    if req.type in (DocType.PURCHASE_RECEIPT, DocType.PURCHASE_RETURN):
        doc.supplier_id = resolve.supplier(s, req.supplier).id
    customer = resolve.customer(s, req.customer)
    doc.customer_id = customer.id if customer else None
    s.add(doc)
    s.flush()
    lines = []
    for n, (line_req, product) in enumerate(zip(req.lines, resolve.products(s, req.lines)), 1):
        line = DocumentLine(document_id=doc.id, line_no=n, product_id=product.id,
                            qty_milli=line_req.qty_milli, batch=line_req.batch,
                            expiry=line_req.expiry)
        s.add(line)
        lines.append((line_req, line, product))
    s.flush()
    moves = ledger.MoveContext.start(s, document_id=doc.id, store_id=local.id,
                                     user_id=actor.user_id, terminal_id=store.terminal_id,
                                     occurred_at=now, recorded_at=now)
    posting = handlers.Posting(s, req, doc, warehouse, moves, lines,
                               anomaly_bp=_setting_int(s, "price_anomaly_threshold_bp",
                                                       handlers.DEFAULT_PRICE_ANOMALY_BP))
    amounts = HANDLERS[req.type](posting)
    ledger.finish(s, moves)
    amounts.update(tenders.settle(s, doc, req, customer))
    _write_voucher(s, doc, amounts, now)
    doc.number = _next_number(s, req.type, local.code, doc.business_date)
    doc.status, doc.posted_at = Status.POSTED.value, now
    s.flush()
    detail = {"type": doc.doc_type, "number": doc.number, "total_fen": doc.total_fen,
              "lines": len(lines)}
    write_audit(s, store, actor, now, "document.post", doc.uuid, detail)
    # The event carries the document as submitted, so head office can apply it by itself.
    write_outbox(s, store, now, "document.posted", {"id": doc.uuid, **detail,
                                                     "body_hash": req.body_hash, "document": raw})
    return PostResult(doc.uuid, doc.number, doc.doc_type, doc.total_fen, False)


def _setting_int(s: Session, key: str, default: int) -> int:
    value = s.scalar(select(Meta.value).where(Meta.key == key))
    return int(value) if value is not None and value.strip().isdigit() else default


def _write_voucher(s: Session, doc: Document, amounts: dict, now: datetime) -> None:
    lines = build_voucher(DEFAULT_RULES[DocType(doc.doc_type)], amounts)
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
