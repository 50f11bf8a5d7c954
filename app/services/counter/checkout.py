"""Posting a sale from the till: the cart and its tenders become one `sale` document,
posted through the inventory core with channel "counter" in one transaction.

The till sells only while a shift is open on it (`shifts`): without one the sale is
refused (`NoOpenShift`) before anything is written. Posting itself knows nothing of shifts,
so back-office documents never need one.

Only after `post_document` has committed does the `after_commit` hook run (print the
receipt, open the drawer). A failure of the hook never undoes or hides the sale: the
outcome carries it for the status bar. The document id is the cart's sale id, so posting
the same sale twice (a retry after an error, a double Enter) posts it once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from app.domain.documents import Status
from app.domain.money import format_money, format_quantity
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.counter import shelf
from app.services.counter.cart import Cart, allocate
from app.services.counter.errors import EmptyCart, SaleNotPosted
from app.services.counter.shift_figures import require_open_shift
from app.services.counter.tender import Tender, document_payments, require_paid
from app.services.inventory.posting import post_document
from app.services.records import Actor, Clock, local_date, utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaleOutcome:
    sale_id: str
    number: str
    total_fen: int
    paid_fen: int
    change_fen: int
    tenders: tuple[Tender, ...]
    replayed: bool = False
    print_error: Exception | None = None

    @property
    def cash(self) -> bool:
        return any(t.method == "cash" for t in self.tenders)

    @property
    def document_id(self) -> str:
        return self.sale_id


AfterCommit = Callable[[SaleOutcome], None]


def sale_document(cart: Cart, tenders: list[Tender] | tuple[Tender, ...],
                  rounding_step_fen: int = 1) -> dict:
    """The `sale` document (docs/document-format.md): every line at its price, with its
    own discount plus its share of the order discount and the 抹零 rounding."""
    totals = cart.totals(rounding_step_fen)
    shares = allocate([line.amount_fen for line in cart.lines],
                      totals.order_discount_fen + totals.rounding_fen)
    lines = []
    for line, share in zip(cart.lines, shares):
        row = {"sku": line.product.sku, "qty": format_quantity(line.qty_milli),
               "unit_price": format_money(line.unit_price_fen)}
        discount = line.label_adjust_fen + line.markdown_fen + line.discount_fen + share
        if discount:
            row["discount"] = format_money(discount)
        lines.append(row)
    doc = {"type": "sale", "id": cart.sale_id, "lines": lines,
           "payments": document_payments(tenders)}
    if cart.member is not None:
        doc["customer"] = cart.member.code
    return doc


def checkout(store: LocalStore, actor: Actor, cart: Cart, tenders: list[Tender] | tuple[Tender, ...],
             *, rounding_step_fen: int = 1, after_commit: AfterCommit | None = None,
             clock: Clock = utc_now) -> SaleOutcome:
    check(actor.role, "counter.checkout.checkout")
    if not cart.lines:
        raise EmptyCart(action_zh="结账", action_en="pay for")
    due = cart.totals(rounding_step_fen).due_fen
    paid = require_paid(due, tenders)
    _require_shift(store, cart, clock)
    result = post_document(store, actor, sale_document(cart, tenders, rounding_step_fen),
                           clock=clock, channel="counter")
    if result.status != Status.POSTED.value:
        raise SaleNotPosted(id=result.id)
    outcome = SaleOutcome(result.id, result.number or "", result.total_fen, paid.paid_fen,
                          paid.change_fen, tuple(tenders), result.replayed)
    if after_commit is None:
        return outcome
    try:
        after_commit(outcome)
    except Exception as exc:  # noqa: BLE001 - the sale stands; the screen shows the problem
        log.warning("after-commit hook failed for sale %s: %r", result.number, exc)
        return SaleOutcome(**{**outcome.__dict__, "print_error": exc})
    return outcome


def _require_shift(store: LocalStore, cart: Cart, clock: Clock) -> None:
    """Raise `NoOpenShift` unless a shift is open on this till (sales and refunds), and
    `ExpiredStock` when the cart needs goods of which only expired stock is left."""
    with UnitOfWork(store.engine, write=False) as uow:
        require_open_shift(uow.session, store.terminal_id)
        shelf.check_cart(uow.session.connection(), cart.lines, local_date(clock()))
