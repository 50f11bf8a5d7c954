"""Other stores' stock: live from head office when online (kept here as a snapshot), else
the last snapshot with its age."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.services.catalog_sync import hq_store_list, other_store_stock
from app.ui.errors import error_text
from app.ui.head_office.texts import duration, local_time
from app.ui.translations import fill


class StoresTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.rows: list[dict] = []
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(self._controls())
        self.source_label = QLabel(self.tr("Choose a store to see its stock."))
        self.source_label.setObjectName("stock_source")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("other_stock")
        self.table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Warehouse"),
                                              self.tr("Quantity"), self.tr("Value")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

    def _controls(self) -> QHBoxLayout:
        self.store_box = QComboBox()
        self.store_box.setObjectName("store_choice")
        self.store_box.setEditable(True)  # a code can be typed when the list is unavailable
        self.store_box.setMinimumWidth(220)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by SKU (Ctrl+F)"))
        self.filter_edit.textChanged.connect(self._fill)
        find = QPushButton(self.tr("Show stock (Enter)"))
        find.setObjectName("show_stock")
        find.clicked.connect(self.load)
        self.store_box.lineEdit().returnPressed.connect(self.load)
        focus = QPushButton(self)
        focus.hide()
        focus.setShortcut(QKeySequence("Ctrl+F"))
        focus.clicked.connect(self.filter_edit.setFocus)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Store:")))
        row.addWidget(self.store_box)
        row.addWidget(find)
        row.addSpacing(24)
        row.addWidget(self.filter_edit, 1)
        return row

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            store, actor = self._store, self._actor
            self._ops.run(lambda: hq_store_list(store, actor), self._show_stores,
                          self._no_stores, context=self)

    def _show_stores(self, data: dict) -> None:
        own = self._store.identity.store_code
        for s in data.get("stores") or []:
            if s["code"] != own:
                self.store_box.addItem(f"{s['code']}  {s['name']}", s["code"])

    def _no_stores(self, exc: Exception) -> None:
        self.source_label.setText(fill(self.tr("The list of stores is not available (%1). "
                                               "Type a store code."), error_text(exc)))

    def code(self) -> str:
        data = self.store_box.currentData()
        text = self.store_box.currentText().strip()
        if data and text.startswith(str(data)):
            return str(data)
        return text.split()[0] if text else ""

    def load(self) -> None:
        code = self.code()
        if not code:
            return
        self.source_label.setText(fill(self.tr("Asking head office for %1 …"), code))
        store, actor = self._store, self._actor
        self._ops.run(lambda: other_store_stock(store, actor, code), self.show_stock,
                      self._failed, context=self)

    def _failed(self, exc: Exception) -> None:
        self.rows = []
        self._fill()
        self.source_label.setText(fill(self.tr("No stock to show: %1"), error_text(exc)))
        self.source_label.setStyleSheet("color: #b3261e")

    def show_stock(self, data: dict) -> None:
        self.rows = data.get("rows") or []
        if data.get("live"):
            self.source_label.setText(fill(self.tr("Live from head office: store %1, as of its "
                                                   "newest event %2."), data["store"],
                                           local_time(data.get("as_of"))))
            self.source_label.setStyleSheet("color: #1b7a2f")
        else:
            self.source_label.setText(fill(
                self.tr("Offline: the last snapshot of store %1, read %2 (%3 old)."),
                data["store"], local_time(data["fetched_at"]), duration(data["age_seconds"])))
            self.source_label.setStyleSheet("color: #a15c00")
        self._fill()

    def _fill(self) -> None:
        wanted = self.filter_edit.text().strip().upper()
        rows = [r for r in self.rows if not wanted or wanted in r["sku"].upper()]
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            for col, value in enumerate((r["sku"], r["warehouse"], r["qty"], r.get("value", "—"))):
                item = QTableWidgetItem(str(value))
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, col, item)
