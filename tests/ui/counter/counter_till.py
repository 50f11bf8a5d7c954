"""Driving the sale screen as a cashier does, and the test shop's names (imported by name:
conftest modules of different directories share one module name)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.persistence.schema import Meta
from app.persistence.uow import UnitOfWork
from app.ui.counter import CounterPage

COLA_CODE = "6901234567892"
MILK_CODE = "6901234567809"
MANAGER_PIN = "2468"
CASHIER_PASSWORD = "pw-123456"


def set_meta(store, key: str, value: str) -> None:
    with UnitOfWork(store.engine) as uow:
        row = uow.session.get(Meta, key)
        if row is None:
            uow.session.add(Meta(key=key, value=value))
        else:
            row.value = value
        uow.commit()


class Till:
    """Drives the page as a cashier does: scanner bursts, typing, keys."""

    def __init__(self, qtbot, page: CounterPage, ops) -> None:
        self.qtbot, self.page, self.ops = qtbot, page, ops

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: self.ops.pending == 0)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the characters in a fast burst, then Enter."""
        self.qtbot.keyClicks(self.page.scan, code)
        self.qtbot.keyClick(self.page.scan, Qt.Key.Key_Return)
        self.idle()

    def scan_into(self, widget, code: str) -> None:
        """A scanner burst into another field (a dialog's), then Enter."""
        self.qtbot.waitUntil(widget.window().isActiveWindow)
        self.qtbot.keyClicks(widget, code)
        self.qtbot.keyClick(widget, Qt.Key.Key_Return)
        self.idle()

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
        """A key as the cashier presses it: into the window that has the focus."""
        target = widget or self.page.scan
        self.qtbot.waitUntil(target.window().isActiveWindow)
        self.qtbot.keyClick(target, key, modifier)
        self.idle()

    def dialog(self):
        """The open dialog, once it is the active window (its keys work from then on)."""
        self.qtbot.waitUntil(lambda: self.page.prompts.active is not None
                             and self.page.prompts.active.isActiveWindow())
        return self.page.prompts.active

    def answer(self, text: str) -> None:
        """Type into the open one-field dialog and press Enter."""
        dialog = self.dialog()
        dialog.edit.clear()
        if text.isascii():
            self.qtbot.keyClicks(dialog.edit, text)
        else:  # QTest types Latin-1 only: Chinese comes from the input method, as text
            dialog.edit.insert(text)
        self.qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        self.idle()

    def message(self) -> str:
        return self.page.message.text()
