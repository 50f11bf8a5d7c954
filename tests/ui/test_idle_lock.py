"""Idle auto-lock with a short timeout: input keeps it open, idleness locks it, only the
same user's password or PIN unlocks it (failures count towards the lockout), another user
means signing out, and everything is audited."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.schema import AuditEntry, User
from app.services import auth, settings, users
from app.services.auth import SignedInUser
from app.services.records import Actor
from app.services.setup import initialize_store
from app.ui.idle_lock import IdleLock
from app.ui.main_window import MainWindow

PW = "Good-pass-1"


@pytest.fixture
def till(tmp_path):
    auth.GHOSTS.clear()
    store = initialize_store(DataDir(tmp_path / "s"), KeyringKeyStore(), "S001", "测试门店",
                             "secret123")
    info = users.add_user(store, Actor(1, "admin", "admin"), "cash1", "收银一", "cashier", PW,
                          pin="2580")
    store.user = SignedInUser(info.id, "cash1", "收银一", "cashier")
    yield store
    store.close()


@pytest.fixture
def window(qtbot, till, ops):
    win = MainWindow(till, ops, till.user)
    qtbot.addWidget(win)
    win.show()
    yield win
    win._leaving = True  # closing in teardown is not a quit


def actions(store) -> list[tuple[str, dict]]:
    with store.engine.connect() as conn:
        return [(a, json.loads(d)) for a, d in conn.execute(
            select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.seq))]


def failures(store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(User.failed_logins).where(User.username == "cash1"))


def test_input_keeps_it_open_and_idleness_locks(qtbot, till, ops, window):
    lock = IdleLock(window, till, ops, till.user, timeout_ms=400)
    for n in range(6):  # 600 ms of someone working
        QTest.mouseMove(window, QPoint(100 + 10 * n, 100))
        QTest.keyClick(window.nav, Qt.Key.Key_Shift)
        qtbot.wait(100)
        assert not lock.is_locked
    with qtbot.waitSignal(lock.locked, timeout=2000):
        pass
    assert lock.screen.isVisible() and lock.screen.geometry() == window.frameGeometry()
    qtbot.waitUntil(lambda: any(a == "session.lock" for a, _ in actions(till)))
    locked = [d for a, d in actions(till) if a == "session.lock"][0]
    assert locked["by"] == "cash1" and locked["idle_seconds"] >= 0
    window.grab()
    lock.screen.grab().save("/tmp/idle_lock.png")


def test_wrong_password_counts_then_the_right_one_unlocks(qtbot, till, ops, window):
    lock = IdleLock(window, till, ops, till.user, timeout_ms=0)
    lock.set_timeout(60_000)
    lock.lock()
    screen = lock.screen
    screen.secret_edit.setText("wrong-password")
    screen.submit()
    qtbot.waitUntil(lambda: screen.error_label.text() != "")
    assert lock.is_locked and failures(till) == 1
    assert screen.secret_edit.isEnabled()
    screen.secret_edit.setText(PW)
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        QTest.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and failures(till) == 0
    done = [a for a, _ in actions(till)]
    assert done[-3:] == ["session.lock", "auth.failed", "session.unlock"]


def test_the_pin_unlocks_too_and_guessing_locks_the_account(qtbot, till, ops, window):
    lock = IdleLock(window, till, ops, till.user, timeout_ms=60_000)
    lock.lock()
    screen = lock.screen
    screen.kind_box.setCurrentIndex(1)  # PIN
    for n in range(5):
        screen.secret_edit.setText("1111")
        screen.submit()
        qtbot.waitUntil(lambda: screen.secret_edit.isEnabled())
    assert "锁定" in screen.error_label.text() or "locked" in screen.error_label.text()
    screen.secret_edit.setText("2580")  # right, but the account is locked now
    screen.submit()
    qtbot.waitUntil(lambda: screen.secret_edit.isEnabled())
    assert lock.is_locked
    users.unlock_user(till, Actor(1, "admin", "admin"), "cash1")
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        screen.secret_edit.setText("2580")
        screen.submit()
    assert [d.get("kind") for a, d in actions(till) if a == "session.unlock"] == ["pin"]


def test_nothing_behind_the_lock_takes_a_shortcut(qtbot, till, ops, window):
    window.show_section("counter")
    lock = IdleLock(window, till, ops, till.user, timeout_ms=60_000)
    lock.lock()
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert window.stack.currentWidget() is window.counter


def test_another_user_means_signing_the_first_out(qtbot, till, ops, window):
    lock = IdleLock(window, till, ops, till.user, timeout_ms=60_000)
    lock.lock()
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        lock.screen.switch_button.click()
    assert not lock.screen.isVisible()


def test_the_idle_time_is_a_store_setting(qtbot, till, ops, window):
    lock = IdleLock(window, till, ops, till.user)
    qtbot.waitUntil(lambda: lock.timer.interval() == 5 * 60_000)
    settings.change(till, Actor(1, "admin", "admin"), "security.idle_lock_minutes", "0")
    off = IdleLock(window, till, ops, till.user)
    qtbot.waitUntil(lambda: off.timer.interval() == 0)
    off.lock()
    assert not off.is_locked
