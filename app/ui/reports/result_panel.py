"""What a run shows: a progress bar while the worker runs, the table, the chart, and the
buttons that save the result (PDF, XLSX, CSV; the chart as PNG)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from app.ui.errors import show_error
from app.ui.reports.charts import ChartView, chart_pairs
from app.ui.reports.export import ask_path, write_report
from app.ui.reports.result_model import ResultModel
from app.ui.translations import fill


class ResultPanel(QWidget):
    def __init__(self, ops, name: str, store, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops, self._store, self._actor = ops, store, actor
        self.result = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{name}_progress")
        self.progress.setRange(0, 0)  # busy: a report query reports no steps
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setObjectName(f"{name}_status")
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ResultModel(self)
        self.table = QTableView()
        self.table.setObjectName(f"{name}_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.chart = ChartView()
        self.chart.setObjectName(f"{name}_chart")
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([400, 240])
        layout.addWidget(split, 1)
        layout.addLayout(self._exports(name))

    def _exports(self, name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.export_buttons = {}
        for fmt, text, keys in (("pdf", self.tr("Save PDF (Ctrl+P)"), "Ctrl+P"),
                                ("xlsx", self.tr("Save Excel (Ctrl+E)"), "Ctrl+E"),
                                ("csv", self.tr("Save CSV"), None),
                                ("png", self.tr("Save chart PNG"), None)):
            button = QPushButton(text)
            button.setObjectName(f"{name}_export_{fmt}")
            if keys:
                button.setShortcut(QKeySequence(keys))
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            row.addWidget(button)
        return row

    def busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.status.setText(self.tr("Running…") if busy else "")

    def failed(self, exc: Exception) -> None:
        self.busy(False)
        show_error(self, exc)

    def show_result(self, result, chart_kind: str | None = None) -> None:
        """chart_kind: line, bar, pie or table (no chart); default from the report."""
        self.busy(False)
        self.result = result
        self.model.set_result(result)
        self.table.resizeColumnsToContents()
        pairs, title = chart_pairs(result)
        kind = chart_kind or ("line" if result.chart and result.chart[2] == "trend" else "bar")
        self.chart.setVisible(kind != "table")
        self.chart.show_pairs(pairs if kind != "table" else [], kind, title)
        self.status.setText(fill(self.tr("%1 rows"), len(result.rows)))
        for fmt, button in self.export_buttons.items():
            button.setEnabled(fmt != "png" or (bool(pairs) and kind != "table"))

    def export(self, fmt: str, path: str | None = None) -> None:
        if self.result is None:
            return
        path = path or ask_path(self, self.tr("Save report"), self.result.name, fmt)
        if not path:
            return
        if fmt == "png":
            if self.chart.save_png(path):
                self.status.setText(fill(self.tr("Saved %1"), path))
            return
        write_report(self._ops, self, self._store, self._actor, self.result, fmt, path,
                     lambda p: self.status.setText(fill(self.tr("Saved %1"), p)))
