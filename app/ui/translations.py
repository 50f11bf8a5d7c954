"""Install Qt translators for the user's language: zh_CN by default, English on request.

English is the source language of every string, so English needs no translator at all.
Chinese loads Qt's own `qtbase_zh_CN` (standard buttons, context menus) and ours,
`resources/i18n/jxc_zh_CN.qm`.

Switching at runtime (System -> Language): `switch_language` swaps the translators, sets the
default QLocale and remembers the choice on this PC; `language_events().changed` then tells
the session to rebuild the main window (`replace_main_window`), which keeps its size,
position and section. Rebuilding rather than retranslating in place: every page builds its
texts once, in its constructor, so a new window is complete and correct by construction,
and no page needs retranslation code. A sale in progress at the counter blocks the switch
(the new window would not have it). Dialogs are modal, so none is open at that moment.
"""
from __future__ import annotations

import logging
import os
import re
from datetime import date

from PySide6.QtCore import (QCoreApplication, QDate, QLibraryInfo, QLocale, QObject, QSettings,
                            QTranslator, Signal)
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.i18n import user_language
from app.ui.resources import i18n_dir

log = logging.getLogger(__name__)
_active_language: str | None = None


def current_language() -> str:
    """The language the UI was set up in (falls back to the user's preference)."""
    return _active_language or user_language()


def fill(template: str, *args: object) -> str:
    """Qt-style placeholders: fill("%1 (%2)", a, b), in one pass (args may contain "%2")."""
    return re.sub(r"%(\d)", lambda m: str(args[int(m.group(1)) - 1])
                  if 0 < int(m.group(1)) <= len(args) else m.group(0), template)


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the translators `lang` needs (replacing any installed before) and make its
    locale the default for figures and dates; keep the returned list to remove them later."""
    global _active_language
    for translator in list(_installed):
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    _active_language = lang
    QLocale.setDefault(QLocale(LOCALES.get(lang, "zh_CN")))
    if not lang.startswith("zh"):
        return _installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = _installed  # the same list the caller keeps: a switch updates it in place
    for name, directory in (("qtbase_zh_CN", qt_dir), ("jxc_zh_CN", str(i18n_dir()))):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, directory)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    global _active_language
    for translator in list(translators):
        app.removeTranslator(translator)
        translator.deleteLater()
    if translators is _installed:
        _installed.clear()
    _active_language = None


# -- the language chosen on this PC, and switching it while the app runs --------------------
# The choice is kept per PC (and Windows account) in Qt's settings: an INI file
# `JXC/desktop.ini` under the user's configuration folder (%APPDATA% on Windows,
# ~/.config on Linux). JXC_LANG, when set, still wins (support and tests use it).
LANGUAGE_KEY = "ui/language"
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))  # each named in its own language
LOCALES = {"zh_CN": "zh_CN", "en": "en_US"}
_installed: list[QTranslator] = []


def pc_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "JXC", "desktop")


def saved_language() -> str | None:
    value = pc_settings().value(LANGUAGE_KEY)
    return value if value in dict(LANGUAGES) else None


def desktop_language(env: dict[str, str] | None = None) -> str:
    """JXC_LANG if set, else the language chosen on this PC, else the system's."""
    env = os.environ if env is None else env
    if env.get("JXC_LANG", "").strip():
        return user_language(env)
    return saved_language() or user_language(env)


def switch_language(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Replace the installed translators with those of `lang`, set the default QLocale and
    remember the choice on this PC. Qt then sends every widget a LanguageChange event."""
    installed = install_translators(app, lang)
    pc_settings().setValue(LANGUAGE_KEY, lang)
    return installed


class LanguageEvents(QObject):
    """`changed(lang)` after a switch: the session rebuilds its windows in the new language
    (`replace_main_window`); pages build their texts once, when they are made."""

    changed = Signal(str)


_events: LanguageEvents | None = None


def language_events() -> LanguageEvents:
    global _events
    if _events is None:
        _events = LanguageEvents()
    return _events


def add_language_menu(window: QWidget, menu: QMenu) -> QMenu:
    """System -> Language: 中文 / English, the current one checked."""
    sub = menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    sub.setObjectName("language_menu")
    group = QActionGroup(sub)
    for code, label in LANGUAGES:
        action = sub.addAction(label)
        action.setCheckable(True)
        action.setData(code)
        action.setChecked(current_language() == code)
        group.addAction(action)
        action.triggered.connect(lambda _=False, c=code: choose_language(window, c))
    return sub


def sale_in_progress(window: QWidget) -> bool:
    """The counter holds an unfinished sale (rebuilding the window would drop it)."""
    counter = getattr(window, "pages", {}).get("counter")
    cart = getattr(getattr(counter, "controller", None), "cart", None)
    return bool(cart is not None and cart.lines)


def choose_language(window: QWidget, lang: str) -> bool:
    """Switch to `lang` unless a sale is in progress; True if the language changed."""
    if lang == current_language():
        return False
    if sale_in_progress(window):
        QMessageBox.information(window, QCoreApplication.translate("LanguageMenu", "Language"),
                                QCoreApplication.translate(
                                    "LanguageMenu", "Finish or hold the sale at the counter "
                                    "first, then change the language."))
        _check_current(window)
        return False
    switch_language(QCoreApplication.instance(), lang)
    language_events().changed.emit(lang)
    return True


def _check_current(window: QWidget) -> None:
    menu = window.findChild(QMenu, "language_menu")
    for action in menu.actions() if menu is not None else []:
        action.setChecked(action.data() == current_language())


def replace_main_window(old: QWidget, new: QWidget) -> None:
    """Show `new` where `old` was (size, position, section), then close `old` quietly."""
    maximized, geometry = old.isMaximized(), old.geometry()
    current = old.stack.currentWidget()
    section = next((key for key, page in old.pages.items() if page is current), "home")
    if section in new.pages or section != "home":
        new.show_section(section)
    old.blockSignals(True)  # closing it is neither a quit nor a sign-out
    old.close()
    old.deleteLater()
    if maximized:
        new.showMaximized()
    else:
        new.setGeometry(geometry)
        new.show()
    new.activateWindow()


# -- figures in the current locale (QLocale.setDefault follows the language) ---------------
def locale_number(value: int) -> str:
    return QLocale().toString(value)


def locale_money(fen: int) -> str:
    """¥1,234.50 from integer fen (no float), with the locale's separators."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{QLocale().toString(yuan)}{QLocale().decimalPoint()}{cents:02d}"


def locale_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
