"""The payment dialog: amount due, tenders taken, change, all from the keyboard.

F2 cash, F3 bank card (reference from the card terminal), F4 WeChat Pay / Alipay (scan
the customer's payment code), F9 the member's stored value (储值), F10 points (the amount
field takes points); F5-F8 quick cash amounts; Enter takes the typed amount (or
what is still due); Del removes the last payment; Esc goes back to the sale, keeping the
payments. Once the payments cover the amount the sale posts; the dialog then shows the
change in large figures until Enter or Esc starts the next sale.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPushButton, QVBoxLayout, QWidget)

from app.services.counter import quick_amounts
from app.ui.counter.texts import method_title, money, scaled
from app.ui.translations import fill

METHOD_KEYS = (("cash", "F2"), ("card", "F3"), ("wallet", "F4"), ("stored_value", "F9"),
               ("points", "F10"))
QUICK_KEYS = ("F5", "F6", "F7", "F8")


class PaymentDialog(QDialog):
    take = Signal(str, str, str)  # method, amount text, reference
    remove_last = Signal()

    def __init__(self, parent: QWidget, rounding_note: str = "", member=None,
                 fen_per_point: int = 0) -> None:
        super().__init__(parent)
        self.member, self.fen_per_point = member, fen_per_point
        self.setObjectName("payment_dialog")
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumSize(620, 520)
        self.method, self.finished_sale, self._quick, self._remaining = "cash", False, [], 0
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._figures(rounding_note))
        layout.addLayout(self._method_row())
        self.balance = QLabel()
        self.balance.setObjectName("member_balance")
        layout.addWidget(self.balance)
        layout.addLayout(self._entry())
        layout.addLayout(self._quick_row())
        self.tender_list = QListWidget()
        self.tender_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tender_list.setMaximumHeight(110)
        layout.addWidget(self.tender_list)
        self.problem = QLabel()
        self.problem.setObjectName("payment_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828; font-weight: bold;")
        layout.addWidget(self.problem)
        hints = QLabel(self.tr("Enter: take payment · Del: remove the last payment · "
                               "Esc: back to the sale"))
        hints.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hints)
        self._bind()
        self.choose_method("cash")

    # -- building -------------------------------------------------------------------------
    def _figures(self, rounding_note: str) -> QGridLayout:
        grid = QGridLayout()
        self.due_label, self.paid_label, self.left_label = QLabel(), QLabel(), QLabel()
        self.change_label = QLabel()
        self.change_label.setObjectName("change_label")
        for label, factor in ((self.due_label, 2.4), (self.left_label, 1.6),
                              (self.paid_label, 1.2), (self.change_label, 2.4)):
            label.setFont(scaled(self, factor, bold=True))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.change_label.setStyleSheet("color: #2e7d32;")
        rows = ((self.tr("Amount due"), self.due_label), (self.tr("Still to pay"), self.left_label),
                (self.tr("Paid"), self.paid_label), (self.tr("Change"), self.change_label))
        for row, (title, value) in enumerate(rows):
            caption = QLabel(title)
            caption.setFont(scaled(self, 1.2))
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        if rounding_note:
            note = QLabel(rounding_note)
            note.setStyleSheet("color: palette(placeholder-text);")
            grid.addWidget(note, len(rows), 0, 1, 2)
        return grid

    def _method_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.method_buttons: dict[str, QPushButton] = {}
        titles = {"cash": self.tr("Cash"), "card": self.tr("Bank card"),
                  "wallet": self.tr("WeChat / Alipay"), "stored_value": self.tr("Stored value"),
                  "points": self.tr("Points")}
        for method, key in METHOD_KEYS:
            button = QPushButton(f"{key}  {titles[method]}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, m=method: self.choose_method(m))
            self.method_buttons[method] = button
            button.setEnabled(method in ("cash", "card", "wallet") or self.member is not None)
            row.addWidget(button)
        return row

    def _entry(self) -> QGridLayout:
        grid = QGridLayout()
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amount_edit")
        self.amount_edit.setFont(scaled(self, 1.8, bold=True))
        self.reference_label = QLabel()
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("reference_edit")
        self.reference_edit.setMaxLength(64)
        self.reference_edit.setFont(scaled(self, 1.3))
        self.amount_caption = QLabel(self.tr("Amount"))
        grid.addWidget(self.amount_caption, 0, 0)
        grid.addWidget(self.amount_edit, 0, 1)
        grid.addWidget(self.reference_label, 1, 0)
        grid.addWidget(self.reference_edit, 1, 1)
        for edit in (self.amount_edit, self.reference_edit):
            edit.returnPressed.connect(self.submit)
        return grid

    def _quick_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.quick_buttons = []
        for index, key in enumerate(QUICK_KEYS):
            button = QPushButton()
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _c=False, i=index: self.quick(i))
            self.quick_buttons.append(button)
            row.addWidget(button)
        return row

    def _bind(self) -> None:
        for method, key in METHOD_KEYS:
            QShortcut(QKeySequence(key), self, lambda m=method: self.choose_method(m))
        for index, key in enumerate(QUICK_KEYS):
            QShortcut(QKeySequence(key), self, lambda i=index: self.quick(i))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, self._delete)

    # -- behaviour ------------------------------------------------------------------------
    def choose_method(self, method: str) -> None:
        if self.finished_sale:
            return
        if method in ("stored_value", "points") and self.member is None:
            self.show_problem(self.tr("Look up the member first (F4 on the sale screen)."))
            return
        self.method = method
        for name, button in self.method_buttons.items():
            button.setChecked(name == method)
        needs_reference = method in ("card", "wallet")
        self.reference_label.setVisible(needs_reference)
        self.reference_edit.setVisible(needs_reference)
        self.reference_edit.clear()
        self.reference_label.setText(self.tr("Terminal reference") if method == "card"
                                     else self.tr("Payment code (scan)"))
        for button in self.quick_buttons:
            button.setEnabled(method == "cash")
        self._show_balance()
        self.amount_caption.setText(self.tr("Points") if method == "points" else self.tr("Amount"))
        if method == "points":
            self.amount_edit.setText(str(self._points_for(self._remaining)))
        target = self.reference_edit if method == "wallet" else self.amount_edit
        target.setFocus()
        target.selectAll()

    def _show_balance(self) -> None:
        m = self.member
        self.balance.setVisible(m is not None)
        if m is None:
            return
        text = fill(self.tr("Member %1: stored value %2 · %3 points"), m.name,
                    money(m.stored_value_fen), m.points)
        if self.method == "points" and self.fen_per_point:
            text += "  " + fill(self.tr("(type points: 100 points pay %1)"),
                                money(100 * self.fen_per_point))
        self.balance.setText(text)

    def _points_for(self, remaining_fen: int) -> int:
        if not self.member or self.fen_per_point <= 0:
            return 0
        return max(min(self.member.points, remaining_fen // self.fen_per_point), 0)

    def show_state(self, due_fen: int, tenders: list, remaining_fen: int, change_fen: int) -> None:
        self.due_label.setText(money(due_fen))
        self.paid_label.setText(money(sum(t.amount_fen for t in tenders)))
        self.left_label.setText(money(remaining_fen))
        self.change_label.setText(money(change_fen))
        self.tender_list.clear()
        for tender in tenders:
            ref = f"  ({tender.reference})" if tender.reference else ""
            self.tender_list.addItem(f"{method_title(tender.method)}  {money(tender.amount_fen)}{ref}")
        self._quick = quick_amounts(remaining_fen)
        for index, button in enumerate(self.quick_buttons):
            amount = self._quick[index] if index < len(self._quick) else None
            button.setText(f"{QUICK_KEYS[index]}  {money(amount)}" if amount else QUICK_KEYS[index])
            button.setEnabled(amount is not None and self.method == "cash")
        self._remaining = remaining_fen
        if self.method == "points":
            self.amount_edit.setText(str(self._points_for(remaining_fen)) if remaining_fen else "")
        else:
            self.amount_edit.setText(f"{remaining_fen / 100:.2f}" if remaining_fen else "")
        self.amount_edit.selectAll()
        self.problem.clear()

    def quick(self, index: int) -> None:
        if self.method == "cash" and index < len(self._quick) and not self.finished_sale:
            self.take.emit("cash", f"{self._quick[index] / 100:.2f}", "")

    def submit(self) -> None:
        if self.finished_sale:
            self.accept()
            return
        self.problem.clear()
        self.take.emit(self.method, self.amount_edit.text(), self.reference_edit.text())

    def _delete(self) -> None:
        if not self.finished_sale:
            self.remove_last.emit()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def show_done(self, number: str, change_fen: int) -> None:
        """The sale is posted: the change, big, until the cashier moves on."""
        self.finished_sale = True
        self.change_label.setText(money(change_fen))
        self.left_label.setText(money(0))
        self.problem.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.problem.setText(fill(self.tr("Sale %1 saved. Give %2 change. Enter: next sale."),
                                  number, money(change_fen)))
        for widget in (self.amount_edit, self.reference_edit, *self.method_buttons.values(),
                       *self.quick_buttons):
            widget.setEnabled(False)
        self.setFocus()

    def keyPressEvent(self, event) -> None:
        if self.finished_sale and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                   Qt.Key.Key_Escape):
            self.accept()
            return
        super().keyPressEvent(event)
