"""Run any report: choose it, set the period, filters and options, run it on the worker
(a progress bar while it runs), read the table and the chart, save it as PDF, XLSX, CSV or
the chart as PNG."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import JxcError
from app.domain.permissions import is_allowed
from app.services.reports.catalog import SPECS, run_report
from app.services.reports.profit import PROFIT_DIMENSIONS
from app.services.reports.sales import SALES_DIMENSIONS
from app.ui.errors import show_error
from app.ui.reports.filters_form import FiltersForm, OptionsForm
from app.ui.reports.result_panel import ResultPanel
from app.ui.translations import current_language

DIMENSIONS = {"sales": SALES_DIMENSIONS, "gross-profit": PROFIT_DIMENSIONS}


def allowed_reports(role: str) -> list:
    return [s for s in SPECS.values()
            if is_allowed(role, f"reports.{s.run.__module__.rsplit('.', 1)[-1]}.{s.run.__name__}")]


class RunnerTab(QWidget):
    def __init__(self, store, ops, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.result = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.report_box = QComboBox()
        self.report_box.setObjectName("report_choice")
        zh = current_language().startswith("zh")
        for spec in allowed_reports(actor.role):
            self.report_box.addItem(spec.zh if zh else spec.en, spec.name)
        self.report_box.currentIndexChanged.connect(self._chosen)
        self.run_button = QPushButton(self.tr("Run (Ctrl+Enter)"))
        self.run_button.setObjectName("run_report")
        self.run_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.run_button.clicked.connect(self.run)
        top.addWidget(QLabel(self.tr("Report:")))
        top.addWidget(self.report_box, 1)
        top.addWidget(self.run_button)
        layout.addLayout(top)
        self.filters, self.options = FiltersForm(), OptionsForm()
        row = QHBoxLayout()
        row.addWidget(self.filters, 3)
        row.addWidget(self.options, 1)
        layout.addLayout(row)
        self.panel = ResultPanel(ops, "report", store, actor)
        layout.addWidget(self.panel, 1)
        self._chosen()

    def spec(self):
        return SPECS.get(self.report_box.currentData())

    def _chosen(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.filters.allow(spec.filters, spec.as_of)
        self.options.allow(spec.options, DIMENSIONS.get(spec.name, ()))

    def run(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        try:
            f = self.filters.report_filter(spec.as_of)
            f.period  # refuses from > to before anything runs
        except JxcError as exc:  # a bad period: shown, nothing lost
            show_error(self, exc)
            return
        options = self.options.values(spec.options)
        store, actor, name = self._store, self._actor, spec.name
        self.panel.busy(True)
        self.run_button.setEnabled(False)
        self._ops.run(lambda: run_report(store, name, f, actor=actor, **options), self.show_result,
                      self._failed, context=self)

    def _failed(self, exc: Exception) -> None:
        self.run_button.setEnabled(True)
        self.panel.failed(exc)

    def show_result(self, result) -> None:
        self.run_button.setEnabled(True)
        self.result = result
        self.panel.show_result(result)
