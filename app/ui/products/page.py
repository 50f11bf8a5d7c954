"""The Products section: the product list first, then the master data, one tab each.

Ctrl+PgDown / Ctrl+PgUp switch tabs (QTabWidget's own keys); each tab keeps the focus in its
search field. A save in a master-data tab reloads the product list's filter choices.
"""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner
from app.ui.products.editor import ProductEditor
from app.ui.products.labels_dialog import LabelsDialog
from app.ui.products.master_specs import specs
from app.ui.products.products_tab import ProductsTab
from app.ui.products.record_tab import RecordTab


class ProductsPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("products_page")
        self._store, self._ops, self._actor = store, ops, user.actor
        self.tabs = QTabWidget()
        self.tabs.setObjectName("products_tabs")
        self.products = ProductsTab(store, ops, self._actor)
        self.tabs.addTab(self.products, self.tr("Products"))
        self.records: dict[str, RecordTab] = {}
        for title, spec in specs(store, self._actor):
            tab = RecordTab(spec, ops)
            tab.changed.connect(self.products.load_choices)
            self.records[spec.name] = tab
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.tabs)
        self.products.open_product.connect(self.open_editor)
        self.products.labels_for.connect(self.open_labels)
        self.setFocusProxy(self.tabs)
        self.editor: ProductEditor | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tabs.currentWidget().setFocus()

    def open_editor(self, product_id: int | None) -> ProductEditor | None:
        found = self.products.choices
        if found is None:
            return None  # the choices are still loading; the key works a moment later
        self.editor = ProductEditor(self._store, self._ops, self._actor, found, product_id, self)
        self.editor.saved.connect(lambda _r: self.products.model.refresh())
        self.editor.finished.connect(lambda _r: self.products.search.setFocus())
        self.editor.open()
        return self.editor

    def open_labels(self, products: list[tuple[int, str]]) -> LabelsDialog:
        dialog = LabelsDialog(self._store, self._ops, self._actor, products, self)
        dialog.written.connect(dialog.open_pdf)
        dialog.open()
        return dialog
