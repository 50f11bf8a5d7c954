"""Closing the shift: count the drawer note by note, see expected, counted and over/short
as you type, then F12 closes the shift and prints the Z report.

The expected amounts are the shift's figures when the dialog opened (the service counts
again when it closes, in the same transaction as the close). When the over/short goes
beyond the store's limit, or the shift is someone else's, and the cashier is not a
supervisor, the supervisor's user name and PIN fields appear.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from app.domain.money import format_money
from app.services.counter import DENOMINATIONS, ShiftInfo, ShiftTotals
from app.ui.counter.shift_dialogs import PROBLEM_STYLE, SupervisorFields
from app.ui.counter.texts import method_title, money, scaled
from app.ui.translations import fill

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MAX_PIECES = 100_000


def denomination_text(fen: int) -> str:
    """¥100, ¥0.5: the same in both languages."""
    return "¥" + format_money(fen).rstrip("0").rstrip(".")


class CloseShiftDialog(QDialog):
    submitted = Signal(object, str, str)  # {denomination fen: pieces}, approver, PIN

    def __init__(self, parent: QWidget, info: ShiftInfo, totals: ShiftTotals, *,
                 limit_fen: int, supervisor: bool, own_shift: bool, approver: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("close_shift_dialog")
        self.setWindowTitle(fill(self.tr("Close shift %1 (Z report)"), info.seq))
        self.info, self.totals, self.limit_fen = info, totals, limit_fen
        self.alone = supervisor  # a supervisor closes any shift with any over/short
        self.own_shift = own_shift
        layout = QVBoxLayout(self)
        head = QLabel(fill(self.tr("Shift %1, opened by %2 at %3, float %4"), info.seq,
                           info.opened_by, info.opened_at, money(info.float_fen)))
        head.setFont(scaled(self, 1.15, bold=True))
        layout.addWidget(head)
        row = QHBoxLayout()
        row.addLayout(self._count_grid(), 3)
        row.addWidget(self._figures(), 2)
        layout.addLayout(row)
        self.authorise = SupervisorFields(self, approver)
        self.problem = QLabel()
        self.problem.setObjectName("close_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        hint = QLabel(self.tr("Type the pieces of each note and coin · Enter or ↓: next · "
                              "↑: previous · F12: close the shift and print the Z report · "
                              "Esc: cancel"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        for widget in (self.authorise, self.problem, hint):
            layout.addWidget(widget)
        QShortcut(QKeySequence("F12"), self, self.submit)
        self.authorise.user_edit.returnPressed.connect(self.authorise.pin_edit.setFocus)
        self.authorise.pin_edit.returnPressed.connect(self.submit)
        self.recount()
        self.edits[0].setFocus()

    # -- building -------------------------------------------------------------------------
    def _count_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        for column, title in enumerate((self.tr("Note / coin"), self.tr("Pieces"),
                                        self.tr("Amount"))):
            caption = QLabel(title)
            caption.setFont(scaled(self, 1.05, bold=True))
            grid.addWidget(caption, 0, column)
        self.edits: list[QLineEdit] = []
        self.amounts: list[QLabel] = []
        for row, fen in enumerate(DENOMINATIONS, 1):
            name = QLabel(denomination_text(fen))
            name.setFont(scaled(self, 1.2, bold=True))
            edit = QLineEdit()
            edit.setObjectName(f"count_{fen}")
            edit.setValidator(QIntValidator(0, MAX_PIECES, edit))
            edit.setAlignment(RIGHT)
            edit.setFont(scaled(self, 1.2))
            edit.setPlaceholderText("0")
            edit.setMaximumWidth(120)
            edit.textChanged.connect(self.recount)
            edit.installEventFilter(self)
            amount = QLabel(money(0))
            amount.setAlignment(RIGHT)
            amount.setFont(scaled(self, 1.1))
            grid.addWidget(name, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(amount, row, 2)
            self.edits.append(edit)
            self.amounts.append(amount)
        return grid

    def _figures(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("close_figures")
        frame.setStyleSheet("QFrame#close_figures { border-left: 1px solid palette(mid); }")
        grid = QGridLayout(frame)
        grid.setContentsMargins(16, 0, 0, 0)
        caption = QLabel(self.tr("Expected"))
        caption.setFont(scaled(self, 1.05, bold=True))
        grid.addWidget(caption, 0, 0, 1, 2)
        row = 1
        for method, fen in self.totals.expected.items():
            value = QLabel(money(fen))
            value.setObjectName(f"expected_{method}")
            value.setAlignment(RIGHT)
            grid.addWidget(QLabel(method_title(method)), row, 0)
            grid.addWidget(value, row, 1)
            row += 1
        t = self.totals
        sales = QLabel(fill(self.tr("%1 sales, %2 returns, net %3"), t.sales_count,
                            t.returns_count, money(t.net_fen)))
        sales.setWordWrap(True)
        sales.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(sales, row, 0, 1, 2)
        self.counted_label, self.over_short_label = QLabel(), QLabel()
        self.counted_label.setObjectName("counted_cash")
        self.over_short_label.setObjectName("over_short")
        for offset, (title, label, factor) in enumerate((
                (self.tr("Cash expected"), QLabel(money(t.expected_cash_fen)), 1.4),
                (self.tr("Cash counted"), self.counted_label, 1.4),
                (self.tr("Over / short"), self.over_short_label, 1.8)), row + 1):
            caption = QLabel(title)
            caption.setFont(scaled(self, 1.15, bold=True))
            label.setFont(scaled(self, factor, bold=True))
            label.setAlignment(RIGHT)
            grid.addWidget(caption, offset, 0)
            grid.addWidget(label, offset, 1)
        grid.setRowStretch(row + 4, 1)
        return frame

    # -- behaviour ------------------------------------------------------------------------
    def counts(self) -> dict[int, int]:
        return {fen: int(edit.text() or 0) for fen, edit in zip(DENOMINATIONS, self.edits)}

    def recount(self) -> None:
        counts = self.counts()
        for fen, label in zip(DENOMINATIONS, self.amounts):
            label.setText(money(fen * counts[fen]))
        counted = sum(fen * n for fen, n in counts.items())
        over_short = counted - self.totals.expected_cash_fen
        self.counted_label.setText(money(counted))
        sign = "+" if over_short > 0 else ""
        self.over_short_label.setText(sign + money(over_short))
        beyond = abs(over_short) > self.limit_fen
        colour = "#2e7d32" if over_short == 0 else ("#c62828" if beyond else "#ef6c00")
        self.over_short_label.setStyleSheet(f"color: {colour};")
        self.authorise.setVisible(not self.alone and (beyond or not self.own_shift))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.edits:
            step = {Qt.Key.Key_Return: 1, Qt.Key.Key_Enter: 1, Qt.Key.Key_Down: 1,
                    Qt.Key.Key_Up: -1}.get(event.key())
            if step is not None:
                index = self.edits.index(watched) + step
                if 0 <= index < len(self.edits):
                    self.edits[index].setFocus()
                    self.edits[index].selectAll()
                elif index == len(self.edits) and self.authorise.isVisible():
                    self.authorise.user_edit.setFocus()
                return True
        return super().eventFilter(watched, event)

    def submit(self) -> None:
        self.problem.clear()
        self.submitted.emit(self.counts(), *self.authorise.values())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.authorise.pin_edit.clear()
