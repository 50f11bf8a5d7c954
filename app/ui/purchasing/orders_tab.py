"""Purchase orders: the list of orders on the left, the order being written on the right.

An order is kept as a draft (Ctrl+S) as often as wanted and submitted (Ctrl+Enter) once: it
posts at once, or waits for approval when a rule asks for one. A draft or rejected order
opens again with a double-click; a posted one opens for receiving.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain.money import parse_money, parse_quantity
from app.persistence.store import LocalStore
from app.services import documents, purchasing
from app.services.auth import SignedInUser
from app.services.documents import DocFilter, DocRow
from app.services.inventory import lifecycle
from app.services.inventory.posting import post_document
from app.services.purchasing import DocHeader
from app.ui.documents.labels import day, money, status_name
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.purchasing.header import DocHead
from app.ui.purchasing.lines_editor import LinesEditor
from app.ui.purchasing.lines_model import EditLine
from app.ui.purchasing.suggest_dialog import SuggestDialog
from app.ui.translations import fill


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


class OrderList(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("order_list")
        self.rows: list[DocRow] = []
        self.setHorizontalHeaderLabels([self.tr("Order"), self.tr("Supplier"), self.tr("Status"),
                                        self.tr("Date"), self.tr("Total")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def show_rows(self, rows: list[DocRow]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            texts = (row.number or self.tr("(no number yet)"), row.party,
                     status_name(row.status), day(row.date), money(row.total_fen))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def current(self) -> DocRow | None:
        row = self.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None


class OrdersTab(QWidget):
    receive_requested = Signal(str)  # a posted order's number

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.doc_id = new_id("po")
        self.suggest_dialog: SuggestDialog | None = None
        self._build()
        self._keys()
        self.refresh()

    def _build(self) -> None:
        self.list = OrderList()
        self.list.itemDoubleClicked.connect(lambda _i: self.open_selected())
        self.head = DocHead(self.store, self.ops, self.user)
        self.lines = LinesEditor(self.store, self.ops, self.user, "order")
        self.title = QLabel()
        self.title.setObjectName("order_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.new_button = QPushButton(self.tr("&New order"))
        self.suggest_button = QPushButton(self.tr("S&uggest..."))
        self.save_button = QPushButton(self.tr("Save &draft"))
        self.submit_button = QPushButton(self.tr("Su&bmit"))
        self.receive_button = QPushButton(self.tr("&Receive selected"))
        self.new_button.clicked.connect(self.new_order)
        self.suggest_button.clicked.connect(self.suggest)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.receive_button.clicked.connect(self.receive_selected)
        self.submit_button.setToolTip(self.tr("Ctrl+Enter: post the order, or send it for "
                                              "approval when a rule asks for one"))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.suggest_button, self.save_button, self.submit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.title)
        column.addWidget(self.head)
        column.addWidget(self.lines, 1)
        column.addLayout(buttons)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel(self.tr("Orders (double-click: edit a draft, receive a "
                                             "posted order)")))
        left_column.addWidget(self.list, 1)
        left_column.addWidget(self.receive_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([460, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._show_title("draft")

    def _keys(self) -> None:
        for keys, slot in (("Ctrl+N", self.new_order), ("Ctrl+S", self.save_draft),
                           ("Ctrl+Return", self.submit), ("Ctrl+Enter", self.submit),
                           ("Ctrl+G", self.suggest)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        f = DocFilter(types=("purchase_order",))
        self.ops.run(lambda: documents.list_documents(self.store, self.user.actor, f),
                     lambda page: self.list.show_rows(page.rows), self._failed, context=self)

    def open_selected(self) -> None:
        row = self.list.current()
        if row is None:
            return
        if row.status in ("draft", "rejected"):
            self.open_draft(row.id)
        elif row.status == "posted":
            self.receive_requested.emit(row.number)
        else:
            self.lines.say(self.tr("This order is waiting for approval; it can be edited only "
                                   "if it is rejected."), "info")

    def receive_selected(self) -> None:
        row = self.list.current()
        if row is not None and row.status == "posted":
            self.receive_requested.emit(row.number)
        else:
            self.lines.say(self.tr("Choose a posted order to receive."), "error")

    def open_draft(self, doc_id: str) -> None:
        actor = self.user.actor

        def load():
            body = documents.draft_body(self.store, actor, doc_id)
            skus = [l.get("sku", "") for l in body.get("lines", [])]
            return body, purchasing.product_infos(self.store, actor, skus)

        self.ops.run(load, self._show_draft, self._failed, context=self)

    def _show_draft(self, found) -> None:
        body, products = found
        self.doc_id = body["id"]
        self.head.set_supplier(body.get("supplier", ""))
        self.head.set_warehouse(body.get("warehouse", "MAIN"))
        self.head.note.setText(body.get("note", ""))
        self.head.set_custom(body.get("custom"))
        lines, missing = [], []
        for raw in body.get("lines", []):
            product = products.get(raw.get("sku", ""))
            if product is None:
                missing.append(raw.get("sku", "?"))
                continue
            lines.append(EditLine(product, parse_quantity(raw.get("qty", "0")),
                                  parse_money(raw["unit_cost"]) if raw.get("unit_cost") else None))
        self.lines.model.set_lines(lines)
        self._show_title("draft")
        if missing:
            self.lines.say(fill(self.tr("Products no longer found, left out: %1"),
                                ", ".join(missing)), "error")
        else:
            self.lines.say(self.tr("Draft opened."), "info")

    # -- the order ------------------------------------------------------------------------
    def new_order(self) -> None:
        self.doc_id = new_id("po")
        self.lines.model.set_lines([])
        self.head.reset()
        self.head.note.clear()
        self._show_title("draft")
        self.lines.say("")
        self.lines.entry.setFocus()

    def _show_title(self, status: str) -> None:
        self.title.setText(fill(self.tr("Purchase order %1 · %2"), self.doc_id,
                                status_name(status)))

    def body(self) -> dict | None:
        if not self.head.supplier_code():
            self.lines.say(self.tr("Choose the supplier first."), "error")
            return None
        lines = [l.doc_line() for l in self.lines.model.lines]
        if not any(l.qty_milli > 0 for l in lines):
            self.lines.say(self.tr("Add at least one line with a quantity."), "error")
            return None
        for l in lines:
            if l.unit_cost_fen is None:
                l.unit_cost_fen = 0
        return purchasing.build_document(DocHeader(
            "purchase_order", self.doc_id, self.head.supplier_code(), self.head.warehouse_code(),
            note=self.head.note.text(), extra=self.head.custom_extra()), lines)

    def save_draft(self) -> None:
        body = self.body()
        if body is None:
            return
        self.ops.run(lambda: lifecycle.save_draft(self.store, self.user.actor, body),
                     lambda _r: self._saved(), self._failed, context=self)

    def _saved(self) -> None:
        self.lines.say(self.tr("Draft saved."), "ok")
        self.refresh()

    def submit(self) -> None:
        body = self.body()
        if body is None:
            return
        self.ops.run(lambda: post_document(self.store, self.user.actor, body),
                     self._submitted, self._failed, context=self)

    def _submitted(self, result) -> None:
        if result.status == "pending":
            text = fill(self.tr("Order %1 is waiting for approval."), result.id)
        else:
            text = fill(self.tr("Order %1 posted (%2)."), result.number, money(result.total_fen))
        self.new_order()
        self.lines.say(text, "ok")
        self.refresh()

    def suggest(self) -> None:
        supplier = self.head.supplier_code()
        if not supplier:
            self.lines.say(self.tr("Choose the supplier first: suggestions are per supplier."),
                           "error")
            return
        self.suggest_dialog = SuggestDialog(self, self.store, self.ops, self.user, supplier,
                                            self.head.warehouse_code())
        self.suggest_dialog.chosen.connect(self.add_suggested)
        self.suggest_dialog.open()
        self.suggest_dialog.run()

    def add_suggested(self, picked: list) -> None:
        for product, qty in picked:
            row = self.lines.model.row_of(product.id)
            if row is None:
                self.lines.model.add(product, qty)
            else:
                self.lines.model.lines[row].qty_milli = qty
                self.lines.model.bump(row, 0)
        self.lines.say(fill(self.tr("%1 suggested line(s) added."), len(picked)), "ok")

    def _failed(self, exc: Exception) -> None:
        self.lines.say(error_text(exc), "error")
