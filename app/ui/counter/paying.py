"""Taking payment and posting the sale. Mixed into `CounterController`.

Tenders are kept on the controller until the sale posts, so closing the payment dialog
loses nothing. Once they cover the amount due the sale is posted on the worker through
`app.services.counter.checkout`, which calls the receipt hook only after the commit. If
posting is refused, the cart and the tenders stay exactly as they were and the reason is
shown; paying again posts the same sale id, never a second sale.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.errors import JxcError
from app.domain.money import format_money
from app.services.counter import (Tender, check_tender, checkout, parse_price, payment_method,
                                  state, take_wallet_payment)
from app.services.counter.errors import BadPoints, EmptyCart, NotPaid
from app.services.counter.topup import points_tender, stored_value_tender
from app.services.counter.wallet import WalletCharge
from app.ui.errors import error_text
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class Paying:
    """Needs from the controller: cart, tenders, config, store, actor, gateway, status,
    after_commit, run, fail, tell, new_sale, tenders_changed, sale_done, payment_failed."""

    def due_fen(self) -> int:
        return self.cart.totals(self.config.rounding_step_fen).due_fen

    def tender_state(self):
        return state(self.due_fen(), self.tenders)

    def can_pay(self) -> bool:
        if not self.cart.lines:
            self.fail(EmptyCart(action_zh="结账", action_en="pay for"))
            return False
        return True

    def take(self, method: str, amount_text: str, reference: str = "") -> None:
        """Add a tender (the amount defaults to what is still due); wallets charge the
        scanned code on the worker first."""
        if self.tender_state().complete:  # paid already: post (again, after a refusal)
            self.post_sale()
            return
        remaining = self.tender_state().remaining_fen
        try:
            if method in ("stored_value", "points"):
                tender = self._member_tender(method, amount_text)
                self._add_tender(check_tender(self.due_fen(), self.tenders, tender))
                return
            amount = parse_price(amount_text) if amount_text.strip() else remaining
            if method == "wallet":
                kind = payment_method(reference)
                check_tender(self.due_fen(), self.tenders, Tender(kind, amount, "-"))
            else:
                check_tender(self.due_fen(), self.tenders, Tender(method, amount, reference.strip()))
        except JxcError as exc:
            self.payment_failed.emit(error_text(exc))
            return
        if method != "wallet":
            self._add_tender(Tender(method, amount, reference.strip()))
            return
        gateway, online, sale_id = self.gateway, self.status.online if self.status else None, \
            self.cart.sale_id
        self.run(lambda: take_wallet_payment(gateway, online, sale_id, amount, reference),
                 lambda c: self._add_tender(Tender(c.method, c.amount_fen, c.reference, c.gateway)),
                 lambda exc: self.payment_failed.emit(error_text(exc)))

    def _member_tender(self, method: str, amount_text: str) -> Tender:
        """Stored value (an amount, default what is due up to the balance) or points (a
        number of points), from the balances the member was looked up with."""
        member, due = self.cart.member, self.due_fen()
        if method == "stored_value":
            amount = parse_price(amount_text) if amount_text.strip() else 0
            return stored_value_tender(member, due, self.tenders, amount)
        text = amount_text.strip()
        if text and not text.isdigit():
            raise BadPoints(value=text)
        return points_tender(member, due, self.tenders, int(text or 0),
                             self.config.fen_per_point)

    def _add_tender(self, tender: Tender) -> None:
        self.tenders.append(tender)
        self.tenders_changed.emit()
        if self.tender_state().complete:
            self.post_sale()

    def remove_last_tender(self) -> None:
        if not self.tenders:
            return
        tender = self.tenders.pop()
        self.tenders_changed.emit()
        if tender.gateway:
            self._give_back(tender)

    def _give_back(self, tender: Tender) -> None:
        """Cancel a wallet payment at its gateway, or tell the cashier to refund it by hand."""
        gateway = self.gateway
        charge = WalletCharge(tender.method, tender.amount_fen, tender.reference, tender.gateway)

        def done(cancelled: bool) -> None:
            if not cancelled:
                self.tell(fill(translate("Paying", "Refund %1 to the customer on the payment device "
                                       "(reference %2)."), "¥" + format_money(tender.amount_fen),
                               tender.reference), "error")
        self.run(lambda: gateway.cancel(charge), done)

    def post_sale(self) -> None:
        if not self.tender_state().complete:
            self.payment_failed.emit(error_text(NotPaid(
                remaining=format_money(self.tender_state().remaining_fen))))
            return
        if self.posting:
            return  # the same sale is on its way; its id would make a repeat harmless anyway
        store, actor, cart, tenders = self.store, self.actor, self.cart.copy(), tuple(self.tenders)
        step, hook = self.config.rounding_step_fen, self.after_commit
        self.posting = True
        self.run(lambda: checkout(store, actor, cart, tenders, rounding_step_fen=step,
                                  after_commit=hook), self._posted, self._refused)

    def _refused(self, exc: Exception) -> None:
        self.posting = False
        self.payment_failed.emit(error_text(exc))

    def _posted(self, outcome) -> None:
        self.posting = False
        self.new_sale()
        self.sale_done.emit(outcome)
        if outcome.print_error is not None:
            self.tell(fill(translate("Paying",
                                     "Sale %1 is saved, but its receipt could not be queued: %2"),
                           outcome.number, error_text(outcome.print_error)), "error")
        else:
            self.tell(fill(translate("Paying", "Sale %1 saved. Change: %2"), outcome.number,
                           "¥" + format_money(outcome.change_fen)), "success")

    def cancel_sale(self) -> None:
        """Drop the whole sale: authorised and audited like a void when it has lines;
        wallet payments already taken are given back first."""
        if not self.cart.lines and not self.tenders:
            return
        detail = {"lines": len(self.cart.lines), "amount": format_money(self.due_fen())}
        self.authorise("void_sale", detail, lambda _cart: self._cancelled())

    def _cancelled(self) -> None:
        for tender in [t for t in self.tenders if t.gateway]:
            self._give_back(tender)
        self.new_sale()
        self.tell(translate("Paying", "Sale cancelled."))
