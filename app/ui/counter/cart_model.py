"""The lines of the sale as a table: #, product, quantity, price, discount, amount."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from app.services.counter import Cart, CartLine
from app.ui.counter.texts import money, quantity
from app.ui.translations import fill

Index = QModelIndex | QPersistentModelIndex
NUMBER, NAME, QTY, PRICE, DISCOUNT, AMOUNT = range(6)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
PRICE_NOTE_COLOUR = QColor("#1565c0")
MARKDOWN_COLOUR = QColor("#e65100")
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})


class CartTableModel(QAbstractTableModel):
    def __init__(self, cart: Cart, parent=None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._rows = len(cart.lines)  # rows the view knows about
        self._painted: dict[str, tuple] = {}  # line id -> figures as last shown

    def sync(self, cart: Cart) -> None:
        """Show `cart` after a change, telling the view as little as needed (a reset makes
        the view measure every cell again; a scan adds one row or changes one)."""
        rows, shown = len(cart.lines), self._rows
        if cart is not self._cart or rows < shown:
            self.beginResetModel()
            self._cart, self._rows = cart, rows
            self._painted = {l.line_id: _signature(l) for l in cart.lines}
            self.endResetModel()
            return
        if rows > shown:
            self.beginInsertRows(QModelIndex(), shown, rows - 1)
            self._rows = rows
            self.endInsertRows()
        for row in range(shown):  # repaint only the rows whose figures changed
            signature = _signature(cart.lines[row])
            if self._painted.get(cart.lines[row].line_id) != signature:
                self.dataChanged.emit(self.index(row, 0), self.index(row, AMOUNT))
        self._painted = {l.line_id: _signature(l) for l in cart.lines}

    def line_at(self, row: int) -> CartLine | None:
        return self._cart.lines[row] if 0 <= row < len(self._cart.lines) else None

    def row_of(self, line_id: str) -> int:
        for row, line in enumerate(self._cart.lines):
            if line.line_id == line_id:
                return row
        return -1

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("#"), self.tr("Product"), self.tr("Qty"), self.tr("Price"),
                    self.tr("Discount"), self.tr("Amount"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section != NAME else LEFT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:
            return None
        line = self.line_at(index.row())
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole and column == PRICE \
                and line.price_source in ("member", "override", "label"):
            return QBrush(PRICE_NOTE_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and line.markdown_percent \
                and column in (NAME, DISCOUNT):
            return QBrush(MARKDOWN_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == PRICE:
            return self._price_note(line)
        return None

    def _text(self, row: int, line: CartLine, column: int) -> str:
        if column == NUMBER:
            return str(row + 1)
        if column == NAME:
            if line.markdown_percent:
                return fill(self.tr("%1  [near expiry -%2%, use by %3]"), line.product.name,
                            line.markdown_percent, line.product.expiry)
            return line.product.name
        if column == QTY:
            return f"{quantity(line)} {line.product.unit}".strip()
        if column == PRICE:
            return money(line.unit_price_fen)
        if column == DISCOUNT:
            off = line.discount_fen + line.label_adjust_fen + line.markdown_fen
            return money(-off) if off else ""
        return money(line.amount_fen)

    def _price_note(self, line: CartLine) -> str:
        notes = {"member": self.tr("Member price"), "override": self.tr("Price changed"),
                 "label": self.tr("Price from the scale label"), "retail": self.tr("Retail price")}
        return notes.get(line.price_source, "")


def size_columns(table: QTableView) -> None:
    """Fixed widths from the font (measuring every cell on each scan costs too much); the
    product name takes the rest."""
    header, metrics, model = table.horizontalHeader(), table.fontMetrics(), table.model()
    samples = {NUMBER: "999", QTY: "99.999 kg", PRICE: "¥999.99", DISCOUNT: "-¥999.99",
               AMOUNT: "¥9999.99"}
    for column, sample in samples.items():
        title = model.headerData(column, Qt.Orientation.Horizontal)
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title) + 8)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width + 24)  # + the cells' padding
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)


def _signature(line: CartLine) -> tuple:
    return (line.qty_milli, line.unit_price_fen, line.price_source, line.discount_fen,
            line.label_fen, line.markdown_percent)
