"""Lines of a stock document entered by scanning: a code field (scanner or typing), a
quantity, optionally a reason, and the table of lines so far. Keyboard first: scan, Enter;
Delete removes the selected line."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.services.stock_work.common import lookup_item
from app.ui.stock.tables import fit
from app.ui.errors import error_text


@dataclass
class Line:
    sku: str
    name: str
    qty_milli: int
    reason: str = ""


class LinesEditor(QWidget):
    changed = Signal()

    def __init__(self, store, ops, actor, reasons: dict[str, str] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.lines: list[Line] = []
        self.code = QLineEdit()
        self.code.setObjectName("line_code")
        self.code.setPlaceholderText(self.tr("Scan or type a barcode or SKU, then Enter"))
        self.qty = QLineEdit("1")
        self.qty.setObjectName("line_qty")
        self.qty.setMaximumWidth(90)
        self.reason = QComboBox()
        for key, title in (reasons or {}).items():
            self.reason.addItem(title, key)
        self.reason.setVisible(bool(reasons))
        self.message = QLabel()
        self.message.setObjectName("line_message")
        self.model = QStandardItemModel(0, 4 if reasons else 3, self)
        heads = [self.tr("SKU"), self.tr("Product"), self.tr("Quantity")]
        self.model.setHorizontalHeaderLabels(heads + ([self.tr("Reason")] if reasons else []))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit(self.table)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(QLabel(self.tr("Qty:")))
        row.addWidget(self.qty)
        row.addWidget(self.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.code.returnPressed.connect(self.add_code)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_selected)

    def add_code(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        try:
            qty = parse_quantity(self.qty.text().strip() or "1")
        except DomainError as exc:
            self.say(error_text(exc), error=True)
            return
        if qty <= 0:
            self.say(self.tr("The quantity must be above 0."), error=True)
            return
        reason = self.reason.currentData() or ""
        store, actor = self._store, self._actor
        self.code.clear()
        self._ops.run(lambda: lookup_item(store, actor, code),
                      lambda item: self._add(item, qty, reason),
                      lambda exc: self.say(error_text(exc), error=True), context=self)

    def _add(self, item, qty: int, reason: str) -> None:
        line = next((l for l in self.lines if l.sku == item.sku and l.reason == reason), None)
        if line is None:
            line = Line(item.sku, item.name, 0, reason)
            self.lines.append(line)
        line.qty_milli += qty
        self.qty.setText("1")
        self._show()
        self.say(f"{item.sku} {item.name} × {format_quantity(line.qty_milli)}")
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        for r in rows:
            del self.lines[r]
        self._show()
        self.changed.emit()

    def clear(self) -> None:
        self.lines = []
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.model.setRowCount(0)
        for line in self.lines:
            cells = [line.sku, line.name, format_quantity(line.qty_milli)]
            if self.reason.count():
                cells.append(self.reason.itemText(max(0, self.reason.findData(line.reason))))
            self.model.appendRow([QStandardItem(c) for c in cells])

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
        self.message.setText(text)
