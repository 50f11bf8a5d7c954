"""System menu → Label template... and Document PDF template...: managers and administrators
open the editors; a cashier sees them greyed out."""
from __future__ import annotations

import pytest

from app.services.auth import SignedInUser
from app.ui.main_window import MainWindow
from app.ui.templates.document_editor import DocumentEditor
from app.ui.templates.label_editor import LabelEditor

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")
CASHIER = SignedInUser(user_id=2, username="c1", display_name="收银员", role="cashier")


@pytest.mark.parametrize("key, editor_class", [("label", LabelEditor),
                                               ("document", DocumentEditor)])
def test_the_system_menu_opens_each_template_editor(qtbot, store, ops, key, editor_class):
    window = MainWindow(store, ops, ADMIN)
    qtbot.addWidget(window)
    action = window.template_actions[key]
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    editor = window.template_editor
    assert isinstance(editor, editor_class) and editor.isVisible()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10000)
    editor.reject()


def test_a_cashier_cannot_open_the_template_editors(qtbot, store, ops):
    window = MainWindow(store, ops, CASHIER)
    qtbot.addWidget(window)
    assert not any(a.isEnabled() for a in window.template_actions.values())
