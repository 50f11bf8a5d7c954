"""How documents are named on screen: types, statuses, order states, money."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.domain.money import format_money

translate = QCoreApplication.translate

TYPES = ("purchase_order", "purchase_receipt", "purchase_return", "sale", "customer_return",
         "transfer_out", "transfer_in", "transfer_settle", "write_off", "stocktake", "assembly",
         "disassembly", "opening_stock")
STATUSES = ("draft", "pending", "posted", "rejected")


def type_name(kind: str) -> str:
    names = {"purchase_order": translate("DocLabels", "Purchase order"),
             "purchase_receipt": translate("DocLabels", "Purchase receipt"),
             "purchase_return": translate("DocLabels", "Return to supplier"),
             "sale": translate("DocLabels", "Sale"),
             "customer_return": translate("DocLabels", "Customer return"),
             "transfer_out": translate("DocLabels", "Transfer out"),
             "transfer_in": translate("DocLabels", "Transfer in"),
             "transfer_settle": translate("DocLabels", "Transfer delivered"),
             "write_off": translate("DocLabels", "Write-off"),
             "stocktake": translate("DocLabels", "Stocktake"),
             "assembly": translate("DocLabels", "Assembly"),
             "disassembly": translate("DocLabels", "Disassembly"),
             "opening_stock": translate("DocLabels", "Opening stock")}
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {"draft": translate("DocLabels", "Draft"),
             "pending": translate("DocLabels", "Pending approval"),
             "posted": translate("DocLabels", "Posted"),
             "rejected": translate("DocLabels", "Rejected")}
    return names.get(status, status)


def order_state_name(state: str) -> str:
    names = {"open": translate("DocLabels", "Open"),
             "partial": translate("DocLabels", "Partly received"),
             "received": translate("DocLabels", "Received")}
    return names.get(state, state)


def money(fen: int | None) -> str:
    if fen is None:
        return ""
    return ("-¥" if fen < 0 else "¥") + format_money(abs(fen))


def day(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
