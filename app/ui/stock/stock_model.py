"""A lazy table of stock rows: the count comes first, pages are fetched through the ops
runner as the view scrolls (Qt's canFetchMore/fetchMore), filtering happens in SQL."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.money import format_money, format_quantity
from app.persistence.store import LocalStore
from app.services.records import Actor
from app.services.stock_work.stock_list import (EXPIRED, NEAR, StockQuery, StockRow,
                                                stock_count, stock_page)
from app.ui.ops import OpsRunner

PAGE = 200
COLOURS = {EXPIRED: QColor("#ffcdd2"), NEAR: QColor("#ffe0b2")}  # red, amber


class StockModel(QAbstractTableModel):
    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.query = StockQuery()
        self.rows: list[StockRow] = []
        self.total = 0
        self._loading = False
        self._generation = 0
        self.headers = [self.tr("SKU"), self.tr("Product"), self.tr("Warehouse"),
                        self.tr("Batch"), self.tr("Expiry"), self.tr("On hand"),
                        self.tr("Value")]

    # -- loading --------------------------------------------------------------------------
    def load(self, query: StockQuery) -> None:
        """Start over with `query`: count, then the first page."""
        self._generation += 1
        generation, store, actor = self._generation, self._store, self._actor
        self.beginResetModel()
        self.query, self.rows, self.total, self._loading = query, [], 0, True
        self.endResetModel()

        def work():
            return stock_count(store, actor, query), stock_page(store, actor, query, 0, PAGE)

        self._ops.run(work, lambda r: self._first(generation, r), self._stop, context=self)

    def _first(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self.total, rows = result
        self._loading = False
        self._append(rows)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, store, actor = self._generation, self._store, self._actor
        query, offset = self.query, len(self.rows)
        self._ops.run(lambda: stock_page(store, actor, query, offset, PAGE),
                      lambda rows: self._more(generation, rows), self._stop, context=self)

    def _more(self, generation: int, rows: list[StockRow]) -> None:
        if generation == self._generation:
            self._loading = False
            self._append(rows)

    def _append(self, rows: list[StockRow]) -> None:
        if not rows:
            self.total = len(self.rows)
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def _stop(self, exc: Exception) -> None:
        self._loading = False
        from app.ui.errors import show_error
        show_error(None, exc)

    @property
    def loading(self) -> bool:
        return self._loading

    # -- the table ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS.get(row.state)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.state in COLOURS:
            return self.tr("Expired") if row.state == EXPIRED else self.tr("Near expiry")
        return None

    @staticmethod
    def text(row: StockRow, column: int) -> str:
        values = (row.sku, row.name, row.warehouse, row.batch,
                  row.expiry.isoformat() if row.expiry else "", format_quantity(row.qty_milli),
                  "" if row.value_fen is None else format_money(row.value_fen))
        return values[column]
