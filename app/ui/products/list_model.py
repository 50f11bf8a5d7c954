"""The product list's model: rows arrive a page at a time from the ops worker.

`canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end; a page
comes back by signal and is appended. A new filter (or sort) starts a new generation:
answers for an older one are dropped, so typing fast never shows a stale list. While a
rare filter is being scanned, pages may come back short; the model keeps asking until the
screen is full or the scan is done (`searching` says so). The store's active product custom
fields are columns after the others (`set_custom_fields`), their values carried by the rows.
"""
from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.domain.permissions import sees_costs
from app.persistence.store import LocalStore
from app.services.products import ProductFilter, ProductPage, ProductRow, list_products
from app.services.records import Actor
from app.ui.ops import OpsRunner
from app.ui.products.texts import column_titles, custom_cell, money, quantity
from app.ui.translations import current_language

BASE_COLUMNS = ("sku", "name", "barcode", "unit", "category", "brand", "location", "retail",
                "stock")
COST_COLUMNS = ("purchase", "landed")
CUSTOM = "custom:"  # the column of a custom field: "custom:<key>"
SORTABLE = {"sku": "sku", "name": "name"}
FILL_ROWS = 60  # keep fetching short pages until this many rows are shown
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NEGATIVE = QColor("#c62828")
INACTIVE = QColor("#9e9e9e")


class ProductListModel(QAbstractTableModel):
    searching_changed = Signal(bool)
    page_arrived = Signal(object)   # ProductPage, after its rows are in the model
    failed = Signal(object)         # the exception of a page that could not be read

    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.columns = BASE_COLUMNS + (COST_COLUMNS if sees_costs(actor.role) else ())
        self.fixed = len(self.columns)
        self.titles = column_titles()
        self.kinds: dict[str, str] = {}  # custom column -> its field's kind
        self.filter = ProductFilter()
        self.rows: list[ProductRow] = []
        self._cursor = None
        self._done = True
        self._loading = False
        self._generation = 0
        self.started_at = 0.0  # perf_counter of the current generation's start

    # -- the filter --------------------------------------------------------------------------
    def set_filter(self, f: ProductFilter) -> None:
        """Show the products of `f` from the top (the first page is fetched at once)."""
        self._generation += 1
        self.started_at = time.perf_counter()
        self.beginResetModel()
        self.filter, self.rows, self._cursor, self._done = f, [], None, False
        self.endResetModel()
        self._fetch()

    def set_custom_fields(self, defs: list) -> None:
        """Show a column per active product custom field (after the fixed ones)."""
        lang = current_language()
        columns = self.columns[:self.fixed] + tuple(CUSTOM + d.key for d in defs)
        titles = {CUSTOM + d.key: d.label(lang) for d in defs}
        if columns == self.columns and all(self.titles.get(k) == v for k, v in titles.items()):
            return  # unchanged: the view keeps its widths and hidden columns
        self.beginResetModel()
        self.columns = columns
        self.titles.update(titles)
        self.kinds = {CUSTOM + d.key: d.kind for d in defs}
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    @property
    def done(self) -> bool:
        return self._done

    @property
    def searching(self) -> bool:
        return self._loading

    # -- fetching ----------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._done and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not parent.isValid():
            self._fetch()

    def _fetch(self) -> None:
        if self._done or self._loading:
            return
        self._set_loading(True)
        generation, f, cursor = self._generation, self.filter, self._cursor
        store, actor = self._store, self._actor
        self._ops.run(lambda: list_products(store, f, cursor, actor=actor),
                      lambda page: self._arrived(generation, page),
                      lambda exc: self._failed(generation, exc), context=self)

    def _arrived(self, generation: int, page: ProductPage) -> None:
        self._set_loading(False)
        if generation != self._generation:  # an older filter's page: start the current one
            self._fetch()
            return
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._cursor, self._done = page.cursor, page.done
        self.page_arrived.emit(page)
        if not self._done and len(self.rows) < FILL_ROWS:
            self._fetch()

    def _failed(self, generation: int, exc: Exception) -> None:
        self._set_loading(False)
        if generation != self._generation:
            self._fetch()
            return
        self._done = True
        self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.searching_changed.emit(loading)

    # -- the table ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[self.columns[section]]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key in self.kinds:
                return custom_cell(self.kinds[key], row.custom.get(key[len(CUSTOM):], ""))
            return _cell(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("retail", "stock", "purchase",
                                                                  "landed"):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "stock" and row.stock_milli < 0:
                return QBrush(NEGATIVE)
            if not row.active:
                return QBrush(INACTIVE)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(self.columns[column]) if 0 <= column < len(self.columns) else None
        if key is None:
            return  # only indexed columns sort: a million rows are never sorted in memory
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.filter.sort, self.filter.descending):
            self.set_filter(replace(self.filter, sort=key, descending=descending))

    def sort_column(self) -> int:
        return self.columns.index(self.filter.sort)


def _cell(row: ProductRow, key: str) -> str:
    if key == "name":
        return f"{row.name}  {row.spec}" if row.spec and row.spec not in row.name else row.name
    if key == "retail":
        return money(row.retail_price_fen)
    if key == "stock":
        return quantity(row.stock_milli) if row.stock_tracked else "—"
    if key == "purchase":
        return money(row.purchase_price_fen)
    if key == "landed":
        return money(row.landed_cost_fen)
    return getattr(row, key)
