"""Admin → Settings: every store setting with what it does, edited in place, and the
approval rules. Each value is checked by the settings service before anything is written;
a refused value keeps what was typed and says why (issue 7 item 8)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.documents import DocType
from app.domain.money import format_money, parse_money
from app.services import settings
from app.services.inventory import approval_rules
from app.ui.admin.texts import Message
from app.ui.errors import error_text
from app.ui.translations import current_language, fill

translate = QCoreApplication.translate
KEY, VALUE, MEANING = range(3)


class SettingsTab(QWidget):
    def __init__(self, store, ops, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.rows: list[dict] = []
        self._filling = False
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Setting"), self.tr("Value"),
                                              self.tr("What it does")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.itemChanged.connect(self._edited)
        self.message = Message()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self._rules_box(), 2)
        layout.addWidget(self.message)
        reload_ = QPushButton(self.tr("Reload (F5)"))
        reload_.setShortcut(QKeySequence("F5"))
        reload_.clicked.connect(self.refresh)
        layout.addWidget(reload_, 0, Qt.AlignmentFlag.AlignRight)

    # -- settings -------------------------------------------------------------------------
    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self._ops.run(lambda: (settings.all_settings(store, actor=actor),
                               approval_rules.list_rules(store, actor=actor)),
                      self._show, self._refused, context=self)

    def _show(self, found) -> None:
        self.rows, rules = found
        zh = current_language().startswith("zh")
        self._filling = True
        self.table.setRowCount(len(self.rows))
        for row, item in enumerate(self.rows):
            key = QTableWidgetItem(item["key"])
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            meaning = QTableWidgetItem(item["zh"] if zh else item["en"])
            meaning.setFlags(meaning.flags() & ~Qt.ItemFlag.ItemIsEditable)
            meaning.setToolTip(meaning.text())
            self.table.setItem(row, KEY, key)
            self.table.setItem(row, VALUE, QTableWidgetItem(item["value"]))
            self.table.setItem(row, MEANING, meaning)
        self.table.resizeColumnToContents(KEY)
        self._filling = False
        self._show_rules(rules)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != VALUE:
            return
        key, value = self.rows[item.row()]["key"], item.text()
        store, actor = self._store, self._actor
        self._ops.run(lambda: settings.change(store, actor, key, value),
                      lambda saved: self._saved(item.row(), key, saved),
                      lambda exc: self._refused(exc, item), context=self)

    def _saved(self, row: int, key: str, value: str) -> None:
        self.rows[row]["value"] = value
        self._filling = True
        self.table.item(row, VALUE).setText(value)  # the value as the store keeps it
        self.table.item(row, VALUE).setBackground(Qt.GlobalColor.transparent)
        self._filling = False
        self.message.ok(fill(self.tr("Saved %1 = %2."), key, value))

    def _refused(self, exc: Exception, item: QTableWidgetItem | None = None) -> None:
        if item is not None:  # what was typed stays, marked, so it can be corrected
            self._filling = True
            item.setBackground(Qt.GlobalColor.yellow)
            self._filling = False
        self.message.error(error_text(exc))

    # -- approval rules -------------------------------------------------------------------
    def _rules_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Approval rules"))
        self.rules = QTableWidget(0, 4)
        self.rules.setHorizontalHeaderLabels([self.tr("Id"), self.tr("Document type"),
                                              self.tr("Levels"), self.tr("From")])
        self.rules.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kind = QComboBox()
        for kind in DocType:
            self.kind.addItem(kind.value, kind.value)
        self.levels = QLineEdit()
        self.levels.setPlaceholderText(self.tr("e.g. store_manager|admin (one level per |)"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("amount from, e.g. 5000.00"))
        add = QPushButton(self.tr("&Add rule"))
        add.clicked.connect(self.add_rule)
        disable = QPushButton(self.tr("&Disable selected"))
        disable.clicked.connect(self.disable_rule)
        form = QFormLayout()
        form.addRow(self.tr("Document type:"), self.kind)
        form.addRow(self.tr("Levels:"), self.levels)
        form.addRow(self.tr("Amount from:"), self.amount)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(disable)
        column = QVBoxLayout(box)
        column.addWidget(self.rules, 1)
        column.addLayout(form)
        column.addLayout(buttons)
        return box

    def _show_rules(self, rules: list[dict]) -> None:
        active = [r for r in rules if r["active"]]
        self.rules.setRowCount(len(active))
        for row, rule in enumerate(active):
            start = (format_money(rule["min_total_fen"]) if rule["min_total_fen"] is not None
                     else fill(self.tr("qty %1"), rule["min_line_qty_milli"] / 1000))
            for col, text in enumerate((str(rule["id"]), rule["type"], rule["levels"], start)):
                self.rules.setItem(row, col, QTableWidgetItem(text))

    def add_rule(self) -> None:
        try:
            amount = parse_money(self.amount.text().strip() or "0")
        except Exception as exc:  # noqa: BLE001 - a JxcError with the reason
            self._refused(exc)
            return
        store, actor = self._store, self._actor
        kind, levels = DocType(self.kind.currentData()), self.levels.text().strip()
        self._ops.run(lambda: approval_rules.add_rule(store, actor, kind, levels, amount, None),
                      lambda _id: self._rule_done(self.tr("Rule added.")), self._refused,
                      context=self)

    def disable_rule(self) -> None:
        row = self.rules.currentRow()
        if row < 0:
            self.message.error(self.tr("Choose a rule first."))
            return
        rule_id = int(self.rules.item(row, 0).text())
        store, actor = self._store, self._actor
        self._ops.run(lambda: approval_rules.disable_rule(store, actor, rule_id),
                      lambda _r: self._rule_done(self.tr("Rule disabled.")), self._refused,
                      context=self)

    def _rule_done(self, text: str) -> None:
        self.levels.clear()
        self.amount.clear()
        self.refresh()
        self.message.ok(text)
