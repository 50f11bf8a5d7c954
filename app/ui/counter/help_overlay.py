"""F1: every key of the sale screen, laid over it; F1 or Esc closes it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.ui.counter.keys import input_keys, key_actions
from app.ui.counter.texts import scaled


class HelpOverlay(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("help_overlay")
        self.setStyleSheet("QFrame#help_overlay { background: rgba(250, 250, 250, 245); "
                           "border: 2px solid #1565c0; border-radius: 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        title = QLabel(self.tr("Keys of the sale screen"))
        title.setFont(scaled(self, 1.5, bold=True))
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        rows = [(QKeySequence(a.keys[0]).toString(QKeySequence.SequenceFormat.NativeText), a.title)
                for a in key_actions()] + input_keys()
        self.rows = rows
        for row, (keys, text) in enumerate(rows):
            key_label = QLabel(keys)
            key_label.setFont(scaled(self, 1.1, bold=True))
            key_label.setStyleSheet("color: #1565c0;")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignLeft)
            what = QLabel(text)
            what.setFont(scaled(self, 1.1))
            grid.addWidget(what, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        close = QLabel(self.tr("Press F1 or Esc to close."))
        close.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(close)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        hint = self.sizeHint()
        width, height = min(max(hint.width(), 560), parent.width() - 40), hint.height()
        self.setGeometry((parent.width() - width) // 2, max((parent.height() - height) // 2, 10),
                         width, height)
        self.show()
        self.raise_()
