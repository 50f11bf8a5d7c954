"""The dialog of Admin → Custom fields: one field's definition, new or changed.

It collects what was typed and emits `submitted` with a `FieldDef`; the tab runs the
service and either closes the dialog or shows the refusal in it, keeping every entry. The
key is fixed once the field exists. A field head office manages opens read-only.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QWidget)

from app.domain.custom_fields import KINDS, MAX_TEXT, FieldDef
from app.ui.admin.user_dialogs import UserDialog
from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`
_SPLIT = re.compile(r"[\n,，]")


def kind_title(kind: str) -> str:
    return {"text": translate("FieldKinds", "Text"), "number": translate("FieldKinds", "Number"),
            "money": translate("FieldKinds", "Money"), "date": translate("FieldKinds", "Date"),
            "choice": translate("FieldKinds", "Choice"),
            "bool": translate("FieldKinds", "Yes/no")}.get(kind, kind)


def split_choices(text: str) -> tuple[str, ...]:
    """Choices typed one per line or separated by commas (ASCII or Chinese)."""
    return tuple(c.strip() for c in _SPLIT.split(text) if c.strip())


class FieldDialog(UserDialog):
    def __init__(self, entity: str, existing: FieldDef | None = None, *,
                 read_only: bool = False, parent: QWidget | None = None) -> None:
        title = self.tr("Add a custom field") if existing is None else \
            fill(self.tr("Custom field %1"), existing.key)
        super().__init__(title, parent)
        self.entity, self.existing = entity, existing
        self._build()
        if existing is not None:
            self._load(existing)
        self._kind_changed()
        if read_only:
            self._read_only()

    def _build(self) -> None:
        self.key_edit = QLineEdit()
        self.key_edit.setMaxLength(32)
        self.key_edit.setPlaceholderText(self.tr("a-z, 0-9 and _, e.g. origin"))
        self.zh_edit, self.en_edit = QLineEdit(), QLineEdit()
        for edit in (self.zh_edit, self.en_edit):
            edit.setMaxLength(40)
        self.kind_box = QComboBox()
        for kind in KINDS:
            self.kind_box.addItem(kind_title(kind), kind)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.required_box = QCheckBox(self.tr("A value is &required"))
        self.choices_edit = QPlainTextEdit()
        self.choices_edit.setTabChangesFocus(True)
        self.choices_edit.setPlaceholderText(self.tr("one per line, or separated by commas"))
        self.choices_edit.setMaximumHeight(90)
        self.min_edit, self.max_edit = QLineEdit(), QLineEdit()
        for edit in (self.min_edit, self.max_edit):
            edit.setMaxLength(20)
            edit.setPlaceholderText(self.tr("no limit"))
        self.length_box = QSpinBox()
        self.length_box.setRange(1, MAX_TEXT)
        self.length_box.setValue(MAX_TEXT)
        self.position_box = QSpinBox()
        self.position_box.setRange(0, 9999)
        for label, widget in ((self.tr("&Key:"), self.key_edit),
                              (self.tr("&Chinese label:"), self.zh_edit),
                              (self.tr("&English label:"), self.en_edit),
                              (self.tr("K&ind:"), self.kind_box),
                              ("", self.required_box),
                              (self.tr("C&hoices:"), self.choices_edit),
                              (self.tr("&Minimum:"), self.min_edit),
                              (self.tr("Ma&ximum:"), self.max_edit),
                              (self.tr("Maximum &length:"), self.length_box),
                              (self.tr("&Position:"), self.position_box)):
            self.form.addRow(label, widget)

    def _load(self, fd: FieldDef) -> None:
        self.key_edit.setText(fd.key)
        self.key_edit.setReadOnly(True)  # the key names the values: it never changes
        self.key_edit.setToolTip(self.tr("The key is fixed once the field exists."))
        self.zh_edit.setText(fd.label_zh)
        self.en_edit.setText(fd.label_en)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(fd.kind)))
        self.required_box.setChecked(fd.required)
        self.choices_edit.setPlainText("\n".join(fd.choices))
        self.min_edit.setText("" if fd.minimum is None else str(fd.minimum))
        self.max_edit.setText("" if fd.maximum is None else str(fd.maximum))
        self.length_box.setValue(fd.max_length)
        self.position_box.setValue(fd.position)

    def _kind_changed(self) -> None:
        """Only the rules of the chosen kind can be typed; the others keep their text."""
        kind = self.kind_box.currentData()
        self.choices_edit.setEnabled(kind == "choice")
        for edit in (self.min_edit, self.max_edit):
            edit.setEnabled(kind in ("number", "money"))
        self.length_box.setEnabled(kind == "text")

    def _read_only(self) -> None:
        note = QLabel(self.tr("Head office manages this field: it can only be changed "
                              "there."))
        note.setWordWrap(True)
        note.setObjectName("hq_note")
        self.form.insertRow(0, note)
        for widget in (self.key_edit, self.zh_edit, self.en_edit, self.kind_box,
                       self.required_box, self.choices_edit, self.min_edit, self.max_edit,
                       self.length_box, self.position_box):
            widget.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def values(self) -> dict:
        return {"key": self.key_edit.text().strip(), "label_zh": self.zh_edit.text().strip(),
                "label_en": self.en_edit.text().strip(), "kind": self.kind_box.currentData(),
                "required": self.required_box.isChecked(),
                "choices": self.choices_edit.toPlainText(), "minimum": self.min_edit.text(),
                "maximum": self.max_edit.text(), "max_length": self.length_box.value(),
                "position": self.position_box.value()}

    def check(self, values: dict) -> str:
        for key in ("minimum", "maximum"):
            try:
                _number(values[key])
            except InvalidOperation:
                return self.tr("The minimum and the maximum must be numbers, e.g. 12.5.")
        return ""

    def definition(self, values: dict) -> FieldDef:
        """What was typed as a definition: only the rules of its kind go with it."""
        kind = values["kind"]
        ranged = kind in ("number", "money")
        return FieldDef(entity=self.entity, key=values["key"], label_zh=values["label_zh"],
                        label_en=values["label_en"], kind=kind, required=values["required"],
                        choices=split_choices(values["choices"]) if kind == "choice" else (),
                        minimum=_number(values["minimum"]) if ranged else None,
                        maximum=_number(values["maximum"]) if ranged else None,
                        max_length=values["max_length"] if kind == "text" else MAX_TEXT,
                        active=self.existing.active if self.existing else True,
                        position=values["position"])


def _number(text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number
