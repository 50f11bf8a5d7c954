"""System -> Language: translators swapped at runtime, the choice kept on this PC, the main
window rebuilt in the new language where the old one was; figures follow QLocale."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from app.services.auth import SignedInUser
from app.ui import translations
from app.ui.main_window import MainWindow
from app.ui.translations import (desktop_language, language_events, locale_date, locale_money,
                                 replace_main_window, saved_language)

ADMIN = SignedInUser(user_id=1, username="admin", display_name="管理员", role="admin")


@pytest.fixture
def pc_settings(tmp_path, monkeypatch):
    """This PC's settings in a temporary INI file, never the developer's."""
    path = tmp_path / "desktop.ini"
    monkeypatch.setattr(translations, "pc_settings",
                        lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


@pytest.fixture
def english(qapp, pc_settings):
    translators = translations.install_translators(qapp, "en")
    yield
    translations.remove_translators(qapp, translators)
    QLocale.setDefault(QLocale("zh_CN"))


def make_window(qtbot, store, ops) -> MainWindow:
    win = MainWindow(store, ops, ADMIN)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.home.overview is not None)
    return win


def language_actions(win):
    return {a.data(): a for a in win.language_menu.actions()}


def test_choosing_chinese_switches_keeps_the_choice_and_rebuilds_the_window(
        qtbot, store, ops, english, pc_settings):
    old = make_window(qtbot, store, ops)
    assert old.menuBar().actions()[0].text() == "&System"
    assert old.language_menu.title() == "&Language"
    actions = language_actions(old)
    assert actions["en"].isChecked() and not actions["zh_CN"].isChecked()
    old.show_section("counter")
    old.resize(1200, 800)
    quits = []
    old.quit_requested.connect(lambda: quits.append(1))
    with qtbot.waitSignal(language_events().changed) as changed:
        actions["zh_CN"].trigger()
    assert changed.args == ["zh_CN"]
    assert QCoreApplication.translate("MainWindow", "&System") == "系统(&S)"
    assert saved_language() == "zh_CN" and "zh_CN" in pc_settings.read_text()
    new = MainWindow(store, ops, ADMIN)  # what the session does on `changed`
    qtbot.addWidget(new)
    replace_main_window(old, new)
    qtbot.waitUntil(lambda: not old.isVisible())
    assert new.isVisible() and quits == []
    assert new.menuBar().actions()[0].text() == "系统(&S)"
    assert new.stack.currentWidget() is new.pages["counter"]
    assert new.size().width() == 1200
    assert language_actions(new)["zh_CN"].isChecked()
    assert locale_money(123456) == "¥1,234.56"
    assert locale_date(date(2026, 12, 5)) == "2026/12/5"


def test_english_dates_and_money(english):
    assert locale_date(date(2026, 12, 5)) == "12/5/26"
    assert locale_money(-5) == "-¥0.05"


def test_a_sale_in_progress_blocks_the_switch(qtbot, store, ops, english, message_boxes):
    win = make_window(qtbot, store, ops)
    win.show_section("counter")

    class Cart:
        lines = ["a line"]
    win.pages["counter"].controller.cart = Cart()  # as if a product had been scanned
    language_actions(win)["zh_CN"].trigger()
    assert message_boxes == [("information", "Finish or hold the sale at the counter first, "
                                             "then change the language.")]
    message_boxes.clear()
    assert translations.current_language() == "en"
    assert language_actions(win)["en"].isChecked()
    assert not language_actions(win)["zh_CN"].isChecked()


def test_jxc_lang_wins_over_the_choice_of_this_pc(pc_settings):
    translations.pc_settings().setValue(translations.LANGUAGE_KEY, "en")
    assert desktop_language({"LANG": "zh_CN.UTF-8"}) == "en"
    assert desktop_language({"JXC_LANG": "zh_CN"}) == "zh_CN"
    translations.pc_settings().setValue(translations.LANGUAGE_KEY, "klingon")
    assert desktop_language({"LANG": "en_US.UTF-8"}) == "en"  # unknown value: ignored
