"""Transfers: send goods to another warehouse, and receive what arrived, with the
discrepancy against what was sent shown before posting."""
from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.services.stock_work.transfers import (OpenTransfer, open_transfers, receive_transfer,
                                               send_transfer)
from app.ui.stock.tables import fit
from app.ui.errors import error_text, show_error
from app.ui.stock.lines_editor import LinesEditor
from app.ui.translations import fill


class TransfersTab(QWidget):
    def __init__(self, store, ops, actor, warehouses: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.transfers: list[OpenTransfer] = []
        self.source, self.destination = QComboBox(), QComboBox()
        for code in warehouses:
            self.source.addItem(code)
            self.destination.addItem(code)
        if len(warehouses) > 1:
            self.destination.setCurrentIndex(1)
        self.lines = LinesEditor(store, ops, actor, parent=self)
        self.send_button = QPushButton(self.tr("Send transfer"))
        self.send_button.clicked.connect(self.send)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("From:")))
        head.addWidget(self.source)
        head.addWidget(QLabel(self.tr("To:")))
        head.addWidget(self.destination)
        head.addStretch(1)
        head.addWidget(self.send_button)
        send_box = QGroupBox(self.tr("Transfer out"))
        column = QVBoxLayout(send_box)
        column.addLayout(head)
        column.addWidget(self.lines, 1)
        self.open_model = QStandardItemModel(0, 5, self)
        self.open_model.setHorizontalHeaderLabels([
            self.tr("Number"), self.tr("From"), self.tr("To"), self.tr("Date"),
            self.tr("Lines")])
        self.open_table = QTableView()
        self.open_table.setObjectName("open_transfers")
        self.open_table.setModel(self.open_model)
        self.open_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.open_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.open_table.verticalHeader().hide()
        fit(self.open_table, 0)
        self.open_table.doubleClicked.connect(lambda _i: self.receive_selected())
        receive = QPushButton(self.tr("Receive…"))
        receive.clicked.connect(self.receive_selected)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        buttons.addWidget(receive)
        in_box = QGroupBox(self.tr("In transit: receive what arrived"))
        column = QVBoxLayout(in_box)
        column.addWidget(self.open_table, 1)
        column.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(send_box, 1)
        layout.addWidget(in_box, 1)

    def send(self) -> None:
        lines = [(l.sku, l.qty_milli) for l in self.lines.lines]
        store, actor = self._store, self._actor
        source, destination = self.source.currentText(), self.destination.currentText()
        self._ops.run(lambda: send_transfer(store, actor, source, destination, lines),
                      self._sent, lambda exc: self.lines.say(error_text(exc), error=True),
                      context=self)

    def _sent(self, result) -> None:
        self.lines.clear()
        self.lines.say(fill(self.tr("Transfer %1 sent."), result.number or result.id))
        self.refresh()

    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: open_transfers(store, actor), self._show_open,
                      lambda exc: show_error(self, exc), context=self)

    def _show_open(self, transfers: list[OpenTransfer]) -> None:
        self.transfers = transfers
        self.open_model.setRowCount(0)
        for t in transfers:
            self.open_model.appendRow([QStandardItem(x) for x in (
                t.number, t.source, t.destination, t.date, str(len(t.lines)))])

    def receive_selected(self) -> None:
        rows = self.open_table.selectionModel().selectedRows()
        if not rows and len(self.transfers) == 1:
            row = 0
        elif rows:
            row = rows[0].row()
        else:
            return
        dialog = ReceiveDialog(self._store, self._ops, self._actor, self.transfers[row], self)
        dialog.accepted.connect(self.refresh)
        dialog.open()


class ReceiveDialog(QDialog):
    """What arrived, line by line (default: everything sent); the shortage shows live."""

    def __init__(self, store, ops, actor, transfer: OpenTransfer, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("receive_dialog")
        self._store, self._ops, self._actor, self.transfer = store, ops, actor, transfer
        self.result = None
        self.setWindowTitle(fill(self.tr("Receive transfer %1"), transfer.number))
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"),
                                              self.tr("Sent"), self.tr("Received"),
                                              self.tr("Short")])
        for line in transfer.lines:
            cells = [QStandardItem(x) for x in (line.sku, line.name,
                                                format_quantity(line.qty_milli),
                                                format_quantity(line.qty_milli), "0")]
            for i in (0, 1, 2, 4):
                cells[i].setEditable(False)
            self.model.appendRow(cells)
        self.model.itemChanged.connect(self._recount)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        fit(self.table)
        self.message = QLabel(self.tr("Enter what arrived in the Received column."))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.post_button = buttons.addButton(self.tr("Post receipt"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.post_button.clicked.connect(self.post)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def received(self) -> dict[str, int] | None:
        out = {}
        for r in range(self.model.rowCount()):
            try:
                qty = parse_quantity(self.model.item(r, 3).text().strip() or "0")
            except DomainError as exc:
                self.message.setText(error_text(exc))
                return None
            out[self.model.item(r, 0).text()] = qty
        return out

    def _recount(self, item) -> None:
        if item.column() != 3:
            return
        r = item.row()
        try:
            got = parse_quantity(item.text().strip() or "0")
        except DomainError:
            return
        sent = self.transfer.lines[r].qty_milli
        self.model.blockSignals(True)
        self.model.item(r, 4).setText(format_quantity(sent - got))
        self.model.blockSignals(False)
        self.table.viewport().update()

    def post(self) -> None:
        received = self.received()
        if received is None:
            return
        store, actor, transfer = self._store, self._actor, self.transfer
        self.post_button.setEnabled(False)
        self._ops.run(lambda: receive_transfer(store, actor, transfer, received), self._done,
                      self._failed, context=self)

    def _done(self, result) -> None:
        self.result = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.post_button.setEnabled(True)
        self.message.setText(error_text(exc))
