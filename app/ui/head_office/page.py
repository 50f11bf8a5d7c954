"""The Head office section: a tab for sync status and one for other stores' stock."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.head_office.stores_tab import StoresTab
from app.ui.head_office.sync_tab import SyncTab
from app.ui.ops import OpsRunner


class HeadOfficePage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.sync_tab = SyncTab(store, ops, user.actor)
        self.stores_tab = StoresTab(store, ops, user.actor)
        self.tabs.addTab(self.sync_tab, self.tr("Sync status"))
        self.tabs.addTab(self.stores_tab, self.tr("Other stores' stock"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
