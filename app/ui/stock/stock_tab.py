"""Stock by warehouse and batch: filters, the lazy table with expiry colours, export."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QHeaderView, QSpinBox, QTableView, QVBoxLayout, QWidget)

from app.services.stock_work.stock_list import MAX_PAGE, StockQuery, stock_page
from app.ui.excel import export_rows
from app.ui.stock.stock_model import StockModel
from app.ui.translations import fill

FILTER_DELAY_MS = 250


class StockTab(QWidget):
    def __init__(self, store, ops, actor, warehouses: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.model = StockModel(store, ops, actor, self)
        self.warehouse = QComboBox()
        self.warehouse.addItem(self.tr("All warehouses"), "")
        for code in warehouses:
            self.warehouse.addItem(code, code)
        self.search = QLineEdit()
        self.search.setObjectName("stock_search")
        self.search.setPlaceholderText(self.tr("SKU, name or pinyin initials"))
        self.state = QComboBox()
        for text, key in ((self.tr("All stock"), "all"), (self.tr("Expired"), "expired"),
                          (self.tr("Expired or near expiry"), "near"),
                          (self.tr("With an expiry date"), "dated")):
            self.state.addItem(text, key)
        self.near_days = QSpinBox()
        self.near_days.setRange(1, 365)
        self.near_days.setValue(30)
        self.near_days.setSuffix(self.tr(" days"))
        self.near_days.setToolTip(self.tr("Batches expiring within this many days are amber"))
        filters = QHBoxLayout()
        for widget in (self.warehouse, self.search, self.state, QLabel(self.tr("Near expiry:")),
                       self.near_days):
            filters.addWidget(widget, 1 if widget is self.search else 0)
        self.table = QTableView()
        self.table.setObjectName("stock_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("stock_status")
        legend = QLabel(self.tr("<span style='background:#ffcdd2'>&nbsp;expired&nbsp;</span> "
                                "<span style='background:#ffe0b2'>&nbsp;near expiry&nbsp;</span>"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FILTER_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        for combo in (self.warehouse, self.state):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.near_days.valueChanged.connect(lambda _v: self.timer.start())
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.modelReset.connect(self._show_count)

    def query(self) -> StockQuery:
        return StockQuery(warehouse=self.warehouse.currentData(), text=self.search.text(),
                          state=self.state.currentData(), near_days=self.near_days.value())

    def refresh(self) -> None:
        self.model.load(self.query())

    def _show_count(self) -> None:
        self.status.setText(fill(self.tr("%1 of %2 rows loaded"), f"{len(self.model.rows):,}",
                                 f"{self.model.total:,}"))

    def export(self, path=None) -> None:
        """Every row of the current filter (not only those loaded), fetched on the worker."""
        store, actor, query = self._store, self._actor, self.query()
        headers = self.model.headers

        def rows():
            offset = 0
            while True:
                page = stock_page(store, actor, query, offset, MAX_PAGE)
                if not page:
                    return
                for row in page:
                    yield [StockModel.text(row, c) for c in range(len(headers))]
                offset += len(page)

        export_rows(self, self._ops, headers, rows, "stock", path)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
