"""The lines of a purchasing document as an editable table.

One model for orders, receipts and returns; each shows its own columns. Typed values are
parsed exactly (quantities to thousandths, money to fen); what cannot be parsed is refused
with a message and the cell keeps its value, so nothing typed is lost silently. An expiry
is typed as a date (2027-06-30 or 20270630) or, with a leading P, as the production date
(P2026-03-01), which the product's shelf life turns into the expiry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity, line_amount, parse_money, parse_quantity
from app.services.purchasing import DocLine, PurchaseProduct, expiry_from_production
from app.ui.documents.labels import money
from app.ui.errors import error_text
from app.ui.translations import fill

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
WARN = QColor("#c62828")
EDITED = QColor("#1565c0")

COLUMNS = {
    "order": ("sku", "name", "unit", "qty", "cost", "amount", "last"),
    "receipt": ("sku", "name", "ordered", "received", "open", "qty", "cost", "batch", "expiry",
                "amount"),
    "return": ("sku", "name", "unit", "qty", "batch"),
}
EDITABLE = {"qty", "cost", "batch", "expiry"}
NUMERIC = {"qty", "cost", "amount", "last", "ordered", "received", "open"}


@dataclass
class EditLine:
    product: PurchaseProduct
    qty_milli: int = 0
    unit_cost_fen: int | None = None
    batch: str = ""
    expiry: date | None = None
    order_line: int | None = None
    ordered_milli: int = 0
    received_milli: int = 0
    confirm_price: bool = False

    @property
    def open_milli(self) -> int:
        return max(self.ordered_milli - self.received_milli, 0)

    def doc_line(self) -> DocLine:
        return DocLine(self.product.sku, self.qty_milli, self.unit_cost_fen, self.batch,
                       self.expiry, self.order_line, self.confirm_price)


class BadCell(DomainError):
    code = "bad_cell"
    zh = "{what_zh}"
    en = "{what_en}"


def parse_expiry(text: str, shelf_life_days: int | None) -> date | None:
    text = text.strip()
    if not text:
        return None
    made = text[:1] in "Pp"
    body = text[1:].strip() if made else text
    if len(body) == 8 and body.isdigit():
        body = f"{body[:4]}-{body[4:6]}-{body[6:]}"
    try:
        day = date.fromisoformat(body)
    except ValueError:
        raise BadCell(what_zh=f"“{text}”不是日期：请输入 2027-06-30、20270630，或以 P 开头输入生产日期。",
                      what_en=f"'{text}' is not a date: type 2027-06-30, 20270630, or the "
                              "production date after a P.") from None
    if made:
        if shelf_life_days is None:
            raise BadCell(what_zh="此商品没有保质期，不能按生产日期推算有效期。",
                          what_en="This product has no shelf life, so an expiry cannot be "
                                  "worked out from a production date.")
        return expiry_from_production(day, shelf_life_days)
    return day


class LinesModel(QAbstractTableModel):
    problem = Signal(str)  # a typed value was refused: the message
    changed = Signal()

    def __init__(self, mode: str, parent=None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.columns = COLUMNS[mode]
        self.lines: list[EditLine] = []

    # -- content --------------------------------------------------------------------------
    def set_lines(self, lines: list[EditLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()
        self.changed.emit()

    def add(self, product: PurchaseProduct, qty_milli: int = 1000,
            unit_cost_fen: int | None = None) -> int:
        """Add `qty_milli` of the product: to its line if it has one, else a new line.
        Returns the row."""
        for row, line in enumerate(self.lines):
            if line.product.id == product.id:
                line.qty_milli += qty_milli
                self._row_changed(row)
                return row
        cost = unit_cost_fen if unit_cost_fen is not None else (
            product.last_cost_fen if self.mode != "return" else None)
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(EditLine(product, qty_milli, cost))
        self.endInsertRows()
        self.changed.emit()
        return len(self.lines) - 1

    def row_of(self, product_id: int) -> int | None:
        return next((r for r, l in enumerate(self.lines) if l.product.id == product_id), None)

    def bump(self, row: int, qty_milli: int) -> None:
        self.lines[row].qty_milli += qty_milli
        self._row_changed(row)

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
            self.changed.emit()

    def total_fen(self) -> int:
        return sum(line_amount(l.unit_cost_fen or 0, l.qty_milli) for l in self.lines)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.changed.emit()

    # -- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[self.columns[section]]
        return None

    def _titles(self) -> dict[str, str]:
        return {"sku": self.tr("SKU"), "name": self.tr("Product"), "unit": self.tr("Unit"),
                "qty": self.tr("Quantity"), "cost": self.tr("Unit cost"),
                "amount": self.tr("Amount"), "last": self.tr("Last cost"),
                "ordered": self.tr("Ordered"), "received": self.tr("Received"),
                "open": self.tr("Open"), "batch": self.tr("Batch"),
                "expiry": self.tr("Expiry")}

    def flags(self, index: Index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column in EDITABLE and not (column == "expiry"
                                       and self.lines[index.row()].product.shelf_life_days is None
                                       and not self.lines[index.row()].expiry):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        line, column = self.lines[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in NUMERIC else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(line, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column, role == Qt.ItemDataRole.EditRole)
        return None

    def _text(self, line: EditLine, column: str, editing: bool) -> str:
        p = line.product
        if column == "cost":
            if line.unit_cost_fen is None:
                return ""
            return format_money(line.unit_cost_fen) if editing else money(line.unit_cost_fen)
        values = {
            "sku": p.sku, "name": f"{p.name} {p.spec}".strip() if p.spec not in p.name else p.name,
            "unit": p.unit, "qty": format_quantity(line.qty_milli),
            "amount": money(line_amount(line.unit_cost_fen or 0, line.qty_milli)),
            "last": money(p.last_cost_fen) if p.last_cost_fen else "",
            "ordered": format_quantity(line.ordered_milli),
            "received": format_quantity(line.received_milli),
            "open": format_quantity(line.open_milli), "batch": line.batch,
            "expiry": line.expiry.isoformat() if line.expiry else "",
        }
        return values[column]

    def _colour(self, line: EditLine, column: str):
        if column == "qty" and self.mode == "receipt" and line.order_line is not None \
                and line.qty_milli > line.open_milli:
            return QBrush(WARN)
        if column == "expiry" and line.qty_milli and line.product.shelf_life_days is not None \
                and line.expiry is None:
            return QBrush(WARN)
        if column == "qty" and line.qty_milli:
            return QBrush(EDITED)
        return None

    def _tip(self, line: EditLine, column: str) -> str | None:
        if column == "expiry" and line.product.shelf_life_days is not None:
            return fill(self.tr("Type the expiry (2027-06-30), or P and the production date "
                                "(P2026-03-01): the shelf life (%1 days) is added."),
                        line.product.shelf_life_days)
        if column == "qty" and self.mode == "receipt" and line.qty_milli > line.open_milli \
                and line.order_line is not None:
            return self.tr("More than is still open on the order.")
        return None

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        line, column = self.lines[index.row()], self.columns[index.column()]
        text = str(value).strip()
        try:
            if column == "qty":
                qty = parse_quantity(text or "0")
                if qty < 0:
                    raise BadCell(what_zh="数量不能为负数。", what_en="A quantity cannot be negative.")
                line.qty_milli = qty
            elif column == "cost":
                cost = parse_money(text) if text else None
                if cost is not None and cost < 0:
                    raise BadCell(what_zh="进价不能为负数。", what_en="A cost cannot be negative.")
                line.unit_cost_fen, line.confirm_price = cost, False
            elif column == "batch":
                if len(text) > 40:
                    raise BadCell(what_zh="批次号最多 40 个字符。",
                                  what_en="A batch number has at most 40 characters.")
                line.batch = text
            elif column == "expiry":
                line.expiry = parse_expiry(text, line.product.shelf_life_days)
            else:
                return False
        except DomainError as exc:
            self.problem.emit(error_text(exc))
            return False
        self._row_changed(index.row())
        return True
