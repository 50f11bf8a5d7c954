"""Two lists to choose from by drag and drop (or the keyboard: Enter moves the current
item across, Ctrl+Up/Down reorders the chosen list)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

KEY = Qt.ItemDataRole.UserRole


class DragList(QListWidget):
    """A list whose items move (not copy) between the pair by drag and drop."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def keys(self) -> list[str]:
        return [self.item(i).data(KEY) for i in range(self.count())]


class PickLists(QWidget):
    """Available on the left, chosen on the right; `changed` after any move."""

    changed = Signal()

    def __init__(self, title: str, name: str, items: dict[str, str], parent=None, *,
                 keep_unknown: bool = False) -> None:
        super().__init__(parent)
        self.titles, self.keep_unknown = items, keep_unknown
        self.available, self.chosen = DragList(f"{name}_available"), DragList(f"{name}_chosen")
        for key, text in items.items():
            self.available.addItem(self._item(key, text))
        for widget in (self.available, self.chosen):
            widget.model().rowsInserted.connect(lambda *_: self.changed.emit())
            widget.model().rowsRemoved.connect(lambda *_: self.changed.emit())
        self.available.itemActivated.connect(lambda item: self._move(self.available, self.chosen))
        self.chosen.itemActivated.connect(lambda item: self._move(self.chosen, self.available))
        add, remove = QPushButton("→"), QPushButton("←")
        add.setToolTip(self.tr("Add (Enter)"))
        remove.setToolTip(self.tr("Remove (Enter)"))
        add.clicked.connect(lambda: self._move(self.available, self.chosen))
        remove.clicked.connect(lambda: self._move(self.chosen, self.available))
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            QShortcut(QKeySequence(keys), self.chosen, lambda s=step: self._reorder(s))
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.available)
        lists.addLayout(buttons)
        lists.addWidget(self.chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(title))
        layout.addLayout(lists)

    @staticmethod
    def _item(key: str, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(KEY, key)
        return item

    def _move(self, source: QListWidget, target: QListWidget) -> None:
        row = source.currentRow()
        if row < 0:
            return
        item = source.takeItem(row)
        target.addItem(item)
        target.setCurrentItem(item)

    def _reorder(self, step: int) -> None:
        row = self.chosen.currentRow()
        if row < 0 or not 0 <= row + step < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(row + step, item)
        self.chosen.setCurrentItem(item)

    def keys(self) -> list[str]:
        return self.chosen.keys()

    def set_titles(self, items: dict[str, str]) -> None:
        """Offer `items` instead (e.g. with the store's custom fields), keeping the choice."""
        if items != self.titles:
            chosen = self.keys()
            self.titles = items
            self.set_keys(chosen)

    def set_keys(self, keys: list[str]) -> None:
        """Choose exactly `keys`, in that order; one not offered is dropped, or with
        `keep_unknown` (a saved report's hidden custom field) stays chosen under its name,
        for running it to say why."""
        self.available.clear()
        self.chosen.clear()
        for key in keys:
            if key in self.titles or self.keep_unknown:
                self.chosen.addItem(self._item(key, self.titles.get(key, key)))
        for key, text in self.titles.items():
            if key not in keys:
                self.available.addItem(self._item(key, text))
