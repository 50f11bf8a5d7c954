"""The audit viewer: filters, pages of entries, the before/after of the chosen one, export
to CSV or Excel, and "Verify chain", which names every edited, deleted, reordered or
inserted entry (app/services/audit_view.py) with a progress bar, on the maintenance thread.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QPlainTextEdit,
                               QProgressBar, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.services import audit_view
from app.services.audit_view import AuditFilter, AuditPage, ChainReport
from app.ui.admin.texts import COLOURS, Message
from app.ui.errors import error_text
from app.ui.translations import current_language, fill


class _Relay(QObject):
    """Carries the chain check's progress from the maintenance thread to the UI thread."""

    progress = Signal(int, int)


class AuditTab(QWidget):
    def __init__(self, store, ops, user, maintenance,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, user.actor
        self.maintenance = maintenance
        self.page: AuditPage | None = None
        self.page_number = 0
        self.relay = _Relay(self)
        self.relay.progress.connect(self._progress)
        self.message = Message()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._filters())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._table())
        split.addWidget(self._detail())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addLayout(self._pager())
        layout.addLayout(self._chain_row())
        layout.addWidget(self.problem_list)
        layout.addWidget(self.message)

    # -- building -------------------------------------------------------------------------
    def _filters(self) -> QHBoxLayout:
        today = date.today()
        self.from_edit = self._date(today - timedelta(days=7))
        self.to_edit = self._date(today)
        self.user_box, self.action_box, self.terminal_box = (QComboBox() for _ in range(3))
        self.action_box.setEditable(True)
        self.action_box.setMinimumWidth(180)
        for box in (self.user_box, self.action_box, self.terminal_box):
            box.addItem(self.tr("All"), "")
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.search_button.clicked.connect(lambda: self.search(0))
        row = QHBoxLayout()
        for label, field in ((self.tr("From:"), self.from_edit), (self.tr("To:"), self.to_edit),
                             (self.tr("User:"), self.user_box),
                             (self.tr("Action:"), self.action_box),
                             (self.tr("Terminal:"), self.terminal_box)):
            caption = QLabel(label)
            caption.setBuddy(field)
            row.addWidget(caption)
            row.addWidget(field)
        row.addWidget(self.search_button)
        row.addStretch(1)
        return row

    def _date(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("User"),
                                              self.tr("Action"), self.tr("Target"),
                                              self.tr("Terminal"), self.tr("Seq")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_detail)
        return self.table

    def _detail(self) -> QWidget:
        self.changes = QTableWidget(0, 3)
        self.changes.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"),
                                                self.tr("After")])
        self.changes.verticalHeader().hide()
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.other = QPlainTextEdit()
        self.other.setReadOnly(True)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.changes, 1)
        row.addWidget(self.other, 1)
        return box

    def _pager(self) -> QHBoxLayout:
        self.prev_button = QPushButton(self.tr("< &Previous"))
        self.prev_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.prev_button.clicked.connect(lambda: self.search(self.page_number - 1))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_button.clicked.connect(lambda: self.search(self.page_number + 1))
        self.page_label = QLabel()
        self.export_button = QPushButton(self.tr("E&xport..."))
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        for widget in (self.prev_button, self.page_label, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.export_button)
        self._update_pager()
        return row

    def _chain_row(self) -> QHBoxLayout:
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_bar = QProgressBar()
        self.chain_bar.setTextVisible(True)
        self.chain_bar.hide()
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setMaximumHeight(110)
        self.problem_list.hide()
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.chain_bar, 1)
        row.addWidget(self.chain_label, 2)
        return row

    # -- behaviour ------------------------------------------------------------------------
    def refresh(self) -> None:
        self._ops.run(lambda: audit_view.audit_choices(self._store, self._actor),
                      self._fill_choices, self._refused, context=self)
        self.search(0)

    def _fill_choices(self, choices: dict) -> None:
        for box, key in ((self.user_box, "users"), (self.action_box, "actions"),
                         (self.terminal_box, "terminals")):
            current = box.currentData() if box is not self.action_box else self.action_text()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            values = choices[key]
            if key == "actions":  # whole families first: auth., user., document. ...
                values = sorted({a.split(".")[0] + "." for a in values}) + values
            for value in values:
                box.addItem(value, value)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def action_text(self) -> str:
        text = self.action_box.currentText().strip()
        return "" if text == self.action_box.itemText(0) else text

    def current_filter(self) -> AuditFilter:
        return AuditFilter(self.from_edit.date().toPython(), self.to_edit.date().toPython(),
                           self.user_box.currentData() or "", self.action_text(),
                           self.terminal_box.currentData() or "")

    def search(self, page: int = 0) -> None:
        f, page = self.current_filter(), max(0, page)
        self._ops.run(lambda: audit_view.audit_page(self._store, self._actor, f, page),
                      self._show_page, self._refused, context=self)

    def _show_page(self, page: AuditPage) -> None:
        self.page, self.page_number = page, page.page
        self.table.setRowCount(len(page.rows))
        for row, r in enumerate(page.rows):
            cells = [audit_view.local_text(r.at), r.user, r.action, r.target, r.terminal[:8],
                     str(r.seq)]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_pager()
        if page.rows:
            self.table.selectRow(0)
        self._show_detail()  # also when row 0 was already the selected row

    def _update_pager(self) -> None:
        page = self.page
        pages, total = (page.pages, page.total) if page else (1, 0)
        self.page_label.setText(fill(self.tr("Page %1 of %2 · %3 entries"),
                                     self.page_number + 1, pages, total))
        self.prev_button.setEnabled(self.page_number > 0)
        self.next_button.setEnabled(self.page_number + 1 < pages)

    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.page is None or rows[0].row() >= len(self.page.rows):
            return None
        return self.page.rows[rows[0].row()]

    def _show_detail(self) -> None:
        entry = self.selected_row()
        changes = entry.changes() if entry else []
        self.changes.setRowCount(len(changes))
        for row, (name, before, after) in enumerate(changes):
            for column, value in enumerate((name, _text(before), _text(after))):
                self.changes.setItem(row, column, QTableWidgetItem(value))
        self.other.setPlainText(json.dumps(entry.other_detail(), ensure_ascii=False, indent=2)
                                if entry else "")

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "audit.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        f = self.current_filter()
        self._ops.run(lambda: audit_view.export_audit(self._store, self._actor, f, path),
                      lambda n: self.message.ok(fill(self.tr("%1 entries exported to %2."),
                                                     n, path)),
                      self._refused, context=self)

    def verify_chain(self) -> None:
        self.verify_button.setEnabled(False)
        self.chain_bar.setRange(0, 0)
        self.chain_bar.show()
        self.problem_list.hide()
        self.chain_label.setText(self.tr("Checking the audit chain..."))
        emit = self.relay.progress.emit
        self.maintenance.run(
            lambda: audit_view.verify_audit_chain(self._store, self._actor, emit),
            self._chain_done, self._chain_failed, context=self)

    def _progress(self, done: int, total: int) -> None:
        self.chain_bar.setRange(0, max(total, 1))
        self.chain_bar.setValue(done)

    def _chain_done(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.chain_bar.hide()
        lang = current_language()
        if report.ok:
            self.chain_label.setStyleSheet(f"color: {COLOURS['ok']};")
            self.chain_label.setText(fill(self.tr("The audit chain is intact: %1 entries of "
                                                  "%2 terminal(s) checked."),
                                          report.checked, report.terminals))
            return
        self.chain_label.setStyleSheet(f"color: {COLOURS['error']}; font-weight: bold;")
        self.chain_label.setText(fill(self.tr("The audit chain is broken: %1 problem(s) in "
                                              "%2 entries. Tell head office."),
                                      len(report.problems), report.checked))
        self.problem_list.clear()
        for p in report.problems:
            self.problem_list.addItem(f"{p.terminal[:8]} · {p.text(lang)}")
        self.problem_list.show()

    def _chain_failed(self, exc: Exception) -> None:
        self.verify_button.setEnabled(True)
        self.chain_bar.hide()
        self.chain_label.setText("")
        self._refused(exc)

    def _refused(self, exc: Exception) -> None:
        self.message.error(error_text(exc))


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
