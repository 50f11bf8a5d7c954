"""The Purchasing section (采购): orders, receiving, returns to suppliers. See
docs/back-office.md, "Purchasing, documents and approvals"."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.persistence.store import LocalStore
from app.services.auth import SignedInUser
from app.ui.ops import OpsRunner
from app.ui.purchasing.orders_tab import OrdersTab
from app.ui.purchasing.receive_tab import ReceiveTab
from app.ui.purchasing.returns_tab import ReturnsTab


class PurchasingPage(QWidget):
    def __init__(self, store: LocalStore, ops: OpsRunner, user: SignedInUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purchasing_page")
        self.tabs = QTabWidget()
        self.orders = OrdersTab(store, ops, user)
        self.receiving = ReceiveTab(store, ops, user)
        self.returns = ReturnsTab(store, ops, user)
        self.tabs.addTab(self.orders, self.tr("&Orders"))
        self.tabs.addTab(self.receiving, self.tr("&Receiving"))
        self.tabs.addTab(self.returns, self.tr("Re&turns to supplier"))
        self.orders.receive_requested.connect(self.receive_order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

    def receive_order(self, number: str) -> None:
        self.tabs.setCurrentWidget(self.receiving)
        self.receiving.load_order(number)

    def return_to_supplier(self, body: dict, original: str) -> None:
        self.tabs.setCurrentWidget(self.returns)
        self.returns.prefill(body, original)
