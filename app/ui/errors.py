"""The one place that turns exceptions into what the user reads.

A `JxcError` already says, in the user's language, what happened and what to do next.
Anything else is a bug: its traceback goes to the log and the user gets a short,
translated "internal error" message instead of a stack trace.
"""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import JxcError
from app.ui.translations import current_language

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """What to tell the user about `exc`; logs unexpected exceptions with their traceback."""
    if isinstance(exc, JxcError):
        log.info("shown to the user: %s", exc.code)
        return exc.message(current_language())
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate(
        "Errors", "An internal error occurred, so the action was not completed. "
        "The details were written to the log file; please report them to your support "
        "contact.")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A modal error box with the localized message."""
    title = QCoreApplication.translate("Errors", "JXC error")
    QMessageBox.critical(parent, title, error_text(exc))


def report_startup_error(exc: BaseException) -> None:
    """The app cannot start: one line on stderr (for scripts and support) and a box."""
    text = error_text(exc)
    prefix = QCoreApplication.translate("Errors", "Error: ")
    print(prefix + " ".join(text.split()), file=sys.stderr, flush=True)
    show_error(None, exc)
