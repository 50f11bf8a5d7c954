"""`run_desktop`, the entry point `jxc` calls: failure to open, and a whole session."""
from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.persistence.errors import NoStore
from app.persistence.layout import DataDir
from app.ui.app import run_desktop
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def root_log_handlers():
    """run_desktop attaches the store's log file to the root logger; detach it after."""
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.fixture
def no_wizard(monkeypatch):
    """These tests are about a store that fails to open, not about the first run."""
    import app.ui.app as app_module

    monkeypatch.setattr(app_module, "run_first_run_if_needed", lambda layout, ops: True)


def test_missing_store_is_reported_in_chinese_and_exits_1(qapp, tmp_path, monkeypatch,
                                                          capsys, message_boxes, no_wizard):
    monkeypatch.setenv("JXC_LANG", "zh_CN")
    layout = DataDir(tmp_path / "nothing-here")
    assert run_desktop(layout) == 1

    expected = NoStore(path=str(layout.root)).message("zh_CN")
    assert message_boxes == [("critical", expected)]
    message_boxes.clear()
    err = capsys.readouterr().err
    assert err == f"错误：{expected}\n"
    assert not QApplication.topLevelWidgets() or all(
        not w.isVisible() for w in QApplication.topLevelWidgets())
    assert QCoreApplication.translate("Sections", "Counter") == "Counter"  # translators gone


def test_missing_store_in_english(qapp, tmp_path, monkeypatch, capsys, message_boxes,
                                  no_wizard):
    monkeypatch.setenv("JXC_LANG", "en")
    layout = DataDir(tmp_path / "nothing-here")
    assert run_desktop(layout) == 1
    assert message_boxes[0][1].startswith("There is no store in data directory")
    message_boxes.clear()
    assert capsys.readouterr().err.startswith("Error: There is no store")


class _Sync:
    """Stands in for app.sync.worker.BackgroundSync: records that the app stopped it."""
    def __init__(self, store):
        self.store, self.stopped = store, False

    def stop(self, timeout=2.0):
        self.stopped = True
        return True


def test_a_whole_session_sign_in_then_quit(qapp, store, monkeypatch, admin_password,
                                           root_log_handlers):
    """Drives the real event loop: sign in, wait for the overview, quit with Ctrl+Q.
    Background sync starts once the store is open and is stopped when the app ends."""
    import app.ui.session as session_module

    monkeypatch.setenv("JXC_LANG", "zh_CN")
    seen, syncs = [], []
    monkeypatch.setattr(session_module, "start_background_sync",
                        lambda opened: syncs.append(_Sync(opened)) or syncs[-1])

    def step():
        login = _visible(LoginDialog)
        window = _visible(MainWindow)
        if login is not None and not login.is_busy():
            if "login" in seen:  # back at an idle dialog: signing in failed
                QCoreApplication.exit(98)
                return
            seen.append("login")
            login.password_edit.setText(admin_password)
            login.submit()
        elif window is not None and window.home.overview is not None:
            seen.append(window.home.values["store_code"].text())
            window.quit_action.trigger()
            return
        QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)
    watchdog = QTimer(singleShot=True, interval=10_000)  # never hang the suite
    watchdog.timeout.connect(lambda: QCoreApplication.exit(99))
    watchdog.start()
    try:
        assert run_desktop(store.layout) == 0
    finally:
        watchdog.stop()
    assert seen == ["login", "S001"]
    assert len(syncs) == 1 and syncs[0].store.identity.store_code == "S001" and syncs[0].stopped


def test_a_store_never_enrolled_starts_no_sync(store):
    from app.services.catalog_sync import start_background_sync

    assert start_background_sync(store) is None


def _visible(kind):
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()), None)
