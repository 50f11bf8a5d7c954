"""System menu → Label template... and Document PDF template...: open the editors (store
managers and administrators), next to Receipt template... . Kept here so the main window
only adds the actions."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.domain.permissions import MANAGERS
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner

translate = QCoreApplication.translate


def add_template_actions(window: QWidget, menu: QMenu, store: LocalStore, ops: OpsRunner,
                         user: SignedInUser) -> dict[str, QAction]:
    """The two actions, added to `menu`; the open editor is kept as `window.template_editor`."""
    from app.ui.templates.document_editor import DocumentEditor
    from app.ui.templates.label_editor import LabelEditor

    actions = {}
    for key, title, editor_class in (
            ("label", translate("MainWindow", "&Label template..."), LabelEditor),
            ("document", translate("MainWindow", "&Document PDF template..."), DocumentEditor)):
        action = QAction(title, window)
        action.setEnabled(user.role in MANAGERS)
        action.triggered.connect(lambda _=False, cls=editor_class: _open(window, cls, store,
                                                                         ops, user))
        menu.addAction(action)
        actions[key] = action
    return actions


def _open(window: QWidget, editor_class, store: LocalStore, ops: OpsRunner,
          user: SignedInUser) -> None:
    editor = editor_class(store, ops, user, window)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.open()
    window.template_editor = editor
