"""The "Custom fields" page of the product, supplier and member editors (issue 11 item 1).

One widget per active field, by its kind: a line for text, numbers and money (checked by the
service on save, so a wrong value is marked and stays as typed), a date edit (blank: no date),
a list for a choice, a check box for yes/no. Required fields are marked with *. The page is
built when the definitions arrive (read on the ops worker each time an editor opens, so a
field defined meanwhile appears without a restart) and keeps the record's values until then.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit,
                               QWidget)

from app.domain.custom_fields import FieldDef
from app.ui.products.editor_parts import mark
from app.ui.translations import current_language

PREFIX = "custom:"  # the key of a custom field's error in FormInvalid.fields
NO_DATE = QDate(1899, 12, 31)  # the date edit's blank (the rules take years from 1900)


class CustomFieldsPage(QWidget):
    def __init__(self, key_filter: QObject | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("custom_fields_page")
        self._filter = key_filter
        self.defs: list[FieldDef] | None = None  # None until the definitions arrive
        self.widgets: dict[str, QWidget] = {}
        self._values: dict[str, str] = {}
        self._form = QFormLayout(self)

    @property
    def ready(self) -> bool:
        return self.defs is not None

    def set_fields(self, defs: list[FieldDef]) -> None:
        self.defs = list(defs)
        lang = current_language()
        for fd in self.defs:
            widget = self._widget(fd)
            widget.setObjectName(f"custom_{fd.key}")
            self.widgets[fd.key] = widget
            self._form.addRow(fd.label(lang) + (" *" if fd.required else ""), widget)
        if not self.defs:
            self._form.addRow(QLabel(self.tr("No custom fields are defined for this kind of "
                                             "record.")))
        self.set_values(self._values)

    def set_values(self, values: dict[str, str] | None) -> None:
        self._values = dict(values or {})
        for fd in self.defs or ():
            self._show(fd, self.widgets[fd.key], self._values.get(fd.key, ""))

    def values(self) -> dict[str, str] | None:
        """Every shown field's text (empty: no value); None before the page is built."""
        if self.defs is None:
            return None
        return {fd.key: self._read(fd, self.widgets[fd.key]) for fd in self.defs}

    def mark_errors(self, messages: dict[str, str]) -> None:
        """Mark each field named `custom:<key>` in `messages`; clear the others."""
        for key, widget in self.widgets.items():
            mark(widget, messages.get(PREFIX + key))

    # -- one field ---------------------------------------------------------------------------
    def _widget(self, fd: FieldDef) -> QWidget:
        if fd.kind == "choice":
            widget = QComboBox()
            widget.addItem("", "")
            for choice in fd.choices:
                widget.addItem(choice, choice)
            return widget
        if fd.kind == "bool":
            return QCheckBox(self.tr("Yes"))
        if fd.kind == "date":
            widget = QDateEdit()
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.setCalendarPopup(True)
            widget.setDateRange(NO_DATE, QDate(2199, 12, 31))
            widget.setSpecialValueText(" ")  # the minimum shows blank: no date
            return widget
        line = QLineEdit()
        line.setMaxLength(fd.max_length if fd.kind == "text" else 40)
        line.setPlaceholderText(_hint(fd))
        if self._filter is not None:
            line.installEventFilter(self._filter)
        return line

    def _show(self, fd: FieldDef, widget: QWidget, value: str) -> None:
        if isinstance(widget, QComboBox):
            if value and widget.findData(value) < 0:  # a choice since removed stays visible
                widget.addItem(value, value)
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value == "1")
        elif isinstance(widget, QDateEdit):
            day = QDate.fromString(value, "yyyy-MM-dd")
            widget.setDate(day if day.isValid() else NO_DATE)
        else:
            widget.setText(value)

    def _read(self, fd: FieldDef, widget: QWidget) -> str:
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        if isinstance(widget, QCheckBox):  # unticked and never set stays unset
            return "1" if widget.isChecked() else ("0" if self._values.get(fd.key) else "")
        if isinstance(widget, QDateEdit):
            day = widget.date()
            return "" if day == NO_DATE else day.toString("yyyy-MM-dd")
        return widget.text()


def _hint(fd: FieldDef) -> str:
    low = "" if fd.minimum is None else str(fd.minimum)
    high = "" if fd.maximum is None else str(fd.maximum)
    if fd.kind == "money":
        return f"0.00 ({low} – {high})" if low or high else "0.00"
    if fd.kind == "number":
        return f"{low} – {high}" if low or high else ""
    return ""
