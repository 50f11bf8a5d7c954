"""The stocktake variance report (盘盈盘亏): system quantity at the snapshot, counted,
difference and its value, with the totals; exportable to Excel."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QTableView,
                               QVBoxLayout)

from app.domain.money import format_money, format_quantity
from app.services.stock_work.variance import stocktake_variance
from app.ui.stock.tables import fit
from app.ui.errors import error_text
from app.ui.excel import export_model
from app.ui.translations import fill


class VarianceDialog(QDialog):
    def __init__(self, store, ops, actor, ref: str, uncounted_as_zero: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("variance_dialog")
        self.setWindowTitle(self.tr("Stocktake variance"))
        self._store, self._ops, self._actor, self._ref = store, ops, actor, ref
        self.variance = None
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("SKU"), self.tr("Product"), self.tr("System (snapshot)"), self.tr("Counted"),
            self.tr("Difference"), self.tr("Unit cost"), self.tr("Value")])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        fit(self.table)
        self.only = QCheckBox(self.tr("Only differences"))
        self.only.toggled.connect(lambda _on: self.load())
        self.zero = uncounted_as_zero
        self.totals = QLabel()
        self.totals.setObjectName("variance_totals")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        export = buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(lambda: export_model(self, ops, self.model, "stocktake-variance"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.only)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self.load()

    def load(self) -> None:
        store, actor, ref, zero, only = (self._store, self._actor, self._ref, self.zero,
                                         self.only.isChecked())
        self._ops.run(lambda: stocktake_variance(store, actor, ref, uncounted_as_zero=zero,
                                                 only_differences=only),
                      self.show_variance, lambda exc: self.totals.setText(error_text(exc)),
                      context=self)

    def show_variance(self, variance) -> None:
        self.variance = variance
        self.model.setRowCount(0)
        for r in variance.rows:
            counted = self.tr("not counted") if r.counted_milli is None \
                else format_quantity(r.counted_milli)
            cells = [QStandardItem(x) for x in (
                r.sku, r.name, format_quantity(r.system_milli), counted,
                format_quantity(r.diff_milli), format_money(r.unit_cost_fen),
                format_money(r.diff_fen))]
            if r.diff_milli:
                colour = QColor("#c8e6c9") if r.diff_milli > 0 else QColor("#ffcdd2")
                for cell in cells[4:]:
                    cell.setBackground(colour)
            for cell in cells[2:]:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(cells)
        self.totals.setText(fill(self.tr("Gains %1 · losses %2 · net %3 · "
                                         "%4 counted, %5 not counted"),
                                 format_money(variance.gain_fen), format_money(variance.loss_fen),
                                 format_money(variance.net_fen), str(variance.counted),
                                 str(variance.uncounted)))
