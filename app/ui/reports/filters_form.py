"""The period, filters and options of a report, enabled as the chosen report takes them."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGridLayout, QLabel,
                               QLineEdit, QSpinBox, QWidget)

from app.services.reports.filters import FILTER_NAMES, ReportFilter


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class FiltersForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        titles = {"store": self.tr("Store code"), "category": self.tr("Category code"),
                  "product": self.tr("SKU"), "cashier": self.tr("Cashier (user name)"),
                  "customer": self.tr("Customer code or phone"),
                  "supplier": self.tr("Supplier code")}
        self.edits: dict[str, QLineEdit] = {}
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("From:"), self.start)
        left.addRow(self.tr("To:"), self.end)
        for n, name in enumerate(FILTER_NAMES):
            edit = QLineEdit()
            edit.setObjectName(f"filter_{name}")
            edit.setPlaceholderText(self.tr("all"))
            self.edits[name] = edit
            (left if n < 2 else right).addRow(titles[name] + ":", edit)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)

    def allow(self, names: tuple[str, ...], as_of: bool = False) -> None:
        """Enable what the report takes; what it does not is cleared (never ignored)."""
        for name, edit in self.edits.items():
            edit.setEnabled(name in names)
            if name not in names:
                edit.clear()
        self.start.setEnabled(not as_of)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def report_filter(self, as_of: bool = False) -> ReportFilter:
        end = _day(self.end)
        start = end if as_of else _day(self.start)
        given = {k: e.text().strip() or None for k, e in self.edits.items() if e.isEnabled()}
        return ReportFilter(start, end, **given)


class OptionsForm(QWidget):
    """--by, --compare, --days, --cover-days, shown as the report takes them."""

    BY = ("day", "month", "product", "category", "cashier", "customer")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.by = QComboBox()
        self.by.setObjectName("option_by")
        by_titles = {"day": self.tr("day"), "month": self.tr("month"),
                     "product": self.tr("product"), "category": self.tr("category"),
                     "cashier": self.tr("cashier"), "customer": self.tr("customer")}
        for key in self.BY:
            self.by.addItem(by_titles[key], key)
        self.compare = QComboBox()
        self.compare.setObjectName("option_compare")
        self.compare.addItem(self.tr("no comparison"), None)
        self.compare.addItem(self.tr("month on month"), "mom")
        self.compare.addItem(self.tr("year on year"), "yoy")
        self.days, self.cover = QSpinBox(), QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(30)
        self.cover.setRange(1, 3650)
        self.cover.setValue(90)
        self.rows = {"by": (QLabel(self.tr("Group by:")), self.by),
                     "compare": (QLabel(self.tr("Compare:")), self.compare),
                     "days": (QLabel(self.tr("Days ahead:")), self.days),
                     "cover_days": (QLabel(self.tr("Slow above days of cover:")), self.cover)}
        for label, widget in self.rows.values():
            form.addRow(label, widget)

    def allow(self, options: tuple[str, ...], dims: tuple[str, ...] = ()) -> None:
        for name, (label, widget) in self.rows.items():
            label.setVisible(name in options)
            widget.setVisible(name in options)
        for i, key in enumerate(self.BY):
            item = self.by.model().item(i)
            item.setEnabled(not dims or key in dims)
        if dims and self.by.currentData() not in dims:
            self.by.setCurrentIndex(self.BY.index(dims[0]))

    def values(self, options: tuple[str, ...]) -> dict:
        found = {"by": self.by.currentData(), "compare": self.compare.currentData(),
                 "days": self.days.value(), "cover_days": self.cover.value()}
        return {k: v for k, v in found.items() if k in options}
