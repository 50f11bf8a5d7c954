"""Write-offs (报损): lines with a reason code each, an optional photo, a note."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.services.stock_work.write_offs import REASONS, WriteOffLine, write_off
from app.ui.errors import error_text
from app.ui.stock.lines_editor import LinesEditor
from app.ui.translations import current_language, fill


class WriteOffTab(QWidget):
    def __init__(self, store, ops, actor, warehouses: list[str], parent=None) -> None:
        super().__init__(parent)
        self._store, self._ops, self._actor = store, ops, actor
        self.photo: Path | None = None
        zh = current_language().startswith("zh")
        reasons = {k: (v[0] if zh else v[1]) for k, v in REASONS.items()}
        self.warehouse = QComboBox()
        self.warehouse.addItems(warehouses)
        self.lines = LinesEditor(store, ops, actor, reasons, self)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.photo_label = QLabel(self.tr("No photo"))
        self.photo_label.setObjectName("photo_label")
        self.photo_label.setFixedSize(160, 120)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px dashed palette(mid);")
        choose = QPushButton(self.tr("Photo…"))
        choose.clicked.connect(self.choose_photo)
        self.post_button = QPushButton(self.tr("Post write-off"))
        self.post_button.clicked.connect(self.post)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Warehouse:")))
        head.addWidget(self.warehouse)
        head.addWidget(self.note, 1)
        side = QVBoxLayout()
        side.addWidget(self.photo_label)
        side.addWidget(choose)
        side.addStretch(1)
        side.addWidget(self.post_button)
        body = QHBoxLayout()
        body.addWidget(self.lines, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)

    def refresh(self) -> None:
        """Nothing to read: ready for the first scan."""
        self.lines.code.setFocus()

    def choose_photo(self, path: Path | None = None) -> None:
        if not path:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a photo"), str(Path.home()),
                self.tr("Pictures (*.jpg *.jpeg *.png *.webp *.bmp)"))
            if not chosen:
                return
            path = Path(chosen)
        self.photo = Path(path)
        pixmap = QPixmap(str(self.photo))
        if pixmap.isNull():
            self.photo_label.setText(self.photo.name)
        else:
            self.photo_label.setPixmap(pixmap.scaled(
                self.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def post(self) -> None:
        lines = [WriteOffLine(l.sku, l.qty_milli, l.reason) for l in self.lines.lines]
        store, actor, photo = self._store, self._actor, self.photo
        warehouse, note = self.warehouse.currentText(), self.note.text()
        self.post_button.setEnabled(False)
        self._ops.run(lambda: write_off(store, actor, warehouse, lines, photo=photo, note=note),
                      self._done, self._failed, context=self)

    def _done(self, done) -> None:
        self.post_button.setEnabled(True)
        self.lines.clear()
        self.note.clear()
        self.photo = None
        self.photo_label.clear()
        self.photo_label.setText(self.tr("No photo"))
        number = done.result.number or done.result.id
        text = fill(self.tr("Write-off %1 posted."), number) if done.result.status == "posted" \
            else fill(self.tr("Write-off %1 is waiting for approval."), done.result.id)
        self.lines.say(text)

    def _failed(self, exc: Exception) -> None:
        self.post_button.setEnabled(True)
        self.lines.say(error_text(exc), error=True)
