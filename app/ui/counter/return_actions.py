"""Returns from the sale screen: find the sale by its receipt number, post the return and
refund it. Mixed into `CounterController`.

A return starts only between sales (an empty cart) and while a shift is open. Each return
gets its own id when it starts, so pressing F12 twice or retrying after a refusal posts it
once. After the commit the receipt hook prints the 退货 receipt and opens the drawer when
cash was refunded; the cashier is told what to refund by hand on the card terminal or the
payment device.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication

from app.services.counter import find_sale, post_return
from app.ui.counter.texts import method_title, money
from app.ui.errors import error_text
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class ReturnActions:
    """Needs from the controller: store, actor, config, cart, tenders, gateway, status,
    after_commit, run, tell, needs_shift, and the signals return_started, sale_found,
    return_done, dialog_problem."""

    def start_return(self) -> None:
        if self.cart.lines or self.tenders:
            self.tell(translate("ReturnActions", "Finish, hold or cancel the current sale "
                                "before a return."), "error")
            return
        if self.needs_shift():
            return
        self.return_id = str(uuid.uuid4())
        self.return_started.emit()

    def find_sale(self, ref: str) -> None:
        store, actor = self.store, self.actor
        self.run(lambda: find_sale(store, ref, actor=actor), self.sale_found.emit,
                 lambda exc: self.dialog_problem.emit(error_text(exc)))

    def post_return(self, sale, picks: dict, approver: str = "", pin: str = "") -> None:
        if sale is None:
            return
        store, actor, config, return_id = self.store, self.actor, self.config, self.return_id
        gateway, hook = self.gateway, self.after_commit
        online = self.status.online if self.status else None

        def refund():
            return post_return(store, actor, sale.uuid, picks, config, return_id=return_id,
                               gateway=gateway, online=online, approver=approver, pin=pin,
                               after_commit=hook)

        def refused(exc: Exception) -> None:
            self.dialog_problem.emit(error_text(exc))
        self.run(refund, self._returned, refused)

    def _returned(self, outcome) -> None:
        if outcome.approved_by and outcome.approved_by != self.actor.username:
            self.last_approver = outcome.approved_by
        text = return_summary(outcome)
        self.return_done.emit(text)
        self.tell(text, "error" if outcome.print_error is not None else "success")


def return_summary(outcome) -> str:
    """What the cashier does now: cash to give back, refunds to make on the devices."""
    parts = [fill(translate("ReturnActions", "Return %1 saved: refund %2."), outcome.number,
                  money(outcome.total_fen))]
    if outcome.cash_fen:
        parts.append(fill(translate("ReturnActions", "Give back %1 in cash."),
                          money(outcome.cash_fen)))
    for tender in outcome.by_hand:
        template = translate("ReturnActions", "Refund %1 on the card terminal (reference %2).") \
            if tender.method == "card" else \
            translate("ReturnActions", "Refund %1 by %3 on the payment device (reference %2).")
        parts.append(fill(template, money(tender.amount_fen), tender.reference,
                          method_title(tender.method)))
    if outcome.print_error is not None:
        parts.append(fill(translate("ReturnActions", "Its receipt could not be queued: %1"),
                          error_text(outcome.print_error)))
    return " ".join(parts)
