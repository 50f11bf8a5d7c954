"""The import dialog: choose what to import and the file, download a template, watch the
progress, and on a refused file open the marked copy with one click.

Reusable by any page: `ImportDialog(store, ops, user, kinds=("stock", "receipts"), parent=…)`.
The import runs on the database worker; its progress callback (called on that thread)
reaches the bar through a queued signal.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.custom_fields import definitions
from app.services.excel import IMPORTERS, KINDS, ImportRejected, write_template
from app.ui.errors import error_text
from app.ui.ops import OpsRunner
from app.ui.translations import current_language, fill


class _Progress(QObject):
    """Crosses from the worker thread to the UI thread (queued by Qt)."""

    changed = Signal(str, int, int)


class ImportDialog(QDialog):
    finished_import = Signal(object)  # the result, after a successful import

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 kinds: tuple[str, ...] = KINDS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import from Excel"))
        self._store, self._ops, self._actor = store, ops, user.actor
        self.marked: Path | None = None
        self.result = None
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress)
        self._build(kinds)

    def titles(self) -> dict[str, str]:
        return {"products": self.tr("Products"), "stock": self.tr("Opening stock"),
                "prices": self.tr("Price changes"), "receipts": self.tr("Purchase receipts")}

    def _build(self, kinds: tuple[str, ...]) -> None:
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(self.titles()[kind], kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("A .xlsx or .csv file"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.template_button = QPushButton(self.tr("Download template…"))
        self.template_button.clicked.connect(self.save_template)
        form = QFormLayout()
        form.addRow(self.tr("What to import:"), self.kind)
        form.addRow(self.tr("File:"), row)
        form.addRow("", self.template_button)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.message = QLabel(self.tr("Nothing is written unless every row of the file is "
                                      "valid. A refused file gets a copy with each bad cell "
                                      "marked in red."))
        self.message.setObjectName("import_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_marked = QPushButton(self.tr("Open marked copy"))
        self.open_marked.setObjectName("open_marked")
        self.open_marked.setEnabled(False)
        self.open_marked.clicked.connect(self.open_marked_copy)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.addButton(self.open_marked, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.message, 1)
        layout.addWidget(buttons)
        self.resize(620, 300)

    # -- behaviour ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file to import"),
                                              str(Path.home()),
                                              self.tr("Excel or CSV (*.xlsx *.xlsm *.csv *.txt)"))
        if path:
            self.path.setText(path)

    def save_template(self, path: Path | None = None) -> None:
        kind = self.kind.currentData()
        if not path:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the template"), str(Path.home() / f"jxc-{kind}.xlsx"),
                self.tr("Excel workbook (*.xlsx)"))
            if not chosen:
                return
            path = Path(chosen)
        store, actor = self._store, self._actor
        self._ops.run(lambda: write_template(kind, Path(path), _fields(store, actor, kind)),
                      lambda done: self._say(fill(self.tr("Template saved: %1"), str(done))),
                      self._failed, context=self)

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._say(self.tr("Choose a file first."))
            return
        kind, path = self.kind.currentData(), Path(text)
        store, actor, signal = self._store, self._actor, self._progress.changed
        self.marked = None
        self.open_marked.setEnabled(False)
        self.import_button.setEnabled(False)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self._say(fill(self.tr("Importing %1…"), path.name))
        self._ops.run(lambda: IMPORTERS[kind](store, actor, path, progress=signal.emit),
                      self._done, self._failed, context=self)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if stage == "write" and total:
            self.bar.setRange(0, 100)
            self.bar.setValue(80 + 20 * done // total)
        elif stage in ("check", "write"):
            self.bar.setRange(0, 100)
            self.bar.setValue(70 if stage == "check" else 80)
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(70 * (1 - 1 / (1 + done / 20_000))))

    def _done(self, result) -> None:
        self.result = result
        self.import_button.setEnabled(True)
        self.bar.setRange(0, 100)
        self.bar.setValue(100)
        self._say(result.summary(current_language()))
        self.finished_import.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        if isinstance(exc, ImportRejected) and exc.marked:
            self.marked = exc.marked
            self.open_marked.setEnabled(True)
        self._say(error_text(exc))

    def open_marked_copy(self) -> None:
        if self.marked is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.marked)))

    def _say(self, text: str) -> None:
        self.message.setText(text)


def _fields(store, actor, kind: str) -> list:
    """The product custom fields a products template gets a column for (on the worker)."""
    return definitions(store, "product", actor=actor) if kind == "products" else []
