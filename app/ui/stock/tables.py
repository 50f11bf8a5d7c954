"""How the stock screens size their tables: the product column takes the spare width, the
others fit their contents, so nothing is cut off and no sideways scrolling is needed."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def fit(table: QTableView, stretch: int = 1) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(60)
