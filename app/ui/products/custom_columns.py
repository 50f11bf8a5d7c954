"""The product list's custom fields: a filter (a field list and the value it must have) and
the header's menu that hides or shows each custom column, kept across reloads."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView

from app.ui.products.list_model import CUSTOM, ProductListModel


class CustomListControls(QObject):
    def __init__(self, table: QTableView, model: ProductListModel, parent: QObject) -> None:
        super().__init__(parent)
        self.table, self.model = table, model
        self.hidden: set[str] = set()  # custom columns hidden from the header's menu
        self.field = QComboBox()
        self.field.setObjectName("custom_filter_field")
        self.field.addItem(self.tr("Any custom field"), "")
        self.value = QLineEdit()
        self.value.setObjectName("custom_filter_value")
        self.value.setPlaceholderText(self.tr("equals…"))
        for widget in (self.field, self.value):
            widget.setVisible(False)  # shown once the store has product fields

    def fill(self, defs: list) -> None:
        """Columns and filter choices for the active product fields `defs`."""
        self.model.set_custom_fields(defs)
        chosen = self.field.currentData()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItem(self.tr("Any custom field"), "")
        for fd in defs:
            self.field.addItem(self.model.titles[CUSTOM + fd.key], fd.key)
        self.field.setCurrentIndex(max(self.field.findData(chosen), 0))
        self.field.blockSignals(False)
        for widget in (self.field, self.value):
            widget.setVisible(bool(defs))
        self._column_actions()

    def filter_args(self) -> dict:
        """The ProductFilter arguments: a field and a value, or no custom filter."""
        key, value = self.field.currentData() or "", self.value.text().strip()
        return {"custom_key": key if value else "", "custom_value": value if key else ""}

    def _column_actions(self) -> None:
        header = self.table.horizontalHeader()
        for action in header.actions():
            header.removeAction(action)
        for column in range(self.model.fixed, self.model.columnCount()):
            key = self.model.columns[column]
            action = QAction(self.model.titles[key], header)
            action.setCheckable(True)
            action.setChecked(key not in self.hidden)
            self.table.setColumnHidden(column, key in self.hidden)
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
            header.addAction(action)

    def _show_column(self, column: int, shown: bool) -> None:
        key = self.model.columns[column]
        (self.hidden.discard if shown else self.hidden.add)(key)
        self.table.setColumnHidden(column, not shown)
