"""The filters of the document list: type, status, date range, number, party, warehouse.
Enter in any text field (or the Search button) applies them."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit,
                               QPushButton, QWidget)

from app.services.documents import DocFilter
from app.ui.documents.labels import STATUSES, TYPES, status_name, type_name


def _to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FilterBar(QWidget):
    applied = Signal(object)  # DocFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("type_filter")
        self.kind.addItem(self.tr("All types"), "")
        self.kind.addItem(self.tr("Purchasing (order, receipt, return)"),
                          "purchase_order,purchase_receipt,purchase_return")
        self.kind.addItem(self.tr("Sales and customer returns"), "sale,customer_return")
        for kind in TYPES:
            self.kind.addItem(type_name(kind), kind)
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("Any status"), "")
        for status in STATUSES:
            self.status.addItem(status_name(status), status)
        self.use_dates = QCheckBox(self.tr("From"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Number or part of it"))
        self.party = QLineEdit()
        self.party.setPlaceholderText(self.tr("Supplier or customer: code, name, phone"))
        self.warehouse = QLineEdit()
        self.warehouse.setPlaceholderText(self.tr("Warehouse code"))
        self.warehouse.setMinimumWidth(110)
        self.search = QPushButton(self.tr("&Search"))
        self.search.setDefault(True)
        for edit in (self.number, self.party, self.warehouse):
            edit.returnPressed.connect(self.apply)
        self.search.clicked.connect(self.apply)
        self.kind.activated.connect(lambda _i: self.apply())
        self.status.activated.connect(lambda _i: self.apply())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.addWidget(self.use_dates, 0, 2)
        grid.addWidget(self.date_from, 0, 3)
        grid.addWidget(QLabel(self.tr("to")), 0, 4)
        grid.addWidget(self.date_to, 0, 5)
        grid.addWidget(self.number, 1, 0)
        grid.addWidget(self.party, 1, 1, 1, 2)
        grid.addWidget(self.warehouse, 1, 3, 1, 2)
        grid.addWidget(self.search, 1, 5)

    def current(self) -> DocFilter:
        kinds = tuple(k for k in (self.kind.currentData() or "").split(",") if k)
        status = self.status.currentData() or ""
        dated = self.use_dates.isChecked()
        return DocFilter(types=kinds, statuses=(status,) if status else (),
                         date_from=_to_date(self.date_from.date()) if dated else None,
                         date_to=_to_date(self.date_to.date()) if dated else None,
                         number=self.number.text().strip(), party=self.party.text().strip(),
                         warehouse=self.warehouse.text().strip())

    def apply(self) -> None:
        self.applied.emit(self.current())
