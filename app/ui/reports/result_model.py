"""A report's rows (and its totals row) as a read-only Qt table model."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.domain.report_model import DATE, TEXT, ReportResult, cell_text
from app.ui.translations import current_language


class ResultModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result: ReportResult | None = None
        self._texts: list[list[str]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_result(self, result: ReportResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self._texts = []
        if result is not None:
            lang = current_language()
            lines = [result.values(r) for r in result.rows]
            if result.totals:
                lines.append(result.totals_values())
            self._texts = [[cell_text(c.kind, v, lang) for c, v in zip(result.columns, line)]
                           for line in lines]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() or self.result is None else len(self.result.columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.result.columns[index.column()].kind
            if kind not in (TEXT, DATE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.result.totals \
                and index.row() == len(self._texts) - 1:
            return self._bold
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self.result is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.result.columns[section].title(current_language())
        return None
