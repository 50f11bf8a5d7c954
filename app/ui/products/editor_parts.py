"""Pieces of the product editor: the recipe table, the image box, and field error marks."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

IMAGE_FILTER = "*.png *.jpg *.jpeg *.gif *.bmp *.webp"
ERROR_STYLE = "border: 2px solid #c62828; border-radius: 3px;"


class RecipeTable(QWidget):
    """Yield and component lines (SKU, quantity per yield), edited in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yield_edit = QLineEdit("1")
        self.yield_edit.setObjectName("recipe_yield")
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("recipe_table")
        self.table.setHorizontalHeaderLabels([self.tr("Component SKU"),
                                              self.tr("Quantity per yield")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add = QPushButton(self.tr("Add line"))
        remove = QPushButton(self.tr("Remove line"))
        add.clicked.connect(lambda: self.add_line("", ""))
        remove.clicked.connect(self.remove_line)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("One yield is")))
        top.addWidget(self.yield_edit)
        top.addStretch(1)
        top.addWidget(add)
        top.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("A product with a recipe (a dish, a gift box) uses its "
                                        "components when it is assembled or sold.")))

    def add_line(self, sku: str, qty: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(sku))
        self.table.setItem(row, 1, QTableWidgetItem(qty))
        self.table.setCurrentCell(row, 0)

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_lines(self, yield_text: str, lines: list[tuple[str, str]]) -> None:
        self.yield_edit.setText(yield_text)
        self.table.setRowCount(0)
        for sku, qty in lines:
            self.add_line(sku, qty)

    def lines(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in (0, 1)]
            out.append(tuple(c.text().strip() if c else "" for c in cells))
        return out


class ImageBox(QWidget):
    """A preview, Choose… and Remove. The chosen file is copied by the service on save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = QLabel(self.tr("No image"))
        self.preview.setObjectName("image_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(240, 240)
        self.preview.setStyleSheet("border: 1px solid palette(mid);")
        self.choose = QPushButton(self.tr("Choose image…"))
        self.remove = QPushButton(self.tr("Remove image"))
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(self.clear)
        self.chosen: str | None = None
        self.cleared = False
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_file(self, path: str) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No image") if not path else
                                 self.tr("This file cannot be shown"))
            return
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def use_file(self, path: str) -> None:
        self.chosen, self.cleared = path, False
        self.show_file(path)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a product image"),
                                              str(Path.home()),
                                              fill_filter(self.tr("Images (%1)")))
        if path:
            self.use_file(path)

    def clear(self) -> None:
        self.chosen, self.cleared = None, True
        self.show_file("")


def fill_filter(template: str) -> str:
    return template.replace("%1", IMAGE_FILTER)


def mark(widget: QWidget, message: str | None) -> None:
    """Show (or clear, with None) a field's error: a red frame and the message as tooltip."""
    widget.setStyleSheet(ERROR_STYLE if message else "")
    widget.setToolTip(message or "")
