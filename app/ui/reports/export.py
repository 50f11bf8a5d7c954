"""Saving a report: PDF, XLSX and CSV through the reports' exporters (on the worker; PDF
and XLSX in the store's language, CSV in the screen's), PNG from the chart on screen."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.reports.export import export_file
from app.ui.errors import show_error
from app.ui.translations import current_language

FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)",
           "png": "PNG (*.png)"}


def ask_path(parent: QWidget, title: str, name: str, fmt: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, f"{name}.{fmt}", FILTERS[fmt])
    if path and not path.lower().endswith("." + fmt):
        path += "." + fmt
    return path


def write_report(ops, parent: QWidget, store, actor, result, fmt: str, path: str,
                 done) -> None:
    """Render on the worker (a big PDF takes a while), write, then call done(path)."""
    lang = current_language()

    def work() -> str:
        Path(path).write_bytes(export_file(store, result, fmt, lang, actor=actor))
        return path

    ops.run(work, done, lambda exc: show_error(parent, exc), context=parent)
