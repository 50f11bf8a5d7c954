"""Opening the shift and return dialogs and handing what the cashier typed to the
controller. Mixed into `Prompts` (one dialog at a time, opened with `open()`)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.counter import supervised
from app.ui.counter.close_shift_dialog import CloseShiftDialog
from app.ui.counter.return_dialog import ReturnDialog
from app.ui.counter.shift_dialogs import CashMoveDialog, OpenShiftDialog, ReportDialog
from app.ui.counter.texts import money
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


class ShiftPrompts:
    """Needs from Prompts: page, c (the controller), active, _open."""

    def connect_shift_prompts(self) -> None:
        c = self.c
        c.shift_needed.connect(self.open_shift)
        c.report_ready.connect(self.x_report)
        c.close_figures.connect(self.close_shift)
        c.shift_closed.connect(self.z_report)
        c.return_started.connect(self.return_goods)
        c.sale_found.connect(lambda sale: self._call("show_sale", sale))
        c.return_done.connect(lambda text: self._call("show_done", text))
        c.dialog_problem.connect(lambda text: self._call("show_problem", text))
        c.dialog_done.connect(self._done)

    def _call(self, method: str, *args) -> None:
        """Tell the open dialog, if it is one that listens (a late answer finds none)."""
        if self.active is not None and hasattr(self.active, method):
            getattr(self.active, method)(*args)

    def _done(self) -> None:
        if isinstance(self.active, (OpenShiftDialog, CashMoveDialog)):
            self.active.accept()

    def _supervisor(self) -> bool:
        return supervised.is_supervisor(self.c.actor.role)

    # -- shift ----------------------------------------------------------------------------
    def open_shift(self) -> None:
        if isinstance(self.active, OpenShiftDialog):
            return
        dialog = self._open(OpenShiftDialog(self.page))
        dialog.submitted.connect(self.c.open_shift)

    def cash(self, kind: str) -> None:
        if self.c.needs_shift():
            return
        dialog = self._open(CashMoveDialog(self.page, kind, self.c.config.cash_out_limit_fen,
                                           self._supervisor(), self.c.last_approver))
        dialog.submitted.connect(self.c.cash_move)

    def x_report(self, report) -> None:
        title = fill(translate("ShiftPrompts", "X report, shift %1"), report.seq)
        summary = translate("ShiftPrompts", "The shift so far (it stays open). Sent to the "
                            "receipt printer.")
        self._open(ReportDialog(self.page, title, summary, report.text))

    def close_shift(self, info, totals) -> None:
        dialog = self._open(CloseShiftDialog(
            self.page, info, totals, limit_fen=self.c.config.over_short_limit_fen,
            supervisor=self._supervisor(), own_shift=info.opened_by_id == self.c.actor.user_id,
            approver=self.c.last_approver))
        dialog.submitted.connect(self.c.close_shift)

    def z_report(self, closed) -> None:
        title = fill(translate("ShiftPrompts", "Z report, shift %1"), closed.report.seq)
        summary = fill(translate("ShiftPrompts", "Shift closed. Cash counted %1, expected %2, "
                                 "over/short %3. Sent to the receipt printer."),
                       money(closed.counted_fen), money(closed.expected["cash"]),
                       money(closed.over_short_fen))
        self._open(ReportDialog(self.page, title, summary, closed.report.text))

    # -- returns --------------------------------------------------------------------------
    def return_goods(self) -> None:
        dialog = self._open(ReturnDialog(self.page, self._supervisor(), self.c.last_approver))
        dialog.find.connect(self.c.find_sale)
        dialog.refund.connect(lambda picks, who, pin, d=dialog: self.c.post_return(
            d.sale, picks, who, pin))
