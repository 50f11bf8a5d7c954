"""Documents as a lazily paged table: the view asks for more rows as it scrolls, each page
is read in the database on the worker (keyset paging, newest first), never the whole list."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.persistence.store import LocalStore
from app.services import documents
from app.services.auth import SignedInUser
from app.services.documents import DocFilter, DocPage, DocRow
from app.ui.documents.labels import day, money, status_name, type_name
from app.ui.ops import OpsRunner

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
PAGE = 100


class DocListModel(QAbstractTableModel):
    loaded = Signal(int)  # rows now in the list
    failed = Signal(object)

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent=None) -> None:
        super().__init__(parent)
        self.store, self.ops, self.user = store, ops, user
        self.rows: list[DocRow] = []
        self.filter = DocFilter()
        self._cursor: int | None = None
        self._done = True
        self._loading = False
        self._generation = 0

    def set_filter(self, f: DocFilter) -> None:
        """Show the documents matching `f` from the first page."""
        self._generation += 1
        self.beginResetModel()
        self.filter, self.rows, self._cursor, self._done = f, [], None, False
        self._loading = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> DocRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @property
    def done(self) -> bool:
        return self._done

    # -- lazy paging ----------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._done and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, f, after = self._generation, self.filter, self._cursor
        actor = self.user.actor
        self.ops.run(lambda: documents.list_documents(self.store, actor, f, after, PAGE),
                     lambda page: self._arrived(generation, page),
                     lambda exc: self._failed(generation, exc), context=self)

    def _arrived(self, generation: int, page: DocPage) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile
        self._loading = False
        if page.rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._cursor, self._done = page.cursor, page.done
        self.loaded.emit(len(self.rows))

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._loading, self._done = False, True
            self.failed.emit(exc)

    # -- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 8

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Number"), self.tr("Type"), self.tr("Status"), self.tr("Date"),
                self.tr("Warehouse"), self.tr("Supplier / customer"), self.tr("Total"),
                self.tr("Prepared by"))[section]

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if index.column() == 6 else LEFT)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (row.number or self.tr("(no number yet)"), type_name(row.type),
                status_name(row.status), day(row.date), row.warehouse, row.party,
                money(row.total_fen), row.author)[index.column()]
