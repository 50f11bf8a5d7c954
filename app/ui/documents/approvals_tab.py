"""The approvals inbox: documents waiting for my role's decision, approve or reject with a
comment (a rejection needs one), and the history of decisions.

The last level's approval posts the document at that moment; a rejection sends it back to
its author, who edits and submits it again. The count of waiting documents is the badge of
this tab (`count_changed`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.persistence.store import LocalStore
from app.services import documents
from app.services.auth import SignedInUser
from app.services.documents import InboxRow
from app.services.inventory import lifecycle
from app.ui.documents.labels import money, status_name, type_name
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _put(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(text))


class ApprovalsTab(QWidget):
    count_changed = Signal(int)
    open_document = Signal(str)  # a document id, to show in full

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.pending: list[InboxRow] = []
        self.inbox = _table([self.tr("Document"), self.tr("Type"), self.tr("Total"),
                             self.tr("Supplier / customer"), self.tr("Warehouse"),
                             self.tr("Prepared by"), self.tr("Level"), self.tr("Submitted")],
                            "approval_inbox")
        self.inbox.itemDoubleClicked.connect(lambda _i: self._open_current())
        self.comment = QLineEdit()
        self.comment.setObjectName("approval_comment")
        self.comment.setMaxLength(500)
        self.comment.setPlaceholderText(self.tr("Comment (needed to reject)"))
        self.approve_button = QPushButton(self.tr("&Approve"))
        self.reject_button = QPushButton(self.tr("Re&ject"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.message = QLabel()
        self.message.setObjectName("approval_message")
        self.message.setWordWrap(True)
        self.mine_only = QCheckBox(self.tr("Only my decisions"))
        self.mine_only.setChecked(True)
        self.mine_only.toggled.connect(lambda _c: self.refresh())
        self.history = _table([self.tr("At"), self.tr("Document"), self.tr("Type"),
                               self.tr("By"), self.tr("Level"), self.tr("Decision"),
                               self.tr("Comment"), self.tr("Now")], "approval_history")
        self._layout()

    def _layout(self) -> None:
        decide = QHBoxLayout()
        decide.addWidget(self.comment, 1)
        decide.addWidget(self.approve_button)
        decide.addWidget(self.reject_button)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Waiting for your decision (double-click to see the "
                                        "document):")))
        column.addWidget(self.inbox, 1)
        column.addLayout(decide)
        column.addWidget(self.message)
        bottom = QWidget()
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Decisions")))
        head.addStretch(1)
        head.addWidget(self.mine_only)
        lower.addLayout(head)
        lower.addWidget(self.history, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # -- reading --------------------------------------------------------------------------
    def refresh(self) -> None:
        actor, mine = self.user.actor, self.mine_only.isChecked()

        def read():
            return (documents.inbox(self.store, actor),
                    documents.decision_history(self.store, actor, mine_only=mine))

        self.ops.run(read, self._show, lambda exc: self.say(error_text(exc), True),
                     context=self)

    def _show(self, found) -> None:
        self.pending, history = found
        _put(self.inbox, [[p.id, type_name(p.type), money(p.total_fen), p.party, p.warehouse,
                           p.author, f"{p.level}/{p.levels}", p.created_at]
                          for p in self.pending])
        _put(self.history, [[h["at"].replace("T", " "), h["number"] or h["id"],
                             type_name(h["type"]), f"{h['user']} ({h['role']})",
                             str(h["level"]),
                             self.tr("Approved") if h["approved"] else self.tr("Rejected"),
                             h["comment"], status_name(h["status"])] for h in history])
        if self.pending and self.inbox.currentRow() < 0:
            self.inbox.selectRow(0)
        enabled = bool(self.pending)
        self.approve_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)
        self.count_changed.emit(len(self.pending))

    def current(self) -> InboxRow | None:
        row = self.inbox.currentRow()
        return self.pending[row] if 0 <= row < len(self.pending) else None

    def _open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_document.emit(row.id)

    # -- deciding -------------------------------------------------------------------------
    def decide(self, approve: bool) -> None:
        row = self.current()
        if row is None:
            self.say(self.tr("Choose a document first."), True)
            return
        comment = self.comment.text().strip()
        if not approve and not comment:
            self.say(self.tr("Say why you reject it, so the author knows what to change."),
                     True)
            self.comment.setFocus()
            return
        actor = self.user.actor
        if approve:
            job = lambda: lifecycle.approve(self.store, actor, row.id, comment)  # noqa: E731
        else:
            job = lambda: lifecycle.reject(self.store, actor, row.id, comment)  # noqa: E731
        self.ops.run(job, lambda result: self._decided(approve, result),
                     lambda exc: self.say(error_text(exc), True), context=self)

    def _decided(self, approved: bool, result) -> None:
        self.comment.clear()
        if not approved:
            text = fill(self.tr("Rejected %1: it went back to its author."), result.id)
        elif result.status == "posted":
            text = fill(self.tr("Approved and posted: %1."), result.number)
        else:
            text = fill(self.tr("Approved %1: it now waits for the next level."), result.id)
        self.say(text)
        self.refresh()

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "color: #2e7d32;")
