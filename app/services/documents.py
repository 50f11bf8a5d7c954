"""Documents for the back office: lists in pages, one document in full, the counter-document
that reverses one, a draft's body to edit again, and the history of approval decisions.

Lists are read page by page in the database, newest first: keyset pagination on the row id
(the order documents were made), so page 500 costs what page 1 costs and nothing is loaded
that is not shown. Filters are type, status, business date range, number, supplier or
customer (code or name) and warehouse.

A posted document never changes; it is undone by its counter-document, prefilled here from
the original: a sale by a customer return, a receipt by a purchase return, a purchase return
by a receipt, an assembly by a disassembly and back. What is left to reverse is what the
original still allows (a sale line minus what was already returned).
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.documents import DocType, Status
from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity
from app.domain.permissions import check, check_post, sees_costs
from app.persistence.schema import (Customer, Document, DocumentApproval, DocumentLine, Product,
                                    StockBalance, Store, Supplier, User, Warehouse)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import custom_fields
from app.services.inventory import lifecycle, queries
from app.services.records import Actor

PAGE_SIZE = 100
REVERSALS = {
    DocType.SALE: DocType.CUSTOMER_RETURN,
    DocType.PURCHASE_RECEIPT: DocType.PURCHASE_RETURN,
    DocType.PURCHASE_RETURN: DocType.PURCHASE_RECEIPT,
    DocType.ASSEMBLY: DocType.DISASSEMBLY,
    DocType.DISASSEMBLY: DocType.ASSEMBLY,
}


class NotReversible(DomainError):
    code = "not_reversible"
    zh = "单据 {number} 不能直接冲销：{why_zh}"
    en = "Document {number} cannot be reversed here: {why_en}"


class NothingToEdit(DomainError):
    code = "nothing_to_edit"
    zh = "单据“{ref}”不是草稿或被驳回的单据，不能再编辑。已过账的单据请开具冲销单。"
    en = ("Document '{ref}' is not a draft or a rejected document, so it cannot be edited. "
          "Reverse a posted document instead.")


@dataclass(frozen=True)
class DocFilter:
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    number: str = ""  # part of the number, or the whole id
    party: str = ""  # supplier or customer: code, or part of the name (phone for customers)
    warehouse: str = ""  # code


@dataclass(frozen=True)
class DocRow:
    key: int  # the row id, the list's cursor
    id: str
    number: str
    type: str
    status: str
    date: date
    warehouse: str
    party: str
    total_fen: int
    author: str


@dataclass(frozen=True)
class DocPage:
    rows: tuple[DocRow, ...]
    cursor: int | None  # pass as `after` for the next page; None: nothing more
    done: bool


@dataclass
class Reversal:
    """A counter-document, prefilled: the JSON body to post and, per line, what it is."""

    kind: str
    original: str  # the original's number
    body: dict
    names: dict[str, str] = field(default_factory=dict)  # sku -> name
    limits: dict[int, int] = field(default_factory=dict)  # line index -> most qty (milli)


# -- lists --------------------------------------------------------------------------------
def list_documents(store: LocalStore, actor: Actor, f: DocFilter, after: int | None = None,
                   limit: int = PAGE_SIZE) -> DocPage:
    """One page of documents matching `f`, newest first, after the cursor `after`."""
    check(actor.role, "documents.list_documents")
    limit = max(1, min(limit, 1000))
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        q = _list_query(s, f)
        if q is None:
            return DocPage((), None, True)
        if after is not None:
            q = q.where(Document.id < after)
        rows = s.execute(q.order_by(Document.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    out = tuple(DocRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6] or "", r[7] or r[8] or "",
                       r[9], r[10] or "") for r in rows[:limit])
    return DocPage(out, out[-1].key if more else None, not more)


def _list_query(s: Session, f: DocFilter):
    q = (select(Document.id, Document.uuid, Document.number, Document.doc_type, Document.status,
                Document.business_date, Warehouse.code, Supplier.name, Customer.name,
                Document.total_fen, User.display_name)
         .join(Warehouse, Warehouse.id == Document.warehouse_id)
         .outerjoin(Supplier, Supplier.id == Document.supplier_id)
         .outerjoin(Customer, Customer.id == Document.customer_id)
         .outerjoin(User, User.id == Document.user_id))
    if f.types:
        q = q.where(Document.doc_type.in_(f.types))
    if f.statuses:
        q = q.where(Document.status.in_(f.statuses))
    if f.date_from:
        q = q.where(Document.business_date >= f.date_from)
    if f.date_to:
        q = q.where(Document.business_date <= f.date_to)
    if f.number.strip():
        text = f.number.strip()
        q = q.where(or_(func.instr(Document.number, text) > 0, Document.uuid == text))
    if f.warehouse.strip():
        q = q.where(Warehouse.code == f.warehouse.strip().upper())
    if f.party.strip():
        suppliers, customers = _parties(s, f.party.strip())
        if not suppliers and not customers:
            return None
        q = q.where(or_(Document.supplier_id.in_(suppliers), Document.customer_id.in_(customers)))
    return q


def _parties(s: Session, text: str) -> tuple[list[int], list[int]]:
    suppliers = list(s.scalars(select(Supplier.id).where(
        or_(Supplier.code == text, func.instr(Supplier.name, text) > 0)).limit(500)))
    customers = list(s.scalars(select(Customer.id).where(
        or_(Customer.code == text, Customer.phone == text, Customer.card_no == text,
            func.instr(Customer.name, text) > 0)).limit(500)))
    return suppliers, customers


# -- one document -------------------------------------------------------------------------
def document_detail(store: LocalStore, actor: Actor, ref: str) -> dict:
    """The document as `jxc doc show` prints it (costs for cost viewers only), with the
    names of products, parties and people, its approval decisions and the reversal it
    allows (`reversal`: the counter-document's type, or None)."""
    check(actor.role, "documents.document_detail")
    out = queries.document(store, ref, actor=actor)
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        doc = s.scalars(select(Document).where(Document.uuid == out["id"])).one()
        skus = {l["sku"] for l in out["lines"]} | {m["sku"] for m in out["moves"]}
        names = dict(s.execute(select(Product.sku, Product.name)
                             .where(Product.sku.in_(skus))).all())
        for item in (*out["lines"], *out["moves"]):
            item["name"] = names.get(item["sku"], "")
        out.update(_people(s, doc))
        out["approvals"] = _decisions(s, doc.id)
        out["reversal"] = REVERSALS[DocType(doc.doc_type)].value \
            if doc.status == Status.POSTED.value and DocType(doc.doc_type) in REVERSALS else None
        out["reversed_by"] = [n or u for n, u in s.execute(
            select(Document.number, Document.uuid).where(Document.original_id == doc.id,
                                                         Document.status == "posted"))]
        out["store"] = s.scalar(select(Store.name).where(Store.id == doc.store_id)) or ""
        # posted: the frozen values; a draft or a waiting document: its body's, not yet checked
        body = {} if doc.status == Status.POSTED.value else json.loads(doc.body_json or "{}")
        out["custom_fields"] = custom_fields.labelled_document_values(
            s, out.get("custom") or body.get("custom") or {})
    out["sees_costs"] = sees_costs(actor.role)
    return out


def _people(s: Session, doc: Document) -> dict:
    supplier = s.get(Supplier, doc.supplier_id) if doc.supplier_id else None
    customer = s.get(Customer, doc.customer_id) if doc.customer_id else None
    author = s.get(User, doc.user_id) if doc.user_id else None
    original = s.get(Document, doc.original_id) if doc.original_id else None
    to_wh = s.get(Warehouse, doc.to_warehouse_id) if doc.to_warehouse_id else None
    return {"supplier": {"code": supplier.code, "name": supplier.name} if supplier else None,
            "customer": {"code": customer.code, "name": customer.name} if customer else None,
            "author": author.display_name if author else "",
            "original": (original.number or original.uuid) if original else None,
            "to_warehouse": to_wh.code if to_wh else None, "note": doc.note or "",
            "created_at": doc.created_at.isoformat(timespec="seconds"),
            "posted_at": doc.posted_at.isoformat(timespec="seconds") if doc.posted_at else None}


def _decisions(s: Session, document_id: int) -> list[dict]:
    rows = s.execute(select(DocumentApproval, User.display_name)
                     .outerjoin(User, User.id == DocumentApproval.user_id)
                     .where(DocumentApproval.document_id == document_id)
                     .order_by(DocumentApproval.seq)).all()
    return [{"round": a.round, "level": a.level, "role": a.role, "user": name or "",
             "approved": a.approved, "comment": a.comment,
             "at": a.at.isoformat(timespec="seconds")} for a, name in rows]


def draft_body(store: LocalStore, actor: Actor, ref: str) -> dict:
    """The body of a draft or rejected document, to edit and save or submit again."""
    check(actor.role, "documents.draft_body")
    with UnitOfWork(store.engine, write=False) as uow:
        doc = uow.session.scalars(select(Document).where(
            or_(Document.uuid == ref, Document.number == ref))).first()
        if doc is None or doc.status not in (Status.DRAFT.value, Status.REJECTED.value):
            raise NothingToEdit(ref=ref)
        check_post(actor.role, DocType(doc.doc_type))
        return json.loads(doc.body_json)


# -- approvals ----------------------------------------------------------------------------
@dataclass(frozen=True)
class InboxRow:
    id: str
    type: str
    total_fen: int
    author: str
    party: str
    warehouse: str
    level: int
    levels: int
    created_at: str


def inbox(store: LocalStore, actor: Actor) -> list[InboxRow]:
    """Pending documents whose next approval level this user may decide, with names."""
    check(actor.role, "documents.inbox")
    pending = lifecycle.inbox(store, actor)
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        out = []
        for p in pending:
            doc = s.scalars(select(Document).where(Document.uuid == p.id)).one()
            people = _people(s, doc)
            party = people["supplier"] or people["customer"] or {}
            out.append(InboxRow(p.id, p.type, p.total_fen, people["author"],
                                party.get("name", ""), s.get(Warehouse, doc.warehouse_id).code,
                                p.level, p.levels, p.created_at[:16].replace("T", " ")))
        return out


def decision_history(store: LocalStore, actor: Actor, *, mine_only: bool = False,
                     limit: int = 200) -> list[dict]:
    """Approval decisions, newest first (only this user's with `mine_only`)."""
    check(actor.role, "documents.decision_history")
    q = (select(DocumentApproval, Document.uuid, Document.number, Document.doc_type,
                Document.status, User.display_name)
         .join(Document, Document.id == DocumentApproval.document_id)
         .outerjoin(User, User.id == DocumentApproval.user_id)
         .order_by(DocumentApproval.at.desc(), DocumentApproval.id.desc()).limit(limit))
    if mine_only:
        q = q.where(DocumentApproval.user_id == actor.user_id)
    with UnitOfWork(store.engine, write=False) as uow:
        return [{"id": doc_id, "number": number or "", "type": kind, "status": status,
                 "user": name or "", "role": a.role, "level": a.level, "round": a.round,
                 "approved": a.approved, "comment": a.comment,
                 "at": a.at.isoformat(timespec="seconds")}
                for a, doc_id, number, kind, status, name in uow.session.execute(q)]


# -- reversal -----------------------------------------------------------------------------
def reversal_draft(store: LocalStore, actor: Actor, ref: str) -> Reversal:
    """The counter-document of a posted document, prefilled from it (a new id)."""
    check(actor.role, "documents.reversal_draft")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        doc = s.scalars(select(Document).where(
            or_(Document.uuid == ref, Document.number == ref))).first()
        if doc is None:
            raise queries.NoSuchDocument(ref=ref)
        number = doc.number or doc.uuid
        kind = DocType(doc.doc_type)
        if doc.status != Status.POSTED.value or kind not in REVERSALS:
            raise _not_reversible(number, doc.status != Status.POSTED.value, kind)
        lines = s.execute(select(DocumentLine, Product.sku, Product.name)
                          .join(Product, Product.id == DocumentLine.product_id)
                          .where(DocumentLine.document_id == doc.id)
                          .order_by(DocumentLine.line_no)).all()
        target = REVERSALS[kind]
        rev = Reversal(target.value, number, {"type": target.value, "id": str(uuid.uuid4()),
                                              "warehouse": s.get(Warehouse, doc.warehouse_id).code,
                                              "note": "冲销"})
        rev.names = {sku: name for _, sku, name in lines}
        _FILL[target](s, doc, lines, rev)
        if not rev.body["lines"]:
            raise NotReversible(number=number, why_zh="没有可冲销的数量了（已全部退回）。",
                                why_en="nothing is left to reverse (all of it came back).")
        return rev


def _not_reversible(number: str, unposted: bool, kind: DocType) -> NotReversible:
    if unposted:
        return NotReversible(number=number, why_zh="只有已过账的单据才需要冲销；草稿可直接修改。",
                             why_en="only posted documents are reversed; edit a draft instead.")
    return NotReversible(number=number,
                         why_zh="此类单据没有对应的冲销单。库存差异请用盘点或报损更正。",
                         why_en="this type has no counter-document. Correct stock with a "
                                "stocktake or a write-off.")


def _returns(s: Session, doc: Document, lines, rev: Reversal) -> None:
    """A customer return of what is left of each sale line."""
    back = dict(s.execute(
        select(DocumentLine.original_line_id, func.sum(DocumentLine.qty_milli))
        .join(Document, Document.id == DocumentLine.document_id)
        .where(Document.original_id == doc.id, Document.status == "posted")
        .group_by(DocumentLine.original_line_id)).all())
    rev.body["original"] = doc.number or doc.uuid
    out = []
    for line, sku, _ in lines:
        left = line.qty_milli - back.get(line.id, 0)
        if left > 0:
            rev.limits[len(out)] = left
            out.append({"sku": sku, "qty": format_quantity(left), "original_line": line.line_no})
    rev.body["lines"] = out


def _purchase_return(s: Session, doc: Document, lines, rev: Reversal) -> None:
    """A return to the supplier of the received goods still in the warehouse (same batch)."""
    supplier = s.get(Supplier, doc.supplier_id)
    rev.body["supplier"] = supplier.code
    held = dict(s.execute(select(StockBalance.product_id, StockBalance.qty_milli).where(
        StockBalance.warehouse_id == doc.warehouse_id,
        StockBalance.product_id.in_([l.product_id for l, _, _ in lines]))).all())
    out = []
    for line, sku, _ in lines:
        qty = min(line.qty_milli, max(held.get(line.product_id, 0), 0))
        if qty > 0:
            held[line.product_id] -= qty
            rev.limits[len(out)] = qty
            out.append({"sku": sku, "qty": format_quantity(qty),
                        **({"batch": line.batch} if line.batch else {})})
    rev.body["lines"] = out


def _receipt_again(s: Session, doc: Document, lines, rev: Reversal) -> None:
    """Goods returned to the supplier come back at the cost they left with."""
    rev.body["supplier"] = s.get(Supplier, doc.supplier_id).code
    out = []
    for line, sku, _ in lines:
        cost = line.amount_fen * 1000 // line.qty_milli if line.qty_milli else 0
        rev.limits[len(out)] = line.qty_milli
        out.append({"sku": sku, "qty": format_quantity(line.qty_milli),
                    "unit_cost": format_money(cost), "confirm_price": True,
                    **({"batch": line.batch} if line.batch else {}),
                    **({"expiry": line.expiry.isoformat()} if line.expiry else {})})
    rev.body["lines"] = out


def _recipe_back(s: Session, doc: Document, lines, rev: Reversal) -> None:
    rev.body["lines"] = [{"sku": sku, "qty": format_quantity(line.qty_milli)}
                         for line, sku, _ in lines]
    rev.limits = {i: line.qty_milli for i, (line, _, _) in enumerate(lines)}


_FILL = {DocType.CUSTOMER_RETURN: _returns, DocType.PURCHASE_RETURN: _purchase_return,
         DocType.PURCHASE_RECEIPT: _receipt_again, DocType.DISASSEMBLY: _recipe_back,
         DocType.ASSEMBLY: _recipe_back}
