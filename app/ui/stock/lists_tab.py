"""Two read-only lists: near expiry with markdown suggestions, and low stock."""
from __future__ import annotations

from datetime import date

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from app.domain.money import format_money, format_quantity
from app.services.reports.alerts_stock import low_stock
from app.services.reports.filters import ReportFilter
from app.services.stock_work.expiry import DEFAULT_RULES, near_expiry_list
from app.ui.stock.tables import fit
from app.ui.errors import error_text
from app.ui.excel import export_model
from app.ui.stock.stock_model import COLOURS


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


class ListTab(QWidget):
    """A table, a message line and Refresh/Export buttons above it."""

    name = "list"

    def __init__(self, store, ops, actor, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(headers)
        self.table = _table(self.model)
        self.message = QLabel()
        self.tools = QHBoxLayout()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.tools.addStretch(1)
        self.tools.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(self.tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def export(self, path=None) -> None:
        export_model(self, self._ops, self.model, self.name, path)

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))

    def refresh(self) -> None:
        raise NotImplementedError


class NearExpiryTab(ListTab):
    name = "near-expiry"

    def __init__(self, store, ops, actor, parent=None) -> None:
        super().__init__(store, ops, actor, [], parent)
        self.model.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("Warehouse"), self.tr("Batch"),
            self.tr("Expiry"), self.tr("Days left"), self.tr("Quantity"), self.tr("Retail"),
            self.tr("Markdown"), self.tr("Suggested price")])
        fit(self.table)
        self.rules = QLineEdit(DEFAULT_RULES)
        self.rules.setObjectName("markdown_rules")
        self.rules.setToolTip(self.tr("days:percent off, e.g. 7:50,15:30,30:10 — the tightest "
                                      "rule a batch meets applies"))
        self.rules.returnPressed.connect(self.refresh)
        self.tools.insertWidget(0, QLabel(self.tr("Markdown rules:")))
        self.tools.insertWidget(1, self.rules)

    def refresh(self) -> None:
        store, actor, rules = self._store, self._actor, self.rules.text()
        self._ops.run(lambda: near_expiry_list(store, actor, rules=rules), self.show_rows,
                      self._failed, context=self)

    def show_rows(self, rows) -> None:
        self.model.setRowCount(0)
        for r in rows:
            state = "expired" if r.days_left < 0 else "near"
            markdown = self.tr("remove from sale") if r.days_left < 0 else (
                f"-{r.percent_off}%" if r.percent_off else "")
            cells = [QStandardItem(x) for x in (
                r.sku, r.name, r.warehouse, r.batch, r.expiry.isoformat(), str(r.days_left),
                format_quantity(r.qty_milli), format_money(r.retail_fen), markdown,
                format_money(r.suggested_fen) if r.suggested_fen is not None else "")]
            for cell in cells:
                cell.setBackground(COLOURS[state])
            self.model.appendRow(cells)
        self.message.setText(self.tr("%n batch(es)", "", len(rows)))


class LowStockTab(ListTab):
    name = "low-stock"

    def __init__(self, store, ops, actor, parent=None) -> None:
        super().__init__(store, ops, actor, [], parent)
        self.model.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("On hand"), self.tr("Minimum"),
            self.tr("Maximum"), self.tr("Short by"), self.tr("Suggested order")])
        fit(self.table)

    def refresh(self) -> None:
        store, actor, today = self._store, self._actor, date.today()
        self._ops.run(lambda: low_stock(store, ReportFilter(today, today), actor=actor),
                      self.show_rows, self._failed, context=self)

    def show_rows(self, result) -> None:
        self.model.setRowCount(0)
        for r in result.rows:
            self.model.appendRow([QStandardItem(x) for x in (
                r.sku, r.name, format_quantity(r.on_hand_milli), format_quantity(r.min_milli),
                format_quantity(r.max_milli), format_quantity(r.short_milli),
                format_quantity(r.reorder_milli))])
        self.message.setText(self.tr("%n product(s) below their minimum", "", len(result.rows)))
