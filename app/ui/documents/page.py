"""The Documents section (单据): every document type in one filtered, lazily paged list with
the chosen document in full beside it, and the approvals inbox with its count badge.
See docs/back-office.md, "Purchasing, documents and approvals"."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.documents.approvals_tab import ApprovalsTab
from app.ui.documents.detail import DocumentDetail
from app.ui.documents.filter_bar import FilterBar
from app.ui.documents.list_model import DocListModel
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import fill


class DocumentsPage(QWidget):
    pending_count = Signal(int)  # documents waiting for this user's decision (a badge)

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents_page")
        self.model = DocListModel(store, ops, user, self)
        self.filters = FilterBar()
        self.table = QTableView()
        self.table.setObjectName("document_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 90, 80, 85, 70, 130, 80)):
            header.resizeSection(column, width)
        self.count = QLabel()
        self.count.setObjectName("list_count")
        self.detail = DocumentDetail(store, ops, user)
        self.approvals = ApprovalsTab(store, ops, user)
        self._layout()
        self._wire()
        self.filters.apply()  # the approvals are read when the page is shown

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filters)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([640, 560])
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("&Documents"))
        self.tabs.addTab(self.approvals, self.tr("A&pprovals"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

    def _wire(self) -> None:
        self.filters.applied.connect(self.model.set_filter)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: self.count.setText(error_text(exc)))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._chosen(cur.row()))
        self.approvals.count_changed.connect(self._badge)
        self.approvals.open_document.connect(self.show_document)
        self.detail.reversed.connect(lambda _t: self.filters.apply())
        self.tabs.currentChanged.connect(self._tab_changed)
        for keys, slot in (("F5", self.refresh), ("Ctrl+F", self.filters.number.setFocus),
                           ("Ctrl+P", self.detail.print_pdf)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _loaded(self, rows: int) -> None:
        more = "" if self.model.done else self.tr(" (scroll for more)")
        self.count.setText(fill(self.tr("%1 document(s) shown%2"), rows, more))
        if rows and self.table.currentIndex().row() < 0 and self.detail.doc is None:
            self.table.selectRow(0)

    def _chosen(self, row: int) -> None:
        doc = self.model.row_at(row)
        if doc is not None:
            self.detail.show_document(doc.id)

    def _badge(self, count: int) -> None:
        title = self.tr("A&pprovals")
        self.tabs.setTabText(1, fill(self.tr("%1 (%2)"), title, count) if count else title)
        self.pending_count.emit(count)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.approvals:
            self.approvals.refresh()

    def show_document(self, ref: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.detail.show_document(ref)

    def refresh(self) -> None:
        self.filters.apply()
        self.approvals.refresh()

    def showEvent(self, event) -> None:  # the badge is fresh whenever the section is shown
        super().showEvent(event)
        self.approvals.refresh()
