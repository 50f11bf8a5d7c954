"""Sign-in: the real dialog, the real worker thread, a real encrypted store."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from app.domain.errors import AuthError
from app.ui.login import LoginDialog
from app.ui.session import DesktopSession


def _dialog(qtbot, store, ops) -> LoginDialog:
    dialog = LoginDialog(store, ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_sign_in_opens_the_main_window_with_the_store_overview(zh_ui, qtbot, store, ops,
                                                                admin_password):
    session = DesktopSession(ops, lambda: store)
    session.start()
    qtbot.waitUntil(lambda: session.login is not None and session.login.isVisible())
    login = session.login
    assert login.username_edit.text() == "admin"
    assert login.focusWidget() is login.password_edit  # user name prefilled: type the password
    qtbot.keyClicks(login.password_edit, admin_password)
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)  # Enter signs in
    assert login.is_busy() and not login.sign_in_button.isEnabled()

    qtbot.waitUntil(lambda: session.window is not None and session.window.isVisible())
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.home.overview is not None)
    home = window.home
    assert home.values["store_code"].text() == "S001"
    assert home.values["store_name"].text() == "测试门店"
    assert home.values["encryption"].text().startswith("已加密：SQLCipher 4.")
    assert home.counts["products"].text() == "0"
    assert home.counts["warehouses"].text() == "1"
    assert "管理员（admin）" in home.findChild(QLabel, "signed_in_as").text()
    assert window.windowTitle() == "JXC 进销存 — 测试门店"
    assert window.encrypted_label.text() == "已加密"
    assert window.minimumWidth() >= 1024 and window.minimumHeight() >= 700
    session.shutdown()
    assert session.maintenance is None and session.brief is None


def test_wrong_password_shows_the_error_inline_and_keeps_the_dialog(zh_ui, qtbot, store, ops):
    dialog = _dialog(qtbot, store, ops)
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.busy_bar.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy())

    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == AuthError().message("zh_CN")
    assert dialog.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.password_edit
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.user is None and dialog.sign_in_button.isEnabled()


def test_empty_user_name_is_caught_before_the_database(en_ui, qtbot, store, ops):
    dialog = _dialog(qtbot, store, ops)
    dialog.username_edit.clear()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.is_busy() and ops.pending == 0
    assert dialog.error_label.text() == "Enter your user name."
    assert dialog.focusWidget() is dialog.username_edit


def test_sign_out_returns_to_the_login(zh_ui, qtbot, store, ops, admin_password):
    session = DesktopSession(ops, lambda: store)
    finished = []
    session.finished.connect(finished.append)
    session.start()
    qtbot.waitUntil(lambda: session.login is not None and session.login.isVisible())
    session.login.password_edit.setText(admin_password)
    session.login.submit()
    qtbot.waitUntil(lambda: session.window is not None)

    session.window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: session.login is not None and session.login.isVisible())
    assert session.window is None and finished == []
    session.login.reject()  # Quit on the sign-in dialog ends the app
    assert finished == [0]
    session.shutdown()
    assert session.maintenance is None and session.brief is None


def test_a_reset_password_must_be_replaced_before_the_first_sign_in(zh_ui, qtbot, store, ops):
    from app.services.auth import PasswordChangeRequired, sign_in
    from app.services.records import LOCAL_OPERATOR
    from app.services.users import add_user, reset_password

    add_user(store, LOCAL_OPERATOR, "zhang", "张三", "cashier", "Xiaomai-2026!")
    reset_password(store, LOCAL_OPERATOR, "zhang", "Temp-Pass-8812")
    dialog = LoginDialog(store, ops, username="zhang")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.password_edit, "Temp-Pass-8812")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.error_label.text() == PasswordChangeRequired().message("zh_CN")
    assert dialog.new_password_edit.isVisible() and dialog.repeat_edit.isVisible()
    assert dialog.focusWidget() is dialog.new_password_edit
    assert dialog.result() != QDialog.DialogCode.Accepted

    qtbot.keyClicks(dialog.new_password_edit, "Qingdao-Beer-77")
    qtbot.keyClicks(dialog.repeat_edit, "Qingdao-Beer-70")  # a typo: nothing is sent
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert not dialog.is_busy()
    assert "两次" in dialog.error_label.text()

    qtbot.keyClicks(dialog.repeat_edit, "Qingdao-Beer-77")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.user.username == "zhang" and dialog.user.role == "cashier"
    assert sign_in(store, "zhang", "Qingdao-Beer-77").username == "zhang"
