"""Suggested order quantities for one supplier, from min/max and the sales of the last weeks.

The user sets the weeks of sales to look at and the days the order should cover, runs the
suggestion, adjusts or unticks lines, and adds them to the order.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.persistence.store import LocalStore
from app.services import purchasing
from app.services.auth import SignedInUser
from app.services.purchasing import Suggestion, SuggestParams
from app.ui.documents.labels import money
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill

QTY_COLUMN = 8


class SuggestDialog(QDialog):
    chosen = Signal(list)  # [(PurchaseProduct, qty_milli)]

    def __init__(self, parent: QWidget, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 supplier: str, warehouse: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("Suggested order · %1"), supplier))
        self.resize(900, 560)
        self.store, self.ops, self.user = store, ops, user
        self.supplier, self.warehouse = supplier, warehouse
        self.suggestions: list[Suggestion] = []
        self._build()

    def _build(self) -> None:
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(4)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.cover = QSpinBox()
        self.cover.setRange(1, 180)
        self.cover.setValue(14)
        self.cover.setSuffix(self.tr(" days"))
        self.only_needed = QCheckBox(self.tr("Only products that need ordering"))
        self.only_needed.setChecked(True)
        self.run_button = QPushButton(self.tr("&Suggest"))
        self.run_button.clicked.connect(self.run)
        form = QFormLayout()
        form.addRow(self.tr("Sales of the last"), self.weeks)
        form.addRow(self.tr("Order to cover"), self.cover)
        form.addRow("", self.only_needed)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels([
            "", self.tr("SKU"), self.tr("Product"), self.tr("On hand"), self.tr("On order"),
            self.tr("Min"), self.tr("Max"), self.tr("Sold"), self.tr("Order qty"),
            self.tr("Unit cost")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.explain = QLabel(self.tr(
            "A product is suggested when its stock plus what is on order would fall below its "
            "minimum within the days covered, at the daily sales of the weeks looked at; it "
            "is ordered up to its maximum, or to the minimum plus those days' sales if more."))
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: palette(placeholder-text);")
        self.message = QLabel()
        self.message.setObjectName("suggest_message")
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(self.tr("&Add to order"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.add_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.accepted.connect(self._emit)

    def run(self) -> None:
        params = SuggestParams(supplier=self.supplier, warehouse=self.warehouse,
                               weeks=self.weeks.value(), cover_days=self.cover.value(),
                               only_needed=self.only_needed.isChecked())
        self.busy.show()
        self.run_button.setEnabled(False)
        self.message.setText(self.tr("Working out the suggestion..."))
        self.ops.run(lambda: purchasing.suggest_order(self.store, self.user.actor, params),
                     self.show_suggestions, self._failed, context=self)

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        self.run_button.setEnabled(True)
        self.message.setText(error_text(exc))

    def show_suggestions(self, found: list[Suggestion]) -> None:
        self.busy.hide()
        self.run_button.setEnabled(True)
        self.suggestions = found
        self.table.setRowCount(len(found))
        for row, s in enumerate(found):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked if s.qty_milli else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, tick)
            q = format_quantity
            texts = (s.product.sku, s.product.name, q(s.on_hand_milli), q(s.on_order_milli),
                     q(s.product.min_milli), q(s.product.max_milli), q(s.sold_milli),
                     q(s.qty_milli), money(s.product.last_cost_fen))
            for column, text in enumerate(texts, 1):
                item = QTableWidgetItem(text)
                if column != QTY_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.add_button.setEnabled(bool(found))
        self.message.setText(fill(self.tr("%1 product(s) suggested."),
                                  sum(1 for s in found if s.qty_milli)) if found else
                             self.tr("Nothing needs ordering from this supplier."))

    def picked(self) -> list[tuple]:
        """(product, qty) of the ticked rows with a quantity; a bad quantity is skipped and
        named in the message."""
        out, bad = [], []
        for row, s in enumerate(self.suggestions):
            if self.table.item(row, 0).checkState() != Qt.CheckState.Checked:
                continue
            try:
                qty = parse_quantity(self.table.item(row, QTY_COLUMN).text() or "0")
            except DomainError:
                bad.append(s.product.sku)
                continue
            if qty > 0:
                out.append((s.product, qty))
        if bad:
            self.message.setText(fill(self.tr("Quantities not understood, left out: %1"),
                                      ", ".join(bad)))
        return out

    def _emit(self) -> None:
        self.chosen.emit(self.picked())
