"""Stocktakes: start one (snapshot now) of a warehouse, a category or a shelf location
prefix, count blind by scanner or from a data collector file, look at the variance
(managers), submit for approval.

Choosing "By location" puts the cursor in the location field; Enter there starts the
stocktake. A refused start keeps what was typed."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.money import format_quantity, parse_quantity
from app.domain.permissions import is_allowed
from app.services.stock_work import stocktakes as st
from app.services.stock_work.handheld import import_counts
from app.ui.stock.tables import fit
from app.ui.errors import error_text
from app.ui.stock.variance_dialog import VarianceDialog
from app.ui.translations import fill

VARIANCE = "stock_work.variance.stocktake_variance"


class StocktakeTab(QWidget):
    def __init__(self, store, ops, actor, warehouses: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.current: str | None = None
        self.open_list: list[st.StocktakeInfo] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self._start_box(warehouses))
        layout.addWidget(self._count_box(), 1)
        self._enable(False)

    # -- building -------------------------------------------------------------------------
    def _start_box(self, warehouses: list[str]) -> QGroupBox:
        self.open_combo = QComboBox()
        self.open_combo.setObjectName("open_stocktakes")
        self.open_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.open_combo.setMinimumWidth(220)
        self.open_combo.currentIndexChanged.connect(self._choose)
        self.warehouse = QComboBox()
        self.warehouse.addItems(warehouses)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Whole warehouse"), "full")
        self.scope.addItem(self.tr("One category"), "category")
        self.scope.addItem(self.tr("By location"), "location")
        self.category = QComboBox()
        self.category.setEnabled(False)
        self.location = QLineEdit()
        self.location.setObjectName("stocktake_location")
        self.location.setPlaceholderText(self.tr("Location, e.g. A-03"))
        self.location.setToolTip(self.tr("Every product whose shelf location begins with this "
                                         "(A-03 takes A-03-1, A-03-2 …; case does not matter)"))
        self.location.setMaximumWidth(140)
        self.location.setEnabled(False)
        self.location.returnPressed.connect(self.start)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        start = QPushButton(self.tr("Start stocktake"))
        start.clicked.connect(self.start)
        box = QGroupBox(self.tr("Stocktake"))
        row = QHBoxLayout(box)
        for widget in (QLabel(self.tr("In progress:")), self.open_combo, QLabel(self.tr("New:")),
                       self.warehouse, self.scope, self.category, self.location, start):
            row.addWidget(widget)
        row.insertStretch(2, 1)
        return box

    def _scope_changed(self, _index: int = 0) -> None:
        scope = self.scope.currentData()
        self.category.setEnabled(scope == "category")
        self.location.setEnabled(scope == "location")
        if scope == "location":
            self.location.setFocus()
            self.location.selectAll()

    def _count_box(self) -> QGroupBox:
        self.scan = QLineEdit()
        self.scan.setObjectName("count_scan")
        self.scan.setPlaceholderText(self.tr("Scan each item (Enter adds the quantity)"))
        self.scan.returnPressed.connect(self.count)
        self.qty = QLineEdit("1")
        self.qty.setMaximumWidth(80)
        self.last = QLabel()
        self.last.setObjectName("last_counted")
        font = self.last.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.last.setFont(font)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Unit"),
                                              self.tr("Counted")])
        self.table = QTableView()
        self.table.setObjectName("counted_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit(self.table)
        self.import_button = QPushButton(self.tr("Import data collector file…"))
        self.import_button.clicked.connect(self.import_file)
        self.variance_button = QPushButton(self.tr("Variance report…"))
        self.variance_button.clicked.connect(self.show_variance)
        self.variance_button.setVisible(is_allowed(self._actor.role, VARIANCE))
        self.zero = QCheckBox(self.tr("Products not counted count as zero"))
        self.zero.setChecked(True)
        self.submit_button = QPushButton(self.tr("Submit for approval"))
        self.submit_button.clicked.connect(self.submit)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.clicked.connect(self.discard)
        self.message = QLabel()
        self.message.setObjectName("stocktake_message")
        self.message.setWordWrap(True)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(QLabel(self.tr("Qty:")))
        scan_row.addWidget(self.qty)
        actions = QHBoxLayout()
        for widget in (self.import_button, self.variance_button, self.zero):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.submit_button)
        box = QGroupBox(self.tr("Counting (blind: only counted quantities are shown)"))
        column = QVBoxLayout(box)
        column.addLayout(scan_row)
        column.addWidget(self.last)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        column.addLayout(actions)
        return box

    def _enable(self, on: bool) -> None:
        for widget in (self.scan, self.qty, self.import_button, self.variance_button,
                       self.submit_button, self.discard_button):
            widget.setEnabled(on)

    # -- behaviour ------------------------------------------------------------------------
    def _run(self, fn, done) -> None:
        self._ops.run(fn, done, lambda exc: self.say(error_text(exc), error=True), context=self)

    def refresh(self, select: str | None = None) -> None:
        store, actor = self._store, self._actor
        self._run(lambda: (st.open_stocktakes(store, actor), st.categories(store, actor)),
                  lambda r: self._show_open(*r, select=select))

    def _show_open(self, takes, cats, select: str | None = None) -> None:
        self.open_list = takes
        self.open_combo.blockSignals(True)
        self.open_combo.clear()
        for t in takes:
            scope = (fill(self.tr("location %1"), t.location) if t.scope == "location"
                     else t.category or self.tr("all"))
            self.open_combo.addItem(f"{t.warehouse} · {scope} · {t.snapshot_at}", t.id)
        self.open_combo.blockSignals(False)
        if self.category.count() != len(cats):
            self.category.clear()
            for code, name in cats:
                self.category.addItem(f"{code} {name}", code)
        wanted = select or self.current
        index = self.open_combo.findData(wanted) if wanted else (0 if takes else -1)
        self.open_combo.setCurrentIndex(index if index >= 0 else (0 if takes else -1))
        self._choose()

    def _choose(self, _index: int = 0) -> None:
        self.current = self.open_combo.currentData()
        self._enable(self.current is not None)
        self.model.setRowCount(0)
        self.last.clear()
        if self.current:
            store, actor, ref = self._store, self._actor, self.current
            self._run(lambda: st.counted_lines(store, actor, ref), self._show_counts)
            self.scan.setFocus()

    def _show_counts(self, lines) -> None:
        self.model.setRowCount(0)
        for line in lines:
            self.model.appendRow([QStandardItem(x) for x in (
                line.sku, line.name, line.unit, format_quantity(line.counted_milli))])

    def start(self) -> None:
        store, actor = self._store, self._actor
        warehouse, scope = self.warehouse.currentText(), self.scope.currentData()
        category = self.category.currentData() or "" if scope == "category" else ""
        location = self.location.text() if scope == "location" else ""
        self._run(lambda: st.start_stocktake(store, actor, warehouse, scope, category,
                                             location),
                  lambda info: (self.say(fill(self.tr("Stocktake started; snapshot at %1."),
                                              info.snapshot_at)), self.refresh(info.id)))

    def count(self) -> None:
        code = self.scan.text().strip()
        if not code or not self.current:
            return
        try:
            qty = parse_quantity(self.qty.text().strip() or "1")
        except DomainError as exc:
            self.say(error_text(exc), error=True)
            return
        self.scan.clear()
        store, actor, ref = self._store, self._actor, self.current
        self._run(lambda: st.count_item(store, actor, ref, code, qty), self._counted)

    def _counted(self, counted) -> None:
        self.qty.setText("1")
        self.last.setText(f"{counted.sku}  {counted.name}  = {format_quantity(counted.counted_milli)} "
                          f"{counted.unit}")
        self.say("")
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).text() == counted.sku:
                self.model.item(r, 3).setText(format_quantity(counted.counted_milli))
                return
        self.model.appendRow([QStandardItem(x) for x in (
            counted.sku, counted.name, counted.unit, format_quantity(counted.counted_milli))])

    def import_file(self, path: Path | None = None) -> None:
        if not path:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Data collector file"),
                                                    str(Path.home()),
                                                    self.tr("Text files (*.txt *.csv *.dat)"))
            if not chosen:
                return
            path = Path(chosen)
        store, actor, ref = self._store, self._actor, self.current
        self._run(lambda: import_counts(store, actor, ref, Path(path)), self._imported)

    def _imported(self, result) -> None:
        text = fill(self.tr("%1 lines added for %2 products."), str(result.lines),
                    str(result.products))
        if result.bad:
            first = "; ".join(f"{b.line}: {b.text.strip()}" for b in result.bad[:5])
            text += " " + fill(self.tr("%1 lines were not used (%2); they are kept in %3."),
                               str(len(result.bad)), first, str(result.rejected_file))
        self.say(text, error=bool(result.bad))
        self._choose()

    def show_variance(self) -> None:
        VarianceDialog(self._store, self._ops, self._actor, self.current, self.zero.isChecked(),
                       self).open()

    def submit(self) -> None:
        store, actor, ref, zero = self._store, self._actor, self.current, self.zero.isChecked()
        self._run(lambda: st.submit_stocktake(store, actor, ref, uncounted_as_zero=zero),
                  self._submitted)

    def _submitted(self, result) -> None:
        text = fill(self.tr("Stocktake %1 posted."), result.number) if result.status == "posted" \
            else fill(self.tr("Stocktake %1 is waiting for approval."), result.id)
        self.current = None
        self.say(text)
        self.refresh()

    def discard(self) -> None:
        store, actor, ref = self._store, self._actor, self.current
        self.current = None
        self._run(lambda: st.discard_stocktake(store, actor, ref),
                  lambda _r: (self.say(self.tr("Stocktake discarded.")), self.refresh()))

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)
