"""Reverse a posted document through its counter-document, prefilled from it.

The quantities start at what the original still allows (a sale: what was not returned yet;
a receipt: what is still in stock) and may be lowered; the counter-document posts through
the same posting as any other, so the usual rules (permissions, approvals, stock) apply.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.documents import Reversal
from app.services.inventory.posting import post_document
from app.ui.documents.labels import money, type_name
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill

QTY = 4


class ReversalDialog(QDialog):
    posted = Signal(str)  # what happened, for the screen's message

    def __init__(self, parent: QWidget, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 reversal: Reversal) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user, self.rev = store, ops, user, reversal
        self.setObjectName("reversal_dialog")
        self.setWindowTitle(fill(self.tr("%1 for %2"), type_name(reversal.kind),
                                 reversal.original))
        self.setMinimumSize(640, 360)
        intro = QLabel(fill(self.tr("A %1 reverses %2. Lower the quantities to reverse only "
                                    "part of it, then post."), type_name(reversal.kind),
                            reversal.original))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(reversal.body["lines"]), 5)
        self.table.setObjectName("reversal_lines")
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"),
                                              self.tr("Batch"), self.tr("At most"),
                                              self.tr("Quantity")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, line in enumerate(reversal.body["lines"]):
            most = reversal.limits.get(row)
            texts = (line["sku"], reversal.names.get(line["sku"], ""), line.get("batch", ""),
                     format_quantity(most) if most is not None else "", line["qty"])
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column != QTY:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.message = QLabel()
        self.message.setObjectName("reversal_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox()
        self.post_button = buttons.addButton(self.tr("&Post"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.post_button.clicked.connect(self.post)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def body(self) -> dict | None:
        body = copy.deepcopy(self.rev.body)
        lines = []
        for row, line in enumerate(body["lines"]):
            text = self.table.item(row, QTY).text().strip() or "0"
            try:
                qty = parse_quantity(text)
            except DomainError as exc:
                self.message.setText(error_text(exc))
                return None
            most = self.rev.limits.get(row)
            if qty < 0 or (most is not None and qty > most):
                self.message.setText(fill(self.tr("Line %1: at most %2."), row + 1,
                                          format_quantity(most or 0)))
                return None
            if qty:
                lines.append({**line, "qty": format_quantity(qty)})
        if not lines:
            self.message.setText(self.tr("Every quantity is 0: nothing to post."))
            return None
        body["lines"] = lines
        return body

    def post(self) -> None:
        body = self.body()
        if body is None:
            return
        self.post_button.setEnabled(False)
        self.ops.run(lambda: post_document(self.store, self.user.actor, body), self._done,
                     self._failed, context=self)

    def _done(self, result) -> None:
        if result.status == "pending":
            text = fill(self.tr("%1 %2 is waiting for approval."), type_name(result.type),
                        result.id)
        else:
            text = fill(self.tr("%1 %2 posted (%3)."), type_name(result.type), result.number,
                        money(result.total_fen))
        self.posted.emit(text)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.post_button.setEnabled(True)
        self.message.setText(error_text(exc))
