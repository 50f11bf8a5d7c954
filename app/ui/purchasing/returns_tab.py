"""Returns to the supplier: goods out of stock at their layer cost, by scanning or prefilled
from a receipt (Documents -> Reverse). A batch on a line returns that batch."""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.money import parse_quantity
from app.persistence.store import LocalStore
from app.services import purchasing
from app.services.auth import SignedInUser
from app.services.inventory.posting import post_document
from app.services.purchasing import DocHeader
from app.ui.documents.labels import money
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.purchasing.header import DocHead
from app.ui.purchasing.lines_editor import LinesEditor
from app.ui.purchasing.lines_model import EditLine
from app.ui.translations import fill


class ReturnsTab(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.doc_id = f"ct-{uuid.uuid4().hex[:16]}"
        self.head = DocHead(store, ops, user)
        self.source = QLabel(self.tr("Scan the goods going back to the supplier. To return "
                                     "what a receipt brought, open the receipt in Documents "
                                     "and choose Reverse."))
        self.source.setWordWrap(True)
        self.lines = LinesEditor(store, ops, user, "return")
        self.post_button = QPushButton(self.tr("&Post return (Ctrl+Enter)"))
        self.post_button.clicked.connect(self.post)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.head)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignRight)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.post)

    def prefill(self, body: dict, original: str) -> None:
        """A return prefilled from a receipt (a reversal from the Documents section)."""
        self.doc_id = body["id"]
        self.head.set_supplier(body.get("supplier", ""))
        self.head.set_warehouse(body.get("warehouse", "MAIN"))
        self.head.note.setText(body.get("note", ""))
        self.head.set_custom(body.get("custom"))
        self.source.setText(fill(self.tr("Return of receipt %1: check the quantities, then "
                                         "post."), original))
        actor, skus = self.user.actor, [l["sku"] for l in body["lines"]]
        self.ops.run(lambda: purchasing.product_infos(self.store, actor, skus),
                     lambda found: self._fill(body, found), self._failed, context=self)

    def _fill(self, body: dict, products: dict) -> None:
        self.lines.model.set_lines([
            EditLine(products[l["sku"]], parse_quantity(l["qty"]), batch=l.get("batch", ""))
            for l in body["lines"] if l["sku"] in products])

    def post(self) -> None:
        supplier = self.head.supplier_code()
        if not supplier:
            self.lines.say(self.tr("Choose the supplier first."), "error")
            return
        lines = [l.doc_line() for l in self.lines.model.lines]
        for line in lines:
            line.unit_cost_fen = None  # goods leave at the cost they are carried at
        if not any(l.qty_milli > 0 for l in lines):
            self.lines.say(self.tr("Add at least one line with a quantity."), "error")
            return
        body = purchasing.build_document(DocHeader(
            "purchase_return", self.doc_id, supplier, self.head.warehouse_code(),
            note=self.head.note.text(), extra=self.head.custom_extra()), lines)
        self.post_button.setEnabled(False)
        self.ops.run(lambda: post_document(self.store, self.user.actor, body),
                     self._posted, self._failed, context=self)

    def _posted(self, result) -> None:
        self.post_button.setEnabled(True)
        if result.status == "pending":
            text = fill(self.tr("Return %1 is waiting for approval."), result.id)
        else:
            text = fill(self.tr("Return %1 posted (%2 at cost)."), result.number,
                        money(result.total_fen))
        self.doc_id = f"ct-{uuid.uuid4().hex[:16]}"
        self.lines.model.set_lines([])
        self.head.note.clear()
        self.head.set_custom({})
        self.lines.say(text, "ok")

    def _failed(self, exc: Exception) -> None:
        self.post_button.setEnabled(True)
        self.lines.say(error_text(exc), "error")
