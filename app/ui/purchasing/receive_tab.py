"""Receiving: goods scanned against a purchase order (or without one), batch and expiry per
line, partial receipts, and the price check before posting.

Choose or scan the order number; its open lines appear with what was ordered and received
so far. Each scan adds one to the product's line (`5*code` adds five); the batch and expiry
are typed into the line. Posting receives what was counted; the rest stays open on the order
for the next delivery.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import parse_money
from app.persistence.store import LocalStore
from app.services import purchasing
from app.services.auth import SignedInUser
from app.services.inventory.posting import post_document
from app.services.purchasing import DocHeader, OpenOrder, PurchaseProduct, ReceivingOrder
from app.ui.documents.labels import money, order_state_name
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.purchasing.header import DocHead
from app.ui.purchasing.lines_editor import LinesEditor
from app.ui.purchasing.lines_model import EditLine
from app.ui.purchasing.price_confirm import PriceConfirmDialog
from app.ui.translations import fill


class ReceiveTab(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.order: ReceivingOrder | None = None
        self.confirm: PriceConfirmDialog | None = None
        self._after_load = ""
        self.doc_id = f"rk-{uuid.uuid4().hex[:16]}"
        self._build()
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.post)
        self.refresh_orders()

    def _build(self) -> None:
        self.orders = QComboBox()
        self.orders.setObjectName("open_orders")
        self.orders.activated.connect(lambda _i: self._pick_order())
        self.order_entry = QLineEdit()
        self.order_entry.setObjectName("order_entry")
        self.order_entry.setPlaceholderText(self.tr("Scan or type the order number, Enter"))
        self.order_entry.returnPressed.connect(lambda: self.load_order(self.order_entry.text()))
        self.no_order = QPushButton(self.tr("Receipt &without order"))
        self.no_order.clicked.connect(self.without_order)
        self.state = QLabel()
        self.state.setObjectName("order_state")
        pick = QHBoxLayout()
        pick.addWidget(self.orders, 2)
        pick.addWidget(self.order_entry, 2)
        pick.addWidget(self.no_order)
        self.head = DocHead(self.store, self.ops, self.user)
        self.freight = QLineEdit()
        self.freight.setPlaceholderText("0.00")
        self.packaging = QLineEdit()
        self.packaging.setPlaceholderText("0.00")
        costs = QFormLayout()
        costs.addRow(self.tr("&Freight"), self.freight)
        costs.addRow(self.tr("&Packaging"), self.packaging)
        top = QHBoxLayout()
        top.addWidget(self.head, 2)
        top.addLayout(costs, 1)
        self.lines = LinesEditor(self.store, self.ops, self.user, "receipt")
        self.lines.accept_product = self._on_order
        self.post_button = QPushButton(self.tr("&Post receipt (Ctrl+Enter)"))
        self.post_button.clicked.connect(self.post)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.state)
        layout.addLayout(top)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignRight)
        self.without_order()

    # -- the order ------------------------------------------------------------------------
    def refresh_orders(self) -> None:
        self.ops.run(lambda: purchasing.open_orders(self.store, actor=self.user.actor),
                     self._show_orders, self._failed, context=self)

    def _show_orders(self, found: list[OpenOrder]) -> None:
        self.orders.clear()
        self.orders.addItem(fill(self.tr("Open orders (%1)"), len(found)), "")
        for o in found:
            self.orders.addItem(f"{o.number} · {o.supplier_name} · {order_state_name(o.state)}",
                                o.number)

    def _pick_order(self) -> None:
        number = self.orders.currentData()
        if number:
            self.load_order(number)

    def load_order(self, ref: str) -> None:
        ref = ref.strip()
        if not ref:
            return
        self.ops.run(lambda: purchasing.order_for_receiving(self.store, self.user.actor, ref),
                     self.show_order, self._failed, context=self)

    def show_order(self, order: ReceivingOrder) -> None:
        self.order = order
        self.doc_id = f"rk-{uuid.uuid4().hex[:16]}"
        self.order_entry.clear()
        self.head.set_supplier(order.order.supplier)
        self.head.set_warehouse(order.order.warehouse)
        self.head.supplier.setEnabled(False)
        self.head.warehouse.setEnabled(False)
        self.lines.model.set_lines([
            EditLine(l.product, 0, l.unit_cost_fen, order_line=l.line_no,
                     ordered_milli=l.ordered_milli, received_milli=l.received_milli)
            for l in order.lines if l.open_milli > 0])
        self.state.setText(fill(self.tr("Receiving against order %1 · %2 · %3"),
                                order.order.number, order.order.supplier_name,
                                order_state_name(order.order.state)))
        done, self._after_load = self._after_load, ""
        if done:
            self.lines.say(done, "ok")
        else:
            self.lines.say(self.tr("Scan the goods as they are unpacked."), "info")
        self.lines.entry.setFocus()

    def without_order(self) -> None:
        self.order = None
        self.doc_id = f"rk-{uuid.uuid4().hex[:16]}"
        self.head.supplier.setEnabled(True)
        self.head.warehouse.setEnabled(True)
        self.head.reset()
        self.lines.model.set_lines([])
        self.freight.clear()
        self.packaging.clear()
        self.state.setText(self.tr("Receipt without an order: choose the supplier, then scan."))

    def _on_order(self, product: PurchaseProduct, _qty: int) -> str | None:
        if self.order is None or self.lines.model.row_of(product.id) is not None:
            return None
        return fill(self.tr("%1 is not on order %2 (or fully received). Receive extra goods "
                            "on a receipt without an order."), product.sku,
                    self.order.order.number)

    # -- posting --------------------------------------------------------------------------
    def body(self) -> dict | None:
        try:
            freight = parse_money(self.freight.text() or "0")
            packaging = parse_money(self.packaging.text() or "0")
        except DomainError as exc:
            self.lines.say(error_text(exc), "error")
            return None
        supplier = "" if self.order else self.head.supplier_code()
        if self.order is None and not supplier:
            self.lines.say(self.tr("Choose the supplier first."), "error")
            return None
        counted = [l for l in self.lines.model.lines if l.qty_milli > 0]
        if not counted:
            self.lines.say(self.tr("Nothing counted yet: scan the goods or type the quantities."),
                           "error")
            return None
        dated = {l.product.sku: l.product.shelf_life_days for l in counted}
        missing = purchasing.missing_expiry([l.doc_line() for l in counted], dated)
        if missing:
            self.lines.say(fill(self.tr("Enter the expiry date of %1 (dated goods are sold "
                                        "earliest expiry first)."), ", ".join(missing)), "error")
            return None
        if any(l.unit_cost_fen is None for l in counted):
            self.lines.say(self.tr("Every line needs a unit cost."), "error")
            return None
        header = DocHeader("purchase_receipt", self.doc_id, supplier, self.head.warehouse_code(),
                           order=self.order.order.number if self.order else "",
                           note=self.head.note.text(), freight_fen=freight,
                           packaging_fen=packaging, extra=self.head.custom_extra())
        return purchasing.build_document(header, [l.doc_line() for l in counted])

    def post(self) -> None:
        if self.body() is None:
            return
        counted = [l for l in self.lines.model.lines if l.qty_milli > 0 and not l.confirm_price]
        pairs = [(l.product.sku, l.unit_cost_fen or 0) for l in counted]
        actor = self.user.actor
        self.ops.run(lambda: purchasing.price_check(self.store, actor, pairs),
                     lambda found: self._checked(counted, found), self._failed, context=self)

    def _checked(self, counted: list[EditLine], warnings) -> None:
        if not warnings:
            self._post_now()
            return
        self.confirm = PriceConfirmDialog(self, warnings, warnings[0].threshold_percent)
        flagged = [counted[w.line - 1] for w in warnings]
        self.confirm.accepted.connect(lambda: self._confirmed(flagged))
        self.confirm.rejected.connect(lambda: self.lines.say(
            self.tr("Not posted: correct the prices, or post again and confirm them."), "info"))
        self.confirm.open()

    def _confirmed(self, flagged: list[EditLine]) -> None:
        for line in flagged:
            line.confirm_price = True
        self._post_now()

    def _post_now(self) -> None:
        body = self.body()
        if body is None:
            return
        self.post_button.setEnabled(False)
        self.ops.run(lambda: post_document(self.store, self.user.actor, body),
                     self._posted, self._failed, context=self)

    def _posted(self, result) -> None:
        self.post_button.setEnabled(True)
        if result.status == "pending":
            text = fill(self.tr("Receipt %1 is waiting for approval: stock moves once it is "
                                "approved."), result.id)
        else:
            text = fill(self.tr("Receipt %1 posted (%2)."), result.number,
                        money(result.total_fen))
        self.refresh_orders()
        self.head.set_custom({})  # the next delivery is a new document
        if self.order is not None:  # what is still open on it, for the next delivery
            self._after_load = text
            self.load_order(self.order.order.number)
        else:
            self.without_order()
        self.lines.say(text, "ok")

    def _failed(self, exc: Exception) -> None:
        self.post_button.setEnabled(True)
        self.lines.say(error_text(exc), "error")
