"""The product editor: every master field on four pages, saved through the service.

Opening an existing product reads it on the ops worker; Save (Ctrl+S, or Enter in any
one-line field) sends the whole form; a refused form marks each wrong field in
red with its message, lists the messages under the pages and shows the first wrong page,
keeping everything typed. The "Custom fields" page shows the store's product fields, read
when the editor opens; their values are saved with the product in one transaction.
Barcodes are one per line (a scanner's Enter starts the next line); the first is primary.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QVBoxLayout,
                               QWidget)

from app.domain.permissions import is_allowed, sees_costs
from app.persistence.store import LocalStore
from app.services.custom_fields import definitions
from app.services.products import Choices, FormInvalid, ProductForm, load_product, save_product
from app.services.records import Actor
from app.ui.errors import show_error
from app.ui.ops import OpsRunner
from app.ui.products.custom_page import PREFIX, CustomFieldsPage
from app.ui.products.editor_parts import ImageBox, RecipeTable, mark
from app.ui.translations import current_language

COST_FIELDS = ("purchase_price", "freight", "packaging", "storage_rate")


class ProductEditor(QDialog):
    saved = Signal(object)  # SavedProduct

    def __init__(self, store: LocalStore, ops: OpsRunner, actor: Actor, found: Choices,
                 product_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("product_editor")
        self._store, self._ops, self._actor = store, ops, actor
        self.form = ProductForm()
        self.edits: dict[str, QLineEdit] = {}
        self._build(found)
        self.setWindowTitle(self.tr("New product") if product_id is None else self.tr("Product"))
        self.resize(720, 560)
        self._ops.run(lambda: definitions(store, "product", actor=actor), self._fields_read,
                      lambda exc: show_error(self, exc), context=self)
        if product_id is not None:
            self.setEnabled(False)
            self._ops.run(lambda: load_product(store, product_id, actor=actor), self.show_form,
                          lambda exc: self._load_failed(exc), context=self)
        else:
            self.show_form(ProductForm(unit_id=self.unit.currentData()))

    # -- building ----------------------------------------------------------------------------
    def _line(self, key: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"field_{key}")
        edit.setPlaceholderText(hint)
        edit.installEventFilter(self)
        self.edits[key] = edit
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()  # Enter in any line saves; in the barcodes it starts a new line
            return True
        return super().eventFilter(watched, event)

    def _combo(self, key: str, entries: list[tuple[str, object]], empty: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"field_{key}")
        if empty is not None:
            combo.addItem(empty, None)
        for title, value in entries:
            combo.addItem(title, value)
        return combo

    def _build(self, found: Choices) -> None:
        none = self.tr("(none)")
        self.unit = self._combo("unit", [(u.name, u.id) for u in found.units], None)
        self.category = self._combo("category", [(c.path, c.id) for c in found.categories], none)
        self.brand = self._combo("brand", [(b.name, b.id) for b in found.brands], none)
        self.supplier = self._combo("supplier", [(f"{s.code} {s.name}", s.id)
                                                 for s in found.suppliers], none)
        self.costing = self._combo("costing", [(self.tr("FIFO (first in, first out)"), "fifo"),
                                               (self.tr("Moving average"), "average")], None)
        self.barcodes = QPlainTextEdit()
        self.barcodes.setObjectName("field_barcodes")
        self.barcodes.setTabChangesFocus(True)
        self.barcodes.setPlaceholderText(self.tr("One barcode per line; the first is the "
                                                 "primary one"))
        self.barcodes.setFixedHeight(70)
        self.tracked = QCheckBox(self.tr("Stock is tracked (clear for a service item)"))
        self.active = QCheckBox(self.tr("Active (may be sold and bought)"))
        self.recipe = RecipeTable()
        self.image = ImageBox()
        self.pages = QTabWidget()
        self.pages.addTab(self._basics(), self.tr("Basics"))
        self.pages.addTab(self._prices(), self.tr("Prices and costs"))
        self.pages.addTab(self._stock(), self.tr("Stock"))
        self.pages.addTab(self.recipe, self.tr("Recipe"))
        self.pages.addTab(self.image, self.tr("Image"))
        self.custom = CustomFieldsPage(self)
        self.pages.addTab(self.custom, self.tr("Custom fields"))
        self.errors = QLabel()
        self.errors.setObjectName("editor_errors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.may_save = is_allowed(self._actor.role, "products.editing.save_product")
        self.save_button.setVisible(self.may_save)  # others read the product only
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.widgets = {**self.edits, "unit": self.unit, "category": self.category,
                        "brand": self.brand, "supplier": self.supplier, "costing": self.costing,
                        "barcodes": self.barcodes, "recipe": self.recipe.table,
                        "image": self.image.preview}
        self.page_of = {k: 0 for k in ("sku", "name", "spec", "barcodes", "unit", "category",
                                       "brand", "supplier", "tax_rate")}
        self.page_of.update({k: 1 for k in ("retail_price", "member_price", "wholesale_price",
                                            *COST_FIELDS)})
        self.page_of.update({k: 2 for k in ("location", "shelf_life_days", "min_stock",
                                            "max_stock", "costing")})
        self.page_of.update(recipe=3, image=4)
        self.custom_page = 5

    def _basics(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("SKU"), self._line("sku", self.tr("e.g. 6901234 or COLA-500")))
        form.addRow(self.tr("Name"), self._line("name"))
        form.addRow(self.tr("Specification"), self._line("spec", self.tr("e.g. 500ml")))
        form.addRow(self.tr("Barcodes"), self.barcodes)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Brand"), self.brand)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Tax rate (%)"), self._line("tax_rate", "13"))
        form.addRow("", self.active)
        return page

    def _prices(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("Retail price (yuan)"), self._line("retail_price", "0.00"))
        form.addRow(self.tr("Member price"), self._line("member_price",
                                                        self.tr("empty: the retail price")))
        form.addRow(self.tr("Wholesale price"), self._line("wholesale_price",
                                                           self.tr("empty: the retail price")))
        costs = [(self.tr("Purchase price"), "purchase_price"), (self.tr("Freight per unit"), "freight"),
                 (self.tr("Packaging per unit"), "packaging"),
                 (self.tr("Storage rate (% of cost)"), "storage_rate")]
        for title, key in costs:
            edit = self._line(key)
            if sees_costs(self._actor.role):
                form.addRow(title, edit)
            else:
                edit.hide()
        if not sees_costs(self._actor.role):
            form.addRow(QLabel(self.tr("Cost fields are shown only to roles that see costs.")))
        return page

    def _stock(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow("", self.tracked)
        form.addRow(self.tr("Shelf location"),
                    self._line("location", self.tr("e.g. A-03-2 (aisle-shelf-level)")))
        form.addRow(self.tr("Shelf life (days)"), self._line("shelf_life_days",
                                                            self.tr("empty: no expiry")))
        form.addRow(self.tr("Minimum stock"), self._line("min_stock", "0"))
        form.addRow(self.tr("Maximum stock"), self._line("max_stock", "0"))
        form.addRow(self.tr("Costing method"), self.costing)
        return page

    # -- data --------------------------------------------------------------------------------
    def _fields_read(self, defs) -> None:
        self.custom.set_fields(defs)

    def _load_failed(self, exc: Exception) -> None:
        show_error(self, exc)
        self.reject()

    def show_form(self, form: ProductForm) -> None:
        self.form = form
        self.setEnabled(True)
        for key, edit in self.edits.items():
            edit.setText(getattr(form, key))
        self.barcodes.setPlainText("\n".join(form.barcodes))
        for combo, value in ((self.unit, form.unit_id), (self.category, form.category_id),
                             (self.brand, form.brand_id), (self.supplier, form.supplier_id),
                             (self.costing, form.costing)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.tracked.setChecked(form.stock_tracked)
        self.active.setChecked(form.active)
        self.recipe.set_lines(form.recipe_yield, form.recipe)
        self.image.show_file(form.stored_image)
        self.custom.set_values(form.custom)
        self.pages.setCurrentIndex(0)
        self._focus_first()

    def _focus_first(self) -> None:
        self.edits["sku" if self.form.id is None else "name"].setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._focus_first()

    def collect(self) -> ProductForm:
        f = ProductForm(id=self.form.id)
        for key, edit in self.edits.items():
            setattr(f, key, edit.text())
        f.barcodes = [line.strip() for line in self.barcodes.toPlainText().splitlines()]
        f.unit_id, f.category_id = self.unit.currentData(), self.category.currentData()
        f.brand_id, f.supplier_id = self.brand.currentData(), self.supplier.currentData()
        f.costing = self.costing.currentData()
        f.stock_tracked, f.active = self.tracked.isChecked(), self.active.isChecked()
        f.recipe_yield, f.recipe = self.recipe.yield_edit.text(), self.recipe.lines()
        f.image_source, f.clear_image = self.image.chosen, self.image.cleared
        f.custom = self.custom.values()  # None until the definitions arrived: kept as stored
        return f  # only roles that see costs may save (products.editing.save_product)

    def save(self) -> None:
        if not self.isEnabled() or not self.may_save:
            return
        form = self.collect()
        store, actor = self._store, self._actor
        self.setEnabled(False)
        self._ops.run(lambda: save_product(store, actor, form), self._saved, self._refused,
                      context=self)

    def _saved(self, result) -> None:
        self.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.setEnabled(True)
        for widget in self.widgets.values():
            mark(widget, None)
        self.custom.mark_errors({})
        if not isinstance(exc, FormInvalid):
            self.errors.setText("")
            show_error(self, exc)
            return
        lang = current_language()
        for name in exc.fields:
            if name in self.widgets:
                mark(self.widgets[name], exc.field_message(name, lang))
        self.custom.mark_errors({n: exc.field_message(n, lang) for n in exc.fields})
        self.errors.setText("\n".join(exc.field_message(n, lang) for n in exc.fields))
        first = min(exc.fields, key=self._page_of)
        self.pages.setCurrentIndex(self._page_of(first))
        widget = self.widgets.get(first) or self.custom.widgets.get(first[len(PREFIX):])
        if widget is not None:
            widget.setFocus()

    def _page_of(self, name: str) -> int:
        return self.custom_page if name.startswith(PREFIX) else self.page_of.get(name, 0)
