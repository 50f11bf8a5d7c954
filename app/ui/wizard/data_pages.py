"""Products to start with (none, an Excel/CSV import, or demo data, with a progress bar)
and the last page, which says what was set up."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QRadioButton, QSpinBox,
                               QVBoxLayout, QWizardPage)

from app.services.catalog_import import import_products
from app.services.demo import populate_demo
from app.ui.translations import fill
from app.ui.wizard.base import Retranslated, WizardState, WorkPage, form_row

DEMO_SEED = 1


class Progress(QObject):
    """Emitted from the worker thread; Qt queues it to the page on the UI thread."""

    advanced = Signal(int)


class DataPage(WorkPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__(state)
        self.empty, self.import_file, self.demo = QRadioButton(), QRadioButton(), QRadioButton()
        self.empty.setChecked(True)
        group = QButtonGroup(self)
        box = QVBoxLayout(self)
        for button in (self.empty, self.import_file, self.demo):
            group.addButton(button)
        box.addWidget(self.empty)
        box.addWidget(self.import_file)
        box.addLayout(self._file_row())
        box.addWidget(self.demo)
        box.addLayout(self._demo_form())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        box.addStretch(1)
        self._progress = Progress(self)
        self._progress.advanced.connect(self._advance)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Products"))
        self.setSubTitle(self.tr("Start with your own product list, with demo data to try "
                                 "JXC out, or with nothing."))
        self.empty.setText(self.tr("Start &empty (add products later)"))
        self.import_file.setText(self.tr("&Import products from Excel or CSV"))
        self.demo.setText(self.tr("Fill with &demo data (for training, not for a real shop)"))
        self.path.setPlaceholderText(self.tr("columns: sku, name, barcode, unit, retail_price, "
                                             "category, costing, shelf_life_days"))
        self.browse.setText(self.tr("&Browse..."))
        self.demo_labels[0].setText(self.tr("Products:"))
        self.demo_labels[1].setText(self.tr("Days of sales history:"))

    def _file_row(self) -> QHBoxLayout:
        self.path = QLineEdit()
        browse = self.browse = QPushButton()
        browse.clicked.connect(self._choose_file)
        self.path.textEdited.connect(lambda _: self.import_file.setChecked(True))
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 8)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        return row

    def _demo_form(self) -> QFormLayout:
        self.products = QSpinBox()
        self.products.setRange(100, 100_000)
        self.products.setSingleStep(500)
        self.products.setValue(2000)
        self.days = QSpinBox()
        self.days.setRange(0, 60)
        self.days.setValue(0)
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)
        self.demo_labels = [form_row(form, self.products), form_row(form, self.days)]
        return form

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Product list"), "",
                                              self.tr("Excel or CSV (*.xlsx *.xlsm *.csv *.txt)"))
        if path:
            self.path.setText(path)
            self.import_file.setChecked(True)

    def _advance(self, n: int) -> None:
        self.progress.setValue(min(self.progress.value() + n, self.progress.maximum()))

    def check_inputs(self) -> bool:
        if self.import_file.isChecked() and not Path(self.path.text().strip()).is_file():
            return self.refuse(self.tr("Choose the product file to import."))
        return True

    def start_work(self) -> None:
        store, actor = self.state.store, self.state.user.actor
        if self.empty.isChecked():
            self.complete()
        elif self.import_file.isChecked():
            path = Path(self.path.text().strip())
            self._show_progress(0)  # no steps to count: a busy bar
            self.run(lambda: import_products(store, actor, path), self._imported)
        else:
            products, days = self.products.value(), self.days.value()
            self._show_progress(products + days)
            emit = self._progress.advanced.emit
            self.run(lambda: populate_demo(store, products=products, days=days, seed=DEMO_SEED,
                                           progress=emit, history_progress=emit),
                     self._demo_done)

    def _show_progress(self, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        for widget in (self.empty, self.import_file, self.demo, self.path, self.products,
                       self.days):
            widget.setEnabled(False)

    def failed(self, exc: Exception) -> None:
        super().failed(exc)
        self.progress.setVisible(False)
        for widget in (self.empty, self.import_file, self.demo, self.path, self.products,
                       self.days):
            widget.setEnabled(True)

    def _imported(self, result) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.state.done.append(fill(self.tr("Imported %1 products from %2 (%3 new, %4 "
                                            "updated)."), result.rows, result.file,
                                    result.created, result.updated))
        self.complete()

    def _demo_done(self, result) -> None:
        self.progress.setValue(self.progress.maximum())
        self.state.done.append(fill(self.tr("Demo data: %1 products, %2 suppliers, %3 "
                                            "members."), result.products, result.suppliers,
                                    result.customers))
        self.complete()


class DonePage(Retranslated, QWizardPage):
    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("JXC is set up. Press Finish, then sign in as admin."))

    def initializePage(self) -> None:
        lines = list(dict.fromkeys(self.state.done))  # a page visited twice says it once
        self.summary.setText("\n".join(f"✓ {line}" for line in lines))
