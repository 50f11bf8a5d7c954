"""Idle auto-lock: after `security.idle_lock_minutes` (default 5) without keyboard or mouse
input, a lock screen covers the main window until the same user types their password or
PIN; "Sign in as someone else" signs the first user out.

The lock screen is an application-modal frameless window over the main window, so nothing
behind it takes a key, a click or a shortcut, also when a dialog was open. Locking and
unlocking are audited (app/services/session_lock.py); a wrong password or PIN counts
towards the account's lockout like any other attempt.
"""
from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.services import session_lock
from app.services.auth import SignedInUser
from app.ui.errors import error_text
from app.ui.roles import user_title
from app.ui.translations import fill

log = logging.getLogger(__name__)
INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                   QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})


class LockScreen(QWidget):
    unlock_requested = Signal(str, str)  # secret, "password" or "pin"
    switch_user = Signal()

    def __init__(self, window: QWidget, user: SignedInUser) -> None:
        super().__init__(window, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("lock_screen")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet("QWidget#lock_screen { background: #263238; } "
                           "QWidget#lock_screen QLabel { color: white; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel(self.tr("Locked"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        who = QLabel(fill(self.tr("%1 was away. Type your password or PIN to go on."),
                          user_title(user)))
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Password"), "password")
        self.kind_box.addItem(self.tr("PIN"), "pin")
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setMaxLength(256)
        self.secret_edit.setMinimumWidth(260)
        self.secret_edit.returnPressed.connect(self.submit)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button = QPushButton(self.tr("Sign in as &someone else"))
        self.switch_button.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_button.clicked.connect(self.switch_user)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #ffab91; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self._build(title, who)

    def _build(self, title: QLabel, who: QLabel) -> None:
        row = QHBoxLayout()
        row.addWidget(self.kind_box)
        row.addWidget(self.secret_edit, 1)
        row.addWidget(self.unlock_button)
        box = QWidget()
        column = QVBoxLayout(box)
        for widget in (title, who):
            column.addWidget(widget)
        column.addLayout(row)
        column.addWidget(self.error_label)
        column.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.setMaximumWidth(560)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def submit(self) -> None:
        secret = self.secret_edit.text()
        if not secret:
            return
        self.set_busy(True)
        self.unlock_requested.emit(secret, self.kind_box.currentData())

    def set_busy(self, busy: bool) -> None:
        for widget in (self.secret_edit, self.unlock_button, self.kind_box):
            widget.setEnabled(not busy)

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.error_label.setText(text)
        self.secret_edit.selectAll()
        self.secret_edit.setFocus()

    def cover(self, window: QWidget) -> None:
        self.error_label.clear()
        self.secret_edit.clear()
        self.set_busy(False)
        self.setGeometry(window.frameGeometry())
        self.show()
        self.activateWindow()
        self.secret_edit.setFocus()


class IdleLock(QObject):
    """Watches the application's input; locks `window` after the idle time."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window, store, ops, user: SignedInUser, *,
                 timeout_ms: int | None = None) -> None:
        super().__init__(window)
        self._window, self._store, self._ops, self.user = window, store, ops, user
        self.screen = LockScreen(window, user)
        self.screen.unlock_requested.connect(self._unlock)
        self.screen.switch_user.connect(self._switch_user)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._last_input = time.monotonic()
        QApplication.instance().installEventFilter(self)
        if timeout_ms is not None:
            self.set_timeout(timeout_ms)
        else:
            ops.run(lambda: session_lock.lock_minutes(store, actor=user.actor),
                    lambda minutes: self.set_timeout(minutes * 60_000), lambda exc: log.warning(
                        "idle lock off: %s", getattr(exc, "code", exc)), context=self)

    @property
    def is_locked(self) -> bool:
        return self.screen.isVisible()

    def set_timeout(self, ms: int) -> None:
        """0 switches the lock off."""
        self.timer.setInterval(ms)
        if ms > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT and not self.is_locked:
            self._last_input = time.monotonic()
            if self.timer.interval() > 0:
                self.timer.start()
        return False

    def lock(self) -> None:
        if self.is_locked or self.timer.interval() <= 0:
            return
        idle = int(time.monotonic() - self._last_input)
        self.screen.cover(self._window)
        self.locked.emit()
        self._ops.run(lambda: session_lock.lock_session(self._store, self.user.actor, idle),
                      None, lambda exc: log.warning("lock not audited: %s", exc), context=self)

    def _unlock(self, secret: str, kind: str) -> None:
        self._ops.run(lambda: session_lock.unlock_session(self._store, self.user, secret, kind),
                      self._unlocked, lambda exc: self.screen.refused(error_text(exc)),
                      context=self)

    def _unlocked(self, _user) -> None:
        self.screen.hide()
        self._last_input = time.monotonic()
        self.timer.start()
        self.unlocked.emit()
        self._window.activateWindow()

    def _switch_user(self) -> None:
        self.timer.stop()
        self.screen.hide()
        QApplication.instance().removeEventFilter(self)
        self._window.sign_out()


def install(window, store, ops, user: SignedInUser, **options) -> IdleLock:
    """The idle lock of a signed-in window (app/ui/session.py)."""
    return IdleLock(window, store, ops, user, **options)
