"""Changing lines: quantity, void, discounts and prices, with a manager's PIN where the
cashier's role is not enough. Mixed into `CounterController`.

Each change is first tried on a copy of the cart (so a nonsense value is refused before
anyone is asked for a PIN), then approved and audited on the worker
(`app.services.counter.approve`), and only then applied to the cart.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication

from app.domain.errors import JxcError
from app.domain.money import format_money, format_quantity
from app.services.counter import ACTIONS, Cart, approve, parse_amount_or_percent, parse_price, parse_qty
from app.services.auth import AccountLocked
from app.services.counter.errors import AuthorisationNeeded, EmptyCart, NoLineSelected, WrongPin
from app.ui.translations import current_language, fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class LineActions:
    """Needs from the controller: cart, selected, store, actor, config, run, fail, tell,
    changed, authorisation_needed, tenders."""

    def selected_line(self):
        return self.cart.line(self.selected)

    def void_selected(self) -> None:
        try:
            line = self.selected_line()
        except JxcError as exc:
            self.fail(exc)
            return
        detail = {"sku": line.product.sku, "qty": format_quantity(line.qty_milli),
                  "amount": format_money(line.amount_fen)}
        self.authorise("void_line", detail, lambda cart: cart.void(line.line_id))

    def set_quantity(self, text: str) -> None:
        def change(cart: Cart):
            cart.set_quantity(self.selected, parse_qty(text))
        try:
            line = self.selected_line()
            qty = parse_qty(text)
            self._try(change)
        except JxcError as exc:
            self.fail(exc)
            return
        if qty >= line.qty_milli:  # more of it: nothing to authorise
            change(self.cart)
            self.changed()
            return
        detail = {"sku": line.product.sku, "qty_from": format_quantity(line.qty_milli),
                  "qty_to": format_quantity(qty)}
        self.authorise("void_line", detail, change)  # fewer is a partial void

    def line_discount(self, text: str) -> None:
        try:
            line = self.selected_line()
            base = line.shelf_fen
            off = parse_amount_or_percent(text, base)
            self._try(lambda cart: cart.set_line_discount(line.line_id, off))
        except JxcError as exc:
            self.fail(exc)
            return
        self.authorise("discount", {"sku": line.product.sku, "discount": format_money(off)},
                       lambda cart: cart.set_line_discount(line.line_id, off),
                       discount_bp=-(-off * 10_000 // max(base, 1)))

    def order_discount(self, text: str) -> None:
        try:
            if not self.cart.lines:
                raise EmptyCart(action_zh="打折", action_en="discount")
            base = self.cart.subtotal_fen
            off = parse_amount_or_percent(text, base)
            self._try(lambda cart: cart.set_order_discount(off))
        except JxcError as exc:
            self.fail(exc)
            return
        # The limit covers everything given off this sale, line discounts included.
        gross = sum(l.shelf_fen for l in self.cart.lines)
        given = sum(l.discount_fen for l in self.cart.lines) + off
        self.authorise("discount", {"order_discount": format_money(off)},
                       lambda cart: cart.set_order_discount(off),
                       discount_bp=-(-given * 10_000 // max(gross, 1)))

    def override_price(self, text: str) -> None:
        try:
            line = self.selected_line()
            price = parse_price(text)
            self._try(lambda cart: cart.override_price(line.line_id, price))
        except JxcError as exc:
            self.fail(exc)
            return
        detail = {"sku": line.product.sku, "from": format_money(line.unit_price_fen),
                  "to": format_money(price)}
        self.authorise("price_override", detail,
                       lambda cart: cart.override_price(line.line_id, price))

    # -- authorisation --------------------------------------------------------------------
    def _try(self, change: Callable[[Cart], object]) -> None:
        """Raise what `change` would raise, without touching the real cart."""
        change(self.cart.copy())

    def authorise(self, action: str, detail: dict, change: Callable[[Cart], object],
                  discount_bp: int = 0, approver: str = "", pin: str = "") -> None:
        store, actor, config, sale_id = self.store, self.actor, self.config, self.cart.sale_id

        def approved(approval) -> None:
            try:
                change(self.cart)
            except JxcError as exc:
                self.fail(exc)
                return
            self.changed()
            if approval.approver != actor.username:
                self.last_approver = approval.approver
                self.tell(fill(translate("LineActions", "Done: %1, authorised by %2."),
                               _title(action), approval.approver), "success")

        def refused(exc: Exception) -> None:
            if isinstance(exc, (AuthorisationNeeded, WrongPin, AccountLocked)):
                if not isinstance(exc, AuthorisationNeeded):  # say why; another may authorise
                    self.fail(exc)
                text = exc.message(current_language()) if isinstance(exc, AuthorisationNeeded) \
                    else _title(action)
                self.authorisation_needed.emit(text, lambda who, secret: self.authorise(
                    action, detail, change, discount_bp, who, secret))
                return
            self.fail(exc)

        self.run(lambda: approve(store, actor, action, sale_id, detail, config,
                                 discount_bp=discount_bp, approver=approver, pin=pin),
                 approved, refused)

    def require_line(self) -> bool:
        if self.selected is None:
            self.fail(NoLineSelected())
            return False
        return True


def _title(action: str) -> str:
    """The action's name in the user's language (from the service's action table)."""
    what = ACTIONS[action]
    return what.zh if current_language().startswith("zh") else what.en
