"""What the three template editors (receipt, label, document PDF) share: the frame of
controls beside a preview with the problem line and Save/Cancel under them, and the ticked,
drag-ordered list of what prints."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget)


def frame(dialog: QDialog, controls: QWidget, preview: QWidget,
          stretch: tuple[int, int] = (1, 1)) -> tuple[QLabel, QPushButton]:
    """Lay out `dialog`: controls and preview side by side, then the problem line and
    Save/Cancel (wired to `dialog.save` and `reject`); returns (problem, save button)."""
    row = QHBoxLayout()
    row.addWidget(controls, stretch[0])
    row.addWidget(preview, stretch[1])
    column = QVBoxLayout(dialog)
    column.addLayout(row, 1)
    problem = QLabel()
    problem.setStyleSheet("color: #c62828;")
    problem.setWordWrap(True)
    column.addWidget(problem)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    column.addWidget(buttons)
    return problem, buttons.button(QDialogButtonBox.StandardButton.Save)


def ordered_list(tooltip: str, changed: Callable[..., None]) -> QListWidget:
    """A list whose items are ticked to print and dragged to order; any change calls
    `changed`."""
    items = QListWidget()
    items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    items.setToolTip(tooltip)
    items.model().rowsMoved.connect(changed)
    items.itemChanged.connect(changed)
    return items
