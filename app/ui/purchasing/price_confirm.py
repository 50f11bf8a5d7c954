"""The price anomaly confirmation: a purchase price too far from the last one is posted only
after the user has looked at it and said it is right (recorded on the line as confirmed)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.services.purchasing import PriceWarning
from app.ui.documents.labels import money
from app.ui.translations import fill


class PriceConfirmDialog(QDialog):
    def __init__(self, parent: QWidget, warnings: list[PriceWarning], threshold: int) -> None:
        super().__init__(parent)
        self.setObjectName("price_confirm")
        self.setWindowTitle(self.tr("Check these purchase prices"))
        self.setMinimumWidth(620)
        self.warnings = warnings
        intro = QLabel(fill(self.tr(
            "These prices are more than %1% away from the last purchase price. Check them "
            "against the supplier's invoice. Confirm only if they are right: the confirmation "
            "is recorded on each line."), threshold))
        intro.setWordWrap(True)
        table = QTableWidget(len(warnings), 5)
        table.setObjectName("price_table")
        table.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Last price"),
                                         self.tr("This price"), self.tr("Change")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, w in enumerate(warnings):
            change = f"{w.change_bp / 100:+.1f}%"
            for column, text in enumerate((w.sku, w.name, money(w.last_fen), money(w.new_fen),
                                           change)):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        self.table = table
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(self.tr("Prices are right: &post"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(self.tr("&Go back and correct"),
                                 QDialogButtonBox.ButtonRole.RejectRole)
        back.setDefault(True)  # Enter does not confirm by accident
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
