"""Post a document: one command, one unit of work, idempotent by the client's id.

In one transaction: the permission check, the document and its lines, then either the
approval it waits for (status pending: no stock moves yet) or the posting itself: the ledger
moves with their cost layers and balances, the voucher, the document number, the audit entry
and the outbox event. Posting the same id again returns the first result; the same id with a
different body is refused. Drafts and approvals are in `lifecycle`.

Compute, then write: the document is planned in memory (`drafts`, the handlers, the cost
layers booked by `ledger`), and only then written, each table with one statement, in the
same transaction. A 5-line sale sends about 25 statements (see docs/performance.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.domain import numbering
from app.domain.doc_request import DocRequest, parse_document
from app.domain.documents import NUMBER_PREFIX, DocType, Status
from app.domain.errors import DomainError
from app.domain.permissions import POST_PERMISSION, require
from app.domain.vouchers import TRUE_UP_RULES, build_voucher
from app.persistence import ledger
from app.persistence.ledger import db_time, run
from app.persistence.schema import Customer
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import custom_fields, settings
from app.services.inventory import (approval_rules, drafts, handlers, handlers_purchase,
                                    handlers_recipe, handlers_stock, posting_rules, tenders)
from app.services.inventory.drafts import DocDraft, Draft
from app.services.reports import summary
from app.services.records import Actor, Clock, utc_now, write_audit, write_outbox

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
    DocType.TRANSFER_SETTLE: handlers_stock.transfer_settle,
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
        existing = drafts.find(s, req.id)
        if existing is not None and existing.status in (Status.POSTED.value, Status.PENDING.value):
            if existing.body_hash != req.body_hash:
                raise ConflictingReplay(id=req.id, number=existing.number or existing.status)
            return result_of(existing, replayed=True)
        now = clock()
        draft = drafts.prepare(s, store, actor, req, raw, now, replacing=existing)
        doc = draft.doc
        levels = approval_rules.levels_for(s, req, doc.total_fen)
        if levels:
            doc.status = Status.PENDING.value
            drafts.write(s, draft)
            write_audit(s, store, actor, now, "document.submit", doc.uuid,
                        {"type": doc.doc_type, "total_fen": doc.total_fen, "levels": len(levels)})
        else:
            apply(s, store, actor, draft, req, now, channel)
        uow.commit()
        return result_of(doc, replayed=False)


def result_of(doc, replayed: bool) -> PostResult:
    """The result of a document (a draft, a stored row or an earlier one by the same id)."""
    return PostResult(doc.uuid, doc.number, doc.doc_type, doc.total_fen, replayed, doc.status)


def apply(s: Session, store: LocalStore, actor: Actor, draft: Draft, req: DocRequest,
          now: datetime, channel: str) -> None:
    """Post a document that is a draft in memory or stored as draft or pending: compute
    stock, voucher and number, then write everything, the audit entry and the outbox event."""
    doc = draft.doc
    moves = ledger.MoveContext.start(s, document_id=doc.id, store_id=doc.store_id,
                                     user_id=actor.user_id, terminal_id=store.terminal_id,
                                     occurred_at=now, recorded_at=now)
    negative_key = f"negative_stock.{channel if channel in CHANNELS else 'back_office'}"
    number_key = f"numbering.{req.type.value}"
    found = _settings(s, negative_key, "price_anomaly_percent", number_key, "numbering.terminal",
                      custom_fields.DOCUMENT_FIELDS_KEY)
    posting = handlers.Posting(s, req, draft, moves,
                               anomaly_bp=int(found["price_anomaly_percent"]) * 100,
                               allow_negative=found[negative_key] == "allow")
    amounts = HANDLERS[req.type](posting)
    drafts.write(s, draft)  # the document (not yet posted) and its lines, then the moves
    if req.custom or found[custom_fields.DOCUMENT_FIELDS_KEY] not in ("", "0"):
        custom_fields.write_document_values(s, doc.id, dict(req.custom), req.type.value)
    ledger.finish(s, moves)
    summary.record(s, doc, drafts.lines_of(draft))  # daily_sales: one upsert (sales, returns)
    _update_purchase_prices(s, posting.purchase_prices)
    amounts.update(tenders.settle(s, doc, req, s.get(Customer, doc.customer_id)
                                  if doc.customer_id else None))
    amounts["cogs_true_up"] = moves.true_up_fen
    _write_voucher(s, doc, amounts, now)
    pattern = numbering.parse_pattern(found[number_key])
    prefix = pattern.prefix(NUMBER_PREFIX[req.type], draft.store_code,
                            found["numbering.terminal"], doc.business_date)
    drafts.mark_posted(s, doc, _next_number(s, pattern, prefix), now)
    detail = {"type": doc.doc_type, "number": doc.number, "total_fen": doc.total_fen,
              "lines": len(draft.lines)}
    ledger.insert_now(s, write_audit(s, store, actor, now, "document.post", doc.uuid, detail))
    # The event carries the document as submitted, so head office can apply it by itself.
    ledger.insert_now(s, write_outbox(s, store, now, "document.posted", {
        "id": doc.uuid, **detail, "body_hash": req.body_hash,
        "document": json.loads(doc.body_json)}))


def _settings(s: Session, *keys: str) -> dict[str, str]:
    """Several store settings in one query (`settings.read` for each, at once)."""
    rows = dict(run(s, f"SELECT key, value FROM jxc_meta WHERE key IN "
                       f"({', '.join('?' * len(keys))})", keys).all())
    return {k: rows[k] if k in rows else settings.SETTINGS[k].default if k in settings.SETTINGS
            else "" for k in keys}


def _update_purchase_prices(s: Session, prices: dict[int, int]) -> None:
    if prices:
        run(s, "UPDATE products SET purchase_price_fen = ? WHERE id = ?",
            [(price, product_id) for product_id, price in prices.items()])


def _write_voucher(s: Session, doc: DocDraft, amounts: dict, now: datetime) -> None:
    rules = posting_rules.rules_for(s, DocType(doc.doc_type)) + TRUE_UP_RULES
    lines = build_voucher(rules, amounts)
    if not lines:
        return
    voucher_id = run(s, "INSERT INTO vouchers (document_id, created_at) VALUES (?, ?)",
                     (doc.id, db_time(now))).lastrowid
    run(s, "INSERT INTO voucher_lines (voucher_id, account, debit_fen, credit_fen) "
        "VALUES (?, ?, ?, ?)", [(voucher_id, l.account, l.debit_fen, l.credit_fen) for l in lines])


def _next_number(s: Session, pattern: numbering.NumberPattern, prefix: str) -> str:
    """XS-S001-20261122-0001 (or the store's pattern): the next of this prefix, gap-free
    (assigned in the posting, under the write lock).

    The last number is the greatest of the prefix's range of the unique index, read from its
    end. Past 10**width - 1 the suffix grows a digit and text order stops being number order
    (9999 sorts after 10000); the numbers of a prefix run 1..n, so that case shows as a text
    maximum made of nines only, and then the numbers are ranked by length first."""
    bounds = (prefix, prefix + "\uffff")
    last = run(s, "SELECT number FROM documents WHERE number >= ? AND number < ? "
               "ORDER BY number DESC LIMIT 1", bounds).scalar()
    if last and not last[len(prefix):].strip("9"):
        last = run(
            s, "SELECT number FROM documents WHERE number >= ? AND number < ? "
            "ORDER BY length(number) DESC, number DESC LIMIT 1", bounds).scalar()
    seq = pattern.sequence_of(last, prefix) if last else None
    return pattern.number(prefix, (seq or 0) + 1)