"""The main window shell: navigation, shortcuts, status bar, sign out."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.auth import SignedInUser
from app.ui.main_window import MainWindow
from app.ui.nav import sections

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")
SECTION_KEYS = ["home", "counter", "products", "purchasing", "stock", "documents", "reports",
                "head_office", "admin"]


@pytest.fixture
def window(qtbot, store, ops):
    win = MainWindow(store, ops, ADMIN)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.home.overview is not None)
    return win


def test_every_section_is_listed_and_only_built_ones_are_enabled(en_ui, window):
    nav = window.nav
    assert [nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(nav.count())] \
        == SECTION_KEYS
    built = {s.key for s in sections() if s.built}
    assert {"home", "counter"} <= built
    for row, key in enumerate(SECTION_KEYS):
        assert nav.is_enabled(key) == (key in built)
        if key not in built:
            assert not nav.item(row).flags() & Qt.ItemFlag.ItemIsSelectable
            assert "arrives in a later version" in nav.item(row).toolTip()
    assert window.stack.count() == 2  # home and counter; other pages are built when shown
    assert window.stack.currentWidget() is window.home


def test_a_built_section_s_page_is_made_on_first_show(en_ui, qtbot, window):
    for key in [s.key for s in sections() if s.built and s.key not in window.pages]:
        window.show_section(key)
        assert window.stack.currentWidget() is window.pages[key]
        assert window.nav.currentRow() == SECTION_KEYS.index(key)


@pytest.fixture
def unbuilt(monkeypatch):
    """A section whose page module is not in this version."""
    from app.ui import main_window, nav
    real = nav.sections

    def with_unbuilt():
        listed = real()
        listed[2] = nav.Section("products", "Products", "app.ui.not_here.page:NotHere")
        return listed
    monkeypatch.setattr(main_window, "sections", with_unbuilt)


def test_shortcut_of_an_unbuilt_section_explains_instead_of_switching(en_ui, qtbot, unbuilt,
                                                                     store, ops):
    window = MainWindow(store, ops, ADMIN)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.nav.is_enabled("products")
    assert "arrives in a later version" in window.nav.item(2).toolTip()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Products arrives in a later version of JXC."
    assert window.stack.currentWidget() is window.home
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentRow() == 0


def test_status_bar_shows_store_user_and_encryption(en_ui, window):
    assert window.store_label.text() == "S001 · 测试门店"
    assert "管理员 (admin)" in window.user_label.text()
    assert window.encrypted_label.text() == "Encrypted"
    assert window.windowTitle() == "JXC 进销存 — 测试门店"


def test_refresh_reads_the_overview_again(qtbot, window):
    first = window.home.overview
    with qtbot.waitSignal(window.home.refresh_button.clicked):
        window.home.refresh_button.click()
    qtbot.waitUntil(lambda: window.home.overview is not first)
    assert window.home.counts["customers"].text() == "0"


def _watch(window) -> tuple[list, list]:
    quits, sign_outs = [], []
    window.quit_requested.connect(lambda: quits.append(1))
    window.sign_out_requested.connect(lambda: sign_outs.append(1))
    return quits, sign_outs


def test_signing_out_closes_the_window_without_quitting(window):
    quits, sign_outs = _watch(window)
    window.sign_out_action.trigger()
    assert sign_outs == [1] and quits == [] and not window.isVisible()


def test_closing_the_window_quits(window):
    quits, sign_outs = _watch(window)
    window.quit_action.trigger()
    assert quits == [1] and sign_outs == [] and not window.isVisible()


def test_the_system_menu_opens_the_receipt_template_editor(qtbot, window):
    assert window.receipt_template_action.isEnabled()  # the administrator may change it
    window.receipt_template_action.trigger()
    editor = window.receipt_editor
    assert editor.isVisible()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=10000)
    editor.reject()


def test_a_cashier_cannot_open_the_receipt_template_editor(qtbot, store, ops):
    cashier = SignedInUser(user_id=2, username="c1", display_name="收银员", role="cashier")
    win = MainWindow(store, ops, cashier)
    qtbot.addWidget(win)
    assert not win.receipt_template_action.isEnabled()
