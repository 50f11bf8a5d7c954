"""Lines by scanning or search: an entry field above an editable table.

Enter in the field looks the text up on the worker: a barcode or SKU adds its product (or
one more of it), a name or pinyin initials that match several products offer a choice.
`3*6901234567892` adds three. Keys: Enter add, Down to the table, Delete removes the
selected line, F2 edits a cell; Esc in the table returns to the field.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QTableView, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import parse_quantity
from app.persistence.store import LocalStore
from app.services import purchasing
from app.services.auth import SignedInUser
from app.services.purchasing import PurchaseProduct
from app.ui.documents.labels import money
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.purchasing.lines_model import LinesModel
from app.ui.translations import fill

COLOURS = {"error": "#c62828", "ok": "#2e7d32", "info": "palette(text)"}


class ChooseProduct(QDialog):
    """Several products match: pick one with the arrows and Enter."""

    chosen = Signal(object)  # PurchaseProduct

    def __init__(self, parent: QWidget, products: list[PurchaseProduct]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a product"))
        self.setMinimumWidth(520)
        self.products = products
        self.list = QListWidget()
        for p in products:
            QListWidgetItem(f"{p.sku}  {p.name} {p.spec}  {p.barcode}".strip(), self.list)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.accepted.connect(self._take)

    def _take(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.products):
            self.chosen.emit(self.products[row])


class _Table(QTableView):
    back = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.state() != QAbstractItemView.State.EditingState:
            self.back.emit()
            return
        super().keyPressEvent(event)


class LinesEditor(QWidget):
    """The lines of one document; `accept_product` may refuse a product (return a message)."""

    changed = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser, mode: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.model = LinesModel(mode, self)
        self.accept_product: Callable[[PurchaseProduct, int], str | None] | None = None
        self.chooser: ChooseProduct | None = None
        self._build()
        self.model.problem.connect(lambda text: self.say(text, "error"))
        self.model.dataChanged.connect(self._clear_error)
        self.model.changed.connect(self.changed)

    def _build(self) -> None:
        self.entry = QLineEdit()
        self.entry.setObjectName("line_entry")
        self.entry.setPlaceholderText(self.tr("Scan a barcode or type SKU, name or pinyin "
                                              "initials, then Enter (3*code adds three)"))
        self.entry.returnPressed.connect(self.submit)
        self.table = _Table()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        if "name" in self.model.columns:
            header.setSectionResizeMode(self.model.columns.index("name"),
                                        QHeaderView.ResizeMode.Stretch)
        self.table.back.connect(self.entry.setFocus)
        self.message = QLabel()
        self.message.setObjectName("lines_message")
        self.message.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("lines_total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model.changed.connect(self._show_total)
        foot = QHBoxLayout()
        foot.addWidget(self.message, 1)
        foot.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.entry)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._to_table)
        self._show_total()

    # -- entering -------------------------------------------------------------------------
    def submit(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        qty, code = 1000, text
        if "*" in text:
            head, _, code = text.partition("*")
            try:
                qty = parse_quantity(head.strip())
            except DomainError as exc:
                self.say(error_text(exc), "error")
                return
            if qty <= 0:
                self.say(self.tr("The quantity before * must be more than 0."), "error")
                return
        code = code.strip()
        self.ops.run(lambda: purchasing.find_products(self.store, self.user.actor, code),
                     lambda found: self._found(found, qty, code),
                     lambda exc: self.say(error_text(exc), "error"), context=self)

    def _found(self, found: list[PurchaseProduct], qty: int, text: str) -> None:
        if not found:
            self.say(fill(self.tr("Nothing matches '%1'."), text), "error")
        elif len(found) == 1:
            self.take(found[0], qty)
        else:
            self.chooser = ChooseProduct(self, found)
            self.chooser.chosen.connect(lambda p: self.take(p, qty))
            self.chooser.open()

    def take(self, product: PurchaseProduct, qty: int = 1000) -> None:
        refusal = self.accept_product(product, qty) if self.accept_product else None
        if refusal:
            self.say(refusal, "error")
            return
        row = self.model.row_of(product.id)
        if row is None:
            row = self.model.add(product, qty)
        else:
            self.model.bump(row, qty)
        self.entry.clear()
        self.table.selectRow(row)
        self.say(fill(self.tr("%1 %2: %3"), product.sku, product.name,
                      self.model.data(self.model.index(row, self.model.columns.index("qty")))),
                 "ok")
        self.entry.setFocus()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())

    def _to_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    # -- feedback -------------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {COLOURS[level]};")

    def _clear_error(self) -> None:
        if "c62828" in self.message.styleSheet():  # a refused value was put right
            self.say("")

    def _show_total(self) -> None:
        count = len(self.model.lines)
        if self.model.mode == "return":
            self.total.setText(fill(self.tr("%1 line(s)"), count))
        else:
            self.total.setText(fill(self.tr("%1 line(s) · total %2"), count,
                                    money(self.model.total_fen())))
