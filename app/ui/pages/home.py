"""Home: who is signed in and what the open store is, read through the ops runner."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.overview import StoreOverview, store_overview
from app.ui.errors import show_error
from app.ui.ops import OpsRunner
from app.ui.roles import role_title, user_title
from app.ui.translations import fill

COUNTS = ("warehouses", "products", "suppliers", "customers")


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class HomePage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ops = ops
        self._actor = user.actor
        self.overview: StoreOverview | None = None
        self.values: dict[str, QLabel] = {}
        self.counts: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(18)
        layout.addLayout(self._header(user))
        layout.addWidget(self._store_box())
        layout.addLayout(self._count_cards())
        layout.addStretch(1)

    # -- building -------------------------------------------------------------------------
    def _header(self, user: SignedInUser) -> QHBoxLayout:
        welcome = QLabel(fill(self.tr("Welcome, %1"), user.display_name))
        welcome.setFont(_scaled_font(self, 1.8, bold=True))
        who = QLabel(fill(self.tr("Signed in as %1 · role: %2"), user_title(user),
                          role_title(user.role)))
        who.setObjectName("signed_in_as")
        column = QVBoxLayout()
        column.addWidget(welcome)
        column.addWidget(who)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addLayout(column, 1)
        row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _store_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This store"))
        form = QFormLayout(box)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        rows = [("store_code", self.tr("Store code")), ("store_name", self.tr("Store name")),
                ("encryption", self.tr("Encryption")),
                ("schema_revision", self.tr("Database version")),
                ("data_dir", self.tr("Data directory"))]
        for key, title in rows:
            value = QLabel("…")
            value.setObjectName(f"value_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(title + self.tr(":"), value)
        return box

    def _count_cards(self) -> QGridLayout:
        titles = {"warehouses": self.tr("Warehouses"), "products": self.tr("Products"),
                  "suppliers": self.tr("Suppliers"), "customers": self.tr("Customers")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, key in enumerate(COUNTS):
            grid.addWidget(self._card(key, titles[key]), 0, column)
        return grid

    def _card(self, key: str, title: str) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        number = QLabel("…")
        number.setObjectName(f"count_{key}")
        number.setFont(_scaled_font(self, 2.2, bold=True))
        self.counts[key] = number
        caption = QLabel(title)
        column = QVBoxLayout(card)
        column.setContentsMargins(18, 12, 18, 12)
        column.addWidget(number)
        column.addWidget(caption)
        return card

    # -- behaviour ------------------------------------------------------------------------
    def refresh(self) -> None:
        store, actor = self._store, self._actor
        self.refresh_button.setEnabled(False)
        self._ops.run(lambda: store_overview(store, actor=actor), self.show_overview, self._on_failed,
                      context=self)

    def show_overview(self, overview: StoreOverview) -> None:
        self.overview = overview
        self.refresh_button.setEnabled(True)
        texts = {"store_code": overview.store_code, "store_name": overview.store_name,
                 "encryption": fill(self.tr("Encrypted: SQLCipher %1"),
                                    overview.cipher_version),
                 "schema_revision": overview.schema_revision, "data_dir": overview.data_dir}
        for key, text in texts.items():
            self.values[key].setText(text)
        for key in COUNTS:
            self.counts[key].setText(f"{getattr(overview, key):,}")

    def _on_failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        show_error(self, exc)
