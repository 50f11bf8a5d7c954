"""The main window's sections and the navigation list on its left.

Each section names its page as "module:Class"; the page is built (with the store, the ops
runner and the signed-in user) the first time the section is shown. A section whose module
is not in this version stays in the list, greyed out, with a tooltip saying it arrives in a
later version: the user sees where the product is going, and nothing pretends to work.
"""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.ui.translations import fill

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    page: str  # "package.module:Class", built as Class(store, ops, user)

    @property
    def built(self) -> bool:
        module = self.page.partition(":")[0]
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # its package is missing too
            return False

    def page_class(self) -> type:
        module, _, name = self.page.partition(":")
        return getattr(importlib.import_module(module), name)


def sections() -> list[Section]:
    """All sections, in navigation order, titled in the current language."""
    return [
        Section("home", translate("Sections", "Home"), "app.ui.pages.home:HomePage"),
        Section("counter", translate("Sections", "Counter"), "app.ui.counter:CounterPage"),
        Section("products", translate("Sections", "Products"),
                "app.ui.products.page:ProductsPage"),
        Section("purchasing", translate("Sections", "Purchasing"),
                "app.ui.purchasing.page:PurchasingPage"),
        Section("stock", translate("Sections", "Stock"), "app.ui.stock.page:StockPage"),
        Section("documents", translate("Sections", "Documents"),
                "app.ui.documents.page:DocumentsPage"),
        Section("reports", translate("Sections", "Reports"), "app.ui.reports.page:ReportsPage"),
        Section("head_office", translate("Sections", "Head office"),
                "app.ui.head_office.page:HeadOfficePage"),
        Section("admin", translate("Sections", "Admin"), "app.ui.admin.page:AdminPage"),
    ]


def arrives_later(section: Section) -> str:
    return fill(translate("Sections", "%1 arrives in a later version of JXC."),
                section.title)


def shortcut_for(index: int) -> QKeySequence:
    """Ctrl+1 .. Ctrl+9; the F keys stay free for the counter (pay, void, ...)."""
    return QKeySequence(f"Ctrl+{index + 1}")


NAV_STYLE = """
QListWidget#nav { border: none; border-right: 1px solid palette(mid); padding-top: 8px;
                 outline: 0; }
QListWidget#nav::item { padding-left: 18px; }
"""


class NavList(QListWidget):
    """One row per section; unbuilt sections are disabled. Emits the chosen section key."""

    section_chosen = Signal(str)

    def __init__(self, items: list[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = [s.key for s in items]
        self.setObjectName("nav")
        self.setFixedWidth(176)
        self.setStyleSheet(NAV_STYLE)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        for index, section in enumerate(items):
            self.addItem(self._item(index, section))
        self.currentRowChanged.connect(self._row_changed)

    def _item(self, index: int, section: Section) -> QListWidgetItem:
        item = QListWidgetItem(section.title)
        item.setData(Qt.ItemDataRole.UserRole, section.key)
        item.setSizeHint(QSize(0, 40))
        keys = shortcut_for(index).toString(QKeySequence.SequenceFormat.NativeText)
        if section.built:
            item.setToolTip(fill(self.tr("%1 (%2)"), section.title, keys))
        else:
            item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled
                                           | Qt.ItemFlag.ItemIsSelectable))
            item.setToolTip(arrives_later(section))
        return item

    def is_enabled(self, key: str) -> bool:
        row = self._keys.index(key)
        return bool(self.item(row).flags() & Qt.ItemFlag.ItemIsEnabled)

    def select(self, key: str) -> None:
        self.setCurrentRow(self._keys.index(key))

    def _row_changed(self, row: int) -> None:
        if row >= 0 and self.is_enabled(self._keys[row]):
            self.section_chosen.emit(self._keys[row])
