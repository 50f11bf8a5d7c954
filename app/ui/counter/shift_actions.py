"""The shift from the sale screen: open it with a float, cash in and out, X report, close
it with the count. Mixed into `CounterController`.

Everything runs on the ops worker through `app.services.counter.shifts`; the result comes
back as a signal the prompts turn into dialogs. A refusal is shown in the open dialog (and
in the message line), so the cashier can correct it or add a supervisor's PIN. The print
worker is woken after a report or a cash slip was queued.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.errors import JxcError
from app.services.counter import (cash_move, close_shift, current_shift, open_shift,
                                  parse_cash, shift_totals, x_report)
from app.ui.counter.texts import money
from app.ui.errors import error_text
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class ShiftActions:
    """Needs from the controller: store, actor, config, cart, tenders, printer, shift, run,
    tell, and the signals shift_changed, shift_needed, report_ready, close_figures,
    shift_closed, dialog_problem, dialog_done."""

    def load_shift(self) -> None:
        """Learn whether a shift is open (the page asks for a float when it is shown
        without one)."""
        store, actor = self.store, self.actor

        def loaded(info) -> None:
            self.shift_known = True
            self._set_shift(info)
        self.run(lambda: current_shift(store, actor=actor), loaded)

    def _set_shift(self, info) -> None:
        self.shift = info
        self.shift_changed.emit(info)

    def ask_for_shift(self) -> None:
        self.tell(translate("ShiftActions", "No shift is open: open one with its float "
                            "to start selling (Shift+F11)."), "error")
        self.shift_needed.emit()

    def needs_shift(self) -> bool:
        """True (and the open-shift prompt shown) when no shift is open."""
        if self.shift is not None:
            return False
        self.ask_for_shift()
        return True

    def _shift_refused(self, exc: Exception) -> None:
        text = error_text(exc)
        self.dialog_problem.emit(text)
        self.tell(text, "error")

    def _wake_printer(self) -> None:
        if self.printer is not None:
            self.printer.wake()

    # -- open -----------------------------------------------------------------------------
    def open_shift(self, float_text: str) -> None:
        try:
            fen = parse_cash(float_text)
        except JxcError as exc:
            self._shift_refused(exc)
            return
        store, actor = self.store, self.actor
        self.run(lambda: open_shift(store, actor, fen), self._opened, self._shift_refused)

    def _opened(self, info) -> None:
        self._set_shift(info)
        self.dialog_done.emit()
        self.tell(fill(translate("ShiftActions", "Shift %1 opened with a float of %2."),
                       info.seq, money(info.float_fen)), "success")

    # -- cash in and out ------------------------------------------------------------------
    def cash_move(self, kind: str, amount_text: str, reason: str, approver: str = "",
                  pin: str = "") -> None:
        try:
            fen = parse_cash(amount_text)
        except JxcError as exc:
            self._shift_refused(exc)
            return
        store, actor, config = self.store, self.actor, self.config
        self.run(lambda: cash_move(store, actor, kind, fen, reason, config, approver=approver,
                                   pin=pin), self._moved, self._shift_refused)

    def _moved(self, moved) -> None:
        self._wake_printer()
        self.dialog_done.emit()
        template = translate("ShiftActions", "Cash in: %1 (%2). The drawer should hold %3.") \
            if moved.kind == "in" else \
            translate("ShiftActions", "Cash out: %1 (%2). The drawer should hold %3.")
        self.tell(fill(template, money(moved.amount_fen), moved.reason,
                       money(moved.expected_cash_fen)), "success")

    # -- reports and closing --------------------------------------------------------------
    def x_report(self) -> None:
        if self.needs_shift():
            return
        store, actor, config = self.store, self.actor, self.config
        self.run(lambda: x_report(store, actor, config), self._x_done, self._shift_refused)

    def _x_done(self, report) -> None:
        self._wake_printer()
        self.report_ready.emit(report)
        self.tell(fill(translate("ShiftActions", "X report of shift %1 saved and sent to the "
                                 "printer."), report.seq), "success")

    def shift_key(self) -> None:
        """Shift+F11: open a shift when none is open, else count the drawer and close it."""
        if self.shift is None:
            self.ask_for_shift()
            return
        if self.cart.lines or self.tenders:
            self.tell(translate("ShiftActions", "Finish, hold or cancel the current sale "
                                "before closing the shift."), "error")
            return
        store, actor = self.store, self.actor
        self.run(lambda: shift_totals(store, actor=actor),
                 lambda found: self.close_figures.emit(*found), self._shift_refused)

    def close_shift(self, counts: dict, approver: str = "", pin: str = "") -> None:
        store, actor, config = self.store, self.actor, self.config
        self.run(lambda: close_shift(store, actor, counts, config, approver=approver, pin=pin),
                 self._closed, self._shift_refused)

    def _closed(self, closed) -> None:
        self._wake_printer()
        self._set_shift(None)
        self.shift_closed.emit(closed)
        self.tell(fill(translate("ShiftActions", "Shift %1 closed: cash counted %2, over/short "
                                 "%3. The Z report was sent to the printer."),
                       closed.report.seq, money(closed.counted_fen),
                       money(closed.over_short_fen)), "success")
