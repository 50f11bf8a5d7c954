"""A return at the till (退货): scan the receipt's barcode (or type its number), pick the
lines and quantities, see the refund per original tender, F12 refunds.

The table shows each line as sold, what earlier returns took back and what can still be
returned; on the selected line, typing digits sets the quantity to return (Backspace
corrects, Space: all that is left or none, Enter: next line), never more than what is
left. The refund shown is computed by the same rules as posting
(`app.services.counter.return_plan`). A cashier who is not a supervisor types a shift
lead's or manager's user name and PIN in the dialog. After the refund the dialog says
what to give back and what to refund on the card terminal or payment device.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.errors import JxcError
from app.domain.money import format_quantity
from app.services.counter import (SaleForReturn, line_refund_fen, parse_qty, refund_fen,
                                  refund_tenders)
from app.ui.counter.shift_dialogs import PROBLEM_STYLE, SupervisorFields
from app.ui.counter.texts import method_title, money, scaled
from app.ui.translations import fill

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PRODUCT, SOLD, RETURNED, LEFT, RETURN, REFUND = range(6)


class ReturnDialog(QDialog):
    find = Signal(str)  # the receipt number as scanned or typed
    refund = Signal(object, str, str)  # {line number: qty milli}, approver, PIN

    def __init__(self, parent: QWidget, supervisor: bool, approver: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("Return (退货)"))
        self.setMinimumSize(760, 520)
        self.sale: SaleForReturn | None = None
        self.qty: dict[int, int] = {}  # row -> quantity to return (thousandths)
        self.typed = ""  # what was typed on the current row
        self.finished_return = False
        layout = QVBoxLayout(self)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("receipt_number_edit")
        self.number_edit.setFont(scaled(self, 1.5))
        self.number_edit.setPlaceholderText(self.tr("Scan the barcode on the receipt, or type "
                                                    "its number"))
        self.sale_label = QLabel()
        self.sale_label.setObjectName("sale_label")
        self.sale_label.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("return_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Sold"), self.tr("Returned"), self.tr("Can return"),
            self.tr("Return"), self.tr("Refund")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in range(SOLD, REFUND + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.refund_label = QLabel()
        self.refund_label.setObjectName("refund_label")
        self.refund_label.setWordWrap(True)
        self.refund_label.setFont(scaled(self, 1.3, bold=True))
        self.authorise = SupervisorFields(self, approver)
        self.authorise.setVisible(False)
        self.needs_pin = not supervisor
        self.problem = QLabel()
        self.problem.setObjectName("return_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        hint = QLabel(self.tr("Enter: find the sale · ↑ ↓: pick a line · digits: the quantity "
                              "to return (Backspace corrects, Space: all or none) · F12: refund "
                              "· Esc: cancel"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        for widget in (self.number_edit, self.sale_label, self.table, self.refund_label,
                       self.authorise, self.problem, hint):
            layout.addWidget(widget)
        self.number_edit.returnPressed.connect(lambda: self.find.emit(self.number_edit.text()))
        self.table.currentCellChanged.connect(self._keep_return_column)
        self.table.installEventFilter(self)
        self.authorise.user_edit.returnPressed.connect(self.authorise.pin_edit.setFocus)
        self.authorise.pin_edit.returnPressed.connect(self.submit)
        QShortcut(QKeySequence("F12"), self, self.submit)
        self.number_edit.setFocus()

    # -- the sale -------------------------------------------------------------------------
    def show_sale(self, sale: SaleForReturn) -> None:
        self.sale, self.qty, self.typed = sale, {}, ""
        self.problem.clear()
        self.sale_label.setText(fill(self.tr("Sale %1 · %2 · cashier %3 · total %4"),
                                     sale.number, sale.sold_at, sale.cashier,
                                     money(sale.total_fen)))
        self.table.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            unit = line.unit
            cells = (f"{line.name}  ({line.sku})", format_quantity(line.qty_milli) + unit,
                     format_quantity(line.returned_milli), format_quantity(line.left_milli),
                     "0", money(0))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column != PRODUCT:
                    item.setTextAlignment(RIGHT)
                if column == RETURN:
                    item.setFont(scaled(self, 1.1, bold=True))
                self.table.setItem(row, column, item)
        self.authorise.setVisible(self.needs_pin)
        first = next((r for r, l in enumerate(sale.lines) if l.left_milli), 0)
        self.table.setCurrentCell(first, RETURN)
        self.table.setFocus()
        self._show_refund()
        if not sale.returnable:
            self.problem.setText(self.tr("Everything on this sale was returned already."))

    def picks(self) -> dict[int, int]:
        if self.sale is None:
            return {}
        return {self.sale.lines[row].line_no: qty for row, qty in self.qty.items() if qty}

    def _set_qty(self, row: int, qty: int, typed: str | None = None) -> None:
        """The return quantity of a row, never more than is left (whole pieces unless
        weighed), shown with its refund."""
        line = self.sale.lines[row]
        fixed = min(max(qty, 0), line.left_milli)
        if not line.weighed:
            fixed -= fixed % 1000
        self.qty[row] = fixed
        shown = typed if typed is not None and fixed == qty else format_quantity(fixed)
        self.table.item(row, RETURN).setText(shown or "0")
        self.table.item(row, REFUND).setText(money(line_refund_fen(line, fixed)))
        if fixed != qty:
            self.typed = format_quantity(fixed)
            self.problem.setText(fill(self.tr("At most %1 of %2 can be returned."),
                                      format_quantity(line.left_milli), line.name))
        else:
            self.problem.clear()
        self._show_refund()

    def _type(self, key_text: str) -> None:
        """A digit or a point typed on a row builds its return quantity; Backspace takes
        the last one back."""
        row = self.table.currentRow()
        if self.sale is None or row < 0 or not self.sale.lines[row].left_milli:
            return
        self.typed = (self.typed[:-1] if key_text == "\b" else self.typed + key_text)[:9]
        self._set_qty(row, _qty(self.typed), self.typed)

    def _toggle(self) -> None:
        row = self.table.currentRow()
        if self.sale is None or row < 0:
            return
        self.typed = ""
        self._set_qty(row, 0 if self.qty.get(row) else self.sale.lines[row].left_milli)

    def _show_refund(self) -> None:
        picks = self.picks()
        if not picks:
            self.refund_label.setText(self.tr("Pick the lines to return."))
            return
        amount = refund_fen(self.sale, picks)
        parts = [f"{method_title(t.method)} {money(t.amount_fen)}"
                 + (f" ({t.reference})" if t.reference else "")
                 for t in refund_tenders(self.sale, amount)]
        self.refund_label.setText(fill(self.tr("Refund %1: %2"), money(amount), " · ".join(parts)))

    # -- keys -----------------------------------------------------------------------------
    def _keep_return_column(self, row: int, column: int, previous_row: int, *_rest) -> None:
        if row != previous_row:
            self.typed = ""
        if row >= 0 and column != RETURN:
            self.table.setCurrentCell(row, RETURN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.table or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Space:
            self._toggle()
        elif key == Qt.Key.Key_Backspace:
            self._type("\b")
        elif text and (text.isdigit() or text == "."):
            self._type(text)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.table.setCurrentCell(min(self.table.currentRow() + 1,
                                          self.table.rowCount() - 1), RETURN)
        else:
            return super().eventFilter(watched, event)
        return True

    def submit(self) -> None:
        if self.finished_return:
            self.accept()
            return
        self.problem.clear()
        self.refund.emit(self.picks(), *self.authorise.values())

    def show_problem(self, text: str) -> None:
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setText(text)
        self.authorise.pin_edit.clear()

    def show_done(self, text: str) -> None:
        """The return is posted: what to give back, until Enter or Esc."""
        self.finished_return = True
        self.problem.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.problem.setText(text)
        for widget in (self.number_edit, self.table, self.authorise):
            widget.setEnabled(False)
        self.setFocus()

    def keyPressEvent(self, event) -> None:
        if self.finished_return and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                     Qt.Key.Key_Escape):
            self.accept()
            return
        super().keyPressEvent(event)


def _qty(text: str) -> int:
    try:
        return parse_qty(text) if text.strip() not in ("", "0") else 0
    except JxcError:
        return 0
