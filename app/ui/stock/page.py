"""The Stock section (库存): one tab per kind of stock work, each shown to the roles that may
do it, plus Excel import and export. Keys: F5 refreshes the tab, Ctrl+F searches the stock,
Ctrl+I opens the import dialog, Ctrl+E exports the tab's list."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.domain.permissions import is_allowed
from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.services.excel import KINDS
from app.services.warehouses import default_first, list_warehouses
from app.ui.errors import show_error
from app.ui.excel import ImportDialog
from app.ui.ops import OpsRunner
from app.ui.stock.lists_tab import LowStockTab, NearExpiryTab
from app.ui.stock.stock_tab import StockTab
from app.ui.stock.stocktake_tab import StocktakeTab
from app.ui.stock.transfers_tab import TransfersTab
from app.ui.stock.write_off_tab import WriteOffTab

IMPORT_COMMANDS = {"products": "excel.product_import.import_products",
                   "stock": "excel.stock_import.import_stock",
                   "prices": "excel.price_import.import_prices",
                   "receipts": "excel.receipt_import.import_receipts"}


class StockPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stock_page")
        self._store, self._ops, self._user = store, ops, user
        self.actor = user.actor
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stock_tabs")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.import_button = QPushButton(self.tr("Import from Excel… (Ctrl+I)"))
        self.import_button.clicked.connect(self.open_import)
        self.import_kinds = tuple(k for k in KINDS if is_allowed(user.role, IMPORT_COMMANDS[k]))
        self.import_button.setVisible(bool(self.import_kinds))
        self.export_button = QPushButton(self.tr("Export… (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_current)
        self.notice = QLabel(self.tr("Loading…"))
        top = QHBoxLayout()
        top.addWidget(self.notice, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.dialog: ImportDialog | None = None
        self._shown: set[int] = set()
        for key, slot in (("F5", self.refresh_current), ("Ctrl+F", self.find),
                          ("Ctrl+I", self.open_import), ("Ctrl+E", self.export_current)):
            QShortcut(QKeySequence(key), self, slot)
        store_, actor = store, self.actor
        ops.run(lambda: list_warehouses(store_, actor=actor), self._build,
                lambda exc: show_error(self, exc), context=self)

    def _build(self, warehouses: list[dict]) -> None:
        codes = default_first(warehouses)  # every warehouse chooser starts at the default
        args = (self._store, self._ops, self.actor)
        role = self._user.role
        plan = [
            ("stock", "stock_work.stock_list.stock_page", self.tr("Stock by batch"),
             lambda: StockTab(*args, codes)),
            ("transfers", "stock_work.transfers.send_transfer", self.tr("Transfers"),
             lambda: TransfersTab(*args, codes)),
            ("write_off", "stock_work.write_offs.write_off", self.tr("Write-offs"),
             lambda: WriteOffTab(*args, codes)),
            ("stocktake", "stock_work.stocktakes.start_stocktake", self.tr("Stocktake"),
             lambda: StocktakeTab(*args, codes)),
            ("near_expiry", "stock_work.expiry.near_expiry_list", self.tr("Near expiry"),
             lambda: NearExpiryTab(*args)),
            ("low_stock", "reports.alerts_stock.low_stock", self.tr("Low stock"),
             lambda: LowStockTab(*args)),
        ]
        self.pages: dict[str, QWidget] = {}
        for key, command, title, make in plan:
            if is_allowed(role, command):
                self.pages[key] = make()
                self.tabs.addTab(self.pages[key], title)
        self.notice.setText("" if self.pages else
                            self.tr("Your role has no stock work; ask a store manager."))
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index < 0 or index in self._shown:
            return
        self._shown.add(index)
        self.tabs.widget(index).refresh()

    def refresh_current(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is not None:
            widget.refresh()

    def find(self) -> None:
        if "stock" in getattr(self, "pages", {}):
            self.tabs.setCurrentWidget(self.pages["stock"])
            self.pages["stock"].focus_search()

    def export_current(self) -> None:
        widget = self.tabs.currentWidget()
        if hasattr(widget, "export"):
            widget.export()

    def open_import(self) -> None:
        if not self.import_kinds:
            return
        self.dialog = ImportDialog(self._store, self._ops, self._user, self.import_kinds, self)
        self.dialog.finished_import.connect(lambda _r: self._after_import())
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.open()

    def _after_import(self) -> None:
        if "stock" in self.pages:
            self.pages["stock"].refresh()
