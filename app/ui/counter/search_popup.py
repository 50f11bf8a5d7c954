"""Search results under the scan field, while the cashier types.

A child of the sale screen laid over the cart, never focused: the arrow keys in the scan
field move its highlight and Enter takes the highlighted product, so the hands stay on the
keyboard and the scanner keeps working into the same field.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.services.counter import ProductInfo
from app.ui.counter.texts import money, scaled

MAX_VISIBLE_ROWS = 10
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class _Results(QAbstractTableModel):
    """Products as rows: name (with spec), SKU, unit, price. Replaced whole per search."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self.products: list[ProductInfo] = []
        self.titles = ("", "", "", "")

    def set_products(self, products: list[ProductInfo]) -> None:
        self.beginResetModel()
        self.products = products
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.products)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if index.column() == 3 else LEFT)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self.products[index.row()]
        if index.column() == 0:
            return f"{p.name}  {p.spec}" if p.spec and p.spec not in p.name else p.name
        return (p.sku, p.unit, money(p.retail_fen))[index.column() - 1]


class SearchPopup(QTableView):
    chosen = Signal(object)  # ProductInfo

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("search_popup")
        self.query = ""
        self.picked = False  # the cashier moved the highlight: Enter takes it
        self.results = _Results(self)
        self.results.titles = (self.tr("Product"), self.tr("SKU"), self.tr("Unit"), self.tr("Price"))
        self.setModel(self.results)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setStyleSheet("QTableView#search_popup { border: 2px solid #1565c0; "
                           "background: palette(base); }")
        self.setFont(scaled(self, 1.2))
        self.verticalHeader().setDefaultSectionSize(32)
        header = self.horizontalHeader()
        header.setDefaultAlignment(LEFT)
        metrics = self.fontMetrics()
        for column, sample in ((1, "P00000000"), (2, "kg 袋"), (3, "¥9999.99")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(lambda index: self._choose(index.row()))
        self.hide()

    @property
    def products(self) -> list[ProductInfo]:
        return self.results.products

    def show_results(self, query: str, products: list[ProductInfo], anchor: QWidget) -> None:
        self.query, self.picked = query, False
        self.results.set_products(products)
        if not products:
            self.hide()
            return
        self.selectRow(0)
        self._place(anchor)
        self.show()
        self.raise_()

    def _place(self, anchor: QWidget) -> None:
        parent = self.parentWidget()
        top_left = anchor.mapTo(parent, QPoint(0, anchor.height() + 2))
        rows = min(len(self.products), MAX_VISIBLE_ROWS)
        height = (self.horizontalHeader().sizeHint().height()
                  + rows * self.verticalHeader().defaultSectionSize() + 6)
        self.setGeometry(top_left.x(), top_left.y(), max(anchor.width(), 480), height)

    def move_highlight(self, step: int) -> None:
        if not self.products:
            return
        row = min(max(self.currentIndex().row() + step, 0), len(self.products) - 1)
        self.selectRow(row)
        self.picked = True

    def highlighted(self) -> ProductInfo | None:
        row = self.currentIndex().row()
        return self.products[row] if self.isVisible() and 0 <= row < len(self.products) else None

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.products):
            self.chosen.emit(self.products[row])

    def dismiss(self) -> None:
        self.query, self.picked = "", False
        self.results.set_products([])
        self.hide()
