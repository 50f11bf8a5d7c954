"""The dashboard: today against last week and last year, the 30-day trend, the month's
margin and the stock value (cost viewers), top sellers, slow movers and the alerts."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain.money import format_money, format_quantity
from app.services.reports.dashboard import Dashboard, dashboard
from app.ui.errors import show_error
from app.ui.reports.charts import ChartView
from app.ui.translations import fill


def _percent(bp: int | None) -> str:
    if bp is None:
        return "–"
    return ("+" if bp > 0 else "") + format_money(bp) + "%"


class Card(QFrame):
    """A headline figure with a caption and a note below it."""

    def __init__(self, caption: str, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.caption, self.value, self.note = QLabel(caption), QLabel("…"), QLabel("")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        for label in (self.caption, self.value, self.note):
            layout.addWidget(label)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class DashboardTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.data: Dashboard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        self.status = QLabel(self.tr("Loading…"))
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.clicked.connect(self.refresh)
        head.addWidget(self.status, 1)
        head.addWidget(refresh)
        layout.addLayout(head)
        layout.addLayout(self._cards())
        middle = QHBoxLayout()
        self.trend = ChartView()
        self.trend.setObjectName("trend_chart")
        self.top = ChartView()
        self.top.setObjectName("top_chart")
        middle.addWidget(self._boxed(self.tr("Net sales, last 30 days"), self.trend), 3)
        middle.addWidget(self._boxed(self.tr("Top 10 sellers, last 30 days"), self.top), 2)
        layout.addLayout(middle, 3)
        bottom = QHBoxLayout()
        self.slow = self._table("slow_movers", [self.tr("SKU"), self.tr("Product"),
                                                self.tr("On hand"), self.tr("Stock value")])
        self.alerts = self._table("alerts", [self.tr("Alert"), self.tr("SKU"), self.tr("Product"),
                                             self.tr("Detail")])
        self.slow_box = self._boxed(self.tr("Slow movers: in stock, unsold for 30 days"), self.slow)
        self.alerts_box = self._boxed(self.tr("Alerts"), self.alerts)
        bottom.addWidget(self.slow_box, 2)
        bottom.addWidget(self.alerts_box, 3)
        layout.addLayout(bottom, 2)
        self._loaded = False

    def _cards(self) -> QGridLayout:
        grid = QGridLayout()
        self.today_card = Card(self.tr("Net sales today"), "card_today")
        self.week_card = Card(self.tr("Same weekday last week"), "card_week")
        self.year_card = Card(self.tr("Same day last year"), "card_year")
        self.margin_card = Card(self.tr("Gross margin this month"), "card_margin")
        self.stock_card = Card(self.tr("Stock value"), "card_stock")
        for i, card in enumerate((self.today_card, self.week_card, self.year_card,
                                  self.margin_card, self.stock_card)):
            grid.addWidget(card, 0, i)
        return grid

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        self.status.setText(self.tr("Loading…"))
        store, actor = self._store, self._actor
        self._ops.run(lambda: dashboard(store, actor=actor), self.show_data,
                      lambda exc: self._failed(exc), context=self)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("The dashboard could not be loaded."))
        show_error(self, exc)

    def show_data(self, d: Dashboard) -> None:
        self.data = d
        self.status.setText(fill(self.tr("Business day %1"), d.today.day.isoformat()))
        yuan = lambda fen: "¥" + format_money(fen)  # noqa: E731
        self.today_card.set(yuan(d.today.net_sales_fen),
                            fill(self.tr("Tickets: %1"), d.today.tickets))
        self.week_card.set(_percent(d.change_week_bp),
                           fill(self.tr("%1 on %2"), yuan(d.last_week.net_sales_fen),
                                d.last_week.day.isoformat()))
        self.year_card.set(_percent(d.change_year_bp),
                           fill(self.tr("%1 on %2"), yuan(d.last_year.net_sales_fen),
                                d.last_year.day.isoformat()))
        self.margin_card.setVisible(d.sees_costs)
        self.stock_card.setVisible(d.sees_costs)
        self.slow_box.setVisible(d.sees_costs)
        self.alerts_box.setVisible(d.alerts_shown)
        if d.sees_costs:
            self.margin_card.set(_percent(d.month_margin_bp).lstrip("+"),
                                 fill(self.tr("Gross profit %1"), yuan(d.month_profit_fen)))
            self.stock_card.set(yuan(d.stock_value_fen), self.tr("at cost, now"))
        self.trend.show_pairs([(day.isoformat(), fen / 100) for day, fen in d.trend], "line")
        self.top.show_pairs([(s.name or s.sku, s.net_sales_fen / 100)
                             for s in reversed(d.top_sellers)], "hbar")
        self._fill(self.slow, [(s.sku, s.name, format_quantity(s.qty_milli),
                                format_money(s.value_fen)) for s in d.slow_movers])
        self._fill(self.alerts, d.alerts)

    @staticmethod
    def _fill(table: QTableWidget, rows) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(str(value)))
