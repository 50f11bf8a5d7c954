"""Opening the sale screen's dialogs and handing what the cashier typed to the controller.

One dialog at a time (`active`), opened with `open()`; when it closes, the focus goes
back to the scan field. The shift and return dialogs are opened by `ShiftPrompts`.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.money import format_money, format_quantity
from app.ui.counter.dialogs import PinDialog, RecallDialog, SetPinDialog, ValueDialog
from app.ui.counter.payment_dialog import PaymentDialog
from app.ui.counter.shift_prompts import ShiftPrompts
from app.ui.counter.texts import money
from app.ui.translations import fill


class Prompts(QObject, ShiftPrompts):
    def __init__(self, page: QWidget, controller) -> None:
        super().__init__(page)
        self.page, self.c = page, controller
        self.active: QDialog | None = None
        self.payment: PaymentDialog | None = None
        controller.weight_needed.connect(self.weight)
        controller.authorisation_needed.connect(self.pin)
        controller.held_list.connect(self.recall)
        controller.tenders_changed.connect(self._payment_state)
        controller.sale_done.connect(self._sale_done)
        controller.payment_failed.connect(self._payment_problem)
        self.connect_shift_prompts()

    def _open(self, dialog: QDialog) -> QDialog:
        if self.active is not None:
            self.active.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        self.active = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.active is dialog:
            self.active = None
        if self.payment is dialog:
            self.payment = None
        self.page.window().activateWindow()  # back to the till, whatever the platform does
        self.page.scan.setFocus()

    def _value(self, title: str, prompt: str, value: str, hint: str, then) -> None:
        dialog = self._open(ValueDialog(self.page, title, prompt, value, hint))
        dialog.submitted.connect(then)

    # -- line and sale prompts ------------------------------------------------------------
    def weight(self, product) -> None:
        self._value(self.tr("Weight"), fill(self.tr("Weight of %1 in %2:"), product.name, product.unit),
                    "", self.tr("For example 0.455"), lambda text: self.c.add_weighed(product, text))

    def quantity(self) -> None:
        if self.c.require_line():
            line = self.c.selected_line()
            self._value(self.tr("Quantity"), fill(self.tr("Quantity of %1 (%2):"), line.product.name,
                                                  line.product.unit),
                        format_quantity(line.qty_milli),
                        self.tr("Fewer than before counts as a void and may need a manager."),
                        self.c.set_quantity)

    def member(self) -> None:
        current = self.c.cart.member
        self._value(self.tr("Member"), self.tr("Member phone or card number (empty: no member):"),
                    current.phone or current.card_no if current else "", "", self.c.set_member)

    def line_discount(self) -> None:
        if self.c.require_line():
            line = self.c.selected_line()
            self._value(self.tr("Line discount"), fill(self.tr("Discount on %1 (%2):"),
                                                       line.product.name, money(line.gross_fen)),
                        "", self.tr("5.00 = ¥5 off · 10% = 10% off · 9折 = pay 90%"),
                        self.c.line_discount)

    def order_discount(self) -> None:
        subtotal = self.c.cart.subtotal_fen
        self._value(self.tr("Sale discount"), fill(self.tr("Discount on the whole sale (%1):"),
                                                   money(subtotal)),
                    "", self.tr("5.00 = ¥5 off · 10% = 10% off · 9折 = pay 90%"), self.c.order_discount)

    def price(self) -> None:
        if self.c.require_line():
            line = self.c.selected_line()
            self._value(self.tr("Change price"),
                        fill(self.tr("New unit price of %1:"), line.product.name),
                        format_money(line.unit_price_fen), self.tr("Needs a manager unless you are one."),
                        self.c.override_price)

    def pin(self, what: str, retry) -> None:
        dialog = self._open(PinDialog(self.page, what, self.c.last_approver))
        dialog.submitted.connect(retry)

    def recall(self, held: list) -> None:
        if not held:
            self.c.tell(self.tr("There are no held sales."))
            return
        dialog = self._open(RecallDialog(self.page, held))
        dialog.chosen.connect(self.c.recall)

    def top_up(self) -> None:
        member = self.c.cart.member
        if member is None:
            self.c.tell(self.tr("Look up the member first (F4), then top up with Ctrl+T."),
                        "error")
            return
        if self.c.needs_shift():
            return
        self._value(self.tr("Top up stored value"),
                    fill(self.tr("Cash to put on %1's stored value (now %2):"), member.name,
                         money(member.stored_value_fen)),
                    "", self.tr("The cash goes into the drawer; a slip prints."),
                    self.c.top_up)

    def set_pin(self) -> None:
        dialog = self._open(SetPinDialog(self.page))
        dialog.submitted.connect(self.c.set_my_pin)

    # -- payment --------------------------------------------------------------------------
    def pay(self) -> None:
        if not self.c.can_pay() or self.c.needs_shift():
            return
        step = self.c.config.rounding_step_fen
        note = {10: self.tr("Rounded down to the jiao (抹零)."),
                100: self.tr("Rounded down to the yuan (抹零).")}.get(step, "")
        dialog = PaymentDialog(self.page, note, self.c.cart.member, self.c.config.fen_per_point)
        dialog.take.connect(self.c.take)
        dialog.remove_last.connect(self.c.remove_last_tender)
        self.payment = dialog
        self._open(dialog)
        self._payment_state()
        dialog.choose_method(self.c.config.default_payment)

    def _payment_state(self) -> None:
        if self.payment is not None and not self.payment.finished_sale:
            state = self.c.tender_state()
            self.payment.show_state(state.due_fen, self.c.tenders, state.remaining_fen,
                                    state.change_fen)

    def _sale_done(self, outcome) -> None:
        if self.payment is not None:
            self.payment.show_done(outcome.number, outcome.change_fen)

    def _payment_problem(self, text: str) -> None:
        if self.payment is not None:
            self.payment.show_problem(text)
        self.c.tell(text, "error")  # still readable after the dialog is closed
