"""The Admin section: Users and roles, Audit log, Backups, Health, Settings, Custom fields.

Every tab is shown to every role; what a role may not do is refused by the service and
the refusal is shown in the tab (a cashier opening Users reads that they may not list
users), so the screen never pretends to a right the table does not give.
"""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.admin import background
from app.ui.admin.audit_tab import AuditTab
from app.ui.admin.backups_tab import BackupsTab
from app.ui.admin.fields_tab import FieldsTab
from app.ui.admin.health_tab import HealthTab
from app.ui.admin.settings_tab import SettingsTab
from app.ui.admin.users_tab import UsersTab
from app.ui.ops import OpsRunner


class AdminPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maintenance, self._owns_maintenance = background.for_page(store)
        self.users_tab = UsersTab(store, ops, user)
        self.audit_tab = AuditTab(store, ops, user, self.maintenance)
        self.backups_tab = BackupsTab(store, ops, user, self.maintenance)
        self.health_tab = HealthTab(store, ops, user, self.maintenance)
        self.settings_tab = SettingsTab(store, ops, user)
        self.fields_tab = FieldsTab(store, ops, user)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users_tab, self.tr("&Users and roles"))
        self.tabs.addTab(self.audit_tab, self.tr("&Audit log"))
        self.tabs.addTab(self.backups_tab, self.tr("&Backups"))
        self.tabs.addTab(self.health_tab, self.tr("&Health"))
        self.tabs.addTab(self.settings_tab, self.tr("&Settings"))
        self.tabs.addTab(self.fields_tab, self.tr("Custom &fields"))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        """Each tab reads its data the first time it is shown (F5 / refresh afterwards)."""
        if index in self._loaded or index < 0:
            return
        self._loaded.add(index)
        self.tabs.widget(index).refresh()

    def shutdown(self) -> None:
        """Called by the main window as it closes: a maintenance of its own ends here."""
        if self._owns_maintenance:
            self._owns_maintenance = False
            self.maintenance.stop()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name (a page shown on its own)
        self.shutdown()
        super().closeEvent(event)
