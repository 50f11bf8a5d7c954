"""Install Qt translators for the user's language: zh_CN by default, English on request.

English is the source language of every string, so English needs no translator at all.
Chinese loads Qt's own `qtbase_zh_CN` (standard buttons, context menus) and ours,
`resources/i18n/jxc_zh_CN.qm`.
"""
from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

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
    """Install the translators `lang` needs; keep the returned list to remove them later."""
    global _active_language
    _active_language = lang
    if not lang.startswith("zh"):
        return []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
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
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    _active_language = None
