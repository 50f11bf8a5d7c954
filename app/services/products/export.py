"""The product list to Excel: every product of a list filter, with its custom field values.

The rows are read a page at a time through `list_products` (the list's own plans, so a
million-row catalog streams) and written by `excel.export.write_rows` (formula injection
neutralised). Headers are the import's Chinese column names, a custom field's column its
Chinese label, so an exported file can be edited and imported again. Costs only for the
roles that see them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from app.domain.money import format_money, format_quantity
from app.domain.permissions import check, sees_costs
from app.persistence.store import LocalStore
from app.services.custom_fields import definitions
from app.services.excel.export import write_rows
from app.services.records import Actor

from .listing import ProductFilter, ProductRow, list_products

COLUMNS = (("sku", "商品编码"), ("name", "商品名称"), ("spec", "规格"), ("barcode", "条码"),
           ("unit", "单位"), ("category", "分类"), ("brand", "品牌"), ("location", "货位"),
           ("retail_price", "零售价"), ("member_price", "会员价"), ("stock", "库存"),
           ("active", "在用"))
COST_COLUMNS = (("purchase_price", "进价"),)
PAGE = 2000


def export_products(store: LocalStore, actor: Actor, path: Path, f: ProductFilter, *,
                    progress: Callable[[int], None] | None = None) -> int:
    """Write the products of `f` to `path` (.xlsx); returns how many."""
    check(actor.role, "products.export.export_products")
    fields = definitions(store, "product", actor=actor)
    columns = COLUMNS + (COST_COLUMNS if sees_costs(actor.role) else ())
    titles = [title for _, title in columns] + [fd.label_zh for fd in fields]
    keys = [fd.key for fd in fields]

    def rows() -> Iterator[list]:
        for row in _all(store, actor, f):
            yield [_cell(row, key) for key, _ in columns] + [row.custom.get(k) for k in keys]

    return write_rows(Path(path), titles, rows(), sheet="商品 Products", progress=progress)


def _all(store: LocalStore, actor: Actor, f: ProductFilter) -> Iterator[ProductRow]:
    cursor = None
    while True:
        page = list_products(store, f, cursor, PAGE, actor=actor, budget_s=1.0)
        yield from page.rows
        if page.done or page.cursor is None:
            return
        cursor = page.cursor


def _cell(row: ProductRow, key: str):
    if key in ("retail_price", "member_price", "purchase_price"):
        fen = getattr(row, f"{key}_fen")
        return None if fen is None else format_money(fen)
    if key == "stock":
        return format_quantity(row.stock_milli) if row.stock_tracked else None
    if key == "active":
        return "是" if row.active else "否"
    return getattr(row, key) or None
