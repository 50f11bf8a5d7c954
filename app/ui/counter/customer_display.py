"""The customer display (客显): a frameless window on the second screen that shows the
customer what the cashier sells, the total, what was paid and the change.

Turned on by the setting `counter.customer_display = on`; placed full screen on
`QGuiApplication.screens()[1]` when there is a second screen (with one screen it stays
hidden: it would cover the till). Driven only by the controller's signals (the cart, the
tenders, the finished sale), so it never reads the store and never takes the focus.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.ui.counter.texts import money, quantity, scaled
from app.ui.translations import fill

SHOWN_LINES = 8


class CustomerDisplay(QWidget):
    def __init__(self, controller, store_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customer_display")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the till keeps the keys
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet("QWidget#customer_display { background: #102027; } "
                           "QLabel { color: white; } "
                           "QTableWidget { background: #102027; color: white; border: none; "
                           "gridline-color: #37474f; } QTableWidget::item { padding: 0 18px; }")
        self.c, self.store_name = controller, store_name
        self.thanked = False  # the thank-you stays until the next sale starts
        self._build()
        controller.cart_changed.connect(self.show_cart)
        controller.tenders_changed.connect(self.show_cart)
        controller.sale_done.connect(self.show_done)
        self.show_welcome()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        self.greeting = QLabel()
        self.greeting.setObjectName("display_greeting")
        self.greeting.setFont(scaled(self, 2.6, bold=True))
        self.greeting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines = QTableWidget(0, 3)
        self.lines.setObjectName("display_lines")
        self.lines.setFont(scaled(self, 1.8))
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setShowGrid(False)
        self.lines.horizontalHeader().hide()
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(int(self.lines.fontMetrics().height() * 1.6))
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.total = QLabel()
        self.total.setObjectName("display_total")
        self.total.setFont(scaled(self, 4.0, bold=True))
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.paid = QLabel()
        self.paid.setObjectName("display_paid")
        self.paid.setFont(scaled(self, 2.2, bold=True))
        self.paid.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.paid.setStyleSheet("color: #a5d6a7;")
        layout.addWidget(self.greeting)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.paid)

    # -- what it shows --------------------------------------------------------------------
    def show_welcome(self) -> None:
        self.greeting.setText(fill(self.tr("Welcome to %1"), self.store_name)
                              if self.store_name else self.tr("Welcome"))
        self.lines.setRowCount(0)
        self.total.setText("")
        self.paid.setText("")

    def show_cart(self) -> None:
        cart = self.c.cart
        if not cart.lines and not self.c.tenders:
            if not self.thanked:
                self.show_welcome()
            return
        self.thanked = False
        self.greeting.setText(self.tr("Your purchase"))
        rows = []
        if len(cart.lines) > SHOWN_LINES:
            rows.append((fill(self.tr("… and %1 more lines"), len(cart.lines) - SHOWN_LINES),
                         "", ""))
        for line in cart.lines[-SHOWN_LINES:]:
            unit = f" {line.product.unit}" if line.product.unit else ""
            note = fill(self.tr("  (near expiry -%1%)"), line.markdown_percent) \
                if line.markdown_percent else ""
            rows.append((line.product.name + note,
                         f"{quantity(line)}{unit} × {money(line.unit_price_fen)}",
                         money(line.amount_fen)))
        self._fill(rows)
        state = self.c.tender_state()
        self.total.setText(fill(self.tr("Total %1"), money(state.due_fen)))
        self.paid.setText(fill(self.tr("Paid %1 · still to pay %2"), money(state.paid_fen),
                               money(state.remaining_fen)) if self.c.tenders else "")

    def show_done(self, outcome) -> None:
        self.thanked = True
        self.greeting.setText(self.tr("Thank you! Welcome back."))
        self.lines.setRowCount(0)
        self.total.setText(fill(self.tr("Total %1"), money(outcome.total_fen)))
        self.paid.setText(fill(self.tr("Paid %1 · change %2"), money(outcome.paid_fen),
                               money(outcome.change_fen)))

    def _fill(self, rows: list[tuple[str, str, str]]) -> None:
        self.lines.setRowCount(len(rows))
        for r, texts in enumerate(rows):
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, c, item)
        self.lines.scrollToBottom()

    # -- where it goes --------------------------------------------------------------------
    def place(self, screens: list[QScreen] | None = None) -> bool:
        """Full screen on the second screen; False (and hidden) when there is none."""
        screens = QGuiApplication.screens() if screens is None else screens
        if len(screens) < 2:
            self.hide()
            return False
        screen = screens[1]
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return True
