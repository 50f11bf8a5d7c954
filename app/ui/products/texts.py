"""Shared words and formats of the Products section."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.money import format_money, format_quantity

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


def money(fen: int | None) -> str:
    return "" if fen is None else format_money(fen)


def quantity(milli: int) -> str:
    return format_quantity(milli)


def custom_cell(kind: str, value: str) -> str:
    """A custom value as a list shows it: yes/no in words, the rest as stored."""
    if kind == "bool" and value in ("0", "1"):
        return translate("ProductTexts", "Yes") if value == "1" else translate("ProductTexts", "No")
    return value


def stock_states() -> list[tuple[str, str]]:
    """(key, title) of the stock filter, the first meaning any stock."""
    return [("", translate("ProductTexts", "Any stock")),
            ("in_stock", translate("ProductTexts", "In stock")),
            ("low", translate("ProductTexts", "Low (below minimum)")),
            ("out", translate("ProductTexts", "Out of stock")),
            ("negative", translate("ProductTexts", "Negative"))]


def column_titles() -> dict[str, str]:
    return {"sku": translate("ProductTexts", "SKU"), "name": translate("ProductTexts", "Name"),
            "barcode": translate("ProductTexts", "Barcode"),
            "unit": translate("ProductTexts", "Unit"),
            "category": translate("ProductTexts", "Category"),
            "brand": translate("ProductTexts", "Brand"),
            "location": translate("ProductTexts", "Location"),
            "retail": translate("ProductTexts", "Retail price"),
            "stock": translate("ProductTexts", "Stock"),
            "purchase": translate("ProductTexts", "Purchase price"),
            "landed": translate("ProductTexts", "Landed cost")}
