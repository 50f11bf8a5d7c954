"""The product list: a search field that has the focus, filters, the lazy table, and keys.

Typing filters as you type (after a short pause); Enter or a double click opens the product
under the cursor (the first one if none is selected), Ctrl+N a new one, Ctrl+L labels for
the selected products, Ctrl+E exports the filtered list to Excel, F5 reloads, Down moves from the search field into the table.
The store's product custom fields are optional columns (right-click the header to hide or
show one) and a filter: choose a field, type the value it must have.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.domain.permissions import is_allowed
from app.persistence.store import LocalStore
from app.services.custom_fields import definitions
from app.services.products import Choices, ProductPage, choices
from app.services.products.export import export_products
from app.services.records import Actor
from app.ui.errors import error_text, show_error
from app.ui.excel.export import ask_path
from app.ui.ops import OpsRunner
from app.ui.products.custom_columns import CustomListControls
from app.ui.products.list_model import ProductListModel
from app.ui.products.texts import stock_states
from app.ui.translations import fill

TYPE_DELAY_MS = 120


class ProductsTab(QWidget):
    open_product = Signal(object)      # product id, or None for a new product
    labels_for = Signal(object)        # [(product id, name)]

    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.model = ProductListModel(store, ops, actor, self)
        self.choices: Choices | None = None
        self._open_first = False
        self._build()
        self._wire()
        self.model.set_filter(self._filter())  # the rows first, the filter choices next
        self.load_choices()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("product_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, pinyin initials (kkkl), SKU or "
                                               "barcode; several words narrow it down"))
        self.category = QComboBox()
        self.brand = QComboBox()
        self.supplier = QComboBox()
        for combo in (self.category, self.brand, self.supplier):
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.stock = QComboBox()
        for key, title in stock_states():
            self.stock.addItem(title, key)
        self.inactive = QCheckBox(self.tr("Show inactive"))
        self.inactive.setChecked(True)
        self.table = QTableView()
        self.custom = CustomListControls(self.table, self.model, self)
        self.custom_field, self.custom_value = self.custom.field, self.custom.value
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (self.category, self.brand, self.supplier, self.stock,
                       self.custom_field, self.custom_value):
            filters.addWidget(widget, 1)
        filters.addWidget(self.inactive)
        self.table.setObjectName("product_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 300, 130, 50, 120, 100, 80, 90, 80, 100, 100)):
            if column < self.model.columnCount():
                self.table.setColumnWidth(column, width)
        # the indicator first: enabling sorting sorts by it (name, the filter's default)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("product_status")
        self.new_button = QPushButton(self.tr("New product (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("Open (Enter)"))
        self.labels_button = QPushButton(self.tr("Labels… (Ctrl+L)"))
        self.export_button = QPushButton(self.tr("Export… (Ctrl+E)"))
        self.new_button.setVisible(is_allowed(self._actor.role, "products.editing.save_product"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.export_button, self.labels_button, self.edit_button,
                       self.new_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPE_DELAY_MS)
        self.setFocusProxy(self.search)

    def _wire(self) -> None:
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.search.installEventFilter(self)
        self.timer.timeout.connect(self.apply_filter)
        for combo in (self.category, self.brand, self.supplier, self.stock):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.inactive.toggled.connect(lambda _c: self.apply_filter())
        self.custom_field.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.custom_value.textEdited.connect(lambda _t: self.timer.start())
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.installEventFilter(self)
        self.new_button.clicked.connect(self._new)
        self.edit_button.clicked.connect(self.open_current)
        self.labels_button.clicked.connect(self.request_labels)
        self.export_button.clicked.connect(lambda: self.export())
        self.model.page_arrived.connect(self._page)
        self.model.failed.connect(lambda exc: self.status.setText(error_text(exc)))
        for keys, slot in (("Ctrl+N", self._new),
                           ("Ctrl+L", self.request_labels), ("Ctrl+E", self.export),
                           ("F5", self.model.refresh),
                           ("Ctrl+F", self.focus_search)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.model.rowCount():
                    self.table.selectRow(0)
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if watched is self.table and event.text().isprintable() and event.text().strip() \
                    and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.search.setFocus()  # typing in the table goes on in the search field
                self.search.insert(event.text())
                self.timer.start()
                return True
        return super().eventFilter(watched, event)

    # -- filters -----------------------------------------------------------------------------
    def load_choices(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: choices(store, actor=actor), self._fill_choices,
                      lambda exc: show_error(self, exc), context=self)
        self._ops.run(lambda: definitions(store, "product", actor=actor), self._fields_read,
                      lambda exc: show_error(self, exc), context=self)

    def _fill_choices(self, found: Choices) -> None:
        self.choices = found
        every = {self.category: self.tr("All categories"), self.brand: self.tr("All brands"),
                 self.supplier: self.tr("All suppliers")}
        items = {self.category: [("　" * c.depth + c.name, c.id) for c in found.categories],
                 self.brand: [(b.name, b.id) for b in found.brands],
                 self.supplier: [(f"{s.code} {s.name}", s.id) for s in found.suppliers]}
        for combo, entries in items.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(every[combo], None)
            for title, key in entries:
                combo.addItem(title, key)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _fields_read(self, defs: list) -> None:
        """The product custom fields as columns and filter choices, read anew whenever the
        choices are (after any save), so a field defined meanwhile shows up."""
        self.custom.fill(defs)
        self.apply_filter()

    def _filter(self):
        return replace(self.model.filter, search=self.search.text().strip(),
                       category_id=self.category.currentData(), brand_id=self.brand.currentData(),
                       supplier_id=self.supplier.currentData(),
                       stock_state=self.stock.currentData() or "",
                       include_inactive=self.inactive.isChecked(), **self.custom.filter_args())

    def apply_filter(self) -> None:
        self.timer.stop()
        f = self._filter()
        if f != self.model.filter:
            self.model.set_filter(f)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions -----------------------------------------------------------------------------
    def _page(self, page: ProductPage) -> None:
        shown = self.model.rowCount()
        if self._open_first and (shown or self.model.done):
            self._open_first = False
            if shown:
                self.open_product.emit(self.model.rows[0].id)
        if self.model.done:
            text = fill(self.tr("%1 products"), shown)
        elif self.model.searching or shown < 1:
            text = fill(self.tr("%1 found so far, searching…"), shown)
        else:
            text = fill(self.tr("%1 shown, more as you scroll"), shown)
        self.status.setText(text)

    def _new(self) -> None:
        if self.new_button.isVisibleTo(self):
            self.open_product.emit(None)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else (0 if self.model.rowCount() else -1)
        return self.model.rows[row].id if row >= 0 else None

    def open_current(self) -> None:
        if self.timer.isActive():
            self.apply_filter()
        if self.model.searching and self.model.rowCount() == 0:
            self._open_first = True  # Enter right after typing: open the first match
            return
        pid = self.current_id()
        if pid is not None:
            self.open_product.emit(pid)

    def selected(self) -> list[tuple[int, str]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.current_id() is not None:
            rows = [max(self.table.currentIndex().row(), 0)]
        return [(self.model.rows[r].id, self.model.rows[r].name) for r in rows]

    def request_labels(self) -> None:
        chosen = self.selected()
        if chosen:
            self.labels_for.emit(chosen)

    def export(self, path=None) -> None:
        """Every product of the current filter, with its custom fields, to an .xlsx file."""
        target = path or ask_path(self, "products")
        if target is None:
            return
        store, actor, f = self._store, self._actor, self._filter()
        self._ops.run(lambda: export_products(store, actor, target, f),
                      lambda n: self.status.setText(fill(self.tr("%1 products written to %2"),
                                                         n, str(target))),
                      lambda exc: show_error(self, exc), context=self)
