"""How the sale screen writes money, quantities, payment methods and fonts."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from app.domain.money import format_money, format_quantity
from app.services.counter import CartLine

translate = QCoreApplication.translate


def money(fen: int) -> str:
    """¥12.50, -¥1.60 (the yuan sign is the same in both languages)."""
    return ("-¥" if fen < 0 else "¥") + format_money(abs(fen))


def quantity(line: CartLine) -> str:
    return format_quantity(line.qty_milli)


def method_title(method: str) -> str:
    titles = {"cash": translate("CounterTexts", "Cash"),
              "card": translate("CounterTexts", "Bank card"),
              "wechat": translate("CounterTexts", "WeChat Pay"),
              "alipay": translate("CounterTexts", "Alipay"),
              "stored_value": translate("CounterTexts", "Stored value"),
              "points": translate("CounterTexts", "Points")}
    return titles.get(method, method)


def scaled(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
    font.setBold(bold)
    return font
