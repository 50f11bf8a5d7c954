"""Start the desktop app: `run_desktop(layout)` is what `jxc` / `jxc gui` call."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.bootstrap import open_local_store
from app.persistence.layout import DataDir
from app.ui.errors import show_error
from app.ui.ops import OpsRunner
from app.ui.session import DesktopSession
from app.ui.translations import desktop_language, install_translators, remove_translators
from app.ui.wizard import run_first_run_if_needed

APPLICATION_NAME = "JXC"


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
        app.setApplicationName(APPLICATION_NAME)
    return app  # type: ignore[return-value]


def run_desktop(layout: DataDir, section: str | None = None) -> int:
    """Show sign-in, then the main window; returns the exit code (1 if the store failed)."""
    app = _application()
    translators = install_translators(app, desktop_language())
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # signing out closes the window: not a quit
    ops = OpsRunner(default_failure=lambda exc: show_error(app.activeWindow(), exc))
    session = DesktopSession(ops, lambda: open_local_store(layout), section=section)
    session.finished.connect(app.exit)
    try:
        if not run_first_run_if_needed(layout, ops):
            return 0  # the wizard was cancelled before a store existed
        session.start()
        return app.exec()
    finally:
        session.shutdown()
        ops.shutdown()
        if session.store is not None:
            session.store.close()
        app.setQuitOnLastWindowClosed(quit_on_close)
        remove_translators(app, translators)
