"""The head of a purchasing document: supplier and warehouse, read once from the store."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.persistence.store import LocalStore
from app.services import purchasing, warehouses
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner


class DocHead(QWidget):
    """Supplier (code) and warehouse (code) choosers and a note."""

    loaded = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 with_supplier: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self._wanted = ["", "MAIN"]  # supplier, warehouse: kept until the lists arrive
        self.supplier = QComboBox()
        self.supplier.setObjectName("supplier_choice")
        self.supplier.setEditable(False)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("warehouse_choice")
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        if with_supplier:
            form.addRow(self.tr("&Supplier"), self.supplier)
        else:
            self.supplier.hide()
        form.addRow(self.tr("&Warehouse"), self.warehouse)
        form.addRow(self.tr("N&ote"), self.note)
        actor = user.actor
        ops.run(lambda: (purchasing.suppliers(store, actor=actor),
                         warehouses.list_warehouses(store, actor=actor)),
                self._fill, context=self)

    def _fill(self, found) -> None:
        suppliers, houses = found
        self.supplier.clear()
        self.supplier.addItem(self.tr("(choose a supplier)"), "")
        for code, name in suppliers:
            self.supplier.addItem(f"{code} · {name}", code)
        self.warehouse.clear()
        for w in houses:
            if not w["in_transit"]:
                self.warehouse.addItem(f"{w['code']} · {w['name']}", w["code"])
        self.ready = True
        self.set_supplier(self._wanted[0])
        self.set_warehouse(self._wanted[1])
        self.loaded.emit()

    def supplier_code(self) -> str:
        return (self.supplier.currentData() or "") if self.ready else self._wanted[0]

    def warehouse_code(self) -> str:
        return (self.warehouse.currentData() or "MAIN") if self.ready else self._wanted[1]

    def set_supplier(self, code: str) -> None:
        self._wanted[0] = code or ""
        self.supplier.setCurrentIndex(max(self.supplier.findData(code or ""), 0))

    def set_warehouse(self, code: str) -> None:
        self._wanted[1] = code or "MAIN"
        index = self.warehouse.findData(code or "MAIN")
        if index >= 0:
            self.warehouse.setCurrentIndex(index)
