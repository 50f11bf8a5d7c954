"""Shared by the stock work services: finding a product by what a scanner reads, the
category tree, shelf locations, and the errors they raise."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.locations import like_pattern
from app.persistence.ledger import run


class UnknownCode(DomainError):
    code = "unknown_code"
    zh = "没有条码或编码为“{code}”的商品。"
    en = "No product has the barcode or SKU '{code}'."


class NothingToPost(DomainError):
    code = "nothing_to_post"
    zh = "{what_zh}没有任何行，请先添加商品。"
    en = "The {what_en} has no lines; add products first."


@dataclass(frozen=True)
class Item:
    product_id: int
    sku: str
    name: str
    unit: str
    category_id: int | None
    location: str | None = None


_ITEM = "p.id, p.sku, p.name, u.name, p.category_id, p.location"


def find_item(s: Session, code: str) -> Item | None:
    """The product of a barcode (first) or a SKU."""
    code = code.strip()
    row = run(s, f"SELECT {_ITEM} FROM product_barcodes b JOIN products p ON p.id = "
                 "b.product_id JOIN units u ON u.id = p.unit_id WHERE b.barcode = ?",
              (code,)).first()
    if row is None:
        row = run(s, f"SELECT {_ITEM} FROM products p JOIN units u ON u.id = p.unit_id "
                     "WHERE p.sku = ?", (code,)).first()
    return Item(*row) if row else None


def category_subtree(s: Session, code: str) -> set[int]:
    """The category of `code` and all below it (empty if there is no such category)."""
    rows = run(s, "SELECT id, parent_id, code FROM categories").all()
    top = next((cid for cid, _, c in rows if c == code), None)
    if top is None:
        return set()
    found, frontier = {top}, {top}
    while frontier:
        frontier = {cid for cid, parent, _ in rows if parent in frontier} - found
        found |= frontier
    return found


# products `p` at a location prefix: case-insensitive, served by the NOCASE index
AT_LOCATION = "p.location LIKE ? ESCAPE '\\'"


def any_at_location(s: Session, prefix: str) -> bool:
    """Whether some product's shelf location starts with `prefix`."""
    return run(s, f"SELECT 1 FROM products p WHERE {AT_LOCATION} LIMIT 1",
               (like_pattern(prefix),)).first() is not None


def warehouse_id(s: Session, code: str) -> int | None:
    return run(s, "SELECT w.id FROM warehouses w JOIN stores st ON st.id = w.store_id "
                  "WHERE st.is_local = 1 AND w.code = ? AND w.is_in_transit = 0",
               (code.upper(),)).scalar()


def lookup_item(store, actor, code: str) -> Item:
    """The product a scanner or a typed code names (stock screens); `UnknownCode` if none."""
    from app.domain.permissions import check
    from app.persistence.uow import UnitOfWork

    check(actor.role, "stock_work.common.lookup_item")
    with UnitOfWork(store.engine, write=False) as uow:
        item = find_item(uow.session, code)
    if item is None:
        raise UnknownCode(code=code.strip()[:40])
    return item
