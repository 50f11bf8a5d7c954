"""The desktop flow: open the store, sign in, main window, sign out, ... until quit."""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.brief.schedule import BriefScheduler
from app.services.catalog_sync import start_background_sync
from app.ui import idle_lock
from app.ui.admin import background
from app.ui.admin.status import MaintenanceStatus
from app.ui.errors import report_startup_error
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.ops import OpsRunner
from app.ui.translations import language_events, replace_main_window

log = logging.getLogger(__name__)


class DesktopSession(QObject):
    """Drives the windows; emits `finished(exit_code)` when the app should end.

    The store is opened on the ops worker too (migrations may take a moment); whoever
    created the session closes `store` after `finished`.
    """

    finished = Signal(int)

    def __init__(self, ops: OpsRunner, open_store: Callable[[], LocalStore],
                 parent: QObject | None = None, section: str | None = None) -> None:
        super().__init__(parent)
        self._section = section  # e.g. "counter": shown first after each sign-in
        language_events().changed.connect(self._on_language_changed)
        self._ops = ops
        self._open_store = open_store
        self.store: LocalStore | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.sync = None  # the background sync with head office, when enrolled
        self.maintenance = None  # nightly backup and hourly health (app/ui/admin/background.py)
        self.brief = None  # the morning brief at its set time (app/services/brief/schedule.py)
        self.idle_lock = None

    def start(self) -> None:
        self._ops.run(self._open_store, self._on_store_opened, self._on_open_failed)

    def close_windows(self) -> None:
        for widget in (self.login, self.window):
            if widget is not None:
                widget.blockSignals(True)
                widget.close()
                widget.deleteLater()
        self.login = self.window = None

    def shutdown(self) -> None:
        """Close the windows and stop every thread the session started (sync, backups,
        the brief): a process must not exit under a running thread."""
        self.close_windows()
        self.stop_sync()
        self.stop_background()

    def _on_open_failed(self, exc: Exception) -> None:
        report_startup_error(exc)
        self.finished.emit(1)

    def _on_store_opened(self, store: LocalStore) -> None:
        self.store = store
        self._ops.run(lambda: start_background_sync(store), self._on_sync_started,
                      lambda exc: None)  # selling goes on without head office
        self.maintenance = background.start(store)
        self.brief = BriefScheduler(store).start()
        self.show_login()

    def _on_sync_started(self, sync) -> None:
        self.sync = sync

    def stop_sync(self) -> None:
        if self.sync is not None:
            self.sync.stop(timeout=2.0)
            self.sync = None

    def stop_background(self) -> None:
        """End the maintenance thread (a backup cut short never counts as good)."""
        if self.maintenance is not None:
            background.stop()
            self.maintenance = None
        if self.brief is not None:
            self.brief.stop(timeout=2.0)
            self.brief = None

    def show_login(self) -> None:
        assert self.store is not None
        self.login = LoginDialog(self.store, self._ops)
        self.login.signed_in.connect(self._on_signed_in)
        self.login.rejected.connect(lambda: self.finished.emit(0))
        self.login.show()
        self.login.activateWindow()

    def _new_window(self, user: SignedInUser) -> MainWindow:
        assert self.store is not None
        window = MainWindow(self.store, self._ops, user)
        window.sign_out_requested.connect(self._on_sign_out)
        window.quit_requested.connect(lambda: self.finished.emit(0))
        return window

    def _on_language_changed(self, _lang: str) -> None:
        """Rebuild the open window in the new language (its texts are made when built)."""
        if self.window is not None:
            old, self.window = self.window, self._new_window(self.window.user)
            replace_main_window(old, self.window)
        elif self.login is not None:
            self.login.blockSignals(True)  # closing it is not a cancel
            self.login.close()
            self.login.deleteLater()
            self.show_login()

    def _on_signed_in(self, user: SignedInUser) -> None:
        window = self._new_window(user)
        if self._section:
            window.show_section(self._section)
        window.show()
        window.activateWindow()  # keyboard focus follows sign-in (Ctrl+Q, Ctrl+1...)
        self.window = window
        self.idle_lock = idle_lock.install(window, self.store, self._ops, user)
        if self.maintenance is not None:
            window.statusBar().addPermanentWidget(MaintenanceStatus(self.maintenance))
        if self.login is not None:
            self.login.deleteLater()
            self.login = None

    def _on_sign_out(self) -> None:
        log.info("user %s signed out", self.window.user.username if self.window else "?")
        if self.window is not None:
            self.window.deleteLater()  # it closes itself right after this signal
            self.window = None
            self.idle_lock = None  # a child of the window
        self.show_login()
