"""The head of a purchasing document: supplier and warehouse, read once from the store.

A new document starts with the store's defaults (settings `defaults.supplier` and
`defaults.warehouse`); an opened one shows its own. Below them, the store's active
document fields (docs/custom-fields.md), one widget per kind as on the editors' custom page;
their values go into the document's `custom` object and are checked when it posts.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.persistence.store import LocalStore
from app.services import custom_fields, purchasing, warehouses
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner
from app.ui.products.custom_page import CustomFieldsPage


class DocHead(QWidget):
    """Supplier (code) and warehouse (code) choosers, a note and the document fields."""

    loaded = Signal()

    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 with_supplier: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ready = False
        self._defaults = ["", "MAIN"]  # supplier, warehouse: the store's, once read
        self._wanted: list[str] | None = None  # a document's own, kept until the lists arrive
        self._custom: dict[str, str] = {}  # its document field values, likewise
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
        self.custom = CustomFieldsPage()
        self.custom.layout().setContentsMargins(0, 0, 0, 0)
        self.custom.hide()  # shown once the store's document fields are known to exist
        form.addRow(self.custom)
        actor = user.actor
        ops.run(lambda: (purchasing.suppliers(store, actor=actor),
                         warehouses.list_warehouses(store, actor=actor),
                         purchasing.default_supplier(store, actor=actor),
                         custom_fields.definitions(store, "document", actor=actor)),
                self._fill, context=self)

    def _fill(self, found) -> None:
        suppliers, houses, default_supplier, fields = found
        self.custom.set_fields(fields)
        self.custom.setVisible(bool(fields))
        self.supplier.clear()
        self.supplier.addItem(self.tr("(choose a supplier)"), "")
        for code, name in suppliers:
            self.supplier.addItem(f"{code} · {name}", code)
        self.warehouse.clear()
        for w in houses:
            if not w["in_transit"]:
                self.warehouse.addItem(f"{w['code']} · {w['name']}", w["code"])
        house = next((w["code"] for w in houses if w.get("default")), "MAIN")
        self._defaults = [default_supplier, house]
        self.ready = True
        supplier, house = self._wanted or self._defaults
        self.set_supplier(supplier)
        self.set_warehouse(house)
        self.loaded.emit()

    def reset(self) -> None:
        """A new document: the store's default supplier and warehouse, no field values."""
        self._wanted = None
        self.set_custom({})
        if self.ready:
            self.set_supplier(self._defaults[0])
            self.set_warehouse(self._defaults[1])

    def set_custom(self, values: dict | None) -> None:
        """A document's stored `custom` values (kept until the fields arrive)."""
        self._custom = {k: str(v) for k, v in (values or {}).items()}
        self.custom.set_values(self._custom)

    def custom_values(self) -> dict[str, str]:
        """The filled-in document fields, for the document's `custom` object."""
        values = self.custom.values()
        if values is None:  # the fields have not arrived: what the document had
            values = self._custom
        return {k: v for k, v in values.items() if v}

    def custom_extra(self) -> dict:
        """What the document's head gains (`DocHeader.extra`): `custom`, when filled in."""
        values = self.custom_values()
        return {"custom": values} if values else {}

    def supplier_code(self) -> str:
        if self.ready:
            return self.supplier.currentData() or ""
        return (self._wanted or self._defaults)[0]

    def warehouse_code(self) -> str:
        if self.ready:
            return self.warehouse.currentData() or self._defaults[1]
        return (self._wanted or self._defaults)[1]

    def set_supplier(self, code: str) -> None:
        self._wanted = [code or "", self.warehouse_code()]
        self.supplier.setCurrentIndex(max(self.supplier.findData(code or ""), 0))

    def set_warehouse(self, code: str) -> None:
        code = code or self._defaults[1]
        self._wanted = [self.supplier_code(), code]
        index = self.warehouse.findData(code)
        if index >= 0:
            self.warehouse.setCurrentIndex(index)
