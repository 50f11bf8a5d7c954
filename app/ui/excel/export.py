"""Export any list to .xlsx: ask where, then write on the database worker (big lists take a
while) and say where it went. Formula injection is neutralised by the service.

    export_model(self, ops, table_view.model(), "stock")            # what a model shows
    export_rows(self, ops, columns, lambda: fetch_all(), "stock")    # rows fetched on the worker
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.services.excel.export import write_rows
from app.ui.errors import show_error
from app.ui.ops import OpsRunner
from app.ui.translations import fill

translate = QCoreApplication.translate


def ask_path(parent: QWidget, suggested: str) -> Path | None:
    name = f"{suggested}-{date.today():%Y%m%d}.xlsx"
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Export", "Export to Excel"), str(Path.home() / name),
        translate("Export", "Excel workbook (*.xlsx)"))
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def model_table(model: QAbstractItemModel) -> tuple[list[str], list[list]]:
    """The headers and the display texts of every row a model holds now."""
    columns = [str(model.headerData(c, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.DisplayRole) or "")
               for c in range(model.columnCount())]
    rows = [[model.data(model.index(r, c, QModelIndex()), Qt.ItemDataRole.DisplayRole)
             for c in range(model.columnCount())] for r in range(model.rowCount())]
    return columns, rows


def export_model(parent: QWidget, ops: OpsRunner, model: QAbstractItemModel, suggested: str,
                 path: Path | None = None) -> None:
    columns, rows = model_table(model)
    export_rows(parent, ops, columns, lambda: rows, suggested, path)


def export_rows(parent: QWidget, ops: OpsRunner, columns: Sequence,
                fetch: Callable[[], Iterable], suggested: str, path: Path | None = None,
                on_done: Callable[[Path, int], None] | None = None) -> None:
    """Write what `fetch()` returns (run on the worker) under `columns` to a chosen file."""
    target = path or ask_path(parent, suggested)
    if target is None:
        return

    def done(count: int) -> None:
        if on_done is not None:
            on_done(target, count)
        else:
            QMessageBox.information(parent, translate("Export", "Export to Excel"),
                                    fill(translate("Export", "%1 rows written to %2"),
                                         str(count), str(target)))

    ops.run(lambda: write_rows(target, columns, fetch()), done,
            lambda exc: show_error(parent, exc), context=parent)
