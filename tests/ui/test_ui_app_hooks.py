"""The start-up hooks of issue 9 (wizard, --section, language rebuild) through run_desktop."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.persistence.layout import DataDir
from app.ui.app import run_desktop
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow


def _visible(kind):
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()), None)


def test_no_store_opens_the_wizard_and_cancelling_it_quits(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("JXC_LANG", "en")
    seen = []

    def cancel():
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, cancel)
            return
        seen.append(type(modal).__name__)
        modal.reject()
    QTimer.singleShot(0, cancel)
    assert run_desktop(DataDir(tmp_path / "nothing-here")) == 0
    assert seen == ["FirstRunWizard"]


def test_counter_first_and_a_language_switch_rebuilds_the_window(
        qapp, store, monkeypatch, admin_password, tmp_path):
    import app.ui.session as session_module
    from PySide6.QtCore import QSettings
    from app.ui import translations

    monkeypatch.setattr(translations, "pc_settings", lambda: QSettings(
        str(tmp_path / "desktop.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(session_module, "start_background_sync", lambda s: None)
    monkeypatch.delenv("JXC_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    seen = []

    def step():
        login, window = _visible(LoginDialog), _visible(MainWindow)
        if login is not None and not login.is_busy() and "login" not in seen:
            seen.append("login")
            login.password_edit.setText(admin_password)
            login.submit()
        elif window is not None and "switched" not in seen:
            seen.append(window.stack.currentWidget() is window.pages["counter"])
            seen.append(window.menuBar().actions()[0].text())
            seen.append("switched")
            next(a for a in window.language_menu.actions() if a.data() == "zh_CN").trigger()
        elif window is not None and "switched" in seen:
            seen.append(window.menuBar().actions()[0].text())
            seen.append(window.stack.currentWidget() is window.pages["counter"])
            window.quit_action.trigger()
            return
        QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)
    watchdog = QTimer(singleShot=True, interval=15_000)
    watchdog.timeout.connect(lambda: QCoreApplication.exit(99))
    watchdog.start()
    try:
        assert run_desktop(store.layout, "counter") == 0
    finally:
        watchdog.stop()
        translations.QLocale.setDefault(translations.QLocale("zh_CN"))
    assert seen == ["login", True, "&System", "switched", "系统(&S)", True]
    assert translations.saved_language() == "zh_CN"
