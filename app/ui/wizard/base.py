"""What the wizard's pages share: the wizard's state and a page whose Next runs a job.

QWizard asks `validatePage()` synchronously, but store work runs on the ops worker. So a
`WorkPage` answers False, starts its job, and on success marks itself done and presses
Next again; a failure shows the message on the page (nothing is lost, the user corrects
and presses Next again).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget, QWizard, QWizardPage

from app.persistence.layout import DataDir
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.errors import error_text
from app.ui.ops import OpsRunner

ERROR_STYLE = "color: #c62828;"
GOOD_STYLE = "color: #2e7d32;"


@dataclass
class WizardState:
    layout: DataDir
    ops: OpsRunner
    join: bool = False  # join head office rather than a standalone store
    store: LocalStore | None = None
    user: SignedInUser | None = None  # the administrator, signed in once the store exists
    password: str = ""
    enrolled: dict | None = None
    done: list[str] = field(default_factory=list)  # what was set up, for the last page


def form_row(form: QFormLayout, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A row whose label text is set later by the page's `retranslate()`."""
    label = QLabel()
    label.setBuddy(buddy or field)
    form.addRow(label, field)
    return label


class Retranslated:
    """Mixin: pages set every text in `retranslate()`, called once when built and again on
    each LanguageChange (the wizard's first page switches the language while it is open)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("message")
    return label


def show_message(label: QLabel, text: str, ok: bool) -> None:
    label.setStyleSheet(GOOD_STYLE if ok else ERROR_STYLE)
    label.setText(text)


class WorkPage(Retranslated, QWizardPage):
    """A page whose Next first runs `start_work()` (which calls `self.run(...)`)."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.busy = False
        self.finished = False
        self.message = message_label()

    def validatePage(self) -> bool:
        if self.finished:
            return True
        if self.busy or not self.check_inputs():
            return False
        self.message.clear()
        self.start_work()
        return False

    def check_inputs(self) -> bool:
        return True

    def start_work(self) -> None:
        raise NotImplementedError

    def run(self, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run fn on the worker; `then(result)` on success. Buttons wait meanwhile."""
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            then(result)

        self.state.ops.run(fn, succeeded, self.failed, context=self)

    def complete(self) -> None:
        """The work is done: go on to the next page."""
        self.finished = True
        self.wizard().next()

    def failed(self, exc: Exception) -> None:
        self._set_busy(False)
        show_message(self.message, error_text(exc), ok=False)

    def refuse(self, text: str) -> bool:
        show_message(self.message, text, ok=False)
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        wizard = self.wizard()
        if wizard is not None:
            for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                           QWizard.WizardButton.FinishButton):
                wizard.button(button).setEnabled(not busy)
