"""The running totals, big and clear: lines, subtotal, discounts, 抹零, amount due, and
the member; below them the last sale's number and change."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.services.counter import Cart, Totals
from app.ui.counter.texts import money, scaled
from app.ui.translations import fill

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totals_panel")
        self.setMinimumWidth(250)
        self.setStyleSheet("QFrame#totals_panel { border-left: 1px solid palette(mid); }")
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 12, 18, 12)
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        self.values: dict[str, QLabel] = {}
        rows = (("lines", self.tr("Lines")), ("subtotal", self.tr("Subtotal")),
                ("discount", self.tr("Discounts")), ("rounding", self.tr("Rounding (抹零)")))
        for row, (key, title) in enumerate(rows):
            caption = QLabel(title)
            caption.setFont(scaled(self, 1.15))
            value = QLabel()
            value.setObjectName(f"total_{key}")
            value.setFont(scaled(self, 1.3))
            value.setAlignment(RIGHT)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        column.addLayout(grid)
        due_caption = QLabel(self.tr("Amount due"))
        due_caption.setFont(scaled(self, 1.4, bold=True))
        self.due = QLabel()
        self.due.setObjectName("total_due")
        self.due.setFont(scaled(self, 3.2, bold=True))
        self.due.setAlignment(RIGHT)
        self.due.setStyleSheet("color: #c62828;")
        self.member = QLabel()
        self.member.setObjectName("member_label")
        self.member.setWordWrap(True)
        self.member.setFont(scaled(self, 1.1))
        self.last_sale = QLabel()
        self.last_sale.setObjectName("last_sale")
        self.last_sale.setWordWrap(True)
        self.last_sale.setFont(scaled(self, 1.1))
        self.last_sale.setStyleSheet("color: #2e7d32;")
        for widget in (due_caption, self.due):
            column.addWidget(widget)
        column.addSpacing(12)
        column.addWidget(self.member)
        column.addStretch(1)
        column.addWidget(self.last_sale)

    def show_cart(self, cart: Cart, totals: Totals) -> None:
        line_discounts = totals.gross_fen - totals.subtotal_fen
        self.values["lines"].setText(str(totals.lines))
        self.values["subtotal"].setText(money(totals.gross_fen))
        self.values["discount"].setText(money(-(line_discounts + totals.order_discount_fen)))
        self.values["rounding"].setText(money(-totals.rounding_fen))
        self.due.setText(money(totals.due_fen))
        if cart.member is None:
            self.member.setText(self.tr("No member (F4)"))
        else:
            m = cart.member
            self.member.setText(fill(self.tr("Member: %1 · %2\npoints %3 · stored value %4"),
                                     m.name, m.level or m.code, m.points,
                                     money(m.stored_value_fen)))

    def show_last_sale(self, number: str, paid_fen: int, change_fen: int) -> None:
        self.last_sale.setText(fill(self.tr("Last sale %1\npaid %2 · change %3"), number,
                                    money(paid_fen), money(change_fen)))
