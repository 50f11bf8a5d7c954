"""The Reports section: dashboard, report runner, report builder and (for managers) the
morning brief's settings, one tab each (Ctrl+PgUp / Ctrl+PgDown switch tabs)."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain.permissions import is_allowed
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner
from app.ui.reports.brief_tab import BriefTab
from app.ui.reports.builder_tab import BuilderTab
from app.ui.reports.dashboard_tab import DashboardTab
from app.ui.reports.runner_tab import RunnerTab


class ReportsPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor = user.actor
        self.tabs = QTabWidget()
        self.dashboard_tab = DashboardTab(store, ops, actor)
        self.runner_tab = RunnerTab(store, ops, actor)
        self.builder_tab = BuilderTab(store, ops, actor)
        self.tabs.addTab(self.dashboard_tab, self.tr("Dashboard"))
        self.tabs.addTab(self.runner_tab, self.tr("Reports"))
        self.tabs.addTab(self.builder_tab, self.tr("Report builder"))
        self.brief_tab = None
        if is_allowed(actor.role, "brief.config.load_brief_config"):
            self.brief_tab = BriefTab(store, ops, actor)
            self.tabs.addTab(self.brief_tab, self.tr("Morning brief"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
