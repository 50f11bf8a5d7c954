"""A master-data tab: a search field, a list (a tree for categories) and an editor dialog,
described by a `RecordSpec` so units, brands, categories, suppliers and members share it.

Keys: typing goes to the search field, Down into the list, Enter opens the record, Ctrl+N
a new one, F5 reloads. The editor marks each field a save refuses, keeping what was typed.
A spec with `custom` (suppliers, members) adds the store's custom fields to its editor, read
when it opens and saved with the record; one with `custom_list` shows them as list columns
(right-click the header to hide one) and filters by one ("field = value"), the fields read
anew with every reload.
"""
from __future__ import annotations

from dataclasses import dataclass, fields as dc_fields
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.services.products import FormInvalid
from app.ui.errors import error_text, show_error
from app.ui.ops import OpsRunner
from app.ui.products.custom_columns import CustomListControls
from app.ui.products.custom_page import PREFIX, CustomFieldsPage
from app.ui.products.editor_parts import mark
from app.ui.products.record_columns import RecordColumns, read_list
from app.ui.translations import current_language, fill


@dataclass(frozen=True)
class Field:
    key: str
    title: str
    kind: str = "text"   # text, check, parent (a category), hint
    hint: str = ""


@dataclass(frozen=True)
class RecordSpec:
    name: str                                    # object names: "<name>_tab"
    columns: list[tuple[str, str]]               # (attribute, title)
    fields: list[Field]
    load: Callable[[str], list]                  # search text -> records (on the worker)
    save: Callable[[Any], int]                   # form -> id (on the worker)
    new: Callable[[], Any]                       # an empty form
    parent_key: str | None = None                # records form a tree by this attribute
    searchable: bool = True
    more: Callable[[str, Any], list] | None = None  # search, last record -> the next page
    to_form: Callable[[Any], Any] = lambda record: record  # a listed record -> its form
    custom: Callable[[Any], tuple[list, dict]] | None = None  # form -> (field defs, values)
    # () -> the active field defs of the listed records; `load` and `more` then also take
    # the keywords custom_key and custom_value (the list's filter)
    custom_list: Callable[[], list] | None = None


class RecordDialog(QDialog):
    def __init__(self, spec: RecordSpec, record: Any, parents: list[tuple[str, Any]],
                 ops: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{spec.name}_editor")
        self.spec, self.record, self._ops = spec, record, ops
        self.widgets: dict[str, QWidget] = {}
        layout = QFormLayout()
        for f in spec.fields:
            layout.addRow(f.title if f.kind != "check" else "", self._widget(f, parents))
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(layout)
        self.custom = CustomFieldsPage(self)
        self.custom_box = QGroupBox(self.tr("Custom fields"))
        QVBoxLayout(self.custom_box).addWidget(self.custom)
        self.custom_box.setVisible(False)
        box.addWidget(self.custom_box)
        if spec.custom is not None:
            read = spec.custom
            ops.run(lambda: read(record), self._custom_read, lambda e: show_error(self, e),
                    context=self)
        box.addWidget(self.errors)
        box.addWidget(buttons)
        self.setMinimumWidth(420)

    def _widget(self, f: Field, parents: list[tuple[str, Any]]) -> QWidget:
        value = getattr(self.record, f.key)
        if f.kind == "check":
            widget = QCheckBox(f.title)
            widget.setChecked(bool(value))
        elif f.kind == "parent":
            widget = QComboBox()
            widget.addItem(self.tr("(top level)"), None)
            for title, key in parents:
                if key != getattr(self.record, "id", None):
                    widget.addItem(title, key)
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            widget = QLineEdit("" if value is None else str(value))
            widget.setPlaceholderText(f.hint)
            widget.installEventFilter(self)
        widget.setObjectName(f"field_{f.key}")
        self.widgets[f.key] = widget
        return widget

    def _custom_read(self, found: tuple[list, dict]) -> None:
        defs, values = found
        self.custom.set_values(values)
        self.custom.set_fields(defs)
        self.custom_box.setVisible(bool(defs))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def collect(self) -> Any:
        values = {}
        for key, w in self.widgets.items():
            if isinstance(w, QCheckBox):
                values[key] = w.isChecked()
            elif isinstance(w, QComboBox):
                values[key] = w.currentData()
            else:
                values[key] = w.text()
        if self.spec.custom is not None:
            values["custom"] = self.custom.values()  # None until the fields arrived
        names = {f.name for f in dc_fields(self.record)}
        return type(self.record)(**{k: getattr(self.record, k) for k in names
                                    if k not in values}, **values)

    def save(self) -> None:
        form = self.collect()
        self.setEnabled(False)
        self._ops.run(lambda: self.spec.save(form), self._saved, self._refused, context=self)

    def _saved(self, _record_id) -> None:
        self.setEnabled(True)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.setEnabled(True)
        for w in self.widgets.values():
            mark(w, None)
        self.custom.mark_errors({})
        if not isinstance(exc, FormInvalid):
            show_error(self, exc)
            return
        lang = current_language()
        for name in exc.fields:
            if name in self.widgets:
                mark(self.widgets[name], exc.field_message(name, lang))
        self.custom.mark_errors({n: exc.field_message(n, lang) for n in exc.fields})
        self.errors.setText("\n".join(exc.field_message(n, lang) for n in exc.fields))
        shown = {**self.widgets, **{PREFIX + k: w for k, w in self.custom.widgets.items()}}
        first = next((n for n in exc.fields if n in shown), None)
        if first:
            shown[first].setFocus()


class RecordTab(QWidget):
    changed = Signal()  # a record was saved: other screens may reload their choices

    def __init__(self, spec: RecordSpec, ops: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{spec.name}_tab")
        self.spec, self._ops = spec, ops
        self.records: list = []
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setVisible(spec.searchable)
        self.tree = QTreeWidget()
        self.tree.setObjectName(f"{spec.name}_list")
        self.columns = RecordColumns(self.tree, spec.columns)
        self.custom = CustomListControls(self.tree, self.columns, self)
        self.tree.header().setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.setRootIsDecorated(spec.parent_key is not None)
        self.tree.setAlternatingRowColors(True)
        self.status = QLabel()
        new, edit = QPushButton(self.tr("New (Ctrl+N)")), QPushButton(self.tr("Open (Enter)"))
        self.more = QPushButton(self.tr("Load more"))
        self.more.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for b in (self.more, edit, new):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        for widget, stretch in ((self.search, 1), (self.custom.field, 0), (self.custom.value, 0)):
            top.addWidget(widget, stretch)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.timer = QTimer(self, singleShot=True, interval=150)
        self.timer.timeout.connect(self.reload)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.custom.field.currentIndexChanged.connect(lambda _i: self.reload())
        self.custom.value.textEdited.connect(lambda _t: self.timer.start())
        self.search.installEventFilter(self)
        self.tree.itemActivated.connect(lambda *_: self.open_current())
        new.clicked.connect(lambda: self.open_record(spec.new()))
        edit.clicked.connect(self.open_current)
        self.more.clicked.connect(self.load_more)
        for keys, slot in (("Ctrl+N", lambda: self.open_record(spec.new())), ("F5", self.reload)):
            QShortcut(QKeySequence(keys), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.search if spec.searchable else self.tree)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.timer.stop()
            self.open_current()
            return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            self.tree.setFocus()
            if self.tree.currentItem() is None and self.tree.topLevelItemCount():
                self.tree.setCurrentItem(self.tree.topLevelItem(0))
            return True
        return super().eventFilter(watched, event)

    def _filter_args(self) -> dict:
        return self.custom.filter_args() if self.spec.custom_list else {}

    def reload(self) -> None:
        self.timer.stop()
        text, load, args = self.search.text().strip(), self.spec.load, self._filter_args()
        read = self.spec.custom_list
        self._ops.run(lambda: read_list(read, load, text, args), self._reloaded,
                      lambda e: self._reload_failed(e, args), context=self)

    def _reload_failed(self, exc: Exception, args: dict) -> None:
        if not (args.get("custom_key") and isinstance(exc, DomainError)):
            show_error(self, exc)
            return
        self.show_records([])  # a value the field refuses: said in the status, no box
        self.status.setText(error_text(exc))

    def _reloaded(self, found: tuple) -> None:
        defs, records = found
        if defs is not None:
            self.custom.fill(defs)
        self.show_records(records)

    def load_more(self) -> None:
        if self.spec.more and self.records:
            text, last, more = self.search.text().strip(), self.records[-1], self.spec.more
            args = self._filter_args()
            self._ops.run(lambda: more(text, last, **args),
                          lambda r: self.show_records(self.records + r),
                          lambda e: show_error(self, e), context=self)

    def show_records(self, records: list) -> None:
        self.records = records
        self.tree.clear()
        items: dict = {}
        for record in records:
            texts = [_text(getattr(record, key)) for key, _ in self.spec.columns]
            texts += self.columns.custom_texts(record)
            parent = items.get(getattr(record, self.spec.parent_key)) if self.spec.parent_key else None
            item = QTreeWidgetItem(parent or self.tree, texts)
            item.setData(0, Qt.ItemDataRole.UserRole, record)
            items[getattr(record, "id", None)] = item
        self.tree.expandAll()
        for column in range(self.columns.columnCount()):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + 16)
        self.status.setText(fill(self.tr("%1 shown"), len(records)))
        self.more.setVisible(self.spec.more is not None and len(records) > 0
                             and len(records) % 200 == 0)

    def parents(self) -> list[tuple[str, Any]]:
        return [(getattr(r, "path", ""), r.id) for r in self.records] if self.spec.parent_key else []

    def open_current(self) -> None:
        item = self.tree.currentItem() or self.tree.topLevelItem(0)
        if item is not None:
            self.open_record(self.spec.to_form(item.data(0, Qt.ItemDataRole.UserRole)))

    def open_record(self, record: Any) -> RecordDialog:
        dialog = RecordDialog(self.spec, record, self.parents(), self._ops, self)
        dialog.accepted.connect(self.reload)
        dialog.accepted.connect(self.changed.emit)
        dialog.open()
        return dialog


def _text(value) -> str:
    if isinstance(value, bool):
        return "✓" if value else ""
    return "" if value is None else str(value)
