"""Returns at the till: find the sale by the number on its receipt, refund picked lines to
the original tenders, post the `customer_return` through the inventory core.

The receipt's barcode (CODE128 on 80 mm) or QR code (58 mm) holds the sale's number
(`XS-S001-20261122-0001`, `app.domain.receipt`); scanning or typing it finds the sale, as
does its document id. A return needs an open shift (cash refunded comes out of its drawer)
and a shift lead, store manager or administrator, or one of them typing their PIN
(`approve(..., "refund")`, audited). It posts in one transaction through `post_document`,
which refuses more than was sold less what earlier returns took back, with its own
message. Only after the commit: wallet refunds through the gateway (each audited; a
gateway that cannot refund, and every bank card refund, is listed for the cashier to do on
the payment device, with the original reference), then the `after_commit` hook (the 退货
receipt, and the drawer when cash was refunded). The return id comes from the screen, so a
retry posts the return once and never refunds a wallet twice.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Callable

from sqlalchemy import func, or_, select

from app.domain.documents import Status
from app.domain.money import format_money
from app.domain.permissions import check
from app.persistence.schema import (AuditEntry, Customer, Document, DocumentLine, Payment,
                                    Product, Unit, User)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter import supervised  # noqa: F401  (registers the "refund" action)
from app.services.counter.authorise import approve
from app.services.counter.config import CounterConfig
from app.services.counter.errors import ReturnNotPosted, SaleNotFound, WalletRefundOffline
from app.services.counter.return_plan import (PaidTender, SaleForReturn, SoldLine, clean_picks,
                                              refund_fen, refund_tenders, return_document)
from app.services.counter.shift_figures import require_open_shift
from app.services.counter.shift_report import local_text
from app.services.counter.tender import Tender
from app.services.counter.wallet import WalletCharge, WalletGateway
from app.services.inventory.posting import post_document
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit

log = logging.getLogger(__name__)
WALLETS = ("wechat", "alipay")


@dataclass(frozen=True)
class ReturnOutcome:
    return_id: str
    number: str
    sale_number: str
    total_fen: int
    tenders: tuple[Tender, ...]  # the refunds, as posted
    by_hand: tuple[Tender, ...]  # card, and wallets the gateway could not refund
    approved_by: str
    replayed: bool = False
    print_error: Exception | None = None

    @property
    def document_id(self) -> str:
        return self.return_id

    @property
    def cash(self) -> bool:
        return any(t.method == "cash" for t in self.tenders)

    @property
    def cash_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders if t.method == "cash")


def find_sale(store: LocalStore, ref: str, *, actor: Actor = LOCAL_OPERATOR) -> SaleForReturn:
    """The posted sale named by its receipt number (as scanned or typed) or its id, with
    what earlier returns took back per line and per tender."""
    check(actor.role, "counter.returns.find_sale")
    with UnitOfWork(store.engine, write=False) as uow:
        return _load(uow.session, ref)


def post_return(store: LocalStore, actor: Actor, sale_ref: str, picks: dict[int, int],
                config: CounterConfig, *, return_id: str, gateway: WalletGateway | None = None,
                online: bool | None = None, approver: str = "", pin: str = "",
                after_commit: Callable[[ReturnOutcome], None] | None = None,
                clock: Clock = utc_now) -> ReturnOutcome:
    """Return `picks` (sale line number -> quantity in thousandths) of the sale and refund
    them to its tenders."""
    check(actor.role, "counter.returns.post_return")
    with UnitOfWork(store.engine, write=False) as uow:
        done = _posted_return(uow.session, return_id)
        if done is None:
            require_open_shift(uow.session, store.terminal_id)
            sale = _load(uow.session, sale_ref)
    if done is not None:  # posted already (F12 twice, a retry): that return, wallets finished
        return _after(_finish_wallets(store, actor, gateway, done, clock), after_commit)
    picks = clean_picks(sale, picks)
    amount = refund_fen(sale, picks)
    tenders = refund_tenders(sale, amount)
    wallets = [t for t in tenders if t.method in WALLETS]
    if wallets and gateway is not None and gateway.needs_network and online is False:
        raise WalletRefundOffline(gateway=gateway.name)
    approval = approve(store, actor, "refund", return_id, {
        "sale": sale.number, "amount": format_money(amount), "lines": len(picks)}, config,
        approver=approver, pin=pin, clock=clock)
    result = post_document(store, actor, return_document(sale, picks, return_id, tenders),
                           clock=clock, channel="counter")
    if result.status != Status.POSTED.value:
        raise ReturnNotPosted(id=result.id)
    by_hand = tuple(t for t in tenders if t.method == "card")  # on the card terminal
    if not result.replayed:
        by_hand += tuple(_refund_wallets(store, actor, gateway, wallets, return_id, clock))
    return _after(ReturnOutcome(result.id, result.number or "", sale.number, result.total_fen,
                                tenders, by_hand, approval.approver, result.replayed),
                  after_commit)


def _finish_wallets(store: LocalStore, actor: Actor, gateway: WalletGateway | None,
                    done: ReturnOutcome, clock: Clock) -> ReturnOutcome:
    """A replayed return whose wallet refunds never ran (the till stopped right after the
    commit) runs them now; the gateway knows each by its refund id, so none is paid twice."""
    wallets = [t for t in done.tenders if t.method in WALLETS]
    if not wallets:
        return done
    with store.engine.connect() as conn:
        tried = conn.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.target == done.return_id,
            AuditEntry.action.in_(("counter.wallet_refund", "counter.wallet_refund_by_hand"))))
    if tried:
        return done
    return replace(done, by_hand=tuple(_refund_wallets(store, actor, gateway, wallets,
                                                       done.return_id, clock)))


def _after(outcome: ReturnOutcome, after_commit) -> ReturnOutcome:
    if after_commit is None:
        return outcome
    try:
        after_commit(outcome)
    except Exception as exc:  # noqa: BLE001 - the return stands; the screen shows the problem
        log.warning("after-commit hook failed for return %s: %r", outcome.number, exc)
        return replace(outcome, print_error=exc)
    return outcome


def _posted_return(s, return_id: str) -> ReturnOutcome | None:
    """The return already posted under this id, as an outcome (replayed)."""
    doc = s.scalars(select(Document).where(
        Document.uuid == return_id, Document.doc_type == "customer_return",
        Document.status == Status.POSTED.value)).first() if return_id else None
    if doc is None:
        return None
    sale = s.scalar(select(Document.number).where(Document.id == doc.original_id)) or ""
    tenders = tuple(Tender(m, a, r or "") for m, a, r in s.execute(
        select(Payment.method, Payment.amount_fen, Payment.reference)
        .where(Payment.document_id == doc.id).order_by(Payment.id)))
    return ReturnOutcome(doc.uuid, doc.number or "", sale, doc.total_fen, tenders, (), "",
                         replayed=True)


def _refund_wallets(store: LocalStore, actor: Actor, gateway: WalletGateway | None,
                    wallets: list[Tender], return_id: str, clock: Clock) -> list[Tender]:
    """Refund each wallet payment at the gateway (after the commit), each audited in its own
    unit of work; what the gateway cannot do is returned for the cashier to do by hand."""
    by_hand = []
    for n, tender in enumerate(wallets, 1):
        charge = WalletCharge(tender.method, tender.amount_fen, tender.reference,
                              gateway.name if gateway else "")
        detail = {"method": tender.method, "amount": format_money(tender.amount_fen),
                  "reference": tender.reference}
        try:
            refunded = gateway.refund(charge, tender.amount_fen, f"{return_id}:{n}") \
                if gateway is not None else None
        except Exception as exc:  # noqa: BLE001 - the cashier refunds it on the device
            log.warning("wallet refund failed for %s: %r", return_id, exc)
            refunded, detail = None, {**detail, "error": getattr(exc, "code", repr(exc))}
        if refunded:
            action, detail = "counter.wallet_refund", {**detail, "refund_reference": refunded}
        else:
            action = "counter.wallet_refund_by_hand"
            by_hand.append(tender)
        with UnitOfWork(store.engine) as uow:
            write_audit(uow.session, store, actor, clock(), action, return_id, detail)
            uow.commit()
    return by_hand


def _load(s, ref: str) -> SaleForReturn:
    text = (ref or "").strip()
    doc = s.scalars(select(Document).where(
        or_(Document.uuid == text, Document.number == text.upper()),
        Document.doc_type == "sale", Document.status == Status.POSTED.value)).first() \
        if text else None
    if doc is None:
        raise SaleNotFound(ref=text[:64])
    rows = s.execute(select(DocumentLine.id, DocumentLine.line_no, Product.sku, Product.name,
                            Unit.name, Unit.is_weighed, DocumentLine.qty_milli,
                            DocumentLine.unit_price_fen, DocumentLine.amount_fen)
                     .join(Product, Product.id == DocumentLine.product_id)
                     .outerjoin(Unit, Unit.id == Product.unit_id)
                     .where(DocumentLine.document_id == doc.id)
                     .order_by(DocumentLine.line_no)).all()
    returned = dict(s.execute(
        select(DocumentLine.original_line_id, func.sum(DocumentLine.qty_milli))
        .join(Document, Document.id == DocumentLine.document_id)
        .where(DocumentLine.original_line_id.in_([r[0] for r in rows]),
               Document.status == Status.POSTED.value)
        .group_by(DocumentLine.original_line_id)).all())
    lines = tuple(SoldLine(no, sku, name, unit or "", bool(weighed), qty, price, amount,
                           int(returned.get(line_id) or 0))
                  for line_id, no, sku, name, unit, weighed, qty, price, amount in rows)
    cashier = s.scalar(select(User.username).where(User.id == doc.user_id)) if doc.user_id else ""
    code = s.scalar(select(Customer.code).where(Customer.id == doc.customer_id)) \
        if doc.customer_id else ""
    return SaleForReturn(doc.uuid, doc.number or "", local_text(doc.posted_at or doc.created_at),
                         cashier or "", code or "", doc.total_fen, lines, _tenders(s, doc.id))


def _tenders(s, sale_id: int) -> tuple[PaidTender, ...]:
    """The sale's tenders (cash merged and net of change), each with what earlier returns
    refunded to it (matched by method and, for card and wallets, the reference)."""
    paid: dict[tuple[str, str], int] = {}
    for method, amount, reference in s.execute(
            select(Payment.method, Payment.amount_fen, Payment.reference)
            .where(Payment.document_id == sale_id).order_by(Payment.id)):
        key = ("cash", "") if method in ("cash", "change") else (method, reference or "")
        paid[key] = paid.get(key, 0) + amount
    refunded: dict[tuple[str, str], int] = {}
    for method, reference, amount in s.execute(
            select(Payment.method, Payment.reference, func.sum(Payment.amount_fen))
            .join(Document, Document.id == Payment.document_id)
            .where(Document.original_id == sale_id, Document.doc_type == "customer_return",
                   Document.status == Status.POSTED.value)
            .group_by(Payment.method, Payment.reference)):
        key = ("cash", "") if method == "cash" else (method, reference or "")
        refunded[key] = refunded.get(key, 0) + int(amount)
    return tuple(PaidTender(m, r, fen, refunded.get((m, r), 0))
                 for (m, r), fen in paid.items() if fen > 0)
