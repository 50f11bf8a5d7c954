"""Topping up a member's stored value at the till (Ctrl+T). Mixed into `CounterController`.

The top-up id is drawn when the cashier confirms and kept until the top-up is done, so a
retry after an error (or Enter twice) tops up once. The member on the sale gets the new
balances, so paying with stored value right after sees them.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication

from app.domain.errors import JxcError
from app.services.counter import parse_cash
from app.services.counter.topup import top_up
from app.ui.counter.texts import money
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class MemberActions:
    """Needs from the controller: cart, config, store, actor, run, fail, tell, changed."""

    top_up_id = ""

    def top_up(self, amount_text: str) -> None:
        member = self.cart.member
        if member is None:
            return
        try:
            amount = parse_cash(amount_text)
        except JxcError as exc:
            self.fail(exc)
            return
        self.top_up_id = self.top_up_id or str(uuid.uuid4())
        store, actor, config, top_up_id = self.store, self.actor, self.config, self.top_up_id
        self.run(lambda: top_up(store, actor, member.code, amount, config, top_up_id=top_up_id),
                 self._topped_up)

    def _topped_up(self, outcome) -> None:
        self.top_up_id = ""
        if self.cart.member is not None and self.cart.member.code == outcome.member.code:
            self.cart.member = outcome.member
            self.changed()
        self.tell(fill(translate("MemberActions", "%1 topped up %2: stored value now %3. Put "
                                 "the cash in the drawer."), outcome.member.name,
                       money(outcome.amount_fen), money(outcome.member.stored_value_fen)),
                  "success")
