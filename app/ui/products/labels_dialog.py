"""Print shelf labels or price tags for the selected products: copies per product, paper,
kind, positions already used on a sheet; the PDF is made and written on the ops worker."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHeaderView, QLabel, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.persistence.store import LocalStore
from app.services.labels import KINDS, MAX_COPIES, PAPERS, label_pdf
from app.services.records import Actor
from app.ui.errors import show_error
from app.ui.ops import OpsRunner
from app.ui.translations import current_language, fill


class LabelsDialog(QDialog):
    written = Signal(str)  # the PDF's path

    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor,
                 products: list[tuple[int, str]], parent: QWidget | None = None,
                 copies: list[int] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labels_dialog")
        self.setWindowTitle(self.tr("Labels"))
        self._store, self._ops, self._actor = store, ops, actor
        self.products = products
        zh = current_language().startswith("zh")
        self.table = QTableWidget(len(products), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Copies")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.copies: list[QSpinBox] = []
        for row, (_pid, name) in enumerate(products):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            spin = QSpinBox()
            spin.setRange(1, MAX_COPIES)
            if copies:
                spin.setValue(copies[row])
            self.table.setCellWidget(row, 1, spin)
            self.copies.append(spin)
        self.paper = QComboBox()
        for key, paper in PAPERS.items():
            self.paper.addItem(paper.zh if zh else paper.en, key)
        self.kind = QComboBox()
        for key, (kind_zh, kind_en) in KINDS.items():
            self.kind.addItem(kind_zh if zh else kind_en, key)
        self.skip = QSpinBox()
        self.paper.currentIndexChanged.connect(self._paper_changed)
        self._paper_changed()
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Used positions to skip"), self.skip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self.tr("Save PDF…"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _paper_changed(self) -> None:
        paper = PAPERS[self.paper.currentData()]
        self.skip.setRange(0, paper.per_page - 1)
        self.skip.setEnabled(paper.per_page > 1)

    def items(self) -> list[tuple[int, int]]:
        return [(pid, spin.value()) for (pid, _), spin in zip(self.products, self.copies)]

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save labels as PDF"),
                                              str(Path.home() / "labels.pdf"), "PDF (*.pdf)")
        if path:
            self.write(path)

    def write(self, path: str) -> None:
        store, actor, items = self._store, self._actor, self.items()
        paper, kind, skip = self.paper.currentData(), self.kind.currentData(), self.skip.value()

        def job() -> str:  # labels are printed in the store's language (store.language)
            Path(path).write_bytes(label_pdf(store, items, paper, kind, skip=skip, actor=actor))
            return path

        self.setEnabled(False)
        self.message.setText(self.tr("Making the labels…"))
        self._ops.run(job, self._written, self._failed, context=self)

    def _written(self, path: str) -> None:
        self.setEnabled(True)
        self.message.setText(fill(self.tr("Saved to %1"), path))
        self.written.emit(path)

    def open_pdf(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _failed(self, exc: Exception) -> None:
        self.setEnabled(True)
        self.message.setText("")
        show_error(self, exc)
